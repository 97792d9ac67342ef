import Foundation
import Knowledge
import TextAnalysis
import Yams

/// Settings from Config/sportello.yaml, with defaults for anything not given.
public struct DeskConfiguration: Sendable {
    /// Where `kb build` writes the index (relative paths are taken from the project root).
    public var indexPath: String = ".sportello/knowledge-index.sqlite"
    public var ranking = RankingSettings()
    /// Word lists (one word per line) of real Italian and English words, which typo
    /// correction leaves alone. Missing files are skipped.
    public var dictionaries: [String] = ["/usr/share/dict/italian", "/usr/share/dict/american-english"]

    public init() {}

    /// The words of the dictionaries that exist (folded), and the ones that were missing.
    public func loadDictionaries(root: URL) -> (words: Set<String>, missing: [String]) {
        var words: Set<String> = []
        var missing: [String] = []
        for path in dictionaries {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
            guard let data = try? Data(contentsOf: url) else {
                missing.append(url.path)
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(whereSeparator: \.isNewline) where line.count >= 4 {
                words.insert(ICU.fold(String(line)))
            }
        }
        return (words, missing)
    }

    /// Reads `file`; every problem is reported with its line.
    public static func load(from file: URL) -> (DeskConfiguration, [Diagnostic]) {
        var configuration = DeskConfiguration()
        var diagnostics: [Diagnostic] = []
        guard let data = try? Data(contentsOf: file), let text = String(data: data, encoding: .utf8) else {
            return (configuration, [Diagnostic(file: file.path, line: 1, "cannot read the configuration file")])
        }
        let root: Node?
        switch YAMLSupport.compose(text, file: file.path) {
        case .failure(let diagnostic): return (configuration, [diagnostic])
        case .success(let node): root = node
        }
        if let index = root?["knowledge"]?["index"]?.string { configuration.indexPath = index }
        if let lists = root?["analysis"]?["dictionaries"] {
            configuration.dictionaries = lists.array().compactMap(\.string)
        }
        guard let retrieval = root?["retrieval"] else { return (configuration, diagnostics) }
        func number(_ key: String, _ range: ClosedRange<Double>, _ apply: (Double) -> Void) {
            guard let node = retrieval[key] else { return }
            guard let value = node.float, range.contains(value) else {
                diagnostics.append(
                    Diagnostic(
                        file: file.path, line: node.mark?.line ?? 1,
                        "retrieval.\(key) must be a number between \(range.lowerBound) and \(range.upperBound)"))
                return
            }
            apply(value)
        }
        func list(_ key: String, _ apply: ([Double]) -> Void) {
            guard let node = retrieval[key] else { return }
            let values = node.array().compactMap(\.float)
            guard values.count == 4, values.allSatisfy({ $0 >= 0 }) else {
                diagnostics.append(
                    Diagnostic(
                        file: file.path, line: node.mark?.line ?? 1,
                        "retrieval.\(key) must list 4 non-negative numbers (questions, title, keywords, body)"))
                return
            }
            apply(values)
        }
        number("k1", 0...10) { configuration.ranking.k1 = $0 }
        list("field_weights") { configuration.ranking.fieldWeights = $0 }
        list("field_b") { configuration.ranking.fieldB = $0.map { min($0, 1) } }
        number("question_weight", 0...10) { configuration.ranking.questionWeight = $0 }
        number("classifier_weight", 0...10) { configuration.ranking.classifierWeight = $0 }
        number("language_boost", 1...5) { configuration.ranking.languageBoost = $0 }
        number("audience_boost", 1...5) { configuration.ranking.audienceBoost = $0 }
        number("answer_threshold", 0...1) { configuration.ranking.answerThreshold = $0 }
        number("fallback_threshold", 0...1) { configuration.ranking.fallbackThreshold = $0 }
        number("clarify_ratio", 0...1) { configuration.ranking.clarifyRatio = $0 }
        number("clarify_below", 0...1) { configuration.ranking.clarifyBelow = $0 }
        number("clarify_min_coverage", 0...1) { configuration.ranking.clarifyMinCoverage = $0 }
        number("sure_topic_probability", 0...1) { configuration.ranking.sureTopicProbability = $0 }
        number("sure_topic_margin", 0...1) { configuration.ranking.sureTopicMargin = $0 }
        number("sure_topic_confidence", 0...1) { configuration.ranking.sureTopicConfidence = $0 }
        number("clarify_options", 2...5) { configuration.ranking.clarifyOptions = Int($0) }
        return (configuration, diagnostics)
    }
}
