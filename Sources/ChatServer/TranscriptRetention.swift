import Desk
import Foundation
import Logging
import ServiceLifecycle

/// Deletes transcripts and closed tickets older than the retention period: once when it starts, then every
/// `interval` (a day), until the graceful shutdown.
public struct TranscriptRetention: Service, Sendable {
    private let store: any DeskStore
    private let days: Int
    private let interval: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - store: the desk store.
    ///   - days: how long a turn is kept.
    ///   - interval: the time between two purges.
    ///   - logger: one line per purge (default: silent).
    public init(
        store: any DeskStore, days: Int, interval: Duration = .seconds(86_400),
        logger: Logger = Logger(label: "sportello.retention", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.store = store
        self.days = days
        self.interval = interval
        self.logger = logger
    }

    /// Purges now, then every `interval`, until the graceful shutdown or cancellation.
    public func run() async throws {
        while !Task.isCancelled {
            await self.purgeOnce()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            } catch {
                return  // graceful shutdown or cancellation
            }
        }
    }

    /// Deletes what is older than the retention period now; returns how many turns (nil on error).
    @discardableResult public func purgeOnce(now: Date = Date()) async -> Int? {
        let limit = now.addingTimeInterval(-Double(self.days) * 86_400)
        do {
            let count = try await self.store.purge(olderThan: limit)
            var tickets = 0
            if let store = self.store as? SQLiteDeskStore {
                // Closed tickets follow the same period (counted from their closing).
                tickets = try await store.purgeClosedTickets(olderThan: limit)
            }
            self.logger.info(
                "transcripts purged",
                metadata: ["turns": "\(count)", "closed_tickets": "\(tickets)", "retention_days": "\(self.days)"])
            return count
        } catch {
            self.logger.error("cannot purge transcripts", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
