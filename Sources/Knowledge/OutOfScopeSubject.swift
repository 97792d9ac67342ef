import Yams

/// A neighbouring subject the desk does not cover, with where to go instead.
public struct OutOfScopeSubject: Sendable, Hashable, Codable {
    public let id: String
    public let messageIt: String
    public let messageEn: String
    /// Words and phrases that signal the subject.
    public let terms: [String]

    /// The message in `language` ("it" or "en").
    public func message(english: Bool) -> String { english ? messageEn : messageIt }

    /// Loads Config/out-of-scope.yaml.
    public static func load(text: String, file: String) -> ([OutOfScopeSubject], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let root: Node?
        switch YAMLSupport.compose(text, file: file) {
        case .failure(let diagnostic): return ([], [diagnostic])
        case .success(let node): root = node
        }
        var subjects: [OutOfScopeSubject] = []
        var ids: Set<String> = []
        for node in root?["subjects"]?.array() ?? [] {
            let line = YAMLSupport.line(node, offset: 0)
            guard let id = node["id"]?.string, !id.isEmpty else {
                diagnostics.append(Diagnostic(file: file, line: line, "subject without `id`"))
                continue
            }
            guard let it = node["message_it"]?.string, !it.isEmpty, let en = node["message_en"]?.string, !en.isEmpty
            else {
                diagnostics.append(Diagnostic(file: file, line: line, "subject \(id): needs `message_it` and `message_en`"))
                continue
            }
            guard let terms = YAMLSupport.strings(node["terms"]), !terms.isEmpty else {
                diagnostics.append(Diagnostic(file: file, line: line, "subject \(id): `terms` must be a non-empty list"))
                continue
            }
            if !ids.insert(id).inserted {
                diagnostics.append(Diagnostic(file: file, line: line, "duplicate subject id \(id)"))
                continue
            }
            subjects.append(OutOfScopeSubject(id: id, messageIt: it, messageEn: en, terms: terms))
        }
        if root?["subjects"] == nil { diagnostics.append(Diagnostic(file: file, line: 1, "missing `subjects:` list")) }
        return (subjects, diagnostics)
    }
}
