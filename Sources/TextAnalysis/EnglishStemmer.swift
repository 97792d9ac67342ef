// Snowball English (Porter2) stemmer.
//
// A faithful port of the Snowball English algorithm
// (https://snowballstem.org/algorithms/english/stemmer.html) as it stands in
// Snowball 3.x, including the exceptional forms (`skies`, `news`, `dying`,
// `succeed`, `inning`, …), the special R1 prefixes (`gener`, `commun`,
// `arsen`, `emerg`, `inter`, `later`, `organ`, `past`, `univers`) and the
// `-ogist` rule.
//
// The word is processed as an array of Unicode scalar values held in a
// temporary (stack) buffer; suffix tables are static, flattened and checked
// longest-first, so a call performs no heap allocation apart from the
// resulting `String` (and none at all for stems of up to 15 UTF-8 bytes).

/// Stems English words with the Snowball English (Porter2) algorithm.
///
/// The stemmer is stateless and cheap to copy; a single instance can be shared
/// freely between threads and tasks.
///
/// ```swift
/// let stemmer = EnglishStemmer()
/// stemmer.stem("generously")  // "generous"
/// stemmer.stem("skies")       // "sky"
/// ```
public struct EnglishStemmer: Sendable {

    /// Creates an English stemmer.
    public init() {}

    /// Returns the Snowball (Porter2) stem of a single English word.
    ///
    /// - Parameter word: one word, already lowercased. An apostrophe (ASCII
    ///   `'`) at the start is dropped and a possessive `'s`, `'s'` or `'` at
    ///   the end is removed, as the algorithm prescribes.
    /// - Returns: the stem, lowercase. Words of fewer than three characters
    ///   are returned unchanged.
    public func stem(_ word: String) -> String {
        let capacity = word.utf8.count
        if capacity < 3 { return word }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { buffer -> String in
            guard let base = buffer.baseAddress else { return word }
            var n = 0
            for scalar in word.unicodeScalars {
                base[n] = scalar.value
                n += 1
            }
            if let exception = EnglishTables.exceptions.exactMatch(base, count: n) {
                return EnglishTables.exceptionStems[exception]
            }
            if n < 3 { return word }
            var engine = EnglishStemEngine(b: base, n: n)
            engine.run()
            return EnglishStemEngine.makeString(base, count: engine.n)
        }
    }
}

// MARK: - Character codes

private enum EN {
    static let apostrophe: UInt32 = 0x27
    static let a: UInt32 = 0x61, c: UInt32 = 0x63, d: UInt32 = 0x64, e: UInt32 = 0x65
    static let g: UInt32 = 0x67, h: UInt32 = 0x68, i: UInt32 = 0x69, k: UInt32 = 0x6B
    static let l: UInt32 = 0x6C, m: UInt32 = 0x6D, n: UInt32 = 0x6E, o: UInt32 = 0x6F
    static let p: UInt32 = 0x70, r: UInt32 = 0x72, s: UInt32 = 0x73, t: UInt32 = 0x74
    static let u: UInt32 = 0x75, w: UInt32 = 0x77, x: UInt32 = 0x78, y: UInt32 = 0x79
    static let upperY: UInt32 = 0x59

    /// Snowball grouping `v`: a e i o u y.
    @inline(__always)
    static func isVowel(_ ch: UInt32) -> Bool {
        switch ch {
        case a, e, i, o, u, y: return true
        default: return false
        }
    }

    /// Snowball grouping `v_WXY`: the vowels plus w, x and Y.
    @inline(__always)
    static func isVowelWXY(_ ch: UInt32) -> Bool {
        switch ch {
        case a, e, i, o, u, y, w, x, upperY: return true
        default: return false
        }
    }

    /// Snowball grouping `valid_LI`: c d e g h k m n r t.
    @inline(__always)
    static func isValidLI(_ ch: UInt32) -> Bool {
        switch ch {
        case c, d, e, g, h, k, m, n, r, t: return true
        default: return false
        }
    }
}

// MARK: - Suffix tables

/// A set of strings flattened into one scalar array and bucketed by their
/// final scalar (suffix lookups) or first scalar (prefix lookups); within a
/// bucket the entries are ordered longest first, so the first entry that
/// matches is the longest match, which is what Snowball's `among` selects.
/// Each entry carries a small action code. All entries are Latin-1 text.
private struct EnglishAffixTable: Sendable {
    private let scalars: [UInt32]
    private let starts: [Int]
    private let lengths: [Int]
    private let actions: [UInt8]
    /// Entries keyed by scalar `c` occupy `buckets[c]..<buckets[c + 1]`.
    private let buckets: [Int]

