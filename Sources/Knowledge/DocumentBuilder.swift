import Foundation
import TextAnalysis

/// Analyses cards and out-of-scope subjects into index documents, and collects the
/// vocabulary that questions are mapped through — in one pass over the text, with each
/// distinct word stemmed once.
public struct DocumentBuilder: Sendable {
    public let analyzer: Analyzer

    public init(analyzer: Analyzer) { self.analyzer = analyzer }

    /// The index documents (one per card, then one per out-of-scope subject) and the
    /// vocabulary of the knowledge base.
    public func build(for base: KnowledgeBase) -> (documents: [IndexedDocument], vocabulary: [String: Vocabulary.Entry]) {
        var pass = Pass(analyzer: analyzer)
        var documents: [IndexedDocument] = []
        documents.reserveCapacity(base.cards.count + base.outOfScope.count)
        for (index, card) in base.cards.enumerated() {
            let language: Language = card.lang == "en" ? .en : .it
            // Italian cards also carry English questions and keywords for people who ask
            // in English: each one is analysed in its own language.
            let questions = card.questions.map { pass.terms($0, languages: [pass.language(of: $0, card: language)]) }
            // For the similarity with one alternate question, each is read as a question would be.
            let asked = card.questions.map {
                pass.terms($0, languages: [pass.language(of: $0, card: language)], asQuestion: true)
            }
            let title = pass.terms(card.title, languages: [language])
            let keywords = card.keywords.flatMap { pass.terms($0, languages: [pass.language(of: $0, card: language)]) }
            let body = pass.terms(DocumentBuilder.plainBody(card.body), languages: [language])
            documents.append(
                IndexedDocument(
                    kind: .card(index), fields: [questions.flatMap { $0 }, title, keywords, body],
                    questionTerms: asked + [title]))
        }
        for (index, subject) in base.outOfScope.enumerated() {
            let terms = subject.terms.map { term in
                var seen: Set<String> = []
                return pass.terms(term, languages: Language.allCases).filter { seen.insert($0).inserted }
            }
            let all = terms.flatMap { $0 }
            documents.append(IndexedDocument(kind: .outOfScope(index), fields: [all, [], all, []], questionTerms: terms))
        }
        for concept in base.concepts {
            for term in concept.terms { _ = pass.terms(term, languages: Language.allCases) }
        }
        // The words of concepts are the desk's key vocabulary: among equally close
        // corrections of a typing error ("partime"), they win ("parttime", not "partire").
        var vocabulary = pass.vocabulary
        for concept in base.concepts {
            for term in concept.terms {
                for word in Tokenizer.words(term) where vocabulary[word.folded] != nil {
                    vocabulary[word.folded]?.frequency += DocumentBuilder.conceptWordBonus
                }
            }
        }
        return (documents, vocabulary)
    }

    /// One analysis pass: stems memoised per word and language, vocabulary collected.
    private struct Pass {
        let analyzer: Analyzer
        var vocabulary: [String: Vocabulary.Entry] = [:]
        var stems: [Language: [String: String]] = [.it: [:], .en: [:]]

        /// The language of a short text in a card written in `card`: English only when
        /// the words say so clearly.
        func language(of text: String, card: Language) -> Language {
            card == .en ? .en : LanguageGuesser.guess(Tokenizer.words(text))
        }

        /// The index terms of `text`, analysed in each of `languages` (concatenated);
        /// `asQuestion` analyses it as a question is (concept phrases replace their words).
        mutating func terms(_ text: String, languages: [Language], asQuestion: Bool = false) -> [String] {
            let words = Tokenizer.words(text, limit: Int.max).filter { !Stopwords.all.contains($0.folded) }
            var result: [String] = []
            for language in languages {
                var stemmed: [String] = []
                stemmed.reserveCapacity(words.count)
                for word in words {
                    let stem: String
                    if let known = stems[language]?[word.lower] {
                        stem = known
                    } else {
                        stem = analyzer.stem(word, language: language)
                        stems[language]?[word.lower] = stem
                    }
                    stemmed.append(stem)
                    var entry = vocabulary[word.folded] ?? Vocabulary.Entry()
                    if language == languages[0] { entry.frequency += 1 }
                    if language == .en {
                        if entry.english == nil { entry.english = stem }
                    } else if entry.italian == nil {
                        entry.italian = stem
                    }
                    vocabulary[word.folded] = entry
                }
                result += analyzer.documentTerms(stems: stemmed, asQuestion: asQuestion)
            }
            return result
        }
    }

    /// Extra frequency of a concept's words in the vocabulary.
    static let conceptWordBonus = 1_000

    /// The body without placeholders (their values are numbers, not words to search).
    static func plainBody(_ body: String) -> String {
        var text = body
        for placeholder in ParameterCatalog.placeholders(in: body).reversed() {
            text.replaceSubrange(placeholder.range, with: " ")
        }
        return text
    }
}
