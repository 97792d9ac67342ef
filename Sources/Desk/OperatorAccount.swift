import Foundation

/// An advisor's account (the token itself is never stored: only a salted hash).
public struct OperatorAccount: Sendable, Hashable {
    /// What an account may do.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// Sees the tickets of their areas, takes and answers them.
        case `operator`
        /// Sees every queue and reassigns tickets.
        case supervisor
    }

    public let name: String
    public var role: Role
    /// The areas (and languages, `en`) the advisor covers.
    public var skills: [String]
    public var disabled: Bool
    /// Failed logins in a row.
    public var failures: Int
    /// No login is accepted before this.
    public var lockedUntil: Date?
    public var createdAt: Date

    /// Whether this account sees tickets needing `skills` (a supervisor sees every one).
    public func covers(_ needed: [String]) -> Bool {
        if self.role == .supervisor { return true }
        let own = Set(self.skills)
        // The area must be covered; a ticket with no area is for anyone. Language skills
        // (`en`) are required when asked for.
        return needed.allSatisfy { own.contains($0) }
    }
}

/// What a login attempt gives.
public enum LoginResult: Sendable, Hashable {
    case success(OperatorAccount)
    /// Wrong name, wrong token or disabled account: the same answer for all three.
    case failed
    /// Too many failures: no attempt is checked before `until`.
    case locked(until: Date)
}