    init(_ entries: [(String, UInt8)], keyedByFirstScalar: Bool = false) {
        let keyed = entries.enumerated().compactMap { item -> (key: Int, order: Int, values: [UInt32], action: UInt8)? in
            let values = item.element.0.unicodeScalars.map { $0.value }
            guard let key = keyedByFirstScalar ? values.first : values.last, key < 256 else { return nil }
            return (Int(key), item.offset, values, item.element.1)
        }
        let sorted = keyed.sorted { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            if lhs.values.count != rhs.values.count { return lhs.values.count > rhs.values.count }
            return lhs.order < rhs.order
        }
        var scalars: [UInt32] = []
        var starts: [Int] = [], lengths: [Int] = [], actions: [UInt8] = []
        var buckets = [Int](repeating: 0, count: 257)
        for entry in sorted {
            starts.append(scalars.count)
            scalars.append(contentsOf: entry.values)
            lengths.append(entry.values.count)
            actions.append(entry.action)
            buckets[entry.key + 1] += 1
        }
        for c in 0..<256 { buckets[c + 1] += buckets[c] }
        self.scalars = scalars
        self.starts = starts
        self.lengths = lengths
        self.actions = actions
        self.buckets = buckets
    }

    /// The longest entry that is a suffix of `b[lowerBound..<end]`.
    @inline(__always)
    func longestSuffix(_ b: UnsafeMutablePointer<UInt32>, end: Int, lowerBound: Int = 0)
        -> (length: Int, action: UInt8)? {
        let available = end - lowerBound
        guard available > 0 else { return nil }
        let key = Int(b[end - 1])
        guard key < 256 else { return nil }
        return scalars.withUnsafeBufferPointer { s -> (length: Int, action: UInt8)? in
            for k in buckets[key]..<buckets[key + 1] {
                let len = lengths[k]
                if len > available { continue }
                let start = starts[k] - end + len
                var j = end - 2
                let stop = end - len
                while j >= stop && s[start + j] == b[j] { j -= 1 }
                if j < stop { return (len, actions[k]) }
            }
            return nil
        }
    }

    /// The longest entry that is a prefix of `b[0..<count]` (tables built
    /// with `keyedByFirstScalar: true`).
    @inline(__always)
    func longestPrefix(_ b: UnsafeMutablePointer<UInt32>, count: Int) -> (length: Int, action: UInt8)? {
        guard count > 0 else { return nil }
        let key = Int(b[0])
        guard key < 256 else { return nil }
        return scalars.withUnsafeBufferPointer { s -> (length: Int, action: UInt8)? in
            for k in buckets[key]..<buckets[key + 1] {
                let len = lengths[k]
                if len > count { continue }
                let start = starts[k]
                var j = 1
                while j < len && s[start + j] == b[j] { j += 1 }
                if j == len { return (len, actions[k]) }
            }
            return nil
        }
    }

    /// The action code of the entry equal to `b[0..<count]`, if any.
    @inline(__always)
    func exactMatch(_ b: UnsafeMutablePointer<UInt32>, count: Int) -> Int? {
        guard let match = longestPrefix(b, count: count), match.length == count else { return nil }
        return Int(match.action)
    }
}

private enum EnglishTables {
    /// Words stemmed by lookup (Snowball `exception1`); the action code indexes
    /// `exceptionStems`.
    static let exceptions = EnglishAffixTable([
        ("skis", 0), ("skies", 1), ("idly", 2), ("gently", 3), ("ugly", 4), ("early", 5),
        ("only", 6), ("singly", 7), ("sky", 8), ("news", 9), ("howe", 10), ("atlas", 11),
        ("cosmos", 12), ("bias", 13), ("andes", 14),
    ], keyedByFirstScalar: true)
    static let exceptionStems: [String] = [
        "ski", "sky", "idl", "gentl", "ugli", "earli", "onli", "singl",
        "sky", "news", "howe", "atlas", "cosmos", "bias", "andes",
    ]

