/// The text of every diagnostic the YAML-lite reader produces: what was found, quoted, and what was expected.
enum YAMLMessage {
    static let loneCarriageReturn =
        "carriage return without a line feed is not allowed in YAML-lite; end lines with LF or CRLF"
    static let byteOrderMark =
        "a byte order mark (U+FEFF) is not allowed in YAML-lite; save the file as UTF-8 without a BOM"

    static func unicodeLineBreak(_ scalar: Unicode.Scalar) -> String {
        "line separator \(self.codePoint(scalar)) is not allowed in YAML-lite; end lines with LF"
    }

    static func controlCharacter(_ scalar: Unicode.Scalar) -> String {
        "control character \(self.codePoint(scalar)) is not allowed in YAML-lite; remove it, or write it as an "
            + "escape in a double-quoted value"
    }

    static func invalidUTF8(_ byte: UInt8) -> String {
        "the file is not valid UTF-8: found byte 0x\(String(byte, radix: 16, uppercase: true)); save it as UTF-8"
    }

    static let tabInIndentation = "tabs are not allowed in indentation: found a tab; indent with spaces"
    static let tabOutsideText =
        "tabs are only allowed inside quoted values, block scalars and comments: found a tab; use spaces"

    static func anchor(_ token: String) -> String {
        "anchors are not supported in YAML-lite: found '\(token)'; write the value out in full"
    }

    static func alias(_ token: String) -> String {
        "aliases are not supported in YAML-lite: found '\(token)'; write the value out in full"
    }

    static func tag(_ token: String) -> String {
        "tags are not supported in YAML-lite: found '\(token)'; every value is read as text, remove the tag"
    }

    static func flowMapping(_ text: String) -> String {
        "flow mappings are not supported in YAML-lite: found '\(text)'; write the mapping as indented "
            + "'key: value' lines"
    }

    static let multipleDocuments =
        "multiple documents are not supported in YAML-lite: found '---' after content; a file holds one document"
    static let documentEnd = "document end markers are not supported in YAML-lite: found '...'; remove it"
    static let contentOnDocumentStart =
        "content on the '---' line is not supported in YAML-lite; start the document on the next line"

    static func directive(_ text: String) -> String {
        "directives are not supported in YAML-lite: found '\(text)'; remove the line"
    }

    static func duplicateKey(_ key: String, firstLine: Int) -> String {
        "duplicate key '\(key)': first defined on line \(firstLine); each key may appear only once in a mapping"
    }

    static func complexKey(_ text: String) -> String {
        "complex keys are not supported in YAML-lite: found '\(text)'; write 'key: value' with a plain or "
            + "quoted key"
    }

    static let mergeKey = "merge keys are not supported in YAML-lite: found '<<'; write the entries out in full"

    static func missingKey(_ text: String) -> String {
        "a mapping key is missing before ':': found '\(text)'; write 'key: value'"
    }

    static func inconsistentIndentation(_ text: String, found: Int, expected: Int, kind: String, line: Int) -> String {
        "inconsistent indentation: found '\(text)' indented \(found) spaces; expected \(expected) to continue "
            + "the \(kind) that starts on line \(line)" + (expected > 0 ? ", or less to end it" : "")
    }

    static func keyWithoutColon(_ text: String, mappingLine: Int) -> String {
        var message =
            "expected 'key: value' to continue the mapping that starts on line \(mappingLine), found '\(text)'"
        if text.contains(":") {
            message += "; a key ends with ': ' (a colon and a space)"
        }
        return message
    }

    static func listItemInMapping(_ text: String, mappingLine: Int) -> String {
        "expected 'key: value' to continue the mapping that starts on line \(mappingLine), found the list item "
            + "'\(text)'; indent the list under its key"
    }

    static func listOnKeyLine(_ text: String) -> String {
        "a list cannot start on the same line as its key: found '\(text)'; put each '- item' on its own line "
            + "below the key"
    }

    static func mappingOnKeyLine(_ text: String) -> String {
        "a mapping cannot start on the same line as its key: found '\(text)'; put nested 'key: value' lines "
            + "below the key, indented, or quote the value"
    }

