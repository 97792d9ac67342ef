import Foundation
import TextAnalysis

/// The in-memory scoring layer over the FTS5 index: postings with BM25F term weights
/// precomputed per document, so a question costs a few dictionary look-ups and
/// additions instead of an SQL query.
public struct SearchIndex: Sendable {
    struct Posting: Sendable {
        let document: Int32
        /// Σ over fields of weight × tf / (1 − b + b × length / average length).
        let pseudoFrequency: Float
    }

    private(set) var termIds: [String: Int32] = [:]
    private(set) var postings: [[Posting]] = []
    private(set) var idf: [Float] = []
    /// Term ids of each alternate question of each document (sorted, unique).
    private(set) var questionTerms: [[[Int32]]] = []
    /// The summed idf of each alternate question's terms.
    private(set) var questionWeights: [[Float]] = []
    /// A 64-bit signature of each alternate question's terms (bit = term id mod 64): a
    /// question whose signature shares no bit with the query's has no term in common.
    private(set) var questionMasks: [[UInt64]] = []
    public let kinds: [DocumentKind]

    /// The signature of a list of term ids.
    static func mask(_ terms: [Int32]) -> UInt64 {
        terms.reduce(0) { $0 | (1 << UInt64(UInt32(bitPattern: $1) % 64)) }
    }

    /// Numbers ("50", "2026") say more about the person's case than about the subject.
    static func isNumber(_ term: String) -> Bool { !term.isEmpty && term.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }

    /// Stems of question words and modal verbs (Italian and English stemmers' forms).
    static let weakTerms: Set<String> = [
        "quant", "quand", "com", "dov", "chi", "cos", "poss", "dev", "puo", "qual",
        "how", "when", "where", "who", "what", "much", "mani", "long", "need", "can",
        "whi", "why", "do", "get",
    ]
    let k1: Float

    /// Builds the scoring layer from analysed documents.
    public init(documents: [IndexedDocument], settings: RankingSettings) {
        kinds = documents.map(\.kind)
        k1 = Float(settings.k1)
        let fieldCount = IndexedDocument.Field.allCases.count
        var averages = [Double](repeating: 0, count: fieldCount)
        for document in documents {
            for field in 0..<fieldCount { averages[field] += Double(document.fields[field].count) }
        }
        for field in 0..<fieldCount { averages[field] = max(averages[field] / Double(max(documents.count, 1)), 1) }

        var termIds: [String: Int32] = [:]
        var postings: [[Posting]] = []
        var documentFrequency: [Int] = []
        func id(_ term: String) -> Int32 {
            if let existing = termIds[term] { return existing }
            let new = Int32(postings.count)
            termIds[term] = new
            postings.append([])
            documentFrequency.append(0)
            return new
        }
        var questionTerms: [[[Int32]]] = []
        for (documentIndex, document) in documents.enumerated() {
            var weights: [Int32: Double] = [:]
            for field in 0..<fieldCount {
                let terms = document.fields[field]
                if terms.isEmpty { continue }
                let b = settings.fieldB[field]
                let norm = 1 - b + b * Double(terms.count) / averages[field]
                let weight = settings.fieldWeights[field] / norm
                for term in terms { weights[id(term), default: 0] += weight }
            }
            for (term, weight) in weights {
                postings[Int(term)].append(Posting(document: Int32(documentIndex), pseudoFrequency: Float(weight)))
                documentFrequency[Int(term)] += 1
            }
            questionTerms.append(
                document.questionTerms.map { Array(Set($0.map { id($0) })).sorted() })
        }
        let total = Double(max(documents.count, 1))
        var idf = documentFrequency.map { df in
            Float(log(1 + (total - Double(df) + 0.5) / (Double(df) + 0.5)))
        }
        // Question words tell apart "how long" from "how to apply", but they are not
        // the subject: English ones would otherwise look rare (few English cards).
        for (term, id) in termIds where SearchIndex.weakTerms.contains(term) || SearchIndex.isNumber(term) {
            idf[Int(id)] *= Float(settings.weakTermWeight)
        }
        self.idf = idf
        self.questionWeights = questionTerms.map { questions in
            questions.map { question in question.reduce(Float(0)) { $0 + idf[Int($1)] } }
        }
        self.questionMasks = questionTerms.map { questions in questions.map(SearchIndex.mask) }
        self.termIds = termIds
        self.postings = postings
        self.questionTerms = questionTerms
    }

    /// Number of documents.
    public var count: Int { kinds.count }

    /// The id of a term, if the index has it.
    func termId(_ term: String) -> Int32? { termIds[term] }

    /// The inverse document frequency of a term id; the largest one for unknown terms.
    func inverseFrequency(_ id: Int32?) -> Float {
        guard let id else { return maximumIDF }
        return idf[Int(id)]
    }

    var maximumIDF: Float { Float(log(1 + (Double(count) + 0.5) / 0.5)) }

    /// BM25F scores of every document that has at least one of `terms` (ids, unique),
    /// with the summed idf of the terms each one matched.
    func score(_ terms: [Int32], into scores: inout [Float], matched: inout [Float], touched: inout [Int32]) {
        for term in terms {
            let weight = idf[Int(term)]
            for posting in postings[Int(term)] {
                let document = Int(posting.document)
                if scores[document] == 0 { touched.append(posting.document) }
                let tf = posting.pseudoFrequency
                scores[document] += weight * tf * (k1 + 1) / (tf + k1)
                matched[document] += weight
            }
        }
    }

    /// The best idf-weighted overlap (Dice coefficient) between the query terms (sorted,
    /// unique) and one alternate question of `document`.
    func questionSimilarity(_ sortedQuery: [Int32], queryWeight: Float, document: Int) -> Float {
        var best: Float = 0
        let weights = questionWeights[document]
        let masks = questionMasks[document]
        let questions = questionTerms[document]
        let queryMask = SearchIndex.mask(sortedQuery)
        // Hot loop (a fifth of an answer's time): buffer pointers, no bounds checks or
        // reference counting per element.
        sortedQuery.withUnsafeBufferPointer { query in
            idf.withUnsafeBufferPointer { idf in
                for position in questions.indices where masks[position] & queryMask != 0 {
                    // Both lists are sorted: one merge pass finds the shared terms.
                    let overlap: Float = questions[position].withUnsafeBufferPointer { question in
                        var overlap: Float = 0
                        var i = 0
                        var j = 0
                        while i < query.count && j < question.count {
                            let a = query[i]
                            let b = question[j]
                            if a == b {
                                overlap += idf[Int(a)]
                                i += 1
                                j += 1
                            } else if a < b {
                                i += 1
                            } else {
                                j += 1
                            }
                        }
                        return overlap
                    }
                    let denominator = queryWeight + weights[position]
                    if denominator > 0 { best = max(best, 2 * overlap / denominator) }
                }
            }
        }
        return best
    }
}
