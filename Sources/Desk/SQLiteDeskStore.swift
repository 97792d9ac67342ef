import Foundation
import GRDB

/// The desk store in one SQLite file (WAL mode), through GRDB. Migrations are named and
/// never edited once shipped.
public final class SQLiteDeskStore: DeskStore, Sendable {
    let pool: DatabasePool

    /// Opens (creating when missing) the database at `path`.
    public init(path: String) throws(DeskStoreError) {
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            configuration.prepareDatabase { db in
                // WAL with synchronous=NORMAL: a commit is in the WAL file (the operating
                // system's) before the call returns, so it survives the server's crash or
                // `kill -9`; only a power cut or kernel crash can lose the last commits. It
                // spares an fsync per commit (the transcript batches and every ticket).
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteDeskStore.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-transcripts") { db in
            try db.create(table: "transcript") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("session", .text).notNull().indexed()
                table.column("time", .datetime).notNull().indexed()
                table.column("userText", .text).notNull()
                table.column("outcome", .text).notNull()
                table.column("topic", .text)
            }
        }
        migrator.registerMigration("v2-second-level") { db in
            // What the report needs about each turn.
            try db.alter(table: "transcript") { table in
                table.add(column: "seq", .integer)
                table.add(column: "card", .text)
                table.add(column: "score", .double)
                table.add(column: "lang", .text)
                table.add(column: "reason", .text)
            }
            try db.create(index: "transcript_outcome", on: "transcript", columns: ["outcome"])
            // `/feedback +|- [comment]` on one answer (the last one before it).
            try db.create(table: "feedback") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("session", .text).notNull().indexed()
                table.column("seq", .integer)
                table.column("time", .datetime).notNull().indexed()
                table.column("rating", .integer).notNull()
                table.column("comment", .text)
                table.column("question", .text)
                table.column("topic", .text)
                table.column("card", .text)
            }
            // Second level: one row per request for a human advisor.
            try db.create(table: "ticket") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("code", .text).notNull().unique()
                table.column("secretSalt", .blob).notNull()
                table.column("secretHash", .blob).notNull()
                table.column("status", .text).notNull().indexed()
                table.column("priority", .integer).notNull()
                table.column("area", .text)
                table.column("skills", .text).notNull().defaults(to: "")
                table.column("reason", .text).notNull()
                table.column("topic", .text)
                table.column("card", .text)
                table.column("lang", .text).notNull()
                table.column("facts", .text).notNull().defaults(to: "{}")
                table.column("excerpt", .text).notNull().defaults(to: "[]")
                table.column("session", .text).notNull()
                table.column("createdAt", .datetime).notNull()
                table.column("queuedAt", .datetime).notNull()
                table.column("assignedTo", .text)
                table.column("assignedAt", .datetime)
                table.column("firstResponseAt", .datetime)
                table.column("answeredAt", .datetime)
                table.column("closedAt", .datetime)
                table.column("resolution", .text)
                table.column("kbGap", .boolean).notNull().defaults(to: false)
                table.column("attachedCards", .text).notNull().defaults(to: "")
                table.column("reopened", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "ticketMessage") { table in
                table.autoIncrementedPrimaryKey("id")
                table.belongsTo("ticket", onDelete: .cascade).notNull()
                table.column("time", .datetime).notNull()
                table.column("author", .text).notNull()  // user, operator, system
                table.column("operator", .text)
                table.column("text", .text).notNull()
                table.column("delivered", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "operator") { table in
                table.primaryKey("name", .text)
                table.column("role", .text).notNull()
                table.column("skills", .text).notNull().defaults(to: "")
                table.column("tokenSalt", .blob).notNull()
                table.column("tokenHash", .blob).notNull()
                table.column("disabled", .boolean).notNull().defaults(to: false)
                table.column("failures", .integer).notNull().defaults(to: 0)
                table.column("lockedUntil", .datetime)
                table.column("createdAt", .datetime).notNull()
            }
        }
        return migrator
    }

    public func append(_ entries: [TranscriptEntry]) async throws {
        guard !entries.isEmpty else { return }
        do {
            try await pool.write { db in
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT INTO transcript(session, time, userText, outcome, topic, seq, card, score, lang, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for entry in entries {
                    try statement.execute(arguments: [
                        entry.session, entry.time, entry.userText, entry.outcome, entry.topic, entry.seq, entry.card,
                        entry.score, entry.lang, entry.reason,
                    ])
                }
            }
        } catch {
            throw DeskStoreError.writeFailed(reason: "\(error)")
        }
    }

    public func transcript(session: String) async throws -> [TranscriptEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT session, time, userText, outcome, topic, seq, card, score, lang, reason
                    FROM transcript WHERE session = ? ORDER BY id
                    """,
                arguments: [session]
            ).map { row in
                TranscriptEntry(
                    session: row["session"], time: row["time"], userText: row["userText"], outcome: row["outcome"],
                    topic: row["topic"], seq: row["seq"], card: row["card"], score: row["score"], lang: row["lang"],
                    reason: row["reason"])
            }
        }
    }

    @discardableResult public func forget(session: String) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM transcript WHERE session = ?", arguments: [session])
            let turns = db.changesCount
            // The session's ratings go too: they quote its questions.
            try db.execute(sql: "DELETE FROM feedback WHERE session = ?", arguments: [session])
            return turns
        }
    }

    @discardableResult public func purge(olderThan date: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM transcript WHERE time < ?", arguments: [date])
            let turns = db.changesCount
            try db.execute(sql: "DELETE FROM feedback WHERE time < ?", arguments: [date])
            return turns
        }
    }

    public func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM transcript") ?? 0 }
    }
}
