import Foundation
import TextAnalysis

/// Analyses cards and out-of-scope subjects into index documents, and collects the
/// vocabulary that questions are mapped through.
public struct DocumentBuilder: Sendable {
    public let analyzer: Analyzer

    public init(analyzer: Analyzer) { self.analyzer = analyzer }

    /// One document per card, then one per out-of-scope subject.
    public func documents(for base: KnowledgeBase) -> [IndexedDocument] {
        var result: [IndexedDocument] = []
        result.reserveCapacity(base.cards.count + base.outOfScope.count)
        for (index, card) in base.cards.enumerated() {
            let language: Language = card.lang == "en" ? .en : .it
            let questions = card.questions.map { analyzer.documentTerms($0, language: language) }
            let title = analyzer.documentTerms(card.title, language: language)
            let keywords = analyzer.documentTerms(card.keywords.joined(separator: " ; "), language: language)
            let body = analyzer.documentTerms(DocumentBuilder.plainBody(card.body), language: language)
            result.append(
                IndexedDocument(
                    kind: .card(index), fields: [questions.flatMap { $0 }, title, keywords, body],
                    questionTerms: questions + [title]))
        }
        for (index, subject) in base.outOfScope.enumerated() {
            let terms = subject.terms.map { term in
                var seen: Set<String> = []
                return Language.allCases.flatMap { analyzer.documentTerms(term, language: $0) }.filter {
                    seen.insert($0).inserted
                }
            }
            let all = terms.flatMap { $0 }
            result.append(
                IndexedDocument(kind: .outOfScope(index), fields: [all, [], all, []], questionTerms: terms))
        }
        return result
    }

    /// Every folded word of the knowledge base with the term each language gives it.
    public func vocabulary(for base: KnowledgeBase) -> [String: Vocabulary.Entry] {
        var entries: [String: Vocabulary.Entry] = [:]
        func add(_ text: String, languages: [Language]) {
            for word in Tokenizer.words(text, limit: Int.max) where !Stopwords.all.contains(word.folded) {
                var entry = entries[word.folded] ?? Vocabulary.Entry()
                entry.frequency += 1
                for language in languages {
                    let term = analyzer.stem(word, language: language)
                    if language == .en {
                        if entry.english == nil { entry.english = term }
                    } else if entry.italian == nil {
                        entry.italian = term
                    }
                }
                entries[word.folded] = entry
            }
        }
        for card in base.cards {
            let language: [Language] = [card.lang == "en" ? .en : .it]
            for text in card.questions + card.keywords + [card.title, DocumentBuilder.plainBody(card.body)] {
                add(text, languages: language)
            }
        }
        for concept in base.concepts {
            for term in concept.terms { add(term, languages: Language.allCases) }
        }
        for subject in base.outOfScope {
            for term in subject.terms { add(term, languages: Language.allCases) }
        }
        return entries
    }

    /// The body without placeholders (their values are numbers, not words to search).
    static func plainBody(_ body: String) -> String {
        var text = body
        for placeholder in ParameterCatalog.placeholders(in: body).reversed() {
            text.replaceSubrange(placeholder.range, with: " ")
        }
        return text
    }
}
