import TextAnalysis

/// A set of phrases matched as contiguous folded-word sequences inside a message.
public struct PhraseSet: Sendable {
    private var byFirstWord: [String: [[String]]] = [:]
    /// Number of phrases.
    public private(set) var count = 0

    public init(_ phrases: [String]) {
        for phrase in phrases {
            let words = Tokenizer.words(phrase).map(\.folded)
            guard let first = words.first else { continue }
            byFirstWord[first, default: []].append(words)
            count += 1
        }
        for key in byFirstWord.keys { byFirstWord[key]?.sort { $0.count > $1.count } }
    }

    /// Whether some phrase occurs in `words` (folded).
    public func occurs(in words: [String]) -> Bool {
        for start in words.indices {
            if match(words, at: start) != nil { return true }
        }
        return false
    }

    /// Where the last phrase found in `words` ends (exclusive index), if any.
    public func lastMatchEnd(in words: [String]) -> Int? {
        var end: Int?
        for start in words.indices {
            if let length = match(words, at: start) { end = max(end ?? 0, start + length) }
        }
        return end
    }

    /// The length of the longest phrase starting at `start`, if any.
    public func match(_ words: [String], at start: Int) -> Int? {
        guard let candidates = byFirstWord[words[start]] else { return nil }
        for phrase in candidates where start + phrase.count <= words.count {
            if words[start..<start + phrase.count].elementsEqual(phrase) { return phrase.count }
        }
        return nil
    }
}
