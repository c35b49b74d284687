import DunCore
import DunPolicy
import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every `Fixtures/NAME.json` is a `dun policy check` document; its verdicts must equal `NAME.expected.json`
/// byte for byte (RECORD_SNAPSHOTS=1 writes them; a missing expected file fails).
struct PolicyCheckFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures"
    )

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") }
            .map { String($0.dropLast(5)) }.sorted()
    }

    @Test(arguments: Self.names)
    func fixture(_ name: String) throws {
        let input = Self.directory.appendingPathComponent("\(name).json")
        let expectedURL = Self.directory.appendingPathComponent("\(name).expected.json")
        let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
        let check = try PolicyCheck.run(json: text, path: "\(name).json")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Data(check.json.utf8).write(to: expectedURL)
        }
        let expected = try #require(
            try? Data(contentsOf: expectedURL),
            "missing \(name).expected.json (record with RECORD_SNAPSHOTS=1)"
        )
        #expect(check.json == String(decoding: expected, as: UTF8.self))
    }

    @Test func fixturesExist() {
        #expect(Self.names.count >= 20)
    }

    /// Bad input names the line and column and says what was expected.
    @Test func diagnostics() {
        func message(_ text: String) -> String {
            do {
                _ = try PolicyCheck.run(json: text, path: "in.json")
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(
            message("{\"account\": {\"phones\": [{\"number\": 5}]}}")
                == "in.json:1:36: error: expected \"number\" to be a string, found a number"
        )
        #expect(
            message("{\"account\": {\n \"id\": \"x\",,\n}}") == "in.json:2:12: error: expected a quoted key, found ','"
        )
        #expect(message("{\"acount\": {}}").hasPrefix("in.json:1:2: error: unknown key \"acount\" in the document"))
        #expect(message("{}") == "in.json:1:1: error: missing required key \"account\" in the document")
        #expect(
            message(
                "{\"account\": {}, \"proposed\": [{\"at\": \"2020-01-01T10:00:00\", \"channel\": \"sms\", \"to\": \"x\"}]}"
            )
            .hasPrefix("in.json:1:37: error: expected \"at\" to be an ISO-8601 timestamp with an offset")
        )
        #expect(
            message(
                "{\"account\": {\"phones\": [{\"number\": \"+1\"}]}, \"proposed\": [{\"at\": \"2020-01-01T10:00:00Z\", \"channel\": \"sms\", \"to\": \"+2\"}]}"
            )
            .contains("\"to\" must be one of the account's phone numbers")
        )
        #expect(message("[1, 2") == "in.json:1:6: error: expected ',' or ']' in the array, found end of input")
    }
}
