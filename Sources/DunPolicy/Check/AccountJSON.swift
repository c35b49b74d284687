public import DunCore

/// Reads one account in the JSON shape of `dun policy check`'s `"account"` object (docs/policy-check.md), for
/// commands that take an account file (`dun plan --account FILE`).
public enum AccountJSON {
    /// Parses `text`: either the account object itself or a whole `dun policy check` document (its
    /// `"account"` member is used).
    ///
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - path: The file's path, for diagnostics.
    /// - Returns: The account.
    /// - Throws: A `Diagnostic` at the offending line and column.
    public static func read(_ text: String, path: String) throws(Diagnostic) -> Account {
        let root = try JSONNode.parse(text, path: path)
        if case .object(let members) = root.value, let account = members.first(where: { $0.key == "account" }) {
            return try PolicyCheckInput.readAccount(account.value, path: path)
        }
        return try PolicyCheckInput.readAccount(root, path: path)
    }
}
