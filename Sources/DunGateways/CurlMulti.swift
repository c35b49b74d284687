internal import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Many libcurl transfers in flight on one dedicated thread, bridged to `async`.
///
/// One `CURLM` handle is driven by `curl_multi_poll` on a thread of its own, so no transfer ever blocks a
/// thread of Swift's cooperative pool. ``perform(_:)`` enqueues an easy handle and suspends on a
/// continuation that the driver thread resumes when the transfer completes. Connections are cached
/// and reused across transfers by the multi handle (HTTP keep-alive).
///
/// Contract:
/// - ``perform(_:)`` returns the response of a completed transfer (any HTTP status, any final SMTP reply)
///   or throws ``CurlError`` when libcurl could not complete it, or `CancellationError` when the calling
///   task was cancelled (the transfer is aborted; the request may or may not have reached the peer).
/// - Call ``shutdown()`` exactly once when done; transfers still in flight then fail with
///   `CancellationError`. Transfers submitted after shutdown fail at once.
///
/// ```swift
/// let curl = CurlMulti()
/// defer { curl.shutdown() }
/// let response = try await curl.perform(CurlRequest(url: "http://127.0.0.1:8080/healthz"))
/// print(response.status)
/// ```
public final class CurlMulti: Sendable {
    fileprivate struct Job: @unchecked Sendable {
        // The continuation is resumed exactly once, by the driver thread (or at once when the driver is gone).
        let id: UInt64
        let request: CurlRequest
        let continuation: CheckedContinuation<CurlResponse, any Error>
    }

    fileprivate struct Inbox {
        var nextID: UInt64 = 1
        var jobs: [Job] = []
        var cancellations: [UInt64] = []
        var shuttingDown = false
        /// Set by the driver thread, under the lock, just before it frees the multi handle.
        var closed = false
    }

    /// What the caller side and the driver thread share; the driver holds it strongly, so a `CurlMulti`
    /// dropped without ``shutdown()`` cannot leave the thread with a dangling reference.
    fileprivate final class Shared: Sendable {
        let inbox = Mutex(Inbox())
        // The CURLM handle. Other threads only call `curl_multi_wakeup` on it (libcurl allows that), and only
        // under the inbox lock while `closed` is false, so never after the driver freed it.
        nonisolated(unsafe) let multi: UnsafeMutableRawPointer

        init(multi: UnsafeMutableRawPointer) {
            self.multi = multi
        }

        /// Runs `change` on the inbox and wakes the driver, unless it has closed; returns `change`'s result.
        func update<T>(_ change: (inout Inbox) -> T) -> T {
            self.inbox.withLock { inbox in
                let result = change(&inbox)
                if !inbox.closed {
                    curl_multi_wakeup(self.multi)
                }
                return result
            }
        }
    }

    private let shared: Shared
    private nonisolated(unsafe) var thread: pthread_t
    private let stopped = Mutex(false)

    /// Starts the driver thread.
    ///
    /// - Parameter maxConnectionsPerHost: the cap on parallel connections to one host (0: no cap);
    ///   transfers beyond it wait in libcurl's queue.
    public init(maxConnectionsPerHost: Int = 64) {
        _ = CurlGlobal.initialized
        guard let multi = curl_multi_init() else {
            fatalError("curl_multi_init failed: out of memory")
        }
        _ = dun_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        self.shared = Shared(multi: multi)
        self.thread = pthread_t()
        let loop = CurlMultiLoop(shared: self.shared)
        let box = Unmanaged.passRetained(loop).toOpaque()
        let result = pthread_create(
            &self.thread,
            nil,
            { argument in
                guard let argument else { return nil }
                let loop = Unmanaged<CurlMultiLoop>.fromOpaque(argument).takeRetainedValue()
                loop.run()
                return nil
            },
            box
        )
        precondition(result == 0, "pthread_create failed: \(result)")
    }

    deinit {
        // Dropped without shutdown(): stop the driver without waiting for it.
        let first = self.stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first {
            self.shared.update { $0.shuttingDown = true }
            pthread_detach(self.thread)
        }
    }

    /// Performs `request` and returns its response once the transfer completes.
    ///
    /// - Throws: ``CurlError`` when libcurl could not complete the transfer; `CancellationError` when the
    ///   task was cancelled or the driver is shut down.
    public func perform(_ request: CurlRequest) async throws -> CurlResponse {
        let id = self.shared.inbox.withLock { inbox -> UInt64 in
            defer { inbox.nextID += 1 }
            return inbox.nextID
        }
        let shared = self.shared
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let accepted = shared.update { inbox -> Bool in
                    guard !inbox.shuttingDown, !inbox.closed else { return false }
                    inbox.jobs.append(Job(id: id, request: request, continuation: continuation))
                    return true
                }
                if !accepted {
                    continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            shared.update { $0.cancellations.append(id) }
        }
    }

