public import DunCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads campaign files: YAML-lite, then the schema, then validation and template lint.
///
/// ```swift
/// let result = CampaignLoader.load(file: "campaigns/hybrid.yaml")
/// for diagnostic in result.diagnostics { print(diagnostic) }  // path:line:col: severity: message
/// guard let campaign = result.campaign else { exit(1) }
/// ```
public enum CampaignLoader {
    /// Decodes and validates an already-read YAML tree.
    ///
    /// - Parameters:
    ///   - root: The document's root node.
    ///   - path: The file's path, used in diagnostics.
    ///   - text: The file's text, so that template lint can point at the offending word.
    /// - Returns: The campaign (nil on any error) and every diagnostic, sorted.
    public static func decode(_ root: YAMLNode, path: String, text: String? = nil) -> CampaignLoadResult {
        var decoder = CampaignDecoder(path: path)
        let campaign = decoder.decode(root)
        var sink = decoder.sink
        CampaignValidator.validate(campaign, map: decoder.map, source: text.map(SourceText.init), sink: &sink)
        return CampaignLoadResult(
            campaign: sink.hasErrors ? nil : campaign,
            diagnostics: sink.diagnostics.sorted(),
            sourceMap: decoder.map
        )
    }

    /// Reads, decodes and validates campaign text.
    public static func load(text: String, path: String) -> CampaignLoadResult {
        do {
            let root = try YAMLReader.read(text, path: path)
            return Self.decode(root, path: path, text: text)
        } catch {
            return CampaignLoadResult(
                campaign: nil,
                diagnostics: error.diagnostics.sorted(),
                sourceMap: CampaignSourceMap()
            )
        }
    }

    /// Reads, decodes and validates the campaign file at `path`. An unreadable file is one error at 1:1.
    public static func load(file path: String) -> CampaignLoadResult {
        switch SourceFile.read(path) {
        case .success(let text):
            return Self.load(text: text, path: path)
        case .failure(let error):
            return CampaignLoadResult(campaign: nil, diagnostics: error.diagnostics, sourceMap: CampaignSourceMap())
        }
    }

    /// The campaign at `path`, for commands that need a usable campaign (plan, simulate, run).
    ///
    /// - Throws: `DiagnosticError` with every diagnostic when the file has any error.
    public static func campaign(file path: String) throws(DiagnosticError) -> Campaign {
        let result = Self.load(file: path)
        guard let campaign = result.campaign else { throw DiagnosticError(result.diagnostics) }
        return campaign
    }
}
