import DunCore
import DunEngine
import DunPolicy

/// The text form of journaled engine inputs: a kind word and a space-separated payload (strings
/// percent-escaped), so that a journal row is readable in `sqlite3` and stable across versions.
enum JournalCodec {
    struct DecodeError: Error, CustomStringConvertible {
        var description: String
    }

    // MARK: - Engine inputs

    static func encode(_ input: EngineInput) -> (kind: String, payload: String) {
        switch input {
        case .enrol(let account, let campaign):
            return ("enrol", "\(account.rawValue) \(campaign)")
        case .timerFired:
            return ("timer", "")
        case .result(let id, let result):
            return ("result", "\(id.rawValue) \(result.rawValue)")
        case .reply(let account, let channel, let destination):
            return ("reply", "\(account.rawValue) \(channel.rawValue) \(destination)")
        case .payment(let account, let amount):
            return ("payment", "\(account.rawValue) \(amount.cents)")
        case .promise(let account, let amount, let due):
            return ("promise", "\(account.rawValue) \(amount.cents) \(due.secondsSinceEpoch)")
        case .consumerEvent(let account, let event):
            return ("consumer", "\(account.rawValue) \(Self.encode(event))")
        case .withdraw(let account, let reason):
            return ("withdraw", "\(account.rawValue) \(Self.escape(reason))")
        case .gatewayRetry(let id, let due):
            return ("retry", "\(id.rawValue) \(due.secondsSinceEpoch)")
        }
    }

    static func decode(kind: String, payload: String) throws -> EngineInput {
        let fields = payload.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func int(_ index: Int) throws -> Int64 {
            guard index < fields.count, let value = Int64(fields[index]) else {
                throw DecodeError(description: "journal: bad \(kind) payload '\(payload)'")
            }
            return value
        }
        func account(_ index: Int) throws -> AccountIndex { AccountIndex(Int32(truncatingIfNeeded: try int(index))) }
        func field(_ index: Int) throws -> String {
            guard index < fields.count else {
                throw DecodeError(description: "journal: bad \(kind) payload '\(payload)'")
            }
            return fields[index]
        }
        func channel(_ index: Int) throws -> Channel {
            guard let channel = Channel(rawValue: try field(index)) else {
                throw DecodeError(description: "journal: bad channel in '\(payload)'")
            }
            return channel
        }
        switch kind {
        case "enrol":
            return .enrol(try account(0), campaign: Int(try int(1)))
        case "timer":
            return .timerFired
        case "result":
            guard let result = AttemptResult(rawValue: try field(1)) else {
                throw DecodeError(description: "journal: bad result in '\(payload)'")
            }
            return .result(AttemptID(rawValue: UInt64(bitPattern: try int(0))), result)
        case "reply":
            return .reply(try account(0), channel: try channel(1), destination: Int(try int(2)))
        case "payment":
            return .payment(try account(0), amount: Money(cents: try int(1)))
        case "promise":
            return .promise(
                try account(0),
                amount: Money(cents: try int(1)),
                due: UTCInstant(secondsSinceEpoch: try int(2))
            )
        case "consumer":
            return .consumerEvent(try account(0), try Self.decodeEvent(Array(fields.dropFirst())))
        case "withdraw":
            return .withdraw(try account(0), reason: Self.unescape(try field(1)))
        case "retry":
            return .gatewayRetry(
                AttemptID(rawValue: UInt64(bitPattern: try int(0))),
                due: UTCInstant(secondsSinceEpoch: try int(1))
            )
        default:
            throw DecodeError(description: "journal: unknown input kind '\(kind)'")
        }
    }

    // MARK: - Consumer events

