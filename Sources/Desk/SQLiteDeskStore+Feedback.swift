import Foundation
import GRDB

extension SQLiteDeskStore {
    /// Stores one `/feedback`. `comment` and `question` are redacted (`Redactor.redact`)
    /// here, before anything is written; an empty comment is stored as none.
    ///
    /// - Throws: `FeedbackError.invalidRating` unless the rating is +1 or -1;
    ///   `DeskStoreError.writeFailed` when the database cannot be written.
    public func addFeedback(_ entry: FeedbackEntry) async throws {
        guard entry.rating == 1 || entry.rating == -1 else { throw FeedbackError.invalidRating(entry.rating) }
        let comment = Self.redactedOrNil(entry.comment)
        let question = Self.redactedOrNil(entry.question)
        do {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO feedback(session, seq, time, rating, comment, question, topic, card)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        entry.session, entry.seq, entry.time, entry.rating, comment, question, entry.topic, entry.card,
                    ])
            }
        } catch {
            throw DeskStoreError.writeFailed(reason: "\(error)")
        }
    }

    /// Stored feedback, oldest first: all of it, or one session's, or given at or after `since`.
    public func feedback(session: String? = nil, since: Date? = nil) async throws -> [FeedbackEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let session {
            conditions.append("session = ?")
            arguments += [session]
        }
        if let since {
            conditions.append("time >= ?")
            arguments += [since]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let bound = arguments
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT session, seq, time, rating, comment, question, topic, card
                    FROM feedback \(filter) ORDER BY time, id
                    """,
                arguments: bound
            ).map { row in
                FeedbackEntry(
                    session: row["session"], seq: row["seq"], time: row["time"], rating: row["rating"],
                    comment: row["comment"], question: row["question"], topic: row["topic"], card: row["card"])
            }
        }
    }

    /// `text` redacted and trimmed; nil when nothing is left.
    private static func redactedOrNil(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : Redactor.redact(trimmed)
    }
}