    /// Prefixes after which R1 starts.
    static let r1Prefixes = EnglishAffixTable([
        ("arsen", 1), ("commun", 1), ("emerg", 1), ("gener", 1), ("inter", 1),
        ("later", 1), ("organ", 1), ("past", 1), ("univers", 1),
    ], keyedByFirstScalar: true)

    /// Possessive endings removed in step 1a.
    static let apostrophes = EnglishAffixTable([("'", 1), ("'s'", 1), ("'s", 1)])

    /// Step 1a: 1 `sses`→`ss`, 2 `ied`/`ies`→`i`/`ie`, 3 `s`, 0 `ss`/`us` (keep).
    static let step1a = EnglishAffixTable([
        ("ied", 2), ("s", 3), ("ies", 2), ("sses", 1), ("ss", 0), ("us", 0),
    ])

    /// Step 1b: 1 `eed`/`eedly`, 2 `ed`/`edly`/`ingly`, 3 `ing`.
    static let step1b = EnglishAffixTable([
        ("ed", 2), ("eed", 1), ("ing", 3), ("edly", 2), ("eedly", 1), ("ingly", 2),
    ])

    /// Whole stems before `eed` that keep it (`succeed`, `proceed`, `exceed`).
    static let eedKeepers = EnglishAffixTable([("succ", 1), ("proc", 1), ("exc", 1)])

    /// Stems before `ing`: 1 `y` (`dying`→`die`), 2 whole words kept
    /// (`evening`, `canning`, `inning`, `earring`, `herring`, `outing`).
    static let ingStems = EnglishAffixTable([
        ("even", 2), ("cann", 2), ("inn", 2), ("earr", 2), ("herr", 2), ("out", 2), ("y", 1),
    ])

    /// Endings after step 1b's deletion: 1 add `e`, 2 undouble.
    static let step1bEnds = EnglishAffixTable([
        ("bb", 2), ("dd", 2), ("ff", 2), ("gg", 2), ("bl", 1), ("mm", 2),
        ("nn", 2), ("pp", 2), ("rr", 2), ("at", 1), ("tt", 2), ("iz", 1),
    ])

    /// Step 2 suffixes; the action indexes `step2Replacements` (14: `ogi`
    /// after `l`, 16: `li` after a valid-LI letter).
    static let step2 = EnglishAffixTable([
        ("anci", 3), ("enci", 2), ("ogi", 14), ("li", 16), ("bli", 12), ("abli", 4),
        ("alli", 8), ("fulli", 9), ("lessli", 15), ("ousli", 10), ("entli", 5), ("aliti", 8),
        ("biliti", 12), ("iviti", 11), ("tional", 1), ("ational", 7), ("alism", 8), ("ation", 7),
        ("ization", 6), ("izer", 6), ("ator", 7), ("iveness", 11), ("fulness", 9), ("ousness", 10),
        ("ogist", 13),
    ])
    static let step2Replacements: [StaticString] = [
        "", "tion", "ence", "ance", "able", "ent", "ize", "ate", "al",
        "ful", "ous", "ive", "ble", "og", "og", "less", "",
    ]

    /// Step 3 suffixes; 5 delete, 6 delete in R2, others index `step3Replacements`.
    static let step3 = EnglishAffixTable([
        ("icate", 4), ("ative", 6), ("alize", 3), ("iciti", 4), ("ical", 4),
        ("tional", 1), ("ational", 2), ("ful", 5), ("ness", 5),
    ])
    static let step3Replacements: [StaticString] = ["", "tion", "ate", "al", "ic", "", ""]

    /// Step 4 suffixes: 1 delete, 2 `ion` after `s` or `t`.
    static let step4 = EnglishAffixTable([
        ("ic", 1), ("ance", 1), ("ence", 1), ("able", 1), ("ible", 1), ("ate", 1),
        ("ive", 1), ("ize", 1), ("iti", 1), ("al", 1), ("ism", 1), ("ion", 2),
        ("er", 1), ("ous", 1), ("ant", 1), ("ent", 1), ("ment", 1), ("ement", 1),
    ])
}

// MARK: - Engine

/// The working state of one stemming run over a scalar buffer `b[0..<n]`.
private struct EnglishStemEngine {
    let b: UnsafeMutablePointer<UInt32>
    var n: Int
    var p1 = 0
    var p2 = 0
    var foundY = false

    init(b: UnsafeMutablePointer<UInt32>, n: Int) {
        self.b = b
        self.n = n
    }

