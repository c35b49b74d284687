import DunCore

extension StepAction {
    /// Whether the step contacts the debtor (as opposed to a branch or an end).
    var isContact: Bool {
        if case .contact = self { return true }
        return false
    }
}
