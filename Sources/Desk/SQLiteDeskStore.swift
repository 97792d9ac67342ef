import Foundation
import GRDB

/// The desk store in one SQLite file (WAL mode), through GRDB. Migrations are named and
/// never edited once shipped.
public final class SQLiteDeskStore: DeskStore, Sendable {
    private let pool: DatabasePool

    /// Opens (creating when missing) the database at `path`.
    public init(path: String) throws(DeskStoreError) {
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
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
        return migrator
    }

    public func append(_ entries: [TranscriptEntry]) async throws {
        guard !entries.isEmpty else { return }
        do {
            try await pool.write { db in
                let statement = try db.cachedStatement(
                    sql: "INSERT INTO transcript(session, time, userText, outcome, topic) VALUES (?, ?, ?, ?, ?)")
                for entry in entries {
                    try statement.execute(arguments: [entry.session, entry.time, entry.userText, entry.outcome, entry.topic])
                }
            }
        } catch {
            throw DeskStoreError.writeFailed(reason: "\(error)")
        }
    }

    public func transcript(session: String) async throws -> [TranscriptEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT session, time, userText, outcome, topic FROM transcript WHERE session = ? ORDER BY id",
                arguments: [session]
            ).map { row in
                TranscriptEntry(
                    session: row["session"], time: row["time"], userText: row["userText"], outcome: row["outcome"],
                    topic: row["topic"])
            }
        }
    }

    @discardableResult public func forget(session: String) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM transcript WHERE session = ?", arguments: [session])
            return db.changesCount
        }
    }

    @discardableResult public func purge(olderThan date: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM transcript WHERE time < ?", arguments: [date])
            return db.changesCount
        }
    }

    public func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM transcript") ?? 0 }
    }
}