    static func colonInContinuation(_ text: String) -> String {
        "found ': ' in the continuation of a multi-line plain value: '\(text)'; quote the value, or leave the "
            + "key's line empty to nest a mapping"
    }

    static func trailingContent(_ text: String, after what: String) -> String {
        "unexpected text after \(what): found '\(text)'; expected the end of the line or a comment"
    }

    static func unterminatedQuote(double: Bool) -> String {
        let quote = double ? "\"" : "'"
        return "unterminated \(double ? "double" : "single")-quoted value: no closing \(quote) for the quote "
            + "opened here"
    }

    static func unterminatedQuoteInFlowList(double: Bool) -> String {
        "unterminated quoted value in a flow list: expected a closing \(double ? "\"" : "'") on the same line"
    }

    static func quoteSpansDocumentMarker(_ text: String) -> String {
        "found the document marker '\(text)' inside a quoted value; indent the continuation line"
    }

    static func unknownEscape(_ text: String) -> String {
        "unknown escape '\(text)' in a double-quoted value; expected one of \\\\ \\\" \\/ \\n \\t \\r \\0 \\a "
            + "\\b \\e \\f \\v \\N \\_ \\L \\P, \\xXX, \\uXXXX or \\UXXXXXXXX (or write '\\\\' for a backslash)"
    }

    static func badHexEscape(_ text: String, digits: Int) -> String {
        "invalid escape '\(text)' in a double-quoted value: expected \(digits) hexadecimal digits naming a "
            + "Unicode scalar"
    }

    static func nestedFlow(_ text: String) -> String {
        "nested flow collections are not supported in YAML-lite: found '\(text)' inside a flow list; use an "
            + "indented block list"
    }

    static let unterminatedFlowList =
        "unterminated flow list: expected ']' on the same line; a flow list '[a, b]' must fit on one line"

    static func flowListSeparator(_ text: String) -> String {
        "expected ',' or ']' in the flow list, found '\(text)'"
    }

    static func emptyFlowItem(_ text: String) -> String {
        "expected a value before ',' in the flow list, found '\(text)'"
    }

    static func dashInFlowList(_ text: String) -> String {
        "a list item '- ' cannot appear inside a flow list: found '\(text)'; quote a lone '-' as '\'-\''"
    }

    static func mappingInFlowList(_ text: String) -> String {
        "mappings are not supported inside flow lists: found '\(text)'; quote the value or use a block list"
    }

    static func flowListKey(_ text: String) -> String {
        "flow lists cannot be mapping keys: found '\(text)'; use a plain or quoted key"
    }

    static func quotedKeySpansLines(_ text: String) -> String {
        "a key must fit on one line: the quoted key '\(text)' continues on the next line"
    }

    static func cannotStartValue(_ text: String, character: Unicode.Scalar) -> String {
        "'\(character)' cannot start a plain value: found '\(text)'; quote the value"
    }

    static func blockScalarInFlowList(_ text: String) -> String {
        "block scalars are not allowed inside flow lists: found '\(text)'; quote the value"
    }

    static func blockScalarHeader(_ indicator: Unicode.Scalar, found text: String) -> String {
        "expected a chomping indicator (+ or -), an indentation indicator (1-9) or a comment after '\(indicator)', "
            + "found '\(text)'; the text of a block scalar starts on the next line, indented"
    }

    static func blockScalarLeadingLine(spaces: Int, textIndent: Int) -> String {
        "a leading empty line of a block scalar has \(spaces) spaces, more than its first text line (\(textIndent)); "
            + "remove the spaces or use an indentation indicator"
    }

    static func topLevelScalar(_ text: String) -> String {
        var message =
            "expected a mapping ('key: value' lines) or a list ('- item' lines) at the top level, found '\(text)'"
        if text.contains(":") {
            message += "; a key ends with ': ' (a colon and a space)"
        }
        return message
    }

    static func topLevelListContinuation(_ text: String, line: Int) -> String {
        "expected '- ' to continue the top-level list that starts on line \(line), found '\(text)'"
    }

    static func tooDeep(_ limit: Int) -> String {
        "nesting deeper than \(limit) levels is not supported in YAML-lite; flatten the document"
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