    mutating func run() {
        prelude()
        markRegions()
        step1a()
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
        postlude()
    }

    // MARK: Helpers

    @inline(__always)
    func isR1(_ position: Int) -> Bool { p1 <= position }

    @inline(__always)
    func isR2(_ position: Int) -> Bool { p2 <= position }

    /// Whether `b[0..<end]` contains a vowel.
    @inline(__always)
    func hasVowel(before end: Int) -> Bool {
        var k = 0
        while k < end {
            if EN.isVowel(b[k]) { return true }
            k += 1
        }
        return false
    }

    /// Snowball `shortv`: `b[0..<end]` ends in a short syllable.
    @inline(__always)
    func endsWithShortSyllable(_ end: Int) -> Bool {
        if end >= 3 && !EN.isVowelWXY(b[end - 1]) && EN.isVowel(b[end - 2]) && !EN.isVowel(b[end - 3]) {
            return true
        }
        if end == 2 && !EN.isVowel(b[1]) && EN.isVowel(b[0]) {
            return true
        }
        return end >= 4 && b[end - 4] == EN.p && b[end - 3] == EN.a && b[end - 2] == EN.s && b[end - 1] == EN.t
    }

    @inline(__always)
    mutating func replaceTail(from start: Int, with text: StaticString) {
        var k = start
        text.withUTF8Buffer { bytes in
            for byte in bytes {
                b[k] = UInt32(byte)
                k += 1
            }
        }
        n = k
    }

    // MARK: Steps

    /// Drops a leading apostrophe and marks consonantal `y` as `Y`.
    mutating func prelude() {
        if n > 0 && b[0] == EN.apostrophe {
            for k in 1..<n { b[k - 1] = b[k] }
            n -= 1
        }
        foundY = false
        if n > 0 && b[0] == EN.y {
            b[0] = EN.upperY
            foundY = true
        }
        if n < 2 { return }
        for k in 0..<(n - 1) where b[k + 1] == EN.y && EN.isVowel(b[k]) {
            b[k + 1] = EN.upperY
            foundY = true
        }
    }

    /// Computes R1 (`p1`) and R2 (`p2`).
    mutating func markRegions() {
        p1 = n
        p2 = n
        var start: Int
        if let prefix = EnglishTables.r1Prefixes.longestPrefix(b, count: n) {
            start = prefix.length
        } else {
            guard let v = firstVowel(from: 0), let c = firstNonVowel(from: v + 1) else { return }
            start = c + 1
        }
        p1 = start
        guard let v = firstVowel(from: start), let c = firstNonVowel(from: v + 1) else { return }
        p2 = c + 1
    }

    @inline(__always)
    func firstVowel(from: Int) -> Int? {
        var k = from
        while k < n {
            if EN.isVowel(b[k]) { return k }
            k += 1
        }
        return nil
    }

    @inline(__always)
    func firstNonVowel(from: Int) -> Int? {
        var k = from
        while k < n {
            if !EN.isVowel(b[k]) { return k }
            k += 1
        }
        return nil
    }

    /// Step 1a: possessives, plural `-s`, `-sses`, `-ied`, `-ies`.
    mutating func step1a() {
        if let match = EnglishTables.apostrophes.longestSuffix(b, end: n) {
            n -= match.length
        }
        guard let match = EnglishTables.step1a.longestSuffix(b, end: n) else { return }
        let s = n - match.length
        switch match.action {
        case 1: // sses → ss
            n = s + 2
        case 2: // ied, ies → i after two or more letters, else ie
            if s >= 2 {
                replaceTail(from: s, with: "i")
            } else {
                replaceTail(from: s, with: "ie")
            }
        case 3: // s: delete if a vowel occurs before the preceding letter
            if s >= 1 && hasVowel(before: s - 1) { n = s }
        default: // ss, us: keep
            break
        }
    }

