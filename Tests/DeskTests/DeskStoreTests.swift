import Foundation
import Testing

@testable import Desk

@Suite("Redaction")
struct RedactorTests {
    @Test(arguments: [
        ("il mio codice fiscale è RSSMRA85T10A562S grazie", "il mio codice fiscale è [codice fiscale] grazie"),
        ("CF: rssmra85t10a562s.", "CF: [codice fiscale]."),
        ("omocodia RSSMRA85T1LA562S", "omocodia [codice fiscale]"),
        ("scrivimi a mario.rossi@example.it per favore", "scrivimi a [email] per favore"),
        ("chiamami al 347 123 4567", "chiamami al [telefono]"),
        ("tel. +39 02 12345678", "tel. [telefono]"),
        ("il mio numero è 3471234567.", "il mio numero è [telefono]."),
        ("IBAN IT60X0542811101000000123456", "IBAN [iban]"),
        ("iban IT60 X054 2811 1010 0000 0123 456 ok", "iban [iban] ok"),
    ])
    func removesPersonalData(text: String, expected: String) {
        #expect(Redactor.redact(text) == expected)
    }

    @Test(arguments: [
        "il bambino è nato il 10/05/2022", "ho usato 2 mesi", "bonus di 3.600 euro nel 2025", "INPS 803.164",
        "legge 104 del 1992", "quanto dura il congedo parentale?",
    ])
    func leavesOrdinaryTextAlone(text: String) {
        #expect(Redactor.redact(text) == text)
    }
}

@Suite("SQLite desk store")
struct DeskStoreTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("desk-\(UUID().uuidString)/desk.sqlite").path
    }

    @Test func appendsReadsForgetsAndPurges() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let store = try SQLiteDeskStore(path: path)
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        try await store.append([
            TranscriptEntry(session: "a", time: old, userText: "vecchio", outcome: "answer", topic: "malattia-figlio"),
            TranscriptEntry(session: "a", time: Date(), userText: "nuovo", outcome: "fallback", topic: nil),
            TranscriptEntry(session: "b", time: Date(), userText: "altro", outcome: "smalltalk", topic: nil),
        ])
        #expect(try await store.count() == 3)
        #expect(try await store.transcript(session: "a").map(\.userText) == ["vecchio", "nuovo"])
        #expect(try await store.purge(olderThan: old.addingTimeInterval(1)) == 1)
        #expect(try await store.forget(session: "b") == 1)
        #expect(try await store.count() == 1)
        // The data survives closing and reopening the file.
        let reopened = try SQLiteDeskStore(path: path)
        #expect(try await reopened.transcript(session: "a").map(\.userText) == ["nuovo"])
    }

    @Test func recorderRedactsAndBatches() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let store = try SQLiteDeskStore(path: path)
        let recorder = TranscriptRecorder(store: store, batchSize: 10, interval: .seconds(60))
        for index in 0..<25 {
            await recorder.record(session: "s", userText: "mail \(index) a x@y.it", outcome: "answer", topic: nil)
        }
        // Two full batches are written in the background, without a flush; five stay queued.
        var written = 0
        for _ in 0..<200 where written < 20 {
            written = try await store.count()
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(written == 20)
        await recorder.flush()
        let stored = try await store.transcript(session: "s")
        #expect(stored.count == 25)
        #expect(stored.allSatisfy { !$0.userText.contains("@") })
        #expect(try await recorder.forget(session: "s") == 25)
    }

    @Test func unwritableLocationIsAClearError() {
        #expect(throws: DeskStoreError.self) { try SQLiteDeskStore(path: "/proc/no-such-place/desk.sqlite") }
    }
}
