import DunCampaign
import DunCore
import Testing

/// Every construct YAML-lite rejects, with the exact position and a fragment of the message of the first diagnostic.
struct YAMLReaderRejectTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { self.name }
    }

    static let cases: [Case] = [
        Case(
            name: "anchor",
            text: "base: &base 1\n",
            line: 1,
            column: 7,
            message: "anchors are not supported in YAML-lite: found '&base'; write the value out in full"
        ),
        Case(
            name: "alias",
            text: "a: 1\nb: *base\n",
            line: 2,
            column: 4,
            message: "aliases are not supported in YAML-lite: found '*base'"
        ),
        Case(
            name: "core tag",
            text: "a: !!str 1\n",
            line: 1,
            column: 4,
            message: "tags are not supported in YAML-lite: found '!!str'"
        ),
        Case(
            name: "local tag",
            text: "a:\n  - !x 1\n",
            line: 2,
            column: 5,
            message: "tags are not supported in YAML-lite: found '!x'"
        ),
        Case(
            name: "anchor in a flow list",
            text: "a: [x, &y z]\n",
            line: 1,
            column: 8,
            message: "anchors are not supported"
        ),
        Case(
            name: "flow mapping",
            text: "a: {b: 1}\n",
            line: 1,
            column: 4,
            message: "flow mappings are not supported in YAML-lite: found '{b: 1}'"
        ),
        Case(
            name: "second document",
            text: "a: 1\n---\nb: 2\n",
            line: 2,
            column: 1,
            message: "multiple documents are not supported"
        ),
        Case(
            name: "second document start",
            text: "---\na: 1\n---\n",
            line: 3,
            column: 1,
            message: "multiple documents are not supported"
        ),
        Case(
            name: "document end",
            text: "a: 1\n...\n",
            line: 2,
            column: 1,
            message: "document end markers are not supported in YAML-lite: found '...'"
        ),
        Case(
            name: "content on document start",
            text: "--- a: 1\n",
            line: 1,
            column: 5,
            message: "content on the '---' line"
        ),
        Case(
            name: "directive",
            text: "%YAML 1.2\n---\na: 1\n",
            line: 1,
            column: 1,
            message: "directives are not supported in YAML-lite: found '%YAML 1.2'"
        ),
        Case(
            name: "duplicate key",
            text: "a: 1\nb: 2\na: 3\n",
            line: 3,
            column: 1,
            message: "duplicate key 'a': first defined on line 1"
        ),
        Case(
            name: "duplicate quoted key",
            text: "m:\n  'k': 1\n  k: 2\n",
            line: 3,
            column: 3,
            message: "duplicate key 'k': first defined on line 2"
        ),
        Case(
            name: "tab indentation",
            text: "a:\n\tb: 1\n",
            line: 2,
            column: 1,
            message: "tabs are not allowed in indentation"
        ),
        Case(
            name: "tab on a blank line",
            text: "a: 1\n  \t\nb: 2\n",
            line: 2,
            column: 3,
            message: "tabs are not allowed in indentation"
        ),
        Case(
            name: "tab after colon",
            text: "a:\tb\n",
            line: 1,
            column: 3,
            message: "tabs are only allowed inside quoted values"
        ),
        Case(
            name: "tab after value",
            text: "a: b\t\n",
            line: 1,
            column: 5,
            message: "tabs are only allowed inside quoted values"
        ),
        Case(
            name: "complex key",
            text: "? a\n: b\n",
            line: 1,
            column: 1,
            message: "complex keys are not supported in YAML-lite: found '? a'"
        ),
        Case(
            name: "merge key",
            text: "a:\n  <<: x\n",
            line: 2,
            column: 3,
            message: "merge keys are not supported in YAML-lite: found '<<'"
        ),
        Case(
            name: "deeper key",
            text: "a:\n    b: 1\n  c: 2\n",
            line: 3,
            column: 3,
            message: "inconsistent indentation: found 'c: 2' indented 2 spaces; expected 0"
        ),
        Case(
            name: "deeper list item",
            text: "-\n    - a\n  - b\n",
            line: 3,
            column: 3,
            message:
                "inconsistent indentation: found '- b' indented 2 spaces; expected 0 to continue the list that starts on line 1"
        ),
        Case(
            name: "key without colon space",
            text: "a: 1\nb:c\n",
            line: 2,
            column: 1,
            message:
                "expected 'key: value' to continue the mapping that starts on line 1, found 'b:c'; a key ends with ': '"
        ),
        Case(name: "line without key", text: "a: 1\ndescription\n", line: 2, column: 1, message: "found 'description'"),
        Case(
            name: "list item in a mapping",
            text: "a: x\n- b\n",
            line: 2,
            column: 1,
            message: "found the list item '- b'"
        ),
        Case(
            name: "text after a quoted value",
            text: "a: 'x' y\n",
            line: 1,
            column: 8,
            message: "unexpected text after the quoted value: found 'y'"
        ),
        Case(
            name: "comment glued to a quote",
            text: "a: \"x\"#c\n",
            line: 1,
            column: 7,
            message: "unexpected text after the quoted value"
        ),
        Case(
            name: "unterminated single quote",
            text: "a: 'x\nb: 2\n",
            line: 1,
            column: 4,
            message: "unterminated single-quoted value"
        ),
        Case(
            name: "unterminated double quote",
            text: "a: \"x\n",
            line: 1,
            column: 4,
            message: "unterminated double-quoted value"
        ),
        Case(name: "byte order mark", text: "\u{FEFF}a: 1\n", line: 1, column: 1, message: "byte order mark"),
        Case(name: "control character", text: "a: x\u{7}\n", line: 1, column: 5, message: "control character U+0007"),
        Case(
            name: "lone carriage return",
            text: "a: 1\rb: 2\n",
            line: 1,
            column: 5,
            message: "carriage return without a line feed"
        ),
        Case(name: "line separator", text: "a: 1\u{2028}\n", line: 1, column: 5, message: "line separator U+2028"),
        Case(name: "unknown escape", text: "a: \"x\\qy\"\n", line: 1, column: 6, message: "unknown escape '\\q'"),
        Case(
            name: "short unicode escape",
            text: "a: \"\\u12\"\n",
            line: 1,
            column: 5,
            message: "expected 4 hexadecimal digits"
        ),
        Case(
            name: "surrogate escape",
            text: "a: \"\\uD800\"\n",
            line: 1,
            column: 5,
            message: "invalid escape '\\uD800"
        ),
        Case(
            name: "nested flow list",
            text: "a: [b, [c]]\n",
            line: 1,
            column: 8,
            message: "nested flow collections are not supported"
        ),
        Case(
            name: "flow mapping in a flow list",
            text: "a: [{c: 1}]\n",
            line: 1,
            column: 5,
            message: "nested flow collections"
        ),
        Case(
            name: "unterminated flow list",
            text: "a: [b, c\n  d]\n",
            line: 1,
            column: 4,
            message: "unterminated flow list"
        ),
        Case(
            name: "mapping in a flow list",
            text: "a: [b: c]\n",
            line: 1,
            column: 6,
            message: "mappings are not supported inside flow lists"
        ),
        Case(
            name: "dash in a flow list",
            text: "a: [x, - y]\n",
            line: 1,
            column: 8,
            message: "a list item '- ' cannot appear inside a flow list"
        ),
        Case(name: "empty flow item", text: "a: [b,, c]\n", line: 1, column: 7, message: "expected a value before ','"),
        Case(
            name: "text after a flow list",
            text: "a: [x] y\n",
            line: 1,
            column: 8,
            message: "unexpected text after the flow list"
        ),
        Case(name: "flow list key", text: "[a]: b\n", line: 1, column: 1, message: "flow lists cannot be mapping keys"),
        Case(
            name: "list on the key line",
            text: "a: - b\n",
            line: 1,
            column: 4,
            message: "a list cannot start on the same line as its key"
        ),
        Case(
            name: "mapping on the key line",
            text: "a: b: c\n",
            line: 1,
            column: 4,
            message: "a mapping cannot start on the same line as its key"
        ),
        Case(
            name: "colon in a continuation",
            text: "a: 1\n  b: 2\n",
            line: 2,
            column: 4,
            message: "found ': ' in the continuation"
        ),
        Case(name: "bad block header", text: "a: |x\n  y\n", line: 1, column: 5, message: "after '|', found 'x'"),
        Case(
            name: "text on the block header line",
            text: "a: > text\n",
            line: 1,
            column: 6,
            message: "unexpected text after the block scalar indicator"
        ),
        Case(
            name: "over-indented leading empty line",
            text: "a: |\n    \n  x\n",
            line: 3,
            column: 3,
            message: "a leading empty line of a block scalar"
        ),
        Case(
            name: "top-level scalar",
            text: "just text\n",
            line: 1,
            column: 1,
            message: "expected a mapping ('key: value' lines) or a list"
        ),
        Case(
            name: "top-level list then key",
            text: "- a\nb: 1\n",
            line: 2,
            column: 1,
            message: "expected '- ' to continue the top-level list"
        ),
        Case(name: "missing key", text: ": b\n", line: 1, column: 1, message: "a mapping key is missing before ':'"),
        Case(
            name: "reserved indicator",
            text: "a: @x\n",
            line: 1,
            column: 4,
            message: "'@' cannot start a plain value"
        ),
        Case(
            name: "document marker in a quote",
            text: "a: 'x\n---\n  y'\n",
            line: 2,
            column: 1,
            message: "document marker '---' inside a quoted value"
        ),
        Case(
            name: "multi-line quoted key",
            text: "\"a\nb\": 1\n",
            line: 1,
            column: 1,
            message: "a key must fit on one line"
        ),
    ]

    @Test(arguments: Self.cases)
    func rejects(_ testCase: Case) throws {
        let error = try #require(throws: DiagnosticError.self) {
            try YAMLReader.read(testCase.text, path: "bad.yaml")
        }
        let first = try #require(error.diagnostics.first)
        #expect(first.location == SourceLocation(line: testCase.line, column: testCase.column), "\(first)")
        #expect(first.message.contains(testCase.message), "\(first)")
        #expect(first.path == "bad.yaml" && first.severity == .error)
    }

    @Test func collectsEveryDuplicateKey() throws {
        let text = "a:\n  b: 1\n  b: 2\n  c: 3\n  c: 4\n"
        let error = try #require(throws: DiagnosticError.self) { try YAMLReader.read(text, path: "bad.yaml") }
        #expect(error.diagnostics.map(\.location) == [.init(line: 3, column: 3), .init(line: 5, column: 3)])
        #expect(error.description.hasPrefix("bad.yaml:3:3: error: duplicate key 'b': first defined on line 2"))
    }

    @Test func collectsSeveralBadCharacters() throws {
        let error = try #require(throws: DiagnosticError.self) {
            try YAMLReader.read("a: \u{1}\nb: \u{2}\n", path: "bad.yaml")
        }
        #expect(error.diagnostics.map(\.location) == [.init(line: 1, column: 4), .init(line: 2, column: 4)])
    }

    @Test func rejectsInvalidUTF8() throws {
        let error = try #require(throws: DiagnosticError.self) {
            try YAMLReader.read(bytes: [0x61, 0x3A, 0x0A, 0x62, 0x3A, 0x20, 0xC3, 0xA9, 0xFF, 0x0A], path: "bad.yaml")
        }
        #expect(error.diagnostics.map(\.location) == [.init(line: 2, column: 5)])
        #expect(error.diagnostics.first?.message.contains("not valid UTF-8: found byte 0xFF") == true)
    }

    @Test func reportsUnreadableFile() throws {
        let error = try #require(throws: DiagnosticError.self) {
            try YAMLReader.read(fileAt: "/nonexistent/dun/campaign.yaml")
        }
        #expect(error.diagnostics.first?.message.hasPrefix("cannot read the file") == true)
    }
}
