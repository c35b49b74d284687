import ArgumentParser
import Testing

@testable import dun

struct GatewaySimCommandTests {
    @Test func parsesAllOptions() throws {
        let command = try GatewaySimCommand.parse([
            "--port", "0", "--smtp-port", "2526", "--no-smtp", "--webhook", "http://127.0.0.1:8081", "--auth-token",
            "t", "--seed", "9",
            "--fault-5xx", "0.1", "--fault-timeout", "0.05", "--fault-429", "0.05", "--log", "sim.jsonl",
        ])
        #expect(command.port == 0)
        #expect(command.smtpPort == 2526)
        #expect(command.noSMTP)
        #expect(command.webhook == "http://127.0.0.1:8081")
        #expect(command.seed == 9)
        #expect(command.fault5xx == 0.1)
        #expect(command.log == "sim.jsonl")
    }

    @Test(arguments: [
        ["--fault-5xx", "1.5"], ["--fault-429", "-0.1"], ["--fault-5xx", "0.6", "--fault-timeout", "0.6"],
        ["--port", "70000"],
    ])
    func rejectsFaultSharesOutsideZeroToOne(arguments: [String]) {
        #expect(throws: (any Error).self) { try GatewaySimCommand.parse(arguments) }
    }
}
