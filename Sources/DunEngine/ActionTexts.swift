import Synchronization

/// The strings the engine's actions name (template ids, debt buckets, rule ids, the engine's own sentences),
/// each stored once per process and referred to by a 32-bit id.
///
/// An action then holds no references: the driver's buffer of actions is cleared and copied as plain memory
/// (`_isPOD(EngineAction.self)`), which matters when a run emits hundreds of actions per account. The engine
/// interns a campaign's template ids when it compiles the campaign and an account's debt bucket when it
/// registers the account (only a bucket too long to store inline, see `PackedText`), so the hot path never
/// touches the table; reading an action's string property looks it up (under a lock). Ids are never removed or
/// reused; the texts are few (template ids, rule ids, the engine's sentences, a policy sentence that quotes an
/// account's designations), and a value built through a public initializer adds its strings once.
///
/// Ids are an implementation detail: they depend on the order in which texts were first seen in the process,
/// so they never reach an output or a decision (equality of two ids is equality of the two texts).
final class ActionTexts: Sendable {
    static let shared = ActionTexts()

    /// The id of the empty string.
    static let empty: UInt32 = 0
    // The engine's fixed texts, interned first, in this order (`init` checks it).
    static let campaignWindowRule: UInt32 = 1
    static let campaignBlackoutRule: UInt32 = 2
    static let capacityRule: UInt32 = 3
    static let disputePauseRule: UInt32 = 4
    static let promisePauseRule: UInt32 = 5
    static let campaignWindowReason: UInt32 = 6
    static let campaignBlackoutReason: UInt32 = 7
    static let capacityReason: UInt32 = 8
    static let disputeReason: UInt32 = 9
    static let promiseReason: UInt32 = 10
    static let completedReason: UInt32 = 11

    static let fixed: [String] = [
        "",
        "CAMPAIGN-WINDOW",
        "CAMPAIGN-BLACKOUT",
        "CAPACITY",
        "DISPUTE-PAUSE",
        "PROMISE-PAUSE",
        "Outside the campaign's preferred send window in the debtor's local time.",
        "The debtor's local date is a campaign blackout date or holiday.",
        "The channel's capacity pool is full; the attempt waits its turn.",
        "A written dispute pauses contact until verification is sent.",
        "An open promise to pay pauses contact until it falls due.",
        "completed",
    ]

    /// `ids` is keyed by `String`, whose equality is canonical equivalence; a spelling that is equivalent to an
    /// earlier one but not byte-identical gets its own id through `exactIDs`, so every id reads back exactly
    /// the text it was made from.
    private struct State {
        var texts: [String] = []
        var ids: [String: UInt32] = [:]
        var exactIDs: [[UInt8]: UInt32] = [:]

        mutating func add(_ text: String) -> UInt32 {
            let id = UInt32(self.texts.count)
            self.texts.append(text)
            return id
        }
    }

    private let state: Mutex<State>

    private init() {
        var state = State()
        for text in Self.fixed {
            state.ids[text] = state.add(text)
        }
        self.state = Mutex(state)
    }

    /// The id of `text`, adding it on first sight.
    func id(_ text: String) -> UInt32 {
        self.state.withLock { state in
            guard let id = state.ids[text] else {
                let id = state.add(text)
                state.ids[text] = id
                return id
            }
            if state.texts[Int(id)].utf8.elementsEqual(text.utf8) { return id }
            let key = Array(text.utf8)
            if let exact = state.exactIDs[key] { return exact }
            let exact = state.add(text)
            state.exactIDs[key] = exact
            return exact
        }
    }

    /// The text of an id returned by `id(_:)`.
    func text(_ id: UInt32) -> String {
        self.state.withLock { $0.texts[Int(id)] }
    }
}
