/// Splits text into words: ICU word boundaries, then Italian and English elisions
/// ("dell'indennità" → "dell", "indennità"; "c'è" → "c", "è"; "don't" → "don", "t").
public enum Tokenizer {
    /// The most words a text is analysed for; the rest of an over-long text is ignored.
    public static let maximumWords = 400

    /// The words of `text`, lower-cased and folded, at most `limit` of them.
    public static func words(_ text: String, limit: Int = maximumWords) -> [Word] {
        let lowered = ICU.lower(normalizeApostrophes(text))
        var result: [Word] = []
        for piece in ICU.words(lowered) {
            if result.count >= limit { break }
            if piece.utf8.contains(39) {  // apostrophe inside the word: an elision
                for part in piece.split(separator: "'", omittingEmptySubsequences: true) {
                    append(String(part), to: &result)
                }
            } else {
                append(String(piece), to: &result)
            }
        }
        if result.count > limit { result.removeLast(result.count - limit) }
        return result
    }

    private static func append(_ lower: String, to result: inout [Word]) {
        // Numbers and abbreviations keep their inner dots and commas in ICU's words
        // ("3.600", "d.lgs", "co.co.co"): a term is letters and digits only, so that it
        // reads the same everywhere (the FTS5 tokenizer would split it).
        var word = lower
        // "7,5" or "7.5": a decimal number keeps its value; its word is the whole part.
        if let decimal = Tokenizer.decimal(lower) {
            let whole = String(lower.prefix { $0 != "," && $0 != "." })
            result.append(Word(lower: whole, folded: whole, decimal: decimal))
            return
        }
        // Only ASCII punctuation needs the (slower) Unicode check.
        let asciiPunctuation = word.utf8.contains { $0 < 0x80 && !(($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)) }
        if asciiPunctuation,
            word.unicodeScalars.contains(where: { !$0.properties.isAlphabetic && !("0"..."9").contains($0) })
        {
            word = String(String.UnicodeScalarView(word.unicodeScalars.filter {
                $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0.properties.generalCategory == .nonspacingMark
            }))
            if word.isEmpty { return }
        }
        result.append(Word(lower: word, folded: ICU.fold(word)))
    }

    /// The value of digits, one comma or dot, and one or two digits ("7,5", "2.25");
    /// "3.600" (thousands) is not a decimal.
    static func decimal(_ word: String) -> Double? {
        let bytes = Array(word.utf8)
        guard let separator = bytes.firstIndex(where: { $0 == 44 || $0 == 46 }), separator > 0 else { return nil }
        let fraction = bytes[(separator + 1)...]
        guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            bytes[..<separator].allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { return nil }
        var text = bytes
        text[separator] = 46
        return Double(String(decoding: text, as: UTF8.self))
    }

    /// Typographic apostrophes and grave accents used as apostrophes become `'`.
    static func normalizeApostrophes(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{2018}" || $0 == "`" || $0 == "\u{00B4}" })
        else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{2019}", "\u{2018}", "`", "\u{00B4}": scalars.append("'")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
