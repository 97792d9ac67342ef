import Foundation
import GRDB

/// Advisor accounts: tokens stored as salted HMAC-SHA256 digests, a lockout with back-off
/// after failed logins.
extension SQLiteDeskStore {
    /// Failed logins allowed before the lockout starts.
    public static let freeLoginFailures = 3
    /// The longest lockout.
    public static let maximumLockout: TimeInterval = 15 * 60

    /// Creates an account and returns its token: shown once, never stored.
    public func addOperator(
        name: String, role: OperatorAccount.Role, skills: [String], now: Date = Date()
    ) async throws -> String {
        guard Self.isValidOperatorName(name) else { throw TicketStoreError.invalidOperatorName(name) }
        let token = SecretCodes.operatorToken()
        let salt = SecretCodes.salt()
        let digest = SecretCodes.digest(token, salt: salt)
        try await self.pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM operator WHERE name = ?", arguments: [name]) == true {
                throw TicketStoreError.operatorExists(name)
            }
            try db.execute(
                sql: "INSERT INTO operator(name, role, skills, tokenSalt, tokenHash, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [name, role.rawValue, skills.joined(separator: ","), salt, digest, now])
        }
        return token
    }

    /// Every account, by name.
    public func operators() async throws -> [OperatorAccount] {
        try await self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM operator ORDER BY name").map(Self.account)
        }
    }

    /// Disables an account, or enables it again (which also lifts a lockout).
    public func setOperator(_ name: String, disabled: Bool) async throws {
        try await self.pool.write { db in
            if disabled {
                try db.execute(sql: "UPDATE operator SET disabled = 1 WHERE name = ?", arguments: [name])
            } else {
                try db.execute(
                    sql: "UPDATE operator SET disabled = 0, failures = 0, lockedUntil = NULL WHERE name = ?", arguments: [name])
            }
            if db.changesCount == 0 { throw TicketStoreError.unknownOperator(name) }
        }
    }

    /// Gives an account a new token (returned, shown once); the old one stops working and a
    /// lockout is lifted.
    public func resetToken(of name: String) async throws -> String {
        let token = SecretCodes.operatorToken()
        let salt = SecretCodes.salt()
        let digest = SecretCodes.digest(token, salt: salt)
        try await self.pool.write { db in
            try db.execute(
                sql: "UPDATE operator SET tokenSalt = ?, tokenHash = ?, failures = 0, lockedUntil = NULL WHERE name = ?",
                arguments: [salt, digest, name])
            if db.changesCount == 0 { throw TicketStoreError.unknownOperator(name) }
        }
        return token
    }

    /// Checks a login. A wrong token counts as a failure; after ``freeLoginFailures`` in a
    /// row, each one locks the account for twice as long as the last (1 s, 2 s, 4 s… up to
    /// 15 minutes). An unknown name and a disabled account answer like a wrong token.
    public func login(name: String, token: String, now: Date = Date()) async throws -> LoginResult {
        try await self.pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM operator WHERE name = ?", arguments: [name]) else {
                // Same work as for a real account.
                _ = SecretCodes.matches(token, salt: Data(count: 16), digest: Data(count: 32))
                return .failed
            }
            let account = Self.account(row)
            if let until = account.lockedUntil, until > now { return .locked(until: until) }
            let matches = SecretCodes.matches(token, salt: row["tokenSalt"], digest: row["tokenHash"])
            guard matches, !account.disabled else {
                let failures = account.failures + 1
                var lockedUntil: Date?
                if failures >= Self.freeLoginFailures {
                    let seconds = min(pow(2, Double(failures - Self.freeLoginFailures)), Self.maximumLockout)
                    lockedUntil = now.addingTimeInterval(seconds)
                }
                try db.execute(
                    sql: "UPDATE operator SET failures = ?, lockedUntil = ? WHERE name = ?",
                    arguments: [failures, lockedUntil, name])
                return .failed
            }
            try db.execute(sql: "UPDATE operator SET failures = 0, lockedUntil = NULL WHERE name = ?", arguments: [name])
            var fresh = account
            fresh.failures = 0
            fresh.lockedUntil = nil
            return .success(fresh)
        }
    }

    static func isValidOperatorName(_ name: String) -> Bool {
        (2...32).contains(name.count)
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }

    static func account(_ row: Row) -> OperatorAccount {
        let skills: String = row["skills"] ?? ""
        return OperatorAccount(
            name: row["name"], role: OperatorAccount.Role(rawValue: row["role"] ?? "") ?? .operator,
            skills: skills.split(separator: ",").map(String.init), disabled: row["disabled"] ?? false,
            failures: row["failures"] ?? 0, lockedUntil: row["lockedUntil"], createdAt: row["createdAt"])
    }
}
