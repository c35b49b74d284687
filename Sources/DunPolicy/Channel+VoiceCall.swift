import DunCore

extension Channel {
    /// `isTelephoneCall` as a pattern match the compiler inlines (the policy asks several times per decision).
    @inline(__always)
    var isVoiceCall: Bool {
        switch self {
        case .call, .agentCall: true
        case .sms, .email: false
        }
    }
}
