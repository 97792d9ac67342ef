import Foundation
import GRDB
import Testing

@testable import Desk

@Suite("Feedback")
struct FeedbackTests {
    /// `/forget` and the retention period take a session's ratings with its turns.
    @Test func forgetAndRetentionDeleteFeedback() async throws {
        let folder = try TemporaryDesk()
        defer { folder.remove() }
        let store = try folder.store()
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        try await store.addFeedback(FeedbackEntry(session: "a", seq: 2, time: Date(), rating: 1))
        try await store.addFeedback(FeedbackEntry(session: "b", seq: 2, time: Date(), rating: -1))
        try await store.addFeedback(FeedbackEntry(session: "c", seq: 2, time: old, rating: -1))
        try await store.forget(session: "a")
        #expect(try await store.feedback().map(\.session).sorted() == ["b", "c"])
        try await store.purge(olderThan: old.addingTimeInterval(60))
        #expect(try await store.feedback().map(\.session) == ["b"])
    }

    @Test func commentAndQuestionAreRedactedBeforeStorage() async throws {
        let folder = try TemporaryDesk()
        defer { folder.remove() }
        let store = try folder.store()
        try await store.addFeedback(
            FeedbackEntry(
                session: "s1", seq: 4, time: Date(timeIntervalSince1970: 1_790_000_000), rating: -1,
                comment: "  sbagliato, scrivetemi a mario.rossi@example.it (CF RSSMRA85T10A562S)  ",
                question: "sono RSSMRA85T10A562S, quanto mi spetta?", topic: "congedo-parentale",
                card: "congedo-parentale-durata"))
        let stored = try await store.feedback()
        #expect(stored.count == 1)
        #expect(stored[0].comment == "sbagliato, scrivetemi a [email] (CF [codice fiscale])")
        #expect(stored[0].question == "sono [codice fiscale], quanto mi spetta?")
        #expect(stored[0].rating == -1)
        #expect(stored[0].seq == 4)
        #expect(stored[0].card == "congedo-parentale-durata")
        // Nothing personal is anywhere in the file's feedback table.
        let raw = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT coalesce(comment, '') || ' ' || coalesce(question, '') FROM feedback")
        }
        #expect(!raw.joined().contains("RSSMRA85T10A562S"))
        #expect(!raw.joined().contains("example.it"))
    }

    @Test func emptyCommentIsStoredAsNone() async throws {
        let folder = try TemporaryDesk()
        defer { folder.remove() }
        let store = try folder.store()
        try await store.addFeedback(FeedbackEntry(session: "s1", rating: 1, comment: "   "))
        #expect(try await store.feedback().first?.comment == nil)
    }

    @Test func refusesARatingOtherThanPlusOrMinusOne() async throws {
        let folder = try TemporaryDesk()
        defer { folder.remove() }
        let store = try folder.store()
        await #expect(throws: FeedbackError.invalidRating(0)) {
            try await store.addFeedback(FeedbackEntry(session: "s1", rating: 0))
        }
        #expect(try await store.feedback().isEmpty)
    }

    @Test func readsBySessionAndSince() async throws {
        let folder = try TemporaryDesk()
        defer { folder.remove() }
        let store = try folder.store()
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        try await store.addFeedback(FeedbackEntry(session: "a", time: start, rating: 1))
        try await store.addFeedback(FeedbackEntry(session: "b", time: start.addingTimeInterval(60), rating: -1))
        try await store.addFeedback(FeedbackEntry(session: "a", time: start.addingTimeInterval(120), rating: -1))
        #expect(try await store.feedback(session: "a").map(\.rating) == [1, -1])
        #expect(try await store.feedback(since: start.addingTimeInterval(30)).map(\.session) == ["b", "a"])
        #expect(try await store.feedback(session: "a", since: start.addingTimeInterval(30)).count == 1)
    }
}

/// A desk database in its own temporary folder.
struct TemporaryDesk {
    let folder: URL
    var path: String { folder.appendingPathComponent("desk.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("desk-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func store() throws -> SQLiteDeskStore { try SQLiteDeskStore(path: path) }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
