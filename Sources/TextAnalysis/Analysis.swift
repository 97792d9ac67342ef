/// The result of analysing a question or a card field.
public struct Analysis: Sendable, Hashable {
    /// Index terms in text order: word stems and concept tokens.
    public var terms: [String]
    /// The language the text was analysed as.
    public var language: Language
    /// The words of the text, before stop-word removal.
    public var words: [Word]
    /// The concepts found (ids).
    public var concepts: Set<String>
    /// Content words that the vocabulary does not know, even after correction.
    public var unknown: [String]
    /// Typing errors corrected: (what was typed, folded; the known word it became).
    public var corrections: [Correction]

    /// A corrected word.
    public struct Correction: Sendable, Hashable {
        public let typed: String
        public let corrected: String
    }

    /// The number of content words (neither stop words nor punctuation).
    public var contentWordCount: Int
}
