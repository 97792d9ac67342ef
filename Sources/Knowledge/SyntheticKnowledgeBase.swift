import TextAnalysis
/// A large made-up knowledge base for scale benchmarks: cards whose words are drawn,
/// with a Zipf-like distribution, from a real knowledge base's vocabulary.
public enum SyntheticKnowledgeBase {
    /// `count` cards built from the words of `base`, deterministically from `seed`.
    public static func make(count: Int, from base: KnowledgeBase, seed: UInt64 = 42) -> KnowledgeBase {
        var random = SplitMix64(seed: seed)
        var words: [String] = []
        var seen: Set<String> = []
        for card in base.cards {
            for text in card.questions + [card.title, card.body] {
                for word in text.split(whereSeparator: { !$0.isLetter }) where word.count > 3 {
                    let lower = word.lowercased()
                    if seen.insert(lower).inserted { words.append(lower) }
                }
            }
        }
        if words.isEmpty { words = ["congedo", "parentale", "lavoro", "figlio"] }
        // Zipf-like: the k-th word with weight 1/k, by inverse-CDF sampling.
        var cumulative: [Double] = []
        var total = 0.0
        for rank in 1...words.count {
            total += 1 / Double(rank)
            cumulative.append(total)
        }
        func word() -> String {
            let target = random.nextDouble() * total
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] < target { low = middle + 1 } else { high = middle }
            }
            return words[low]
        }
        func sentence(_ length: Int) -> String { (0..<length).map { _ in word() }.joined(separator: " ") }
        let topics = base.topics.order
        let template = base.cards.first
        var cards: [Card] = []
        cards.reserveCapacity(count)
        for index in 0..<count {
            let topic = topics[index % max(topics.count, 1)]
            let area = base.topics.topics[topic]?.area ?? "sportello"
            cards.append(
                Card(
                    id: "synthetic-\(index)", topic: topic, area: area, title: sentence(6), audience: .tutti, level: 1,
                    lang: "it", questions: (0..<6).map { _ in sentence(7) }, keywords: (0..<8).map { _ in word() },
                    sources: ["synthetic"], validFrom: template?.validFrom ?? Day(uncheckedYear: 2026, month: 1, day: 1),
                    reviewed: template?.reviewed ?? Day(uncheckedYear: 2026, month: 1, day: 1), related: [],
                    body: (0..<8).map { _ in sentence(14) + "." }.joined(separator: " "), file: "synthetic/\(index).md"))
        }
        return KnowledgeBase(
            topics: base.topics, cards: cards, parameters: base.parameters, concepts: base.concepts,
            outOfScope: base.outOfScope, fingerprint: "synthetic-\(count)-\(seed)")
    }
}

/// A small deterministic random generator (SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1).
    public mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
