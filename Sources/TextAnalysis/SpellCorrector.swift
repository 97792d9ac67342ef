/// Corrects typing errors against a vocabulary, with the symmetric-delete method: every
/// vocabulary word is stored under the strings obtained by deleting up to two of its
/// letters, so a misspelt word finds its candidates by the same deletions, and only
/// those few are compared with a real edit distance.
public struct SpellCorrector: Sendable {
    private let words: [[UInt8]]
    private let frequencies: [Int]
    private let deletes: [UInt64: [Int32]]

    /// Builds the corrector for `vocabulary` (folded words and how often each occurs).
    public init(vocabulary: [(word: String, frequency: Int)]) {
        var words: [[UInt8]] = []
        var frequencies: [Int] = []
        var deletes: [UInt64: [Int32]] = [:]
        for entry in vocabulary where entry.word.utf8.count >= SpellCorrector.minimumLength {
            let bytes = Array(entry.word.utf8)
            let index = Int32(words.count)
            words.append(bytes)
            frequencies.append(entry.frequency)
            for key in SpellCorrector.deleteKeys(bytes, depth: 2) {
                deletes[key, default: []].append(index)
            }
        }
        self.words = words
        self.frequencies = frequencies
        self.deletes = deletes
    }

    /// Words shorter than this are never corrected (too many neighbours).
    public static let minimumLength = 4

    /// The largest distance accepted for a word of `length` letters: 1 up to 7 letters,
    /// 2 from 8 letters ("matrenità" → "maternità", "parentle" → "parentale").
    public static func allowedDistance(forLength length: Int) -> Int {
        if length < minimumLength { return 0 }
        return length >= 8 ? 2 : 1
    }

    /// The closest vocabulary word to `word` (folded) within the allowed distance, the
    /// most frequent among equally close ones; nil when none is close enough.
    public func correct(_ word: String) -> String? {
        let bytes = Array(word.utf8)
        let limit = SpellCorrector.allowedDistance(forLength: bytes.count)
        if limit == 0 { return nil }
        var best: (distance: Int, frequency: Int, index: Int32)?
        var seen = Set<Int32>()
        for key in SpellCorrector.deleteKeys(bytes, depth: limit) {
            guard let candidates = deletes[key] else { continue }
            for candidate in candidates where seen.insert(candidate).inserted {
                let distance = EditDistance.osa(bytes, words[Int(candidate)], limit: limit)
                if distance > limit { continue }
                let frequency = frequencies[Int(candidate)]
                if let current = best,
                    current.distance < distance || (current.distance == distance && current.frequency >= frequency)
                {
                    continue
                }
                best = (distance, frequency, candidate)
            }
        }
        guard let found = best, found.distance > 0 else { return nil }
        return String(decoding: words[Int(found.index)], as: UTF8.self)
    }

    /// Hashes of `word` and of every string made by deleting up to `depth` bytes from it.
    static func deleteKeys(_ word: [UInt8], depth: Int) -> Set<UInt64> {
        var keys: Set<UInt64> = [hash(word)]
        var frontier: [[UInt8]] = [word]
        for _ in 0..<depth {
            var next: [[UInt8]] = []
            for item in frontier where item.count > 1 {
                for position in 0..<item.count {
                    var shorter = item
                    shorter.remove(at: position)
                    if keys.insert(hash(shorter)).inserted { next.append(shorter) }
                }
            }
            frontier = next
        }
        return keys
    }

    /// FNV-1a, 64 bits.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        return value
    }
}
