import NIOCore
import NIOPosix

/// The sim's SMTP listener: one ``SMTPSimSession`` per connection.
enum SMTPSimServer {
    /// Binds and returns the listening channel; close it to stop.
    static func bind(host: String, port: Int, sim: GatewaySim) async throws -> any Channel {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SMTPSimSession(sim: sim))
                }
            }
        return try await bootstrap.bind(host: host, port: port).get()
    }
}

/// One SMTP conversation: a line-based state machine (RFC 5321 subset, no extensions but 8BITMIME).
final class SMTPSimSession: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        case command
        case data
    }

    private let sim: GatewaySim
    private var pending: [UInt8] = []
    private var phase = Phase.command
    private var sender: String?
    private var recipients: [String] = []
    private var dataLines: [String] = []

    init(sim: GatewaySim) {
        self.sim = sim
    }

    func channelActive(context: ChannelHandlerContext) {
        self.reply("220 dun-gateway-sim ESMTP ready", context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = self.unwrapInboundIn(data)
        if let bytes = buffer.readBytes(length: buffer.readableBytes) {
            self.pending.append(contentsOf: bytes)
        }
        while let newline = self.pending.firstIndex(of: UInt8(ascii: "\n")) {
            var lineBytes = self.pending[..<newline]
            if lineBytes.last == UInt8(ascii: "\r") {
                lineBytes = lineBytes.dropLast()
            }
            let line = String(decoding: lineBytes, as: UTF8.self)
            self.pending.removeSubrange(...newline)
            self.handle(line, context: context)
        }
        if self.pending.count > 1_048_576 {
            self.reply("500 line too long", context: context)
            context.close(promise: nil)
        }
    }

    private func handle(_ line: String, context: ChannelHandlerContext) {
        if self.phase == .data {
            if line == "." {
                self.phase = .command
                let id = self.finishMessage()
                self.reply("250 OK queued as \(id)", context: context)
            } else {
                self.dataLines.append(line.hasPrefix("..") ? String(line.dropFirst()) : line)
            }
            return
        }
        let upper = line.uppercased()
        if upper.hasPrefix("EHLO") {
            self.resetTransaction()
            self.reply("250-dun-gateway-sim\r\n250-8BITMIME\r\n250 SIZE 10485760", context: context)
        } else if upper.hasPrefix("HELO") {
            self.resetTransaction()
            self.reply("250 dun-gateway-sim", context: context)
        } else if upper.hasPrefix("MAIL FROM:") {
            self.resetTransaction()
            self.sender = Self.address(in: line)
            self.reply("250 OK", context: context)
        } else if upper.hasPrefix("RCPT TO:") {
            guard self.sender != nil else {
                self.reply("503 need MAIL first", context: context)
                return
            }
            self.recipients.append(Self.address(in: line))
            self.reply("250 OK", context: context)
        } else if upper == "DATA" {
            guard !self.recipients.isEmpty else {
                self.reply("503 need RCPT first", context: context)
                return
            }
            self.phase = .data
            self.dataLines = []
            self.reply("354 end data with <CR><LF>.<CR><LF>", context: context)
        } else if upper == "RSET" {
            self.resetTransaction()
            self.reply("250 OK", context: context)
        } else if upper.hasPrefix("NOOP") {
            self.reply("250 OK", context: context)
        } else if upper == "QUIT" {
            self.reply("221 bye", context: context)
            context.close(promise: nil)
        } else {
            self.reply("502 command not implemented", context: context)
        }
    }

    private func finishMessage() -> String {
        var messageID: String?
        for line in self.dataLines {
            if line.isEmpty { break }
            if line.lowercased().hasPrefix("message-id:") {
                messageID = String(line.dropFirst("message-id:".count)).trimmingCharacters(in: " \t")
            }
        }
        let (record, _) = self.sim.accept(
            kind: .email,
            idempotencyKey: messageID,
            to: self.recipients.joined(separator: ","),
            from: self.sender ?? "",
            statusCallback: nil
        )
        self.resetTransaction()
        return record.sid
    }

    private func resetTransaction() {
        self.sender = nil
        self.recipients = []
        self.dataLines = []
    }

    private func reply(_ text: String, context: ChannelHandlerContext) {
        let buffer = context.channel.allocator.buffer(string: text + "\r\n")
        context.writeAndFlush(self.wrapOutboundOut(buffer), promise: nil)
    }

    private static func address(in line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else {
            return String(line.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: " ")
        }
        return String(line[line.index(after: open)..<close])
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var view = Substring(self)
        while let first = view.first, set.contains(first) { view.removeFirst() }
        while let last = view.last, set.contains(last) { view.removeLast() }
        return String(view)
    }
}
