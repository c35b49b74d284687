#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Runs CPU-bound simulation work on a POSIX thread of its own and resumes the caller when it is done.
///
/// A simulation unit runs for seconds without a suspension point. Run as a task it would hold one of Swift's
/// cooperative threads (one per core) for all that time, and every other task in the process (a gateway's
/// timeout, a test's server) would wait behind it. On its own thread it shares the cores through the kernel's
/// scheduler instead, and the awaiting task gives its cooperative thread back while it waits.
enum DedicatedThread {
    /// Calls `body` on a new thread and returns its result; the thread ends when `body` returns.
    static func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            let work = Work { continuation.resume(returning: body()) }
            var thread = pthread_t()
            let started = pthread_create(
                &thread,
                nil,
                { argument in
                    guard let argument else { return nil }
                    Unmanaged<Work>.fromOpaque(argument).takeRetainedValue().body()
                    return nil
                },
                Unmanaged.passRetained(work).toOpaque()
            )
            if started == 0 {
                pthread_detach(thread)
            } else {
                // No thread to be had (resource limits): do the work here rather than fail the run.
                Unmanaged.passUnretained(work).release()
                work.body()
            }
        }
    }

    /// The closure handed to the new thread through its `void *` argument.
    private final class Work: Sendable {
        let body: @Sendable () -> Void

        init(_ body: @escaping @Sendable () -> Void) {
            self.body = body
        }
    }
}
