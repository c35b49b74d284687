public import DunCore

/// Email over SMTP through libcurl: one submission per attempt, STARTTLS when the server offers it.
///
/// The message is plain text (UTF-8, 8bit) with `From`, `To`, `Subject` (RFC 2047 encoded when not ASCII),
/// `Message-ID` derived from the idempotency key (``messageID(forIdempotencyKey:)``), and, when the content
/// names unsubscribe targets, `List-Unsubscribe` plus `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
/// for an https target (RFC 8058). No `Date` header: the submission server adds it (RFC 6409 section 8.3),
/// which keeps this type free of the wall clock.
///
/// Results: `.accepted` with the Message-ID once the server answered 250 to DATA; `.permanent` on a 5xx
/// reply (a refused recipient or sender); `.retryable` on a 4xx reply or a transport failure (in doubt
/// when the connection broke after data may have been sent). SMTP has no lookup: ``lookup(idempotencyKey:channel:)``
/// answers `.unknown`, so an email in doubt after a crash is not resent (at most once).
public struct SMTPGateway: Gateway {
    /// Where and as whom to send.
    public struct Configuration: Sendable {
        /// `smtp://host:port` (STARTTLS when offered) or `smtps://host:port` (implicit TLS).
        public var url: String
        /// The envelope sender address, `billing@example.com`.
        public var fromAddress: String
        /// The display name in the `From` header; `nil` for the bare address.
        public var fromName: String?
        /// SMTP AUTH credentials; `nil` for none. They come from the environment; never logged.
        public var credentials: (user: String, password: String)?
        /// TLS upgrade policy; `.whenOffered` uses STARTTLS whenever the server advertises it.
        public var tlsUpgrade: CurlRequest.TLSUpgrade
        /// The domain part of generated Message-IDs.
        public var messageIDDomain: String
        /// The per-message time limit.
        public var timeoutMilliseconds: Int

        /// Creates a configuration.
        public init(
            url: String,
            fromAddress: String,
            fromName: String? = nil,
            credentials: (user: String, password: String)? = nil,
            tlsUpgrade: CurlRequest.TLSUpgrade = .whenOffered,
            messageIDDomain: String = "dun.invalid",
            timeoutMilliseconds: Int = 30_000
        ) {
            self.url = url
            self.fromAddress = fromAddress
            self.fromName = fromName
            self.credentials = credentials
            self.tlsUpgrade = tlsUpgrade
            self.messageIDDomain = messageIDDomain
            self.timeoutMilliseconds = timeoutMilliseconds
        }
    }

    private let configuration: Configuration
    private let curl: CurlMulti

    /// Creates a gateway sending through `curl`.
    public init(configuration: Configuration, curl: CurlMulti) {
        self.configuration = configuration
        self.curl = curl
    }

    public var channels: Set<Channel> { [.email] }

    public func send(_ attempt: GatewayAttempt) async -> GatewaySendResult {
        guard attempt.channel == .email else {
            return .permanent(GatewayFailure(message: "channel \(attempt.channel.rawValue) is not sent by SMTP"))
        }
        guard Self.isPlainAddress(attempt.destination) else {
            return .permanent(GatewayFailure(message: "not an email address"))
        }
        let messageID = self.messageID(forIdempotencyKey: attempt.idempotencyKey)
        let request = CurlRequest(
            url: self.configuration.url,
            body: Array(self.compose(attempt, messageID: messageID).utf8),
            credentials: self.configuration.credentials,
            timeoutMilliseconds: self.configuration.timeoutMilliseconds,
            mailFrom: "<\(self.configuration.fromAddress)>",
            mailRecipients: ["<\(attempt.destination)>"],
            tlsUpgrade: self.configuration.tlsUpgrade
        )
        do {
            let response = try await self.curl.perform(request)
            return .accepted(GatewayReceipt(gatewayMessageID: messageID, status: "sent (\(response.status))"))
        } catch let error as CurlError {
            if let reply = error.responseCode, reply >= 500 {
                return .permanent(
                    GatewayFailure(statusCode: reply, transportCode: error.code, message: error.description)
                )
            }
            if let reply = error.responseCode, reply >= 400 {
                return .retryable(
                    GatewayFailure(statusCode: reply, transportCode: error.code, message: error.description)
                )
            }
            return .retryable(
                GatewayFailure(
                    transportCode: error.code,
                    message: error.description,
                    inDoubt: error.requestMayHaveBeenSent
                )
            )
        } catch {
            return .retryable(GatewayFailure(message: "cancelled", inDoubt: true))
        }
    }

    public func lookup(idempotencyKey: String, channel: Channel) async -> GatewayLookupResult {
        .unknown("SMTP cannot look up a sent message")
    }

    /// The Message-ID for an idempotency key: `<KEY@domain>` when the key is a plain dot-atom
    /// (letters, digits, `.`, `-`, `_`), otherwise `<h-SHA1HEX@domain>`; the same key always gives the same id.
    public func messageID(forIdempotencyKey key: String) -> String {
        let plain =
            !key.isEmpty && key.utf8.allSatisfy { Self.isAtomByte($0) } && !key.hasPrefix(".")
            && !key.hasSuffix(".") && !key.contains("..")
        let local = plain ? key : "h-" + SHA1.digest(Array(key.utf8)).map { Self.hex($0) }.joined()
        return "<\(local)@\(self.configuration.messageIDDomain)>"
    }

    /// The RFC 5322 message for an attempt, CRLF line endings.
    package func compose(_ attempt: GatewayAttempt, messageID: String) -> String {
        var lines: [String] = []
        let from = self.configuration.fromName.map { "\(Self.encodedWord($0)) <\(self.configuration.fromAddress)>" }
        lines.append("From: \(from ?? self.configuration.fromAddress)")
        lines.append("To: \(attempt.destination)")
        lines.append("Subject: \(Self.encodedWord(Self.singleLine(attempt.content.subject ?? "")))")
        lines.append("Message-ID: \(messageID)")
        let targets = attempt.content.unsubscribeTargets.map { Self.singleLine($0) }
        if !targets.isEmpty {
            lines.append("List-Unsubscribe: " + targets.map { "<\($0)>" }.joined(separator: ", "))
            if targets.contains(where: { $0.hasPrefix("https://") }) {
                lines.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
            }
        }
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: text/plain; charset=utf-8")
        lines.append("Content-Transfer-Encoding: 8bit")
        lines.append("")
        var body = attempt.content.body.replacingLineEndings()
        if !body.isEmpty && !body.hasSuffix("\r\n") {
            body += "\r\n"
        }
        return lines.joined(separator: "\r\n") + "\r\n" + body
    }

    private static func isAtomByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// A conservative address check: one `@`, no spaces, angle brackets or control characters.
    private static func isPlainAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !address.utf8.contains { $0 <= 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == 0x7F }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// Header text with CR and LF removed, so content cannot inject headers.
    private static func singleLine(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init))
    }

    /// RFC 2047 `=?UTF-8?B?…?=` for non-ASCII header text; ASCII stays as is.
    private static func encodedWord(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        return "=?UTF-8?B?\(Base64.encode(Array(text.utf8)))?="
    }
}

extension String {
    /// The text with every line ending (LF, CR, CRLF) as CRLF.
    fileprivate func replacingLineEndings() -> String {
        var output = ""
        var previousWasCR = false
        for scalar in self.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { output += "\r\n" }
                previousWasCR = false
            } else if scalar == "\r" {
                output += "\r\n"
                previousWasCR = true
            } else {
                output.unicodeScalars.append(scalar)
                previousWasCR = false
            }
        }
        return output
    }
}
