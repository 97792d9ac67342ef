/// The words a knowledge base knows: folded surface form → the index term each
/// language's cards give it, and how often it occurs. Questions are mapped through it,
/// so "paternita" typed without accent reaches the term of "paternità", and a misspelt
/// word is corrected to its closest known word.
public struct Vocabulary: Sendable {
    /// What the knowledge base knows of one folded word.
    public struct Entry: Sendable, Hashable, Codable {
        /// The term of the word in Italian cards, if any Italian card has it.
        public var italian: String?
        /// The term of the word in English cards, if any English card has it.
        public var english: String?
        /// Occurrences over the whole knowledge base.
        public var frequency: Int

        public init(italian: String? = nil, english: String? = nil, frequency: Int = 0) {
            self.italian = italian
            self.english = english
            self.frequency = frequency
        }

        /// The term for a question in `language`, falling back to the other language's.
        public func term(for language: Language) -> String? {
            language == .en ? (english ?? italian) : (italian ?? english)
        }
    }

    public let entries: [String: Entry]
    private let corrector: SpellCorrector
    /// Real words of the languages (folded) that are never "corrected", even when the
    /// knowledge base does not use them ("cassiera" must not become "carriera").
    private let dictionary: Set<String>

    public init(entries: [String: Entry], dictionary: Set<String> = []) {
        self.entries = entries
        self.dictionary = dictionary
        self.corrector = SpellCorrector(
            vocabulary: entries.filter { !$0.key.utf8.contains { $0 >= 48 && $0 <= 57 } }
                .map { (word: $0.key, frequency: $0.value.frequency) })
    }

    /// The entry of a folded word.
    public subscript(folded: String) -> Entry? { entries[folded] }

    /// The closest known word to an unknown folded word, if one is close enough.
    public func correction(for folded: String) -> String? {
        dictionary.contains(folded) ? nil : corrector.correct(folded)
    }

    /// Number of distinct words.
    public var count: Int { entries.count }
}
