/// A token bucket: `burst` tokens, refilled continuously at `rate` per second; each line
/// takes one. A pure value with the clock passed in, so tests drive it with fixed instants.
struct RateLimiter: Sendable {
    private let rate: Double
    private let capacity: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant?

    init(_ limit: ServerConfiguration.RateLimit) {
        self.rate = max(0, limit.linesPerSecond)
        self.capacity = Double(max(1, limit.burst))
        self.tokens = self.capacity
    }

    /// Whether a line arriving at `now` may be read (and if so, takes its token).
    mutating func admit(at now: ContinuousClock.Instant) -> Bool {
        if let last {
            let elapsed = now - last
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if seconds > 0 { self.tokens = min(self.capacity, self.tokens + seconds * self.rate) }
        }
        self.last = now
        guard self.tokens >= 1 else { return false }
        self.tokens -= 1
        return true
    }
}
