/// Counts the connections being served and refuses the ones over the maximum.
actor ConnectionLimiter {
    private let maximum: Int
    private(set) var active = 0

    init(maximum: Int) { self.maximum = maximum }

    /// Takes a place; false when the server is full.
    func admit() -> Bool {
        guard self.active < self.maximum else { return false }
        self.active += 1
        return true
    }

    /// Gives a place back.
    func release() {
        self.active -= 1
    }
}
