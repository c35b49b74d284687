/// One transfer for ``CurlMulti``: an HTTP request or an SMTP submission.
public struct CurlRequest: Sendable {
    /// The HTTP method of an `http(s)://` transfer; SMTP transfers ignore it.
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    /// Whether to upgrade a plain connection with TLS (STARTTLS for SMTP).
    public enum TLSUpgrade: Sendable {
        /// Never ask for TLS.
        case none
        /// Use TLS when the server offers it, go on in plain text when it does not (`CURLUSESSL_TRY`).
        case whenOffered
        /// Fail unless TLS is established (`CURLUSESSL_ALL`).
        case required
    }

    /// The URL: `http://`, `https://`, `smtp://` or `smtps://`.
    public var url: String
    /// The HTTP method.
    public var method: Method
    /// Extra request headers, each `Name: value`.
    public var headers: [String]
    /// The request body (HTTP POST) or the whole message (SMTP, CRLF line endings, headers then body).
    public var body: [UInt8]
    /// Credentials for HTTP basic auth or SMTP AUTH; `nil` for none.
    public var credentials: (user: String, password: String)?
    /// The whole transfer's time limit. It also runs while the transfer waits in libcurl's queue for a
    /// connection (beyond ``CurlMulti``'s per-host cap), so keep concurrent sends below that cap.
    public var timeoutMilliseconds: Int
    /// The time limit for connecting.
    public var connectTimeoutMilliseconds: Int
    /// SMTP envelope sender (`MAIL FROM`), e.g. `<billing@example.com>`.
    public var mailFrom: String?
    /// SMTP envelope recipients (`RCPT TO`).
    public var mailRecipients: [String]
    /// TLS upgrade policy for plain-text protocols.
    public var tlsUpgrade: TLSUpgrade

    /// Creates a request; only `url` is required.
    public init(
        url: String,
        method: Method = .get,
        headers: [String] = [],
        body: [UInt8] = [],
        credentials: (user: String, password: String)? = nil,
        timeoutMilliseconds: Int = 10_000,
        connectTimeoutMilliseconds: Int = 5_000,
        mailFrom: String? = nil,
        mailRecipients: [String] = [],
        tlsUpgrade: TLSUpgrade = .none
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.credentials = credentials
        self.timeoutMilliseconds = timeoutMilliseconds
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.mailFrom = mailFrom
        self.mailRecipients = mailRecipients
        self.tlsUpgrade = tlsUpgrade
    }
}

/// What a completed transfer returned.
public struct CurlResponse: Sendable {
    /// The HTTP status, or the last SMTP reply code (250 after a successful DATA).
    public var status: Int
    /// Response headers in arrival order, names as sent (compare case-insensitively).
    public var headers: [(name: String, value: String)]
    /// The response body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return self.headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// A transfer that libcurl could not complete (no response to classify).
public struct CurlError: Error, Sendable, CustomStringConvertible {
    /// libcurl's `CURLcode`.
    public var code: Int
    /// libcurl's message for the code plus its error buffer.
    public var message: String
    /// The last HTTP status or SMTP reply code received before the failure, when there was one
    /// (a refused SMTP recipient fails the transfer with the server's 550 here).
    public var responseCode: Int?

    /// Creates an error.
    public init(code: Int, message: String, responseCode: Int? = nil) {
        self.code = code
        self.message = message
        self.responseCode = responseCode
    }

    /// Whether the transfer hit its time limit (`CURLE_OPERATION_TIMEDOUT`).
    public var isTimeout: Bool { self.code == 28 }

    /// Whether the request may have reached the peer: false only when no connection was made
    /// (could not resolve or connect), so a caller must treat every other failure as "in doubt".
    public var requestMayHaveBeenSent: Bool {
        switch self.code {
        case 1, 3, 5, 6, 7: false  // unsupported protocol, bad URL, couldn't resolve proxy/host, couldn't connect
        default: true
        }
    }

    public var description: String { "curl error \(self.code): \(self.message)" }
}
