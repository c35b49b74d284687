import DunCampaign
public import DunCore

/// The gateway file of `dun run --gateway FILE` (YAML-lite): where the gateways and the webhook server are,
/// and the *names* of the environment variables that hold credentials. Credentials never live in the file.
///
/// ```yaml
/// twilio:
///   base_url: http://127.0.0.1:8090      # https://api.twilio.com for Twilio itself
///   account_sid: ACsandbox
///   auth_token_env: DUN_TWILIO_TOKEN     # the token is read from this variable
///   from: "+15005550006"
///   timeout_ms: 5000
///   sms_per_second: 100                 # optional: the account's sending rate (a capacity pool)
///   calls_per_second: 1                 # optional
/// smtp:
///   url: smtp://127.0.0.1:2525
///   from: billing@example.com
///   user_env: DUN_SMTP_USER              # optional
///   password_env: DUN_SMTP_PASSWORD      # optional
/// webhooks:
///   listen: 127.0.0.1
///   port: 8081
///   public_url: http://127.0.0.1:8081    # what the gateway calls (a proxy's URL in production)
/// values:                                # template values the accounts do not supply
///   company: Acme Recovery LLC
/// ```
public struct GatewayFile: Sendable {
    /// The Twilio-compatible API (SMS and calls).
    public struct Twilio: Sendable {
        public var baseURL: String
        public var accountSID: String
        public var authToken: String
        public var fromNumber: String
        public var timeoutMilliseconds: Int
        /// The account's sending rate for SMS (messages per second), nil for no limit.
        public var smsPerSecond: Int?
        /// The account's rate for placing calls (calls per second), nil for no limit.
        public var callsPerSecond: Int?
    }

    /// The SMTP submission server (email).
    public struct SMTP: Sendable {
        public var url: String
        public var fromAddress: String
        public var credentials: (user: String, password: String)?
        public var timeoutMilliseconds: Int
    }

    /// The webhook server.
    public struct Webhooks: Sendable {
        public var host: String
        public var port: Int
        public var publicURL: String?
    }

    public var twilio: Twilio?
    public var smtp: SMTP?
    public var webhooks: Webhooks?
    public var values: [String: String]

    /// Reads and checks a gateway file; environment variables are read through `environment`.
    ///
    /// - Throws: `DiagnosticError` with `path:line:col` diagnostics (unknown keys, missing fields, unset
    ///   environment variables).
    public static func load(
        text: String,
        path: String,
        environment: (String) -> String? = Environment.value
    ) throws(DiagnosticError) -> GatewayFile {
        let root = try YAMLReader.read(text, path: path)
        var diagnostics: [Diagnostic] = []
        func error(_ node: YAMLNode, _ message: String) {
            diagnostics.append(Diagnostic(path: path, location: node.location, severity: .error, message: message))
        }
        func mapping(_ node: YAMLNode, _ what: String, keys: Set<String>) -> YAMLMapping? {
            guard case .mapping(let mapping) = node else {
                error(node, "expected a mapping for \(what), found \(node.kindName)")
                return nil
            }
            for entry in mapping.entries where !keys.contains(entry.key.value) {
                diagnostics.append(
                    Diagnostic(
                        path: path,
                        location: entry.key.location,
                        severity: .error,
                        message:
                            "unknown key '\(entry.key.value)' in \(what); expected one of \(keys.sorted().joined(separator: ", "))"
                    )
                )
            }
            return mapping
        }
        func scalar(_ mapping: YAMLMapping, _ key: String, _ what: String, required: Bool) -> String? {
            guard let node = mapping[key] else {
                if required {
                    diagnostics.append(
                        Diagnostic(
                            path: path,
                            location: mapping.location,
                            severity: .error,
                            message: "\(what) needs '\(key)'"
                        )
                    )
                }
                return nil
            }
            guard case .scalar(let value) = node else {
                error(node, "expected a scalar for \(what).\(key), found \(node.kindName)")
                return nil
            }
            return value.value
        }
        func secret(_ mapping: YAMLMapping, _ key: String, _ what: String, required: Bool) -> String? {
            guard let name = scalar(mapping, key, what, required: required) else { return nil }
            guard let value = environment(name), !value.isEmpty else {
                error(mapping[key]!, "environment variable \(name) (named by \(what).\(key)) is not set")
                return nil
            }
            return value
        }
        func integer(_ mapping: YAMLMapping, _ key: String, _ what: String, default value: Int) -> Int {
            guard let text = scalar(mapping, key, what, required: false) else { return value }
            guard let number = Int(text), number >= 0 else {
                error(mapping[key]!, "expected a whole number for \(what).\(key), found '\(text)'")
                return value
            }
            return number
        }
        guard let top = mapping(root, "the gateway file", keys: ["twilio", "smtp", "webhooks", "values"]) else {
            throw DiagnosticError(diagnostics)
        }
        var file = GatewayFile(twilio: nil, smtp: nil, webhooks: nil, values: [:])
        if let node = top["twilio"],
            let twilio = mapping(
                node,
                "twilio",
                keys: [
                    "base_url", "account_sid", "auth_token_env", "from", "timeout_ms", "sms_per_second",
                    "calls_per_second",
                ]
            )
        {
            let baseURL = scalar(twilio, "base_url", "twilio", required: true)
            let sid = scalar(twilio, "account_sid", "twilio", required: true)
            let token = secret(twilio, "auth_token_env", "twilio", required: true)
            let from = scalar(twilio, "from", "twilio", required: true)
            let timeout = integer(twilio, "timeout_ms", "twilio", default: 10_000)
            let smsRate = integer(twilio, "sms_per_second", "twilio", default: 0)
            let callRate = integer(twilio, "calls_per_second", "twilio", default: 0)
            if let baseURL, let sid, let token, let from {
                file.twilio = Twilio(
                    baseURL: baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL,
                    accountSID: sid,
                    authToken: token,
                    fromNumber: from,
                    timeoutMilliseconds: timeout,
                    smsPerSecond: smsRate > 0 ? smsRate : nil,
                    callsPerSecond: callRate > 0 ? callRate : nil
                )
            }
        }
        if let node = top["smtp"],
            let smtp = mapping(node, "smtp", keys: ["url", "from", "user_env", "password_env", "timeout_ms"])
        {
            let url = scalar(smtp, "url", "smtp", required: true)
            let from = scalar(smtp, "from", "smtp", required: true)
            let user = secret(smtp, "user_env", "smtp", required: false)
            let password = secret(smtp, "password_env", "smtp", required: false)
            let timeout = integer(smtp, "timeout_ms", "smtp", default: 30_000)
            if let url, let from {
                file.smtp = SMTP(
                    url: url,
                    fromAddress: from,
                    credentials: user.flatMap { user in password.map { (user, $0) } },
                    timeoutMilliseconds: timeout
                )
            }
        }
        if let node = top["webhooks"], let webhooks = mapping(node, "webhooks", keys: ["listen", "port", "public_url"])
        {
            file.webhooks = Webhooks(
                host: scalar(webhooks, "listen", "webhooks", required: false) ?? "127.0.0.1",
                port: integer(webhooks, "port", "webhooks", default: 8081),
                publicURL: scalar(webhooks, "public_url", "webhooks", required: false)
            )
        }
        if let node = top["values"], let values = mapping(node, "values", keys: Set(Placeholder.names)) {
            for entry in values.entries {
                if case .scalar(let value) = entry.value { file.values[entry.key.value] = value.value }
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics.sorted()) }
        return file
    }
}
