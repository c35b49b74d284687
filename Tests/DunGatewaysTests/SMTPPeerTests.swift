import DunCore
import DunGateways
import Foundation
import Testing

/// SMTPGateway against a real SMTP server (aiosmtpd, a PyPI test peer) on loopback.
struct SMTPPeerTests {
    @Test(.timeLimit(.minutes(1)))
    func deliversHeadersAndBodyToARealServer() async throws {
        let peer = try SMTPPeer()
        defer { peer.stop() }
        let curl = CurlMulti()
        defer { curl.shutdown() }
        let gateway = SMTPGateway(
            configuration: .init(
                url: "smtp://127.0.0.1:\(peer.port)",
                fromAddress: "billing@example.com",
                messageIDDomain: "acme.test"
            ),
            curl: curl
        )
        let attempt = GatewayAttempt(
            channel: .email,
            destination: "debtor@example.org",
            content: RenderedContent(
                subject: "Your account",
                body: "Hello,\n.a line starting with a dot\nBye",
                unsubscribeTargets: ["mailto:unsub@example.com", "https://example.com/u/7"]
            ),
            idempotencyKey: "attempt-7"
        )
        let result = await gateway.send(attempt)
        #expect(result == .accepted(GatewayReceipt(gatewayMessageID: "<attempt-7@acme.test>", status: "sent (250)")))
        let messages = peer.stopAndCollect()
        try #require(messages.count == 1)
        let message = messages[0]
        #expect(message["mail_from"] as? String == "billing@example.com")
        #expect(message["rcpt_tos"] as? [String] == ["debtor@example.org"])
        let content = try #require(message["content"] as? String)
        let (headers, body) = try #require(Self.split(content))
        #expect(headers.contains("Message-ID: <attempt-7@acme.test>"))
        #expect(headers.contains("List-Unsubscribe: <mailto:unsub@example.com>, <https://example.com/u/7>"))
        #expect(headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(headers.contains("Subject: Your account"))
        #expect(body == "Hello,\r\n.a line starting with a dot\r\nBye\r\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func refusedRecipientIsPermanent() async throws {
        let peer = try SMTPPeer()
        defer { peer.stop() }
        let curl = CurlMulti()
        defer { curl.shutdown() }
        let gateway = SMTPGateway(
            configuration: .init(url: "smtp://127.0.0.1:\(peer.port)", fromAddress: "billing@example.com"),
            curl: curl
        )
        // aiosmtpd refuses a recipient without a domain part with 553 (a 5xx).
        let attempt = GatewayAttempt(
            channel: .email,
            destination: "not-an-address",
            content: RenderedContent(body: "x"),
            idempotencyKey: "k"
        )
        guard case .permanent = await gateway.send(attempt) else {
            Issue.record("expected a permanent failure")
            return
        }
    }

    private static func split(_ content: String) -> (headers: [String], body: String)? {
        let normalized = content
        guard let range = normalized.range(of: "\r\n\r\n") else { return nil }
        return (
            normalized[..<range.lowerBound].components(separatedBy: "\r\n"), String(normalized[range.upperBound...])
        )
    }
}

/// The aiosmtpd subprocess: started on an ephemeral loopback port, stopped with bounded time.
final class SMTPPeer: @unchecked Sendable {
    let port: Int
    private let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private var collected: [[String: Any]]?

    init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/smtp_peer.py")
        self.process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        self.process.arguments = ["python3", script.path]
        self.process.standardInput = self.stdinPipe
        self.process.standardOutput = self.stdoutPipe
        try self.process.run()
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = self.stdoutPipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("PORT "), let port = Int(line.dropFirst(5)) else {
            self.process.terminate()
            throw PeerError(
                description: "aiosmtpd peer did not start (is aiosmtpd installed? scripts/setup.sh): \(line)"
            )
        }
        self.port = port
    }

    /// Stops the server and returns the messages it printed.
    func stopAndCollect() -> [[String: Any]] {
        if let collected { return collected }
        try? self.stdinPipe.fileHandleForWriting.close()
        let deadline = DispatchTime.now() + .seconds(5)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            self.process.waitUntilExit()
            done.signal()
        }
        if done.wait(timeout: deadline) == .timedOut {
            kill(self.process.processIdentifier, SIGKILL)
            self.process.waitUntilExit()
        }
        let output = self.stdoutPipe.fileHandleForReading.readDataToEndOfFile()
        let messages = String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap {
            line -> [String: Any]? in
            guard line.hasPrefix("MESSAGE ") else { return nil }
            return try? JSONSerialization.jsonObject(with: Data(line.dropFirst(8).utf8)) as? [String: Any]
        }
        self.collected = messages
        return messages
    }

    func stop() {
        _ = self.stopAndCollect()
    }

    struct PeerError: Error, CustomStringConvertible {
        var description: String
    }
}
