import Foundation
import TextAnalysis

/// Groups questions that say the same thing in other words, for the report.
///
/// Each question becomes a set of stems: its words folded, stop words and question words
/// ("quanto", "come", "how"…) dropped, each stemmed in the question's language and cut
/// to its first 7 letters (so that "matrimonio" and "matrimoniale" meet). Identical stem
/// sets are counted once; then, most frequent first, each question joins the first group
/// whose members it resembles (Jaccard similarity of the stem sets ≥ `threshold`),
/// otherwise it starts a new one (greedy leader clustering).
public struct QuestionGrouper: Sendable {
    /// One question to group.
    public struct Question: Sendable, Hashable {
        public var text: String
        public var topic: String?
        public var time: Date
        /// The reply's language (`it`, `en`), when known; guessed otherwise.
        public var lang: String?

        public init(text: String, topic: String? = nil, time: Date, lang: String? = nil) {
            self.text = text
            self.topic = topic
            self.time = time
            self.lang = lang
        }
    }

    /// How similar two stem sets must be (0…1) to share a group.
    public let threshold: Double
    /// The most wordings listed as examples of a group.
    public let maximumExamples: Int
    private let analyzer = Analyzer()
    /// Stems shorter than this stay whole; longer ones are cut to it.
    private static let stemLength = 7
    /// A group is compared with at most this many of its distinct stem sets.
    private static let comparedMembers = 20

    /// Words that ask rather than say what about: left out so that "quanto dura…" and
    /// "come funziona…" on the same subject can meet.
    static let questionWords: Set<String> = [
        "quanto", "quanta", "quanti", "quante", "come", "quando", "dove", "chi", "cosa", "che", "perche", "quale",
        "quali", "posso", "puo", "devo", "deve", "how", "when", "what", "where", "who", "why", "which", "can", "do",
        "does", "much", "many",
    ]

    public init(threshold: Double = 0.5, maximumExamples: Int = 5) {
        self.threshold = threshold
        self.maximumExamples = maximumExamples
    }

    /// The stems a question is compared by.
    public func stems(_ text: String, lang: String? = nil) -> Set<String> {
        let words = Tokenizer.words(text)
        let content = words.filter { !Self.questionWords.contains($0.folded) }
        let terms = analyzer.analyze(words: content, language: lang.flatMap(Language.init(rawValue:))).terms
        var stems = Set(terms.map { String($0.prefix(Self.stemLength)) })
        if stems.isEmpty { stems = Set(words.map(\.folded)) }  // only stop words: compare the words
        if stems.isEmpty { stems = [text.trimmingCharacters(in: .whitespacesAndNewlines)] }
        return stems
    }

    /// Jaccard similarity of two sets: shared elements over all elements.
    public static func similarity(_ lhs: Set<String>, _ rhs: Set<String>) -> Double {
        if lhs.isEmpty && rhs.isEmpty { return 1 }
        let shared = lhs.intersection(rhs).count
        return Double(shared) / Double(lhs.count + rhs.count - shared)
    }

    /// The groups of `questions`, largest first (then most recently asked).
    public func group(_ questions: [Question]) -> [DeskReport.QuestionGroup] {
        // One entry per distinct stem set, with its wordings counted.
        var distinct: [Set<String>: Distinct] = [:]
        for question in questions {
            let text = question.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            distinct[stems(text, lang: question.lang), default: Distinct()].add(question, text: text)
        }
        let ordered = distinct.sorted { lhs, rhs in
            if lhs.value.count != rhs.value.count { return lhs.value.count > rhs.value.count }
            if lhs.value.last != rhs.value.last { return lhs.value.last > rhs.value.last }
            return lhs.value.topWording < rhs.value.topWording
        }
        // Leader clustering, with an index from stem to the groups that contain it.
        var clusters: [Cluster] = []
        var byStem: [String: [Int]] = [:]
        for (stemSet, entry) in ordered {
            var candidates = Set<Int>()
            for stem in stemSet { candidates.formUnion(byStem[stem] ?? []) }
            let match = candidates.sorted().first { index in
                clusters[index].members.contains { Self.similarity($0, stemSet) >= threshold }
            }
            let index: Int
            if let match {
                index = match
                if clusters[index].members.count < Self.comparedMembers { clusters[index].members.append(stemSet) }
            } else {
                index = clusters.count
                clusters.append(Cluster(members: [stemSet]))
            }
            clusters[index].merge(entry)
            for stem in stemSet where byStem[stem]?.last != index { byStem[stem, default: []].append(index) }
        }
        return clusters.map { $0.summary(maximumExamples: maximumExamples) }.sorted { lhs, rhs in
            if lhs.count != rhs.count { return lhs.count > rhs.count }
            if lhs.lastAsked != rhs.lastAsked { return lhs.lastAsked > rhs.lastAsked }
            return lhs.representative < rhs.representative
        }
    }

    /// The questions with one stem set: how often each wording and topic occurred.
    private struct Distinct {
        var count = 0
        var last = Date.distantPast
        var wordings: [String: Int] = [:]
        var topics: [String: Int] = [:]

        mutating func add(_ question: Question, text: String) {
            count += 1
            last = max(last, question.time)
            wordings[text, default: 0] += 1
            if let topic = question.topic, !topic.isEmpty { topics[topic, default: 0] += 1 }
        }

        var topWording: String { Self.mostFrequent(wordings) ?? "" }

        static func mostFrequent(_ counts: [String: Int]) -> String? {
            counts.min { lhs, rhs in lhs.value != rhs.value ? lhs.value > rhs.value : lhs.key < rhs.key }?.key
        }
    }

    /// A group being built.
    private struct Cluster {
        var members: [Set<String>]
        var count = 0
        var last = Date.distantPast
        var wordings: [String: Int] = [:]
        var topics: [String: Int] = [:]

        mutating func merge(_ entry: Distinct) {
            count += entry.count
            last = max(last, entry.last)
            wordings.merge(entry.wordings, uniquingKeysWith: +)
            topics.merge(entry.topics, uniquingKeysWith: +)
        }

        func summary(maximumExamples: Int) -> DeskReport.QuestionGroup {
            let ranked = wordings.sorted { lhs, rhs in
                lhs.value != rhs.value ? lhs.value > rhs.value : lhs.key < rhs.key
            }.map(\.key)
            return DeskReport.QuestionGroup(
                representative: ranked.first ?? "", count: count,
                examples: Array(ranked.dropFirst().prefix(maximumExamples)), topic: Distinct.mostFrequent(topics),
                lastAsked: last)
        }
    }
}
