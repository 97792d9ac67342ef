import Foundation
import TextAnalysis
import Yams

/// Loads Config/concepts.yaml.
public enum ConceptCatalog {
    /// The concepts, and every problem: missing ids or terms, duplicate ids, a term that
    /// belongs to two concepts.
    public static func load(text: String, file: String) -> ([Concept], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let root: Node?
        switch YAMLSupport.compose(text, file: file) {
        case .failure(let diagnostic): return ([], [diagnostic])
        case .success(let node): root = node
        }
        var concepts: [Concept] = []
        var owner: [String: String] = [:]
        var ids: Set<String> = []
        for node in root?["concepts"]?.array() ?? [] {
            let line = YAMLSupport.line(node, offset: 0)
            guard let id = node["id"]?.string, !id.isEmpty else {
                diagnostics.append(Diagnostic(file: file, line: line, "concept without `id`"))
                continue
            }
            guard let terms = YAMLSupport.strings(node["terms"]), !terms.isEmpty else {
                diagnostics.append(Diagnostic(file: file, line: line, "concept \(id): `terms` must be a non-empty list"))
                continue
            }
            if !ids.insert(id).inserted {
                diagnostics.append(Diagnostic(file: file, line: line, "duplicate concept id \(id)"))
                continue
            }
            var kept: [String] = []
            for term in terms {
                let key = Tokenizer.words(term).map(\.folded).joined(separator: " ")
                if key.isEmpty { continue }
                if let other = owner[key] {
                    if other != id {
                        diagnostics.append(
                            Diagnostic(
                                file: file, line: line, "term `\(term)` of concept \(id) already belongs to concept \(other)"))
                    }
                    continue
                }
                owner[key] = id
                kept.append(term)
            }
            concepts.append(Concept(id: id, terms: kept))
        }
        if root?["concepts"] == nil {
            diagnostics.append(Diagnostic(file: file, line: 1, "missing `concepts:` list"))
        }
        return (concepts, diagnostics)
    }
}
