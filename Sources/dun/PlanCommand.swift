import ArgumentParser
import DunCampaign
import DunCore
import DunEngine
import DunPolicy
// Data(contentsOf:) for the account file.
import Foundation

/// `dun plan CAMPAIGN [--account FILE] [--start ISO-8601] [--days N]`: the timeline one account would get.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the timeline one account would get from a campaign if it never responded.",
        discussion: """
            Runs the real engine and contact policy with a gateway that never gets a response (every call \
            unanswered, every message delivered) and prints each attempt and each deferral with its rule, in UTC \
            and in the account's local time.
            """
    )

    @Argument(help: "The campaign file (YAML-lite).")
    var campaign: String

    @Option(help: "An account JSON file (the \"account\" object of `dun policy check`); default: a sample account.")
    var account: String?

    @Option(help: "The enrolment instant, ISO-8601 with an offset (fixed default so that plans are reproducible).")
    var start = "2026-03-02T12:00:00Z"

    @Option(help: "How many days to follow.")
    var days = 30

    @Option(help: "Seed for the champion/challenger assignment.")
    var seed: UInt64 = 0

    func run() throws {
        let campaign: Campaign
        do {
            campaign = try CampaignLoader.campaign(file: self.campaign)
        } catch {
            for diagnostic in error.diagnostics { PolicyCheckCommand.printError("\(diagnostic)") }
            throw ExitCode(1)
        }
        guard let start = ISO8601.parse(self.start) else {
            PolicyCheckCommand.printError(
                "error: --start: expected an ISO-8601 instant with an offset (2026-03-02T09:00:00-05:00), "
                    + "found \"\(self.start)\""
            )
            throw ExitCode(1)
        }
        guard self.days >= 0 else {
            PolicyCheckCommand.printError("error: --days: expected a number of days >= 0, found \(self.days)")
            throw ExitCode(1)
        }
        var account = SampleAccount.account
        if let path = self.account {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                account = try AccountJSON.read(String(decoding: data, as: UTF8.self), path: path)
            } catch let diagnostic as Diagnostic {
                PolicyCheckCommand.printError("\(diagnostic)")
                throw ExitCode(1)
            } catch {
                PolicyCheckCommand.printError("\(path):1:1: error: cannot read the file")
                throw ExitCode(1)
            }
        }
        let plan = Planner(seed: self.seed).plan(campaign, account: account, start: start, days: self.days)
        print(plan.rendered(), terminator: "")
    }
}