    static func encode(_ event: ConsumerEvent) -> String {
        switch event {
        case .optOut(let channel, let destination): "optOut \(channel.rawValue) \(destination)"
        case .optIn(let channel, let destination): "optIn \(channel.rawValue) \(destination)"
        case .optOutMedium(let channel): "optOutMedium \(channel.rawValue)"
        case .cease: "cease"
        case .ceaseDebt(let bucket): "ceaseDebt \(Self.escape(bucket))"
        case .dispute: "dispute"
        case .verificationSent: "verificationSent"
        case .disputeDebt(let bucket): "disputeDebt \(Self.escape(bucket))"
        case .verificationSentDebt(let bucket): "verificationSentDebt \(Self.escape(bucket))"
        case .attorney: "attorney"
        case .attorneyDebt(let bucket): "attorneyDebt \(Self.escape(bucket))"
        case .bankruptcy: "bankruptcy"
        case .deceased: "deceased"
        case .inbound(let channel, let destination, let bucket, let conversation):
            "inbound \(channel.rawValue) \(destination) \(Self.escape(bucket)) \(conversation ? 1 : 0)"
        case .callConsent(let bucket, let until): "callConsent \(Self.escape(bucket)) \(until.secondsSinceEpoch)"
        case .callConsentRevoked(let bucket): "callConsentRevoked \(Self.escape(bucket))"
        case .wrongNumber(let destination): "wrongNumber \(destination)"
        case .wrongAddress(let destination): "wrongAddress \(destination)"
        case .employerProhibits: "employerProhibits"
        }
    }

    static func decodeEvent(_ fields: [String]) throws -> ConsumerEvent {
        let bad = DecodeError(description: "journal: bad consumer event '\(fields.joined(separator: " "))'")
        guard let name = fields.first else { throw bad }
        func text(_ index: Int) throws -> String {
            guard index < fields.count else { throw bad }
            return Self.unescape(fields[index])
        }
        func number(_ index: Int) throws -> Int {
            guard index < fields.count, let value = Int(fields[index]) else { throw bad }
            return value
        }
        func channel(_ index: Int) throws -> Channel {
            guard index < fields.count, let value = Channel(rawValue: fields[index]) else { throw bad }
            return value
        }
        switch name {
        case "optOut": return .optOut(try channel(1), destination: try number(2))
        case "optIn": return .optIn(try channel(1), destination: try number(2))
        case "optOutMedium": return .optOutMedium(try channel(1))
        case "cease": return .cease
        case "ceaseDebt": return .ceaseDebt(debtBucket: try text(1))
        case "dispute": return .dispute
        case "verificationSent": return .verificationSent
        case "disputeDebt": return .disputeDebt(debtBucket: try text(1))
        case "verificationSentDebt": return .verificationSentDebt(debtBucket: try text(1))
        case "attorney": return .attorney
        case "attorneyDebt": return .attorneyDebt(debtBucket: try text(1))
        case "bankruptcy": return .bankruptcy
        case "deceased": return .deceased
        case "inbound":
            return .inbound(
                try channel(1),
                destination: try number(2),
                debtBucket: try text(3),
                conversation: try number(4) != 0
            )
        case "callConsent":
            return .callConsent(debtBucket: try text(1), until: UTCInstant(secondsSinceEpoch: Int64(try number(2))))
        case "callConsentRevoked": return .callConsentRevoked(debtBucket: try text(1))
        case "wrongNumber": return .wrongNumber(destination: try number(1))
        case "wrongAddress": return .wrongAddress(destination: try number(1))
        case "employerProhibits": return .employerProhibits
        default: throw bad
        }
    }

    // MARK: - Escaping

    /// Percent-escapes `%`, space and control characters, so a field never contains a separator.
    static func escape(_ text: String) -> String {
        if text.isEmpty { return "%" }
        var output = ""
        for byte in text.utf8 {
            if byte == UInt8(ascii: "%") || byte <= 0x20 || byte >= 0x7F {
                output += "%" + Self.hex(byte)
            } else {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return output
    }

    static func unescape(_ text: String) -> String {
        if text == "%" { return "" }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
