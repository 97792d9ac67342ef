import Foundation

/// Keeps operator tokens out of everything the console prints, also the raw JSON lines of
/// `--json` (the server echoes each line in `q`, `/login NAME TOKEN` included).
struct SecretMask: Sendable {
    static let placeholder = "[token]"
    private(set) var secrets: [String] = []

    /// Remembers the token of a `/login NAME TOKEN` line about to be sent.
    mutating func note(sentLine line: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 3, words[0].lowercased() == "/login" else { return }
        let token = words[2...].joined(separator: " ")
        if !secrets.contains(token) { secrets.append(token) }
    }

    /// The line with every remembered token replaced: exactly where it follows
    /// `/login NAME `, and anywhere for tokens of 8 characters or more.
    func apply(_ line: String) -> String {
        var result = line
        for secret in secrets where !secret.isEmpty {
            for form in Set([secret, Self.jsonEscaped(secret)]) {
                if form.count >= 8 {
                    result = result.replacingAll(form, with: Self.placeholder)
                } else {
                    result = result.maskingAfterLogin(form)
                }
            }
        }
        return result
    }

    /// The text as it appears inside a JSON string.
    static func jsonEscaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "/": result += "/"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// Replaces `secret` where it is the third word of a `/login NAME secret` text.
    fileprivate func maskingAfterLogin(_ secret: String) -> String {
        var result = ""
        var rest = self[...]
        while let start = rest.range(of: "/login ", options: .caseInsensitive) {
            result += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let space = rest.firstIndex(of: " ") else { break }
            result += rest[...space]
            rest = rest[rest.index(after: space)...]
            if rest.hasPrefix(secret) {
                result += SecretMask.placeholder
                rest = rest.dropFirst(secret.count)
            }
        }
        return result + rest
    }
}
