import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Compares `actual` with `Snapshots/<name>` next to this file. With `RECORD_SNAPSHOTS=1` the file is
/// (re)written and the check fails, so a recording is never mistaken for a pass; a missing file fails too.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Snapshots")
    let file = directory.appending(path: name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: file)
        Issue.record("recorded snapshot \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    guard let data = try? Data(contentsOf: file) else {
        Issue.record("missing snapshot \(name); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    #expect(String(decoding: data, as: UTF8.self) == actual, sourceLocation: sourceLocation)
}
