internal import CCurl

/// One easy handle's buffers and C lists; lives on ``CurlMulti``'s driver thread only.
final class CurlTransfer {
    let id: UInt64
    let request: CurlRequest
    let continuation: CheckedContinuation<CurlResponse, any Error>
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    var uploadOffset = 0
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var recipientList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init(id: UInt64, request: CurlRequest, continuation: CheckedContinuation<CurlResponse, any Error>) {
        self.id = id
        self.request = request
        self.continuation = continuation
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        self.errorBuffer.deallocate()
    }

    /// The text libcurl left in the error buffer.
    func errorText() -> String {
        String(cString: self.errorBuffer)
    }

    /// Frees the C lists once the easy handle is gone.
    func release() {
        curl_slist_free_all(self.headerList)
        curl_slist_free_all(self.recipientList)
        self.headerList = nil
        self.recipientList = nil
    }

    func configure(_ easy: UnsafeMutableRawPointer) {
        let request = self.request
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = dun_curl_easy_setopt_string(easy, CURLOPT_URL, request.url)
        _ = dun_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = dun_curl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, request.timeoutMilliseconds)
        _ = dun_curl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMilliseconds)
        _ = dun_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, self.errorBuffer)
        _ = dun_curl_easy_setopt_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteBody)
        _ = dun_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        _ = dun_curl_easy_setopt_callback(easy, CURLOPT_HEADERFUNCTION, curlWriteHeader)
        _ = dun_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
        if let credentials = request.credentials {
            _ = dun_curl_easy_setopt_string(easy, CURLOPT_USERNAME, credentials.user)
            _ = dun_curl_easy_setopt_string(easy, CURLOPT_PASSWORD, credentials.password)
        }
        for header in request.headers + ["Expect:"] {
            self.headerList = curl_slist_append(self.headerList, header)
        }
        let isMail = request.url.hasPrefix("smtp://") || request.url.hasPrefix("smtps://")
        if isMail {
            if let from = request.mailFrom {
                _ = dun_curl_easy_setopt_string(easy, CURLOPT_MAIL_FROM, from)
            }
            for recipient in request.mailRecipients {
                self.recipientList = curl_slist_append(self.recipientList, recipient)
            }
            _ = dun_curl_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, self.recipientList)
            _ = dun_curl_easy_setopt_long(easy, CURLOPT_UPLOAD, 1)
            _ = dun_curl_easy_setopt_offset(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.body.count))
            _ = dun_curl_easy_setopt_callback(easy, CURLOPT_READFUNCTION, curlReadUpload)
            _ = dun_curl_easy_setopt_pointer(easy, CURLOPT_READDATA, me)
        } else {
            _ = dun_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, self.headerList)
            if request.method == .post {
                _ = dun_curl_easy_setopt_long(easy, CURLOPT_POST, 1)
                _ = dun_curl_easy_setopt_offset(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
                _ = dun_curl_easy_setopt_callback(easy, CURLOPT_READFUNCTION, curlReadUpload)
                _ = dun_curl_easy_setopt_pointer(easy, CURLOPT_READDATA, me)
            }
        }
        switch request.tlsUpgrade {
        case .none: break
        case .whenOffered: _ = dun_curl_easy_setopt_long(easy, CURLOPT_USE_SSL, Int(CURLUSESSL_TRY.rawValue))
        case .required: _ = dun_curl_easy_setopt_long(easy, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        }
    }
}

private func curlWriteBody(
    _ buffer: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ userdata: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
        transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}

private func curlWriteHeader(
    _ buffer: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ userdata: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    let line = buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
    if line.hasPrefix("HTTP/") {
        // A new status line (after 100 Continue or a redirect) starts a new header block.
        transfer.headers.removeAll()
    } else if let colon = line.firstIndex(of: ":") {
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].trimmingScalars(in: " \t\r\n")
        transfer.headers.append((name: name, value: value))
    }
    return length
}

private func curlReadUpload(
    _ buffer: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ userdata: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let body = transfer.request.body
    let length = min(size * count, body.count - transfer.uploadOffset)
    guard length > 0 else { return 0 }
    body.withUnsafeBufferPointer { source in
        UnsafeMutableRawPointer(buffer).copyMemory(
            from: source.baseAddress! + transfer.uploadOffset,
            byteCount: length
        )
    }
    transfer.uploadOffset += length
    return length
}

extension StringProtocol {
    /// The string without leading and trailing characters from `set`.
    func trimmingScalars(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var view = Substring(self).unicodeScalars
        while let first = view.first, scalars.contains(first) { view.removeFirst() }
        while let last = view.last, scalars.contains(last) { view.removeLast() }
        return String(view)
    }
}