    /// Step 1b: `-eed`, `-eedly`, `-ed`, `-edly`, `-ing`, `-ingly`.
    mutating func step1b() {
        guard let match = EnglishTables.step1b.longestSuffix(b, end: n) else { return }
        let s = n - match.length
        switch match.action {
        case 1: // eed, eedly
            if isR1(s) {
                if let keeper = EnglishTables.eedKeepers.longestSuffix(b, end: s), keeper.length == s {
                    return
                }
                n = s + 2 // → ee
            }
            return
        case 3: // ing
            if let stem = EnglishTables.ingStems.longestSuffix(b, end: s) {
                if stem.action == 1 {
                    // C + ying as the whole word: dying → die, lying → lie.
                    if s == 2 && !EN.isVowel(b[0]) {
                        replaceTail(from: 1, with: "ie")
                        return
                    }
                } else if stem.length == s {
                    return
                }
            }
        default: // ed, edly, ingly
            break
        }
        guard hasVowel(before: s) else { return }
        n = s
        if let end = EnglishTables.step1bEnds.longestSuffix(b, end: n) {
            if end.action == 1 {
                b[n] = EN.e
                n += 1
            } else if !(n == 3 && (b[0] == EN.a || b[0] == EN.e || b[0] == EN.o)) {
                n -= 1
            }
        } else if n == p1 && endsWithShortSyllable(n) {
            b[n] = EN.e
            n += 1
        }
    }

    /// Step 1c: final `y`/`Y` after a non-vowel (not the first letter) → `i`.
    mutating func step1c() {
        guard n >= 3 else { return }
        let last = b[n - 1]
        if (last == EN.y || last == EN.upperY) && !EN.isVowel(b[n - 2]) {
            b[n - 1] = EN.i
        }
    }

    /// Step 2: derivational suffixes in R1.
    mutating func step2() {
        guard let match = EnglishTables.step2.longestSuffix(b, end: n) else { return }
        let s = n - match.length
        guard isR1(s) else { return }
        switch match.action {
        case 14: // ogi → og after l
            if s >= 1 && b[s - 1] == EN.l { replaceTail(from: s, with: "og") }
        case 16: // li after a valid-LI letter
            if s >= 1 && EN.isValidLI(b[s - 1]) { n = s }
        default:
            replaceTail(from: s, with: EnglishTables.step2Replacements[Int(match.action)])
        }
    }

    /// Step 3: derivational suffixes in R1 (`-ative` in R2).
    mutating func step3() {
        guard let match = EnglishTables.step3.longestSuffix(b, end: n) else { return }
        let s = n - match.length
        guard isR1(s) else { return }
        switch match.action {
        case 5:
            n = s
        case 6:
            if isR2(s) { n = s }
        default:
            replaceTail(from: s, with: EnglishTables.step3Replacements[Int(match.action)])
        }
    }

    /// Step 4: suffixes deleted in R2 (`-ion` after `s` or `t`).
    mutating func step4() {
        guard let match = EnglishTables.step4.longestSuffix(b, end: n) else { return }
        let s = n - match.length
        guard isR2(s) else { return }
        if match.action == 1 {
            n = s
        } else if s >= 1 && (b[s - 1] == EN.s || b[s - 1] == EN.t) {
            n = s
        }
    }

    /// Step 5: final `e` (R2, or R1 after a non-short syllable); `ll` in R2.
    mutating func step5() {
        guard n >= 1 else { return }
        let s = n - 1
        if b[s] == EN.e {
            if isR2(s) || (isR1(s) && !endsWithShortSyllable(s)) { n = s }
        } else if b[s] == EN.l {
            if isR2(s) && s >= 1 && b[s - 1] == EN.l { n = s }
        }
    }

    /// Turns the consonant marker `Y` back into `y`.
    mutating func postlude() {
        guard foundY else { return }
        for k in 0..<n where b[k] == EN.upperY {
            b[k] = EN.y
        }
    }

    // MARK: Output

    /// Encodes `b[0..<count]` as a UTF-8 `String`.
    static func makeString(_ b: UnsafeMutablePointer<UInt32>, count: Int) -> String {
        var bytes = 0
        for k in 0..<count {
            let v = b[k]
            bytes += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: bytes) { out in
            var o = 0
            for k in 0..<count {
                let v = b[k]
                if v < 0x80 {
                    out[o] = UInt8(truncatingIfNeeded: v)
                    o += 1
                } else if v < 0x800 {
                    out[o] = UInt8(truncatingIfNeeded: 0xC0 | (v >> 6))
                    out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    o += 2
                } else if v < 0x10000 {
                    out[o] = UInt8(truncatingIfNeeded: 0xE0 | (v >> 12))
                    out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                    out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    o += 3
                } else {
                    out[o] = UInt8(truncatingIfNeeded: 0xF0 | (v >> 18))
                    out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F))
                    out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                    out[o + 3] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    o += 4
                }
            }
            return o
        }
    }
}
