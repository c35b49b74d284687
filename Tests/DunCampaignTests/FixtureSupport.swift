import DunCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Paths and expectations of the test fixtures and bundled campaigns.
enum FixtureSupport {
    /// The repository root, found from this file's path.
    static let repositoryRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/DunCampaignTests/FixtureSupport.swift
        return parts.joined(separator: "/")
    }()

    static let brokenDirectory = repositoryRoot + "/Tests/DunCampaignTests/Fixtures/broken"
    static let campaignsDirectory = repositoryRoot + "/campaigns"

    /// The `.yaml` files in `directory`, sorted by name.
    static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory + "/" + $0 }
    }

    /// The text of the file at `path` (empty when unreadable; the test then fails on its expectations).
    static func text(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// One `# expect: LINE:COL: SEVERITY: MESSAGE-FRAGMENT` line.
    struct Expectation: CustomStringConvertible {
        var line: Int
        var column: Int
        var severity: Diagnostic.Severity
        var fragment: String

        var description: String { "\(self.line):\(self.column): \(self.severity.rawValue): \(self.fragment)" }

        func matches(_ diagnostic: Diagnostic) -> Bool {
            diagnostic.location.line == self.line && diagnostic.location.column == self.column
                && diagnostic.severity == self.severity && diagnostic.message.contains(self.fragment)
        }
    }

    /// The expectations at the top of a fixture; nil entries are malformed expectation lines.
    static func expectations(in text: String) -> [Expectation?] {
        var expectations: [Expectation?] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("# expect: ") else { break }
            let parts = line.dropFirst("# expect: ".count).split(separator: ":", maxSplits: 3)
            guard parts.count == 4, let row = Int(parts[0]), let column = Int(parts[1]),
                let severity = Diagnostic.Severity(rawValue: String(parts[2].drop { $0 == " " }))
            else {
                expectations.append(nil)
                continue
            }
            var fragment = String(parts[3].dropFirst())
            if fragment.hasSuffix(" …") { fragment.removeLast(2) }
            expectations.append(Expectation(line: row, column: column, severity: severity, fragment: fragment))
        }
        return expectations
    }
}
