import Foundation
public import Testing

/// Compares `lines` with the golden file `Snapshots/<name>.txt` beside the calling test file. With RECORD_SNAPSHOTS=1 the
/// file is (re)written and the test fails, so a recording never passes silently; a missing golden fails too.
public func assertGolden(
    _ lines: [String],
    named name: String,
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent("\(name).txt")
    let actual = lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try actual.write(to: file, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded golden file \(name).txt; run again without RECORD_SNAPSHOTS",
            sourceLocation: sourceLocation
        )
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record(
            "missing golden file \(file.path); record it with RECORD_SNAPSHOTS=1",
            sourceLocation: sourceLocation
        )
        return
    }
    #expect(actual == expected, "frame differs from \(name).txt", sourceLocation: sourceLocation)
}