    /// Stops the driver thread and waits for it; in-flight transfers fail with `CancellationError`.
    /// Idempotent. Must not be called from inside a transfer's continuation on the driver thread.
    public func shutdown() {
        let first = self.stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        self.shared.update { $0.shuttingDown = true }
        pthread_join(self.thread, nil)
    }

    // MARK: - The driver thread

    /// State owned by the driver thread alone.
    private final class CurlMultiLoop {
        let shared: Shared
        let multi: UnsafeMutableRawPointer
        var transfers: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        var transferByID: [UInt64: UnsafeMutableRawPointer] = [:]
        var highestSeenID: UInt64 = 0
        var cancelledEarly: Set<UInt64> = []

        init(shared: Shared) {
            self.shared = shared
            self.multi = shared.multi
        }

        /// What arrived since the last look.
        func takeInbox() -> (jobs: [Job], cancellations: [UInt64], shuttingDown: Bool) {
            self.shared.inbox.withLock { inbox in
                defer {
                    inbox.jobs.removeAll()
                    inbox.cancellations.removeAll()
                }
                return (inbox.jobs, inbox.cancellations, inbox.shuttingDown)
            }
        }

        /// Fails everything still in flight or queued, closes the inbox and frees the multi handle.
        func close() {
            for easy in Array(self.transfers.keys) {
                self.finish(easy, with: .failure(CancellationError()))
            }
            let late = self.shared.inbox.withLock { inbox -> [Job] in
                inbox.closed = true
                defer { inbox.jobs.removeAll() }
                return inbox.jobs
            }
            for job in late {
                job.continuation.resume(throwing: CancellationError())
            }
            curl_multi_cleanup(self.multi)
        }

        func run() {
            while true {
                let (jobs, cancellations, shuttingDown) = self.takeInbox()
                for id in cancellations {
                    if let easy = self.transferByID[id] {
                        self.finish(easy, with: .failure(CancellationError()))
                    } else if id > self.highestSeenID {
                        self.cancelledEarly.insert(id)
                    }
                }
                for job in jobs {
                    self.highestSeenID = max(self.highestSeenID, job.id)
                    if self.cancelledEarly.remove(job.id) != nil {
                        job.continuation.resume(throwing: CancellationError())
                        continue
                    }
                    self.start(job)
                }
                if shuttingDown {
                    self.close()
                    return
                }
                var running: Int32 = 0
                curl_multi_perform(self.multi, &running)
                var remaining: Int32 = 0
                while let message = curl_multi_info_read(self.multi, &remaining) {
                    guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                    let code = message.pointee.data.result
                    guard let transfer = self.transfers[easy] else { continue }
                    var status = 0
                    _ = dun_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
                    if code == CURLE_OK {
                        let response = CurlResponse(status: status, headers: transfer.headers, body: transfer.body)
                        self.finish(easy, with: .success(response))
                    } else {
                        let detail = transfer.errorText()
                        let base = String(cString: curl_easy_strerror(code))
                        let message = detail.isEmpty ? base : "\(base): \(detail)"
                        let error = CurlError(
                            code: Int(code.rawValue),
                            message: message,
                            responseCode: status == 0 ? nil : status
                        )
                        self.finish(easy, with: .failure(error))
                    }
                }
                curl_multi_poll(self.multi, nil, 0, 1_000, nil)
            }
        }

        func start(_ job: Job) {
            guard let easy = curl_easy_init() else {
                job.continuation.resume(throwing: CurlError(code: 27, message: "curl_easy_init failed"))
                return
            }
            let transfer = CurlTransfer(id: job.id, request: job.request, continuation: job.continuation)
            transfer.configure(easy)
            self.transfers[easy] = transfer
            self.transferByID[job.id] = easy
            curl_multi_add_handle(self.multi, easy)
        }

        func finish(_ easy: UnsafeMutableRawPointer, with result: Result<CurlResponse, any Error>) {
            guard let transfer = self.transfers.removeValue(forKey: easy) else { return }
            self.transferByID[transfer.id] = nil
            curl_multi_remove_handle(self.multi, easy)
            curl_easy_cleanup(easy)
            transfer.release()
            transfer.continuation.resume(with: result)
        }
    }
}

/// libcurl's process-wide initialisation, run once before the first handle.
private enum CurlGlobal {
    static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()
}
