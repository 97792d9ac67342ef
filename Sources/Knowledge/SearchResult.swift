import TextAnalysis

/// One ranked candidate for a question.
public struct SearchMatch: Sendable, Hashable {
    public let kind: DocumentKind
    /// The topic id, or `out_of_scope:<subject>` for an out-of-scope subject.
    public let topic: String
    /// Final ranking score (BM25F with boosts and question similarity).
    public let score: Double
    /// Share of the question's idf weight that this document matched (0…1).
    public let coverage: Double
    /// Best similarity with one of the document's alternate questions (0…1).
    public let questionSimilarity: Double
    /// The topic classifier's probability for this document's topic (0…1).
    public let probability: Double

    public init(
        kind: DocumentKind, topic: String, score: Double, coverage: Double, questionSimilarity: Double, probability: Double
    ) {
        self.kind = kind
        self.topic = topic
        self.score = score
        self.coverage = coverage
        self.questionSimilarity = questionSimilarity
        self.probability = probability
    }
}

/// What the retriever found for a question.
public struct SearchResult: Sendable {
    public let analysis: Analysis
    /// The best matches, best first, at most one per topic.
    public let matches: [SearchMatch]
    /// How sure the retriever is of the first match (0…1).
    public let confidence: Double
}
