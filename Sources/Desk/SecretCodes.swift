import Crypto
import Foundation

/// Ticket codes, secrets and operator tokens: random, from the system's generator, and
/// stored only as salted HMAC-SHA256 digests (swift-crypto).
public enum SecretCodes {
    /// Letters and digits that cannot be mistaken for one another when read aloud or
    /// copied (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
    static let alphabet = Array("ACDEFHJKMNPRTUVWXY34679")

    /// A ticket code: `XXX-XXX` (23⁶ ≈ 148 million codes).
    public static func ticketCode() -> String {
        let letters = self.random(6)
        return String(letters.prefix(3)) + "-" + String(letters.suffix(3))
    }

    /// A ticket secret: 10 characters (about 45 bits), checked with a back-off on failures.
    public static func ticketSecret() -> String { String(self.random(10)) }

    /// An operator token: 32 characters (about 145 bits).
    public static func operatorToken() -> String { String(self.random(32)) }

    /// A code as the user may type it (lower case, without the dash, with spaces) in the
    /// stored form; nil when it cannot be a code.
    public static func normalizedCode(_ text: String) -> String? {
        let letters = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard letters.count == 6, letters.allSatisfy({ self.alphabet.contains($0) }) else { return nil }
        return String(letters.prefix(3)) + "-" + String(letters.suffix(3))
    }

    /// A secret as typed, in the stored form (upper case, no spaces).
    public static func normalizedSecret(_ text: String) -> String {
        text.uppercased().filter { !$0.isWhitespace && $0 != "-" }
    }

    /// 16 random bytes.
    public static func salt() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// HMAC-SHA256 of `secret` keyed with `salt`.
    public static func digest(_ secret: String, salt: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(secret.utf8), using: SymmetricKey(data: salt)))
    }

    /// Whether `secret` matches the stored digest (compared in constant time).
    public static func matches(_ secret: String, salt: Data, digest: Data) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(digest, authenticating: Data(secret.utf8), using: SymmetricKey(data: salt))
    }

    private static func random(_ count: Int) -> [Character] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in self.alphabet[Int.random(in: 0..<self.alphabet.count, using: &generator)] }
    }
}
