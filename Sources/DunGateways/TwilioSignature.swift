/// Twilio's request signature (`X-Twilio-Signature`): HMAC-SHA1, keyed by the account's auth token, of the
/// full request URL followed by every POST parameter sorted by name, each as name then value with no
/// separators; base64-encoded.
///
/// The webhook server validates with it; gateway-sim signs its callbacks with it, as Twilio does.
/// Parameters with the same name are sorted by value too (Twilio's helper libraries do this for repeated keys).
public struct TwilioSignature: Sendable {
    /// The account auth token, the HMAC key. Never logged.
    private let authToken: String

    /// Creates a signer/validator for one account's auth token.
    public init(authToken: String) {
        self.authToken = authToken
    }

    /// The base64 signature for a request to `url` with form parameters `parameters`.
    ///
    /// - Parameters:
    ///   - url: the full URL as the gateway called it (scheme, host, port, path and query).
    ///   - parameters: the decoded form parameters of a POST body, in any order; empty for a GET.
    /// - Returns: the value for the `X-Twilio-Signature` header.
    public func signature(url: String, parameters: [(String, String)]) -> String {
        let sorted = parameters.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var data = Array(url.utf8)
        for (name, value) in sorted {
            data.append(contentsOf: name.utf8)
            data.append(contentsOf: value.utf8)
        }
        return Base64.encode(SHA1.hmac(key: Array(self.authToken.utf8), message: data))
    }

    /// Whether `signature` (the header's value; `nil` when absent) is the signature of this request.
    ///
    /// Compares in time independent of where the strings first differ.
    public func isValid(signature: String?, url: String, parameters: [(String, String)]) -> Bool {
        guard let signature, !signature.isEmpty else { return false }
        let expected = Array(self.signature(url: url, parameters: parameters).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices {
            difference |= expected[index] ^ given[index]
        }
        return difference == 0
    }
}
