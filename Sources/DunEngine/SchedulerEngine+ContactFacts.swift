public import DunCore
import DunPolicy

extension SchedulerEngine {
    /// Replaces the contact facts the policy reads for an account (inconvenient times, consents and other
    /// per-destination facts), keeping its index, ledger and enrolment. For what is recorded about an account
    /// while a live run goes (`dun record event --kind inconvenient_time`): the next attempt is judged with the
    /// new facts. The account's id, debts and time zones must not change (the ledger fixed its home zone when
    /// the account was added). A wake-up already queued is not moved; the policy defers what it now blocks.
    ///
    /// - Parameters:
    ///   - index: An index returned by `addAccount(_:)`.
    ///   - account: The account as it is now.
    public mutating func updateContactFacts(_ index: AccountIndex, from account: Account) {
        precondition(self.policyAccounts.indices.contains(index.position), "no account at index \(index.position)")
        precondition(self.policyAccounts[index.position].account.id == account.id, "an account's id cannot change")
        self.policyAccounts[index.position] = PolicyAccount(account)
    }
}
