/// Removes personal data from text before it is stored: Italian tax codes (codice
/// fiscale), e-mail addresses, phone numbers and IBANs become placeholders. Works on the
/// characters directly, without regular expressions, so it is cheap on every turn.
public enum Redactor {
    public static let taxCode = "[codice fiscale]"
    public static let email = "[email]"
    public static let phone = "[telefono]"
    public static let iban = "[iban]"

    /// `text` with personal data replaced.
    public static func redact(_ text: String) -> String {
        // Fast path: nothing that could be personal data. An e-mail has an @; a phone
        // number 8 digits or more; an IBAN more still; a tax code is a run of 16 letters and
        // digits. Dates, amounts and law numbers have none of these.
        var digits = 0
        var run = 0
        var longestRun = 0
        for byte in text.utf8 {
            if byte == 64 { return redactTokens(text) }
            let isDigit = byte >= 48 && byte <= 57
            if isDigit { digits += 1 }
            if isDigit || (byte | 0x20 >= 97 && byte | 0x20 <= 122) {
                run += 1
                if run > longestRun { longestRun = run }
            } else {
                run = 0
            }
        }
        if digits < 8 && (longestRun < 16 || digits == 0) { return text }
        return redactTokens(text)
    }

    private static func redactTokens(_ text: String) -> String {
        var tokens: [String] = []
        var output = ""
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            tokens.append(String(piece))
        }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let (core, trailing) = split(token)
            if isEmail(core) {
                append(email + trailing, to: &output)
            } else if isTaxCode(core) {
                append(taxCode + trailing, to: &output)
            } else if let consumed = ibanLength(tokens, from: index) {
                append(iban + split(tokens[index + consumed - 1]).trailing, to: &output)
                index += consumed
                continue
            } else if let consumed = phoneLength(tokens, from: index) {
                append(phone + split(tokens[index + consumed - 1]).trailing, to: &output)
                index += consumed
                continue
            } else {
                append(token, to: &output)
            }
            index += 1
        }
        return output
    }

    private static func append(_ piece: String, to output: inout String) {
        if !output.isEmpty { output += " " }
        output += piece
    }

    /// A token without trailing punctuation, and that punctuation.
    private static func split(_ token: String) -> (core: String, trailing: String) {
        var core = Substring(token)
        var trailing = ""
        while let last = core.last, ",.;:!?)]\"'".contains(last) {
            trailing = String(last) + trailing
            core.removeLast()
        }
        while let first = core.first, "([\"'".contains(first) { core.removeFirst() }
        return (String(core), trailing)
    }

    static func isEmail(_ token: String) -> Bool {
        let parts = token.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return true
    }

    /// 16 characters: 6 letters, 2 digits, a letter, 2 digits, a letter, 3 digits, a letter
    /// (digits may be replaced by letters for homonyms: "omocodia").
    static func isTaxCode(_ token: String) -> Bool {
        let characters = Array(token.uppercased())
        guard characters.count == 16, characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return false
        }
        let letters = [0, 1, 2, 3, 4, 5, 8, 11, 15]
        let digitsOrOmocodia = [6, 7, 9, 10, 12, 13, 14]
        return letters.allSatisfy { characters[$0].isLetter }
            && digitsOrOmocodia.allSatisfy { characters[$0].isNumber || "LMNPQRSTUV".contains(characters[$0]) }
            && characters.contains(where: \.isNumber)
    }

    /// An IBAN: two letters, two digits, then 11–30 letters and digits, possibly written in
    /// groups of four separated by spaces. Returns how many tokens it spans.
    static func ibanLength(_ tokens: [String], from start: Int) -> Int? {
        var joined = ""
        var used = 0
        for token in tokens[start...] {
            let core = split(token).core
            guard !core.isEmpty, core.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { break }
            joined += core.uppercased()
            used += 1
            if joined.count >= 15 && isIBAN(joined) {
                // Take the longest run that is still an IBAN.
                var best = used
                var extended = joined
                for next in tokens[(start + used)...] {
                    let nextCore = split(next).core
                    // A group of an IBAN has digits; a word after it ("ok") does not.
                    guard !nextCore.isEmpty, nextCore.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                        nextCore.contains(where: \.isNumber), extended.count + nextCore.count <= 34
                    else { break }
                    extended += nextCore.uppercased()
                    if isIBAN(extended) { best += 1 } else { break }
                }
                return best
            }
            if joined.count > 34 || used >= 9 { break }
        }
        return nil
    }

    static func isIBAN(_ text: String) -> Bool {
        let characters = Array(text)
        guard (15...34).contains(characters.count), characters[0].isLetter, characters[1].isLetter,
            characters[2].isNumber, characters[3].isNumber
        else { return false }
        return characters.dropFirst(4).allSatisfy { $0.isLetter || $0.isNumber }
            && characters.dropFirst(4).contains(where: \.isNumber)
    }

    /// A phone number: 8–13 digits, optionally with a leading "+" or "00", possibly split
    /// by spaces, dots, dashes or slashes into groups. Returns how many tokens it spans.
    static func phoneLength(_ tokens: [String], from start: Int) -> Int? {
        var digits = 0
        var used = 0
        var international = false
        for token in tokens[start...] {
            var core = split(token).core
            if used == 0 && core.hasPrefix("+") {
                international = true
                core.removeFirst()
            }
            guard !core.isEmpty,
                core.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "/" || $0 == "(" || $0 == ")" }),
                core.contains(where: \.isNumber)
            else { break }
            digits += core.filter(\.isNumber).count
            used += 1
            if digits > 13 { return nil }
        }
        guard used > 0, digits >= (international ? 8 : 9) else { return nil }
        // A year or an amount is not a phone number: at least 9 digits (8 with +).
        return used
    }
}
