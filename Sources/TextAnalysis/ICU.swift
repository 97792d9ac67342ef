import CICU

/// Case folding, lower-casing and word boundaries from ICU, through the plain-C `CICU`
/// target (the only place that includes ICU headers).
public enum ICU {
    /// Case-folds `text` and removes its accents: "Maternità" → "maternita".
    /// ASCII text skips ICU (its folding is plain lower-casing).
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiLower(text) }
        return transform(text, cicu_fold)
    }

    /// Lower-cases `text` with Italian rules, keeping accents: "Maternità" → "maternità".
    public static func lower(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiLower(text) }
        return transform(text, cicu_lower)
    }

    /// The words of `text` by Unicode word boundaries (UAX #29), without spaces and
    /// punctuation. An apostrophe between letters stays inside the word ("dell'INPS").
    public static func words(_ text: String) -> [Substring] {
        var utf8 = Array(text.utf8)
        if utf8.isEmpty { return [] }
        let capacity = utf8.count / 2 + 1
        var offsets = [Int32](repeating: 0, count: capacity * 2)
        let count = utf8.withUnsafeMutableBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cicu_words(chars.baseAddress, Int32(chars.count), &offsets, Int32(capacity))
            }
        }
        guard count > 0 else { return [] }
        var result: [Substring] = []
        result.reserveCapacity(Int(count))
        let view = text.utf8
        for k in 0..<Int(count) {
            let start = view.index(view.startIndex, offsetBy: Int(offsets[2 * k]))
            let end = view.index(view.startIndex, offsetBy: Int(offsets[2 * k + 1]))
            result.append(text[start..<end])
        }
        return result
    }

    /// The ICU library version, e.g. "72.1".
    public static var version: String { String(cString: cicu_version()) }

    private static func asciiLower(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) { return text }
        return String(decoding: text.utf8.map { ($0 >= 65 && $0 <= 90) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    private static func transform(
        _ text: String,
        _ function: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32) -> Int32
    ) -> String {
        var source = Array(text.utf8)
        var capacity = source.count * 3 + 16
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            let written = source.withUnsafeMutableBufferPointer { src in
                src.withMemoryRebound(to: CChar.self) { s in
                    output.withUnsafeMutableBufferPointer { dst in
                        dst.withMemoryRebound(to: CChar.self) { d in
                            function(s.baseAddress, Int32(s.count), d.baseAddress, Int32(capacity))
                        }
                    }
                }
            }
            if written >= 0 { return String(decoding: output[0..<Int(written)], as: UTF8.self) }
            if written == CICU_ERROR_CAPACITY && capacity < 1 << 26 {
                capacity *= 2
                continue
            }
            // ICU failed: keep the text usable rather than losing the question.
            return text.lowercased()
        }
    }
}
