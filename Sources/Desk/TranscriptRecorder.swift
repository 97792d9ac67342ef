import Foundation
import Synchronization

/// Collects turns off the hot path and writes them to the store in batches.
///
/// ``enqueue(_:)`` is synchronous and cheap (a lock and an append), so a server can call it
/// on its event loop; the turns are redacted and written by a background task when the
/// batch is full or at the latest after `interval`. Writes and deletions reach the store
/// one at a time, in the order they were asked for: a `/forget` after a turn always deletes
/// it, even while that turn's batch is being written. ``flush()`` writes what is queued
/// (on shutdown) and waits for every earlier write.
public final class TranscriptRecorder: Sendable {
    private struct State {
        var pending: [TranscriptEntry] = []
        var timerScheduled = false
        var failures = 0
        /// The last store operation; the next one waits for it.
        var tail: Task<Void, Never>?
    }

    private let store: any DeskStore
    private let batchSize: Int
    private let interval: Duration
    private let state = Mutex(State())

    /// A recorder writing to `store` in batches of `batchSize` turns, at least every `interval`.
    public init(store: any DeskStore, batchSize: Int = 1024, interval: Duration = .milliseconds(200)) {
        self.store = store
        self.batchSize = batchSize
        self.interval = interval
    }

    /// Turns that could not be written so far (kept for another try at the next flush).
    public var failures: Int { self.state.withLock { $0.failures } }

    /// Queues a turn (its text is redacted before it is stored).
    public func record(session: String, userText: String, outcome: String, topic: String?, time: Date = Date()) async {
        self.enqueue(TranscriptEntry(session: session, time: time, userText: userText, outcome: outcome, topic: topic))
    }

    /// Queues a turn (its `userText` is redacted before it is stored).
    public func record(_ entry: TranscriptEntry) async {
        self.enqueue(entry)
    }

    /// Queues a turn without waiting; safe on any thread (an event loop included).
    public func enqueue(_ entry: TranscriptEntry) {
        enum Next { case nothing, schedule, write([TranscriptEntry]) }
        let next: Next = self.state.withLock { state in
            state.pending.append(entry)
            if state.pending.count >= self.batchSize {
                let batch = state.pending
                state.pending.removeAll(keepingCapacity: true)
                return .write(batch)
            }
            if !state.timerScheduled {
                state.timerScheduled = true
                return .schedule
            }
            return .nothing
        }
        switch next {
        case .nothing:
            break
        case .schedule:
            let interval = self.interval
            Task { [weak self] in
                try? await Task.sleep(for: interval)
                self?.flushQueued()
            }
        case .write(let batch):
            _ = self.chainWrite(batch)
        }
    }

    /// Writes everything queued now and waits until it (and every earlier write) is stored.
    public func flush() async {
        let task = self.flushQueued()
        await task?.value
    }

    /// Deletes a session's turns, queued and stored (`/forget`); returns how many.
    @discardableResult public func forget(session: String) async throws -> Int {
        let store = self.store
        let (dropped, task): (Int, Task<Result<Int, any Error>, Never>) = self.state.withLock { state in
            let before = state.pending.count
            state.pending.removeAll { $0.session == session }
            let previous = state.tail
            let task = Task<Result<Int, any Error>, Never> {
                await previous?.value
                do { return .success(try await store.forget(session: session)) } catch { return .failure(error) }
            }
            state.tail = Task { _ = await task.value }
            return (before - state.pending.count, task)
        }
        return try await task.value.get() + dropped
    }

    @discardableResult private func flushQueued() -> Task<Void, Never>? {
        let batch: [TranscriptEntry] = self.state.withLock { state in
            state.timerScheduled = false
            let batch = state.pending
            state.pending.removeAll(keepingCapacity: true)
            return batch
        }
        guard !batch.isEmpty else { return self.state.withLock { $0.tail } }
        return self.chainWrite(batch)
    }

    /// Appends a store write after the last operation.
    private func chainWrite(_ batch: [TranscriptEntry]) -> Task<Void, Never> {
        let store = self.store
        return self.state.withLock { state in
            let previous = state.tail
            let task = Task { [weak self] in
                await previous?.value
                let redacted = batch.map(Self.redacted)
                do {
                    try await store.append(redacted)
                } catch {
                    self?.state.withLock { state in
                        state.failures += batch.count
                        state.pending.insert(contentsOf: batch, at: 0)
                    }
                }
            }
            state.tail = task
            return task
        }
    }

    private static func redacted(_ entry: TranscriptEntry) -> TranscriptEntry {
        TranscriptEntry(
            session: entry.session, time: entry.time, userText: Redactor.redact(entry.userText), outcome: entry.outcome,
            topic: entry.topic, seq: entry.seq, card: entry.card, score: entry.score, lang: entry.lang,
            reason: entry.reason)
    }
}
