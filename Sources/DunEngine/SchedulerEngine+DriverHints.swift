public import DunCore
import DunPolicy

extension SchedulerEngine {
    /// `prefetch(.result(id, _))` for a driver that keeps the engine in a stored property of its own mutable
    /// state (the simulator's run). A hint only: it changes no state and no output.
    ///
    /// It is `mutating` only so that the engine is passed by reference: calling a nonmutating method on a
    /// stored engine makes the caller copy the whole struct (a few hundred bytes) first, which costs more than
    /// the hint when it is asked for on every result.
    public mutating func prefetchResult(of id: AttemptID) {
        let account = id.account.position
        guard account >= 0, account < self.states.count else { return }
        self.prefetch(account, bucket: false)
    }

    /// `firstInLine(for:)` for a driver that keeps the engine in a stored property of its own mutable state;
    /// `mutating` only to pass the engine by reference (see `prefetchResult(of:)`). Changes no state.
    public mutating func peekFirstInLine(for channel: Channel) -> AccountIndex? {
        // The body of `firstInLine(for:)`, not a call to it: that call would copy the engine again.
        let pool = self.poolOfChannel[channel.position]
        guard pool >= 0, let top = self.lines[pool].waiters.min else { return nil }
        return AccountIndex(Int(top.owner))
    }
}

extension [EngineAction] {
    /// For a `.deferred` at `index`, a small number per rule id; nil for the other actions. For a driver that
    /// counts deferrals by rule: equal rule ids may have different keys, so a key must be resolved to the rule id
    /// once (`Deferral.rule`) and cached by the counter. A policy rule of the policy's facts has its
    /// `ReasonFacts.ruleKey` (below 256: the rule's raw value is a byte), any other rule 256 plus its text id.
    ///
    /// Inlinable, so the driver reads the rule's text id in place (one load) and calls out only for a rule of the
    /// policy's facts; it is `mutating` only so that the buffer is passed by reference (see
    /// `SchedulerEngine.prefetchResult(of:)`): reading a deferral taken from a buffer the driver keeps in its own
    /// mutable state makes the driver copy the whole action first. It changes nothing.
    @inlinable
    package mutating func deferralRuleKey(at index: Int) -> Int? {
        guard case .deferred(let deferral) = self[index] else { return nil }
        let text = deferral.ruleText
        // Text ids are below `ActionReason.factsRule` (0xFFFF_FFFE) and `noRule`. Were that value ever to change,
        // the facts' rule would get a key of 256 plus it, which only means it is resolved by rule id each time.
        if text < 0xFFFF_FFFE { return 256 + Int(text) }
        return self.factsRuleKey(at: index)
    }

    /// `deferralRuleKey(at:)` for a deferral whose rule text id is `ActionReason.factsRule` or above.
    @usableFromInline
    @inline(never)
    mutating func factsRuleKey(at index: Int) -> Int? {
        guard case .deferred(let deferral) = self[index] else { return nil }
        if deferral.ruleText == ActionReason.factsRule, case .policy(let facts, _) = deferral.why {
            return facts.ruleKey
        }
        return 256 + Int(deferral.ruleText)
    }
}
