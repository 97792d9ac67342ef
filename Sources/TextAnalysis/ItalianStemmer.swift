// Snowball Italian stemmer.
//
// A faithful port of the Snowball Italian algorithm
// (https://snowballstem.org/algorithms/italian/stemmer.html) as it stands in
// Snowball 3.x: elisions, prelude (accent normalisation, `qu`, `u`/`i`
// between vowels), regions RV/R1/R2, attached pronouns, standard suffixes,
// verb suffixes, residual vowel suffixes and postlude.
//
// The word is processed as an array of Unicode scalar values held in a
// temporary (stack) buffer; suffix tables are static, flattened and checked
// longest-first, so a call performs no heap allocation apart from the
// resulting `String` (and none at all for stems of up to 15 UTF-8 bytes).

/// Stems Italian words with the Snowball Italian algorithm.
///
/// The stemmer is stateless and cheap to copy; a single instance can be shared
/// freely between threads and tasks.
///
/// ```swift
/// let stemmer = ItalianStemmer()
/// stemmer.stem("abbandonare")   // "abbandon"
/// stemmer.stem("accoglienza")   // "accoglient"
/// ```
public struct ItalianStemmer: Sendable {

    /// Creates an Italian stemmer.
    public init() {}

    /// Returns the Snowball stem of a single Italian word.
    ///
    /// - Parameter word: one word, already lowercased. It may contain the
    ///   accented letters à è é ì í ò ó ù ú; acute accents are normalised to
    ///   grave ones (á→à, é→è, í→ì, ó→ò, ú→ù) as the algorithm prescribes.
    ///   A leading elided article or preposition (`l'`, `dell'`, `un'`, …,
    ///   with an ASCII apostrophe) is removed.
    /// - Returns: the stem, lowercase. Words for which no rule applies are
    ///   returned with only the prelude normalisation applied.
    public func stem(_ word: String) -> String {
        let capacity = word.utf8.count
        if capacity == 0 { return word }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { buffer -> String in
            guard let base = buffer.baseAddress else { return word }
            var n = 0
            for scalar in word.unicodeScalars {
                base[n] = scalar.value
                n += 1
            }
            var engine = ItalianStemEngine(b: base, n: n)
            engine.run()
            return ItalianStemEngine.makeString(base, count: engine.n)
        }
    }
}

// MARK: - Character codes

private enum IT {
    static let a: UInt32 = 0x61, c: UInt32 = 0x63, e: UInt32 = 0x65, g: UInt32 = 0x67
    static let h: UInt32 = 0x68, i: UInt32 = 0x69, o: UInt32 = 0x6F, q: UInt32 = 0x71
    static let t: UInt32 = 0x74, u: UInt32 = 0x75
    static let upperI: UInt32 = 0x49, upperU: UInt32 = 0x55
    static let aGrave: UInt32 = 0xE0, aAcute: UInt32 = 0xE1
    static let eGrave: UInt32 = 0xE8, eAcute: UInt32 = 0xE9
    static let iGrave: UInt32 = 0xEC, iAcute: UInt32 = 0xED
    static let oGrave: UInt32 = 0xF2, oAcute: UInt32 = 0xF3
    static let uGrave: UInt32 = 0xF9, uAcute: UInt32 = 0xFA

    /// Snowball grouping `v`: a e i o u à è ì ò ù.
    @inline(__always)
    static func isVowel(_ ch: UInt32) -> Bool {
        switch ch {
        case a, e, i, o, u, aGrave, eGrave, iGrave, oGrave, uGrave: return true
        default: return false
        }
    }

