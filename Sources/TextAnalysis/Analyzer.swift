/// Turns text into index terms, the same way for cards and for questions: words
/// (ICU boundaries, elisions split), stop words dropped, Italian or English stems,
/// concepts (multi-word synonyms) recognised on the stems, and — for questions — each
/// word mapped through the knowledge base's vocabulary with typing errors corrected.
public struct Analyzer: Sendable {
    private struct Phrase: Sendable {
        let terms: [String]
        let concept: Int
        let canonical: Bool
    }

    /// The concepts, in the order given.
    public let concepts: [Concept]
    private let phrases: [String: [Phrase]]
    private let italian = ItalianStemmer()
    private let english = EnglishStemmer()

    /// An analyser that recognises `concepts`.
    public init(concepts: [Concept] = []) {
        self.concepts = concepts
        var phrases: [String: [Phrase]] = [:]
        let plain = Analyzer(plainWith: ())
        for (index, concept) in concepts.enumerated() {
            for (position, term) in concept.terms.enumerated() {
                var variants: Set<[String]> = []
                for language in Language.allCases {
                    let stems = plain.stems(of: Tokenizer.words(term), language: language)
                    if !stems.isEmpty { variants.insert(stems) }
                }
                for variant in variants {
                    phrases[variant[0], default: []].append(
                        Phrase(terms: variant, concept: index, canonical: position == 0))
                }
            }
        }
        for key in phrases.keys { phrases[key]?.sort { $0.terms.count > $1.terms.count } }
        self.phrases = phrases
    }

    private init(plainWith: Void) {
        concepts = []
        phrases = [:]
    }

    /// The stem of one word in `language`, folded ("maternità" → "matern").
    public func stem(_ word: Word, language: Language) -> String {
        if word.isNumber { return word.folded }
        let stem = language == .en ? english.stem(word.lower) : italian.stem(word.lower)
        return ICU.fold(stem)
    }

    /// The stems of the content words of `words`.
    func stems(of words: [Word], language: Language) -> [String] {
        words.compactMap { Stopwords.all.contains($0.folded) ? nil : stem($0, language: language) }
    }

    /// Index terms of a card field written in `language`.
    public func documentTerms(_ text: String, language: Language) -> [String] {
        let words = Tokenizer.words(text, limit: Int.max)
        return applyConcepts(stems(of: words, language: language), keepWords: true).terms
    }

    /// Index terms of already-stemmed content words (stop words removed), with concepts.
    public func documentTerms(stems: [String], asQuestion: Bool = false) -> [String] {
        applyConcepts(stems, keepWords: !asQuestion).terms
    }

    /// Analyses a question: language guess (unless given), vocabulary mapping and
    /// correction (when a vocabulary is given), stems, concepts.
    public func analyze(_ text: String, language: Language? = nil, vocabulary: Vocabulary? = nil) -> Analysis {
        analyze(words: Tokenizer.words(text), language: language, vocabulary: vocabulary)
    }

    /// Analyses a question already split into words (see `Tokenizer.words`).
    public func analyze(words: [Word], language: Language? = nil, vocabulary: Vocabulary? = nil) -> Analysis {
        let language = language ?? LanguageGuesser.guess(words, vocabulary: vocabulary)
        var stems: [String] = []
        var unknown: [String] = []
        var corrections: [Analysis.Correction] = []
        var contentWords = 0
        for word in words where !Stopwords.all.contains(word.folded) {
            contentWords += 1
            guard let vocabulary else {
                stems.append(stem(word, language: language))
                continue
            }
            if let term = vocabulary[word.folded]?.term(for: language) {
                stems.append(term)
            } else if !word.isNumber, let known = vocabulary.correction(for: word.folded),
                let term = vocabulary[known]?.term(for: language)
            {
                corrections.append(.init(typed: word.folded, corrected: known))
                stems.append(term)
            } else {
                unknown.append(word.folded)
                stems.append(stem(word, language: language))
            }
        }
        let (terms, found) = applyConcepts(stems)
        return Analysis(
            terms: terms, language: language, words: words, concepts: found, unknown: unknown,
            corrections: corrections, contentWordCount: contentWords)
    }

    /// Adds the token of each concept phrase (longest match first). In a question, a
    /// non-canonical phrase is replaced by the token ("maternità facoltativa" must not
    /// search for "maternità"); a card keeps its words too (`keepWords`), so a question
    /// that uses the words without the phrase still finds it.
    private func applyConcepts(_ stems: [String], keepWords: Bool = false) -> (terms: [String], concepts: Set<String>) {
        if phrases.isEmpty { return (stems, []) }
        var terms: [String] = []
        terms.reserveCapacity(stems.count + 4)
        var found: Set<String> = []
        var index = 0
        while index < stems.count {
            var matched: Phrase?
            if let candidates = phrases[stems[index]] {
                for phrase in candidates where index + phrase.terms.count <= stems.count {
                    var same = true
                    for offset in 1..<max(phrase.terms.count, 1) where stems[index + offset] != phrase.terms[offset] {
                        same = false
                        break
                    }
                    if same {
                        matched = phrase
                        break
                    }
                }
            }
            if let phrase = matched {
                let concept = concepts[phrase.concept]
                found.insert(concept.id)
                terms.append(concept.token)
                // A one-word canonical term is the concept itself: keeping the word too
                // would count it twice.
                if keepWords || (phrase.canonical && phrase.terms.count > 1) {
                    terms.append(contentsOf: stems[index..<index + phrase.terms.count])
                }
                index += phrase.terms.count
            } else {
                terms.append(stems[index])
                index += 1
            }
        }
        return (terms, found)
    }
}
