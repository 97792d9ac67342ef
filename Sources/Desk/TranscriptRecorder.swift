import Foundation

/// Collects turns off the hot path and writes them to the store in batches: a turn is
/// redacted and queued in memory at once, and written with others when the batch is full
/// or at the latest after `interval`. `flush()` writes what is queued (on shutdown).
public actor TranscriptRecorder {
    private let store: any DeskStore
    private let batchSize: Int
    private let interval: Duration
    private var pending: [TranscriptEntry] = []
    private var timer: Task<Void, Never>?
    /// Turns that could not be written (kept for one more try at the next flush).
    public private(set) var failures = 0

    public init(store: any DeskStore, batchSize: Int = 256, interval: Duration = .milliseconds(200)) {
        self.store = store
        self.batchSize = batchSize
        self.interval = interval
    }

    /// Queues a turn; the user's text is redacted here, before anything is stored.
    public func record(session: String, userText: String, outcome: String, topic: String?, time: Date = Date()) async {
        await record(TranscriptEntry(session: session, time: time, userText: userText, outcome: outcome, topic: topic))
    }

    /// Queues a turn; its `userText` is redacted here, before anything is stored.
    public func record(_ entry: TranscriptEntry) async {
        var entry = entry
        entry = TranscriptEntry(
            session: entry.session, time: entry.time, userText: Redactor.redact(entry.userText), outcome: entry.outcome,
            topic: entry.topic, seq: entry.seq, card: entry.card, score: entry.score, lang: entry.lang,
            reason: entry.reason)
        pending.append(entry)
        if pending.count >= batchSize {
            await flush()
        } else if timer == nil {
            let interval = self.interval
            timer = Task { [weak self] in
                // A timer cancelled by a full batch must not flush again on its own.
                guard (try? await Task.sleep(for: interval)) != nil, !Task.isCancelled else { return }
                await self?.flush()
            }
        }
    }

    /// Writes everything queued now.
    public func flush() async {
        timer?.cancel()
        timer = nil
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        do {
            try await store.append(batch)
        } catch {
            failures += batch.count
            pending.insert(contentsOf: batch, at: 0)
        }
    }

    /// Deletes a session's turns, queued and stored (`/forget`).
    @discardableResult public func forget(session: String) async throws -> Int {
        let queued = pending.count
        pending.removeAll { $0.session == session }
        return try await store.forget(session: session) + (queued - pending.count)
    }
}
