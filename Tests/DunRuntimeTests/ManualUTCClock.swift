import DunCore
import DunRuntime
import Synchronization

/// A clock that moves only when a test tells it to; sleepers resume in deadline order (STYLE.md pattern E).
final class ManualUTCClock: UTCClock {
    private struct Sleeper {
        var deadlineMilliseconds: Int64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var nowMilliseconds: Int64
        var nextID: UInt64 = 0
        var sleepers: [UInt64: Sleeper] = [:]
        var cancelled: Set<UInt64> = []
    }

    private let state: Mutex<State>

    init(now: UTCInstant) {
        self.state = Mutex(State(nowMilliseconds: now.secondsSinceEpoch * 1000))
    }

    func now() -> UTCInstant { UTCInstant(secondsSinceEpoch: self.nowMilliseconds() / 1000) }

    func nowMilliseconds() -> Int64 { self.state.withLock { $0.nowMilliseconds } }

    func sleep(until deadline: UTCInstant) async throws {
        try await self.sleep(untilMilliseconds: deadline.secondsSinceEpoch * 1000)
    }

    func sleep(milliseconds: Int64) async throws {
        try await self.sleep(untilMilliseconds: self.nowMilliseconds() + milliseconds)
    }

    private func sleep(untilMilliseconds deadline: Int64) async throws {
        let id = self.state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resume: Result<Void, any Error>? = self.state.withLock { state in
                    if state.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    if deadline <= state.nowMilliseconds { return .success(()) }
                    state.sleepers[id] = Sleeper(deadlineMilliseconds: deadline, continuation: continuation)
                    return nil
                }
                if let resume { continuation.resume(with: resume) }
            }
        } onCancel: {
            let continuation = self.state.withLock { state -> CheckedContinuation<Void, any Error>? in
                if let sleeper = state.sleepers.removeValue(forKey: id) { return sleeper.continuation }
                state.cancelled.insert(id)
                return nil
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Moves time to `instant` and resumes every due sleeper, earliest deadline first.
    func advance(to instant: UTCInstant) {
        let due = self.state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.nowMilliseconds = max(state.nowMilliseconds, instant.secondsSinceEpoch * 1000)
            let ready = state.sleepers.filter { $0.value.deadlineMilliseconds <= state.nowMilliseconds }
                .sorted { ($0.value.deadlineMilliseconds, $0.key) < ($1.value.deadlineMilliseconds, $1.key) }
            for entry in ready { state.sleepers[entry.key] = nil }
            return ready.map(\.value.continuation)
        }
        for continuation in due { continuation.resume() }
    }
}
