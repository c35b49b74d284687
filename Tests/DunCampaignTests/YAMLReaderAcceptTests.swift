import DunCampaign
import DunCore
import Testing

/// Accepted YAML-lite constructs and the exact trees they read as.
struct YAMLReaderAcceptTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var expected: YAMLTree
        var testDescription: String { self.name }
    }

    static let cases: [Case] = [
        Case(name: "empty document", text: "", expected: .m([:])),
        Case(name: "only comments", text: "# a comment\n\n   # another\n", expected: .m([:])),
        Case(name: "leading document start", text: "# head\n---\n# c\nname: x\n", expected: .m(["name": "x"])),
        Case(
            name: "scalars stay strings",
            text: "a: no\nb: yes\nc: on\nd: null\ne: ~\nf: 9:00\ng: 0123\nh: 1e3\ni: true\nj: -5\nk: .5\n",
            expected: .m([
                "a": "no", "b": "yes", "c": "on", "d": "null", "e": "~", "f": "9:00", "g": "0123", "h": "1e3",
                "i": "true", "j": "-5", "k": ".5",
            ])
        ),
        Case(name: "empty values", text: "a:\nb: 1\nc:   # nothing\n", expected: .m(["a": "", "b": "1", "c": ""])),
        Case(
            name: "nested mappings",
            text: "a:\n  b:\n    c: d\n  e: f\ng: h\n",
            expected: .m(["a": .m(["b": .m(["c": "d"]), "e": "f"]), "g": "h"])
        ),
        Case(name: "top-level list", text: "- a\n- b\n", expected: ["a", "b"]),
        Case(
            name: "list at the key's indentation",
            text: "steps:\n- a\n- b\nnext: c\n",
            expected: .m(["steps": ["a", "b"], "next": "c"])
        ),
        Case(name: "indented list", text: "steps:\n  - a\n  - b\n", expected: .m(["steps": ["a", "b"]])),
        Case(
            name: "mappings in a list",
            text: "- name: a\n  wait: 2d\n- name: b\n  channels:\n  - sms\n  - email\n",
            expected: [.m(["name": "a", "wait": "2d"]), .m(["name": "b", "channels": ["sms", "email"]])]
        ),
        Case(name: "nested lists", text: "- - a\n  - b\n- c\n", expected: [["a", "b"], "c"]),
        Case(name: "empty items", text: "-\n  a: 1\n-\n- # c\n", expected: [.m(["a": "1"]), "", ""]),
        Case(
            name: "multi-line plain",
            text: "a: one\n  two\n\n  three\nb: x\n",
            expected: .m(["a": "one two\nthree", "b": "x"])
        ),
        Case(name: "multi-line plain item", text: "- one\n  two\n- three\n", expected: ["one two", "three"]),
        Case(
            name: "plain punctuation",
            text: "a: x  y, z # comment\nb: http://x.y/z?a=1#frag\nc: a#b\nd: :x\ne: it's\nf: say \"hi\"\n",
            expected: .m([
                "a": "x  y, z", "b": "http://x.y/z?a=1#frag", "c": "a#b", "d": ":x", "e": "it's", "f": "say \"hi\"",
            ])
        ),
        Case(
            name: "single quotes",
            text: "a: 'it''s # not a comment'\nb: ''\nc: '  pad  '\nd: 'x\\ny'\n",
            expected: .m(["a": "it's # not a comment", "b": "", "c": "  pad  ", "d": "x\\ny"])
        ),
        Case(
            name: "double-quote escapes",
            text: #"a: "tab\there \"q\" \\ \u00e9 \x41 \U0001F600 \/ \0end""# + "\n",
            expected: .m(["a": "tab\there \"q\" \\ é A 😀 / \u{0}end"])
        ),
        Case(
            name: "multi-line quotes",
            text: "a: 'one\n  two\n\n  three'\nb: \"x \\\n  y\"\n",
            expected: .m(["a": "one two\nthree", "b": "x y"])
        ),
        Case(
            name: "quoted keys",
            text: "'a b': 1\n\"c\\td\": 2\n'9:00' : 3\n",
            expected: .m(["a b": "1", "c\td": "2", "9:00": "3"])
        ),
        Case(
            name: "literal block",
            text: "t: |\n  Hi {first_name},\n    indented\n\n  end\nn: 1\n",
            expected: .m(["t": "Hi {first_name},\n  indented\n\nend\n", "n": "1"])
        ),
        Case(
            name: "chomping",
            text: "a: |-\n  x\n\nb: |+\n  y\n\n\nc: |\n  z\n\n\nd: 1\n",
            expected: .m(["a": "x", "b": "y\n\n\n", "c": "z\n", "d": "1"])
        ),
        Case(
            name: "folded block",
            text: "a: >\n  one\n  two\n\n  three\n    more\n  four\nb: >-\n  x\n  y\n",
            expected: .m(["a": "one two\nthree\n  more\nfour\n", "b": "x y"])
        ),
        Case(name: "indentation indicator", text: "a: |2\n    x\n  y\n", expected: .m(["a": "  x\ny\n"])),
        Case(name: "block scalars in a list", text: "- |\n  a\n- >\n  b\n  c\n", expected: ["a\n", "b c\n"]),
        Case(name: "empty block scalar", text: "a: |\nb: >-\n", expected: .m(["a": "", "b": ""])),
        Case(
            name: "flow lists",
            text: "a: [x, 'y z', \"w\", 9:00]\nb: []\nc: [a b , c,]\nd: [ -1, x:y ]\n",
            expected: .m(["a": ["x", "y z", "w", "9:00"], "b": [], "c": ["a b", "c"], "d": ["-1", "x:y"]])
        ),
        Case(
            name: "comments everywhere",
            text: "# head\na: 1 # c\n# mid\n  # indented\nb:  # c\n  - x # c\n  # c\n  - 'y' # c\nc: [z] # c\n",
            expected: .m(["a": "1", "b": ["x", "y"], "c": ["z"]])
        ),
        Case(name: "CRLF line ends", text: "a: 1\r\nb: |\r\n  x\r\n", expected: .m(["a": "1", "b": "x\n"])),
        Case(
            name: "list under a key in a list item",
            text: "- a:\n  - 1\n  b: 2\n",
            expected: [.m(["a": ["1"], "b": "2"])]
        ),
        Case(
            name: "unicode",
            text: "name: Café ☕\n'ключ': значение\n",
            expected: .m(["name": "Café ☕", "ключ": "значение"])
        ),
        Case(name: "key with spaces", text: "send window: 9:00-17:00\n", expected: .m(["send window": "9:00-17:00"])),
        Case(name: "indented root", text: "  a: 1\n  b: 2\n", expected: .m(["a": "1", "b": "2"])),
        Case(name: "no final line feed", text: "a: 1\nb: |\n  x", expected: .m(["a": "1", "b": "x"])),
        Case(name: "kept block at the end", text: "a: |+\n  x\n\n  y", expected: .m(["a": "x\n\ny"])),
        Case(
            name: "tabs inside text",
            text: "a: \"x\ty\"\nb: |\n  \tz\n# \tc\n",
            expected: .m(["a": "x\ty", "b": "\tz\n"])
        ),
    ]

    @Test(arguments: Self.cases)
    func readsTree(_ testCase: Case) throws {
        let node = try YAMLReader.read(testCase.text, path: "t.yaml")
        #expect(YAMLTree(node) == testCase.expected)
    }

    @Test func recordsStylesAndLocations() throws {
        let text = "a: 'q'\nb:\n  - |\n    x\n  - [p, \"r\"]\nc: >\n  y\n"
        let node = try YAMLReader.read(text, path: "t.yaml")
        guard case .mapping(let root) = node else {
            Issue.record("expected a mapping")
            return
        }
        #expect(root.location == SourceLocation(line: 1, column: 1))
        #expect(
            root.entries.map(\.key.location) == [
                .init(line: 1, column: 1), .init(line: 2, column: 1), .init(line: 6, column: 1),
            ]
        )
        guard case .scalar(let quoted)? = root["a"], case .sequence(let list)? = root["b"],
            case .scalar(let folded)? = root["c"]
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(quoted.style == .singleQuoted && quoted.location == SourceLocation(line: 1, column: 4))
        #expect(list.location == SourceLocation(line: 3, column: 3) && !list.isFlow)
        #expect(folded.style == .folded && folded.location == SourceLocation(line: 6, column: 4))
        guard case .scalar(let literal) = list.items[0], case .sequence(let flow) = list.items[1] else {
            Issue.record("unexpected items")
            return
        }
        #expect(literal.style == .literal && literal.location == SourceLocation(line: 3, column: 5))
        #expect(flow.isFlow && flow.location == SourceLocation(line: 5, column: 5))
        #expect(flow.items.map(\.location) == [.init(line: 5, column: 6), .init(line: 5, column: 9)])
    }

    @Test func emptyValueIsEmptyPlainScalar() throws {
        guard case .mapping(let root) = try YAMLReader.read("key:\n", path: "t.yaml"),
            case .scalar(let value)? = root["key"]
        else {
            Issue.record("expected key with a scalar")
            return
        }
        #expect(value.isEmptyPlain)
    }

    @Test func readsBytes() throws {
        let node = try YAMLReader.read(bytes: Array("a: é\n".utf8), path: "t.yaml")
        #expect(YAMLTree(node) == .m(["a": "é"]))
    }
}
