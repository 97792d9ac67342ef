import Desk
import Foundation
import Testing

/// `sportello report`, run as a real process on a desk database made for the test.
@Suite("Report command")
struct ReportCLITests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["report"] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// A database with a few unanswered questions and some feedback, in a temporary folder.
    static func database() async throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sportello-report-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("desk.sqlite")
        let store = try SQLiteDeskStore(path: path.path)
        let now = Date()
        try await store.append([
            TranscriptEntry(session: "a", time: now, userText: "Quanto dura il congedo matrimoniale?", outcome: "fallback", topic: nil),
            TranscriptEntry(session: "b", time: now, userText: "congedo matrimoniale: quanti giorni dura?", outcome: "fallback", topic: nil),
            TranscriptEntry(session: "c", time: now, userText: "/boh", outcome: "fallback", topic: nil, reason: "unknown_command"),
            TranscriptEntry(
                session: "c", time: now, userText: "quanto dura il congedo di paternità", outcome: "answer",
                topic: "paternita-congedo-obbligatorio", card: "paternita-congedo-obbligatorio", score: 0.9),
        ])
        try await store.addFeedback(
            FeedbackEntry(session: "c", rating: -1, comment: "non parla dei gemelli", card: "paternita-congedo-obbligatorio"))
        return path
    }

    @Test func textReportHasItsSections() async throws {
        let path = try await Self.database()
        defer { try? FileManager.default.removeItem(at: path.deletingLastPathComponent()) }
        let run = try Self.run(["--database", path.path])
        #expect(run.status == 0, "\(run.stderr)")
        for heading in [
            "Unanswered questions", "Low-confidence answers", "Worst-rated cards", "Escalation reasons", "SLA breaches",
            "Knowledge-base gaps", "Top topics by week",
        ] {
            #expect(run.stdout.contains(heading), "missing \(heading)")
        }
        #expect(run.stdout.contains("Quanto dura il congedo matrimoniale?"))
        #expect(run.stdout.contains("non parla dei gemelli"))
        #expect(!run.stdout.contains("/boh"))
    }

    @Test func jsonReportIsOneObjectWithSnakeCaseKeys() async throws {
        let path = try await Self.database()
        defer { try? FileManager.default.removeItem(at: path.deletingLastPathComponent()) }
        let run = try Self.run(["--database", path.path, "--json", "--top", "5", "--since", "2000-01-01"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in [
            "generated_at", "since", "low_confidence_threshold", "sla_minutes", "totals", "unanswered", "low_confidence",
            "worst_rated_cards", "escalations", "sla_breaches", "knowledge_gaps", "top_topics_by_week",
        ] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        let unanswered = try #require(object["unanswered"] as? [[String: Any]])
        #expect(unanswered.count == 1)
        #expect(unanswered.first?["count"] as? Int == 2)
    }

    @Test func aMissingDatabaseIsAOneLineErrorAndIsNotCreated() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString)/desk.sqlite")
        let run = try Self.run(["--database", path.path])
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("no desk database at \(path.path)"))
        #expect(!FileManager.default.fileExists(atPath: path.deletingLastPathComponent().path))
    }

    @Test func badOptionsAreRefused() throws {
        let run = try Self.run(["--database", "/tmp/x.sqlite", "--since", "2026-02-30"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--since must be a real date"))
    }
}
