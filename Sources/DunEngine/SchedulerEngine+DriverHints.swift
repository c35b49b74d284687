public import DunCore

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
    /// For a `.deferred` at `index`, its `Deferral.ruleKey`; nil for the other actions. For a driver that counts
    /// deferrals by rule: the key is read from the buffer in place. Calling `ruleKey` on a deferral taken from a
    /// buffer the driver keeps in its own mutable state makes the driver copy the whole action first.
    ///
    /// It is `mutating` only so that the buffer is passed by reference (see `prefetchResult(of:)`); it changes
    /// nothing.
    package mutating func deferralRuleKey(at index: Int) -> Int? {
        guard case .deferred(let deferral) = self[index] else { return nil }
        return deferral.ruleKey
    }
}
