import Synchronization

/// Counts the connections being served and refuses the ones over the maximum. Safe from
/// any thread: event loops call it when connections open and close.
final class ConnectionLimiter: Sendable {
    private let maximum: Int
    private let count = Mutex(0)

    init(maximum: Int) { self.maximum = maximum }

    /// The connections being served now.
    var active: Int { self.count.withLock { $0 } }

    /// Takes a place; false when the server is full.
    func admit() -> Bool {
        self.count.withLock { count in
            guard count < self.maximum else { return false }
            count += 1
            return true
        }
    }

    /// Gives a place back.
    func release() {
        self.count.withLock { $0 -= 1 }
    }
}
