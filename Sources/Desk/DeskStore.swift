import Foundation

/// Where the desk keeps what must survive a restart. Everything goes through this
/// protocol, so that a second implementation (PostgreSQL, for several servers behind one
/// address) can follow without touching the engine or the server.
public protocol DeskStore: Sendable {
    /// Stores turns (already redacted), in one transaction.
    func append(_ entries: [TranscriptEntry]) async throws
    /// The stored turns of a session, oldest first.
    func transcript(session: String) async throws -> [TranscriptEntry]
    /// Deletes a session's turns (`/forget`); returns how many were deleted.
    @discardableResult func forget(session: String) async throws -> Int
    /// Deletes turns older than `date` (the retention period); returns how many.
    @discardableResult func purge(olderThan date: Date) async throws -> Int
    /// Number of stored turns.
    func count() async throws -> Int
}

/// Problems with the desk store, with what to do about them.
public enum DeskStoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case writeFailed(reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the desk database \(path): \(reason); check the path (--database) and that its folder is writable"
        case .writeFailed(let reason):
            "cannot write to the desk database: \(reason); check free disk space"
        }
    }
}