    /// Snowball grouping `AEIO`: a e i o à è ì ò.
    @inline(__always)
    static func isAEIO(_ ch: UInt32) -> Bool {
        switch ch {
        case a, e, i, o, aGrave, eGrave, iGrave, oGrave: return true
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
private struct ItalianAffixTable: Sendable {
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
}

private enum ItalianTables {
    /// Elided articles and prepositions removed from the front of the word.
    static let elisions = ItalianAffixTable([
        ("all'", 1), ("d'", 1), ("dall'", 1), ("dell'", 1), ("gl'", 1), ("l'", 1),
        ("m'", 1), ("nell'", 1), ("quell'", 1), ("quest'", 1), ("s'", 1),
        ("sull'", 1), ("t'", 1), ("tutt'", 1), ("un'", 1), ("v'", 1),
    ], keyedByFirstScalar: true)

    /// Attached (enclitic) pronouns.
    static let pronouns = ItalianAffixTable([
        ("ci", 1), ("gli", 1), ("la", 1), ("le", 1), ("li", 1), ("lo", 1),
        ("mi", 1), ("ne", 1), ("si", 1), ("ti", 1), ("vi", 1),
        ("sene", 1), ("gliela", 1), ("gliele", 1), ("glieli", 1), ("glielo", 1), ("gliene", 1),
        ("mela", 1), ("mele", 1), ("meli", 1), ("melo", 1), ("mene", 1),
        ("tela", 1), ("tele", 1), ("teli", 1), ("telo", 1), ("tene", 1),
        ("cela", 1), ("cele", 1), ("celi", 1), ("celo", 1), ("cene", 1),
        ("vela", 1), ("vele", 1), ("veli", 1), ("velo", 1), ("vene", 1),
    ])

    /// Gerund / infinitive endings that must precede an attached pronoun:
    /// action 1 deletes the pronoun, action 2 replaces it with `e`.
    static let pronounHosts = ItalianAffixTable([
        ("ando", 1), ("endo", 1), ("ar", 2), ("er", 2), ("ir", 2),
    ])

    /// Standard suffixes (Snowball `among` a_7), with their action codes.
    static let standard = ItalianAffixTable([
        ("ica", 1), ("logia", 3), ("osa", 1), ("ista", 1), ("iva", 9), ("anza", 1),
        ("enza", 5), ("ice", 1), ("atrice", 1), ("iche", 1), ("logie", 3), ("abile", 1),
        ("ibile", 1), ("usione", 4), ("azione", 2), ("uzione", 4), ("atore", 2), ("ose", 1),
        ("ante", 1), ("mente", 1), ("amente", 7), ("iste", 1), ("ive", 9), ("anze", 1),
        ("enze", 5), ("ici", 1), ("atrici", 1), ("ichi", 1), ("abili", 1), ("ibili", 1),
        ("ismi", 1), ("usioni", 4), ("azioni", 2), ("uzioni", 4), ("atori", 2), ("osi", 1),
        ("anti", 1), ("amenti", 6), ("imenti", 6), ("isti", 1), ("ivi", 9), ("ico", 1),
        ("ismo", 1), ("oso", 1), ("amento", 6), ("imento", 6), ("ivo", 9), ("ità", 8),
        ("istà", 1), ("istè", 1), ("istì", 1),
    ])

    /// Suffixes removable in R2 after `amente` (action 1: `iv`, then `at`).
    static let afterAmente = ItalianAffixTable([
        ("ic", 0), ("abil", 0), ("os", 0), ("iv", 1),
    ])

    /// Suffixes removable in R2 after `ità`.
    static let afterIta = ItalianAffixTable([
        ("ic", 0), ("abil", 0), ("iv", 0),
    ])

    /// Verb suffixes, removed when they lie in RV.
    /// (`Yamo` is carried over from the reference implementation; it cannot
    /// match lowercase input.)
    static let verb = ItalianAffixTable([
        ("isca", 1), ("enda", 1), ("ata", 1), ("ita", 1), ("uta", 1), ("ava", 1),
        ("eva", 1), ("iva", 1), ("erebbe", 1), ("irebbe", 1), ("isce", 1), ("ende", 1),
        ("are", 1), ("ere", 1), ("ire", 1), ("asse", 1), ("ate", 1), ("avate", 1),
        ("evate", 1), ("ivate", 1), ("ete", 1), ("erete", 1), ("irete", 1), ("ite", 1),
        ("ereste", 1), ("ireste", 1), ("ute", 1), ("erai", 1), ("irai", 1), ("isci", 1),
        ("endi", 1), ("erei", 1), ("irei", 1), ("assi", 1), ("ati", 1), ("iti", 1),
        ("eresti", 1), ("iresti", 1), ("uti", 1), ("avi", 1), ("evi", 1), ("ivi", 1),
        ("isco", 1), ("ando", 1), ("endo", 1), ("Yamo", 1), ("iamo", 1), ("avamo", 1),
        ("evamo", 1), ("ivamo", 1), ("eremo", 1), ("iremo", 1), ("assimo", 1), ("ammo", 1),
        ("emmo", 1), ("eremmo", 1), ("iremmo", 1), ("immo", 1), ("ano", 1), ("iscano", 1),
        ("avano", 1), ("evano", 1), ("ivano", 1), ("eranno", 1), ("iranno", 1), ("ono", 1),
        ("iscono", 1), ("arono", 1), ("erono", 1), ("irono", 1), ("erebbero", 1), ("irebbero", 1),
        ("assero", 1), ("essero", 1), ("issero", 1), ("ato", 1), ("ito", 1), ("uto", 1),
        ("avo", 1), ("evo", 1), ("ivo", 1), ("ar", 1), ("ir", 1), ("erà", 1),
        ("irà", 1), ("erò", 1), ("irò", 1),
    ])
}

// MARK: - Engine

/// The working state of one stemming run over a scalar buffer `b[0..<n]`.
private struct ItalianStemEngine {
    let b: UnsafeMutablePointer<UInt32>
    var n: Int
    var pV = 0
    var p1 = 0
    var p2 = 0

    init(b: UnsafeMutablePointer<UInt32>, n: Int) {
        self.b = b
        self.n = n
    }

    mutating func run() {
        removeElision()
        prelude()
        markRegions()
        attachedPronoun()
        if !standardSuffix() {
            _ = verbSuffix()
        }
        vowelSuffix()
        postlude()
    }

    // MARK: Steps

    /// Drops a leading elided article or preposition (`l'`, `dell'`, …),
    /// provided something follows it.
    mutating func removeElision() {
        guard let match = ItalianTables.elisions.longestPrefix(b, count: n), match.length < n else { return }
        let len = match.length
        for k in len..<n { b[k - len] = b[k] }
        n -= len
    }

    /// Normalises acute accents, marks `u` after `q` and `u`/`i` between
    /// vowels as consonants (`U`, `I`).
    mutating func prelude() {
        var k = 0
        while k < n {
            switch b[k] {
            case IT.aAcute: b[k] = IT.aGrave
            case IT.eAcute: b[k] = IT.eGrave
            case IT.iAcute: b[k] = IT.iGrave
            case IT.oAcute: b[k] = IT.oGrave
            case IT.uAcute: b[k] = IT.uGrave
            case IT.q:
                if k + 1 < n && b[k + 1] == IT.u {
                    b[k + 1] = IT.upperU
                    k += 1
                }
            default: break
            }
            k += 1
        }
        if n < 3 { return }
        for k in 0..<(n - 2) where IT.isVowel(b[k]) && IT.isVowel(b[k + 2]) {
            let next = b[k + 1]
            if next == IT.u {
                b[k + 1] = IT.upperU
            } else if next == IT.i {
                b[k + 1] = IT.upperI
            }
        }
    }

    /// Index of the first vowel at or after `from`, or nil.
    @inline(__always)
    func nextVowel(from: Int) -> Int? {
        var k = from
        while k < n {
            if IT.isVowel(b[k]) { return k }
            k += 1
        }
        return nil
    }

    /// Index of the first non-vowel at or after `from`, or nil.
    @inline(__always)
    func nextNonVowel(from: Int) -> Int? {
        var k = from
        while k < n {
            if !IT.isVowel(b[k]) { return k }
            k += 1
        }
        return nil
    }

    /// Computes RV (`pV`), R1 (`p1`) and R2 (`p2`).
    mutating func markRegions() {
        pV = n
        p1 = n
        p2 = n
        if n >= 2 {
            if IT.isVowel(b[0]) {
                if !IT.isVowel(b[1]), let v = nextVowel(from: 2) {
                    pV = v + 1
                } else if IT.isVowel(b[1]), let c = nextNonVowel(from: 2) {
                    pV = c + 1
                }
            } else if n >= 5 && b[0] == 0x64 && b[1] == 0x69 && b[2] == 0x76 && b[3] == 0x61 && b[4] == 0x6E {
                // "divan…": RV starts after "divan" (so that divano ≠ divo).
                pV = 5
            } else if !IT.isVowel(b[1]), let v = nextVowel(from: 2) {
                pV = v + 1
            } else if IT.isVowel(b[1]) && n >= 3 {
                pV = 3
            }
        }
        guard let v1 = nextVowel(from: 0), let c1 = nextNonVowel(from: v1 + 1) else { return }
        p1 = c1 + 1
        guard let v2 = nextVowel(from: p1), let c2 = nextNonVowel(from: v2 + 1) else { return }
        p2 = c2 + 1
    }

    /// Removes an enclitic pronoun after a gerund (`-ando`, `-endo`) or
    /// replaces it with `e` after an infinitive stem (`-ar`, `-er`, `-ir`).
    mutating func attachedPronoun() {
        guard let pronoun = ItalianTables.pronouns.longestSuffix(b, end: n, lowerBound: 0) else { return }
        let start = n - pronoun.length
        guard let host = ItalianTables.pronounHosts.longestSuffix(b, end: start, lowerBound: 0),
              pV <= start - host.length else { return }
        if host.action == 1 {
            n = start
        } else {
            b[start] = IT.e
            n = start + 1
        }
    }

    @inline(__always)
    func endsWith(_ c0: UInt32, _ c1: UInt32) -> Bool {
        n >= 2 && b[n - 2] == c0 && b[n - 1] == c1
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

    /// Step 1: standard suffix removal. Returns false when no standard suffix
    /// was removed (then verb suffixes are tried).
    mutating func standardSuffix() -> Bool {
        guard let match = ItalianTables.standard.longestSuffix(b, end: n, lowerBound: 0) else { return false }
        let s = n - match.length
        switch match.action {
        case 1:
            guard p2 <= s else { return false }
            n = s
        case 2:
            guard p2 <= s else { return false }
            n = s
            if endsWith(IT.i, IT.c) && p2 <= n - 2 { n -= 2 }
        case 3:
            guard p2 <= s else { return false }
            replaceTail(from: s, with: "log")
        case 4:
            guard p2 <= s else { return false }
            replaceTail(from: s, with: "u")
        case 5:
            guard p2 <= s else { return false }
            replaceTail(from: s, with: "ente")
        case 6:
            guard pV <= s else { return false }
            n = s
        case 7:
            guard p1 <= s else { return false }
            n = s
            if let next = ItalianTables.afterAmente.longestSuffix(b, end: n, lowerBound: 0),
               p2 <= n - next.length {
                n -= next.length
                if next.action == 1 && endsWith(IT.a, IT.t) && p2 <= n - 2 { n -= 2 }
            }
        case 8:
            guard p2 <= s else { return false }
            n = s
            if let next = ItalianTables.afterIta.longestSuffix(b, end: n, lowerBound: 0),
               p2 <= n - next.length {
                n -= next.length
            }
        default: // 9: iva ive ivi ivo
            guard p2 <= s else { return false }
            n = s
            if endsWith(IT.a, IT.t) && p2 <= n - 2 {
                n -= 2
                if endsWith(IT.i, IT.c) && p2 <= n - 2 { n -= 2 }
            }
        }
        return true
    }

    /// Step 2: verb suffixes lying in RV.
    mutating func verbSuffix() -> Bool {
        guard n >= pV,
              let match = ItalianTables.verb.longestSuffix(b, end: n, lowerBound: pV) else { return false }
        n -= match.length
        return true
    }

    /// Step 3: residual vowel (and preceding `i`) in RV; `ch`/`gh` → `c`/`g`.
    mutating func vowelSuffix() {
        if n > 0 && IT.isAEIO(b[n - 1]) && pV <= n - 1 {
            n -= 1
            if n > 0 && b[n - 1] == IT.i && pV <= n - 1 { n -= 1 }
        }
        if n >= 2 && b[n - 1] == IT.h && (b[n - 2] == IT.c || b[n - 2] == IT.g) && pV <= n - 2 {
            n -= 1
        }
    }

    /// Turns the consonant markers `I`/`U` back into `i`/`u`.
    mutating func postlude() {
        for k in 0..<n {
            if b[k] == IT.upperI {
                b[k] = IT.i
            } else if b[k] == IT.upperU {
                b[k] = IT.u
            }
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
