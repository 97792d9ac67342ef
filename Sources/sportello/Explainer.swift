import Dialogue
import Foundation
import Knowledge
import TextAnalysis

/// Shows editors why the desk answered as it did: terms, corrections, best matches.
enum Explainer {
    static func explain(_ question: String, engine: Engine) -> String {
        let retriever = engine.retriever
        let result = retriever.search(question, limit: 6)
        let analysis = result.analysis
        var lines = ["language: \(analysis.language.rawValue)", "terms: \(analysis.terms.joined(separator: " "))"]
        if !analysis.corrections.isEmpty {
            lines.append("corrected: " + analysis.corrections.map { "\($0.typed)→\($0.corrected)" }.joined(separator: ", "))
        }
        if !analysis.unknown.isEmpty { lines.append("unknown: " + analysis.unknown.joined(separator: ", ")) }
        let entities = EntityExtractor.extract(result.analysis.words.isEmpty ? "" : question, today: Day.today())
        if !entities.isEmpty {
            lines.append("entities: " + entities.map { "\($0.value) «\($0.text)»" }.joined(separator: ", "))
        }
        lines.append(String(format: "confidence: %.3f", result.confidence))
        for match in result.matches {
            lines.append(
                String(format: "  %-45@ score %7.3f coverage %.2f question %.2f p %.2f", match.topic as NSString, match.score,
                    match.coverage, match.questionSimilarity, match.probability))
        }
        return lines.joined(separator: "\n")
    }
}
