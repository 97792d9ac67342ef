import Foundation
import NIOCore

/// `sportello chat --connect host:port`: the terminal chat against `sportello-server`.
/// What the server pushes (notices, later operator messages) is printed as it arrives;
/// a dropped connection is reported and re-established.
struct RemoteChat {
    let address: String
    let json: Bool

    /// The most reconnection attempts in a row before giving up.
    static let attempts = 4

    /// What the reader saw of the server's replies.
    actor Progress {
        var replies = 0
        func reply() { replies += 1 }
    }

    /// Standard input lines, filled by a reading thread and consumed by the writer of the
    /// current connection; a writer cancelled while waiting leaves the next line in place.
    final class Input: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        private var finished = false
        private var waiter: CheckedContinuation<String?, Never>?

        func push(_ line: String) {
            lock.lock()
            if let waiting = waiter {
                waiter = nil
                lock.unlock()
                waiting.resume(returning: line)
            } else {
                lines.append(line)
                lock.unlock()
            }
        }

        func finish() {
            lock.lock()
            finished = true
            let waiting = waiter
            waiter = nil
            lock.unlock()
            waiting?.resume(returning: nil)
        }

        func next() async -> String? {
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                    lock.lock()
                    if !lines.isEmpty {
                        let line = lines.removeFirst()
                        lock.unlock()
                        continuation.resume(returning: line)
                    } else if finished || Task.isCancelled {
                        lock.unlock()
                        continuation.resume(returning: nil)
                    } else {
                        waiter = continuation
                        lock.unlock()
                    }
                }
            } onCancel: {
                lock.lock()
                let waiting = waiter
                waiter = nil
                lock.unlock()
                waiting?.resume(returning: nil)
            }
        }
    }

    func run() async throws {
        let (host, port) = try LineConnection.address(address)
        let input = RemoteChat.standardInput()
        var failures = 0
        while true {
            let channel: LineConnection.Channel
            do {
                channel = try await LineConnection.connect(host: host, port: port)
                failures = 0
            } catch {
                failures += 1
                if failures >= RemoteChat.attempts { throw error }
                Output.error("sportello: \(error); retrying in \(failures) s")
                try await Task.sleep(for: .seconds(failures))
                continue
            }
            let finished: Bool = try await channel.executeThenClose { inbound, outbound in
                let progress = Progress()
                let json = self.json
                return try await withThrowingTaskGroup(of: Bool.self) { group in
                    // Reader: prints every line as it arrives.
                    group.addTask {
                        for try await buffer in inbound {
                            let text = LineConnection.text(buffer)
                            if json {
                                if LineConnection.isReply(text) {
                                    await progress.reply()
                                    // The reply to our own /json switch is not a turn of the person.
                                    if LineConnection.isFirstReply(text) { continue }
                                }
                                if text.hasPrefix("{") { Output.line(text) }
                            } else {
                                Output.line(text == "." ? "" : text)
                                if text == "." { await progress.reply() }
                            }
                        }
                        return false  // the server closed the connection
                    }
                    // Writer: standard input, line by line.
                    group.addTask {
                        var sent = 0
                        if json {
                            try await outbound.write(LineConnection.line("/json"))
                            sent += 1
                        }
                        while let line = await input.next() {
                            try await outbound.write(LineConnection.line(line))
                            sent += 1
                            if line.trimmingCharacters(in: .whitespaces).lowercased() == "/quit" { break }
                        }
                        // Wait (bounded) for the replies to what was sent, then finish.
                        for _ in 0..<600 where await progress.replies < sent {
                            try await Task.sleep(for: .milliseconds(50))
                        }
                        return true
                    }
                    let first = try await group.next() ?? true
                    group.cancelAll()
                    return first
                }
            }
            if finished { return }
            Output.error("sportello: the connection to \(host):\(port) was lost; reconnecting")
        }
    }

    /// Standard input as lines, read on a thread of its own (reading blocks).
    static func standardInput() -> Input {
        let input = Input()
        let thread = Thread {
            var reader = LineReader()
            while let line = reader.next() {
                switch line {
                case .text(let text): input.push(text)
                case .invalidUTF8(let text): input.push(text)
                case .tooLong(let prefix, _): input.push(prefix)
                }
            }
            input.finish()
        }
        thread.start()
        return input
    }
}
