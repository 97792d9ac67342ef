/// What an index entry stands for.
public enum DocumentKind: Sendable, Hashable {
    /// A card, by position in `KnowledgeBase.cards`.
    case card(Int)
    /// An out-of-scope subject, by position in `KnowledgeBase.outOfScope`.
    case outOfScope(Int)
}

/// The analysed fields of one indexed entry.
public struct IndexedDocument: Sendable {
    /// The fields, weighted differently in ranking.
    public enum Field: Int, Sendable, CaseIterable {
        case questions = 0
        case title = 1
        case keywords = 2
        case body = 3

        /// Column name in the FTS5 table.
        public var column: String {
            switch self {
            case .questions: "questions"
            case .title: "title"
            case .keywords: "keywords"
            case .body: "body"
            }
        }
    }

    public let kind: DocumentKind
    /// Terms per field, indexed by `Field.rawValue`.
    public var fields: [[String]]
    /// Terms of each alternate question (and the title), for question matching.
    public var questionTerms: [[String]]
}
