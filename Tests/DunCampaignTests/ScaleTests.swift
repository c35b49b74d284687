import DunCampaign
import DunCore
import Testing

/// Large generated campaigns: every check stays near-linear, so a big or hostile file cannot hang
/// `dun validate`.
struct ScaleTests {
    static func campaign(steps: Int, waits: Bool = true) -> String {
        var text = "campaign: Scale\napplies_to:\n  requires_channels: [sms]\nsteps:\n"
        for index in 0..<steps {
            text += "  - id: s\(index)\n    sms: t\(index % 50)\n    wait: \(waits ? index % 2 : 0)d\n"
            // Every tenth step jumps back ten steps: many loops, half of them without a wait.
            if index % 10 == 9 { text += "    on:\n      replied: s\(index - 9)\n" }
        }
        text += "templates:\n"
        for index in 0..<50 {
            text += "  t\(index):\n    channel: sms\n    en: \"{company}, a debt collector: this is an attempt to "
            text += "collect a debt and any information obtained will be used for that purpose. Reply STOP.\"\n"
        }
        return text
    }

    @Test(.timeLimit(.minutes(1)))
    func thousandsOfStepsValidateQuickly() {
        let result = CampaignLoader.load(text: Self.campaign(steps: 3_000), path: "scale.yaml")
        let errors = result.diagnostics.filter { $0.severity == .error }
        // Steps with an odd index wait a day; each ten-step loop holds five of them, so none is waitless.
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        #expect(result.campaign?.steps.count == 3_000)
    }

    @Test(.timeLimit(.minutes(1)))
    func thousandsOfWaitlessLoopsAreEachReported() {
        let result = CampaignLoader.load(text: Self.campaign(steps: 3_000, waits: false), path: "scale.yaml")
        let loops = result.diagnostics.filter { $0.message.hasPrefix("loop without a wait") }
        // Each block of ten steps is its own loop (s9 → s0, s19 → s10, …).
        #expect(loops.count == 300)
        #expect(loops.first?.message.hasPrefix("loop without a wait: s0 → s1 → s2") == true)
    }
}
