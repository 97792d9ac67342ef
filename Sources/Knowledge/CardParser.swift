import Foundation
import Yams
import TextAnalysis

/// Reads one card file: front matter and body, every problem with its line.
enum CardParser {
    static let idCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
    static let minimumQuestions = 6

    /// Parses a card; `file` is the path shown in diagnostics, `area` the folder name.
    static func parse(text: String, file: String, area: String, topics: TopicCatalog, today: Day)
        -> (Card?, [Diagnostic])
    {
        var diagnostics: [Diagnostic] = []
        func problem(_ line: Int, _ message: String) { diagnostics.append(Diagnostic(file: file, line: line, message)) }

        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true else {
            problem(1, "a card must start with a `---` line opening its YAML front matter")
            return (nil, diagnostics)
        }
        guard let closing = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" })
        else {
            problem(1, "the front matter is not closed by a `---` line")
            return (nil, diagnostics)
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        let offset = 1  // front matter line 1 is file line 2
        let root: Node
        switch YAMLSupport.compose(yaml, file: file, lineOffset: offset) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let node):
            guard let node, case .mapping = node else {
                problem(2, "the front matter must be a YAML mapping (field: value)")
                return (nil, diagnostics)
            }
            root = node
        }
        func line(_ key: String) -> Int { YAMLSupport.line(root[key], offset: offset, fallback: 1) }
        func string(_ key: String) -> String? {
            guard let node = root[key] else {
                problem(2, "missing field `\(key)`")
                return nil
            }
            guard let value = node.string?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                problem(line(key), "field `\(key)` must be a non-empty text")
                return nil
            }
            return value
        }
        func list(_ key: String, required: Bool = true) -> [String]? {
            guard let node = root[key] else {
                if required { problem(2, "missing field `\(key)`") }
                return required ? nil : []
            }
            guard let values = YAMLSupport.strings(node) else {
                problem(line(key), "field `\(key)` must be a list of texts")
                return nil
            }
            return values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func day(_ key: String) -> Day? {
            guard let text = string(key) else { return nil }
            guard let value = Day(iso: text) else {
                problem(line(key), "field `\(key)` must be a real date YYYY-MM-DD, found `\(text)`")
                return nil
            }
            return value
        }

        let id = string("id")
        if let id, !id.allSatisfy({ idCharacters.contains($0) }) {
            problem(line("id"), "id `\(id)` may contain only lowercase letters, digits and `-`")
        }
        let topicId = string("topic")
        var topic: Topic?
        if let topicId {
            topic = topics.topics[topicId]
            if topic == nil {
                problem(line("topic"), "unknown topic `\(topicId)` (see KnowledgeBase/topics.yaml)")
            } else if let topic, topic.area != area {
                problem(line("topic"), "topic `\(topicId)` belongs to area `\(topic.area)`, but the card is in `\(area)/`")
            }
        }
        let title = string("title")
        var audience: Audience?
        if let text = string("audience") {
            audience = Audience(rawValue: text)
            if audience == nil { problem(line("audience"), "audience must be lavoratore, impresa or tutti, found `\(text)`") }
        }
        var level: Int?
        if let node = root["level"] {
            level = node.int
            if level != 1 && level != 2 { problem(line("level"), "level must be 1 or 2") }
        } else {
            problem(2, "missing field `level`")
        }
        let lang = string("lang")
        let expectedLang = file.hasSuffix(".en.md") ? "en" : "it"
        if let lang, lang != expectedLang {
            problem(line("lang"), "lang `\(lang)` does not match the file name (expected `\(expectedLang)`)")
        }
        let questions = list("questions")
        if let questions, questions.count < minimumQuestions {
            problem(line("questions"), "at least \(minimumQuestions) alternate questions are needed, found \(questions.count)")
        }
        let keywords = list("keywords")
        let sources = list("sources")
        if let sources, sources.isEmpty { problem(line("sources"), "at least one source is needed (law and article, or INPS circular)") }
        let validFrom = day("valid_from")
        let reviewed = day("reviewed")
        if let reviewed, reviewed > today {
            problem(line("reviewed"), "`reviewed` is in the future (\(reviewed.iso))")
        }
        let related = list("related", required: false) ?? []
        if body.isEmpty { problem(closing + 1, "the card has no body text") }

        let known: Set<String> = [
            "id", "topic", "title", "audience", "level", "lang", "questions", "keywords", "sources",
            "valid_from", "reviewed", "related",
        ]
        if case .mapping(let mapping) = root {
            for (key, _) in mapping where !known.contains(key.string ?? "") {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: YAMLSupport.line(key, offset: offset),
                        "unknown field `\(key.string ?? "?")`", severity: .warning))
            }
        }
        guard diagnostics.allSatisfy({ $0.severity != .error }), let id, let topicId, let topic, let title,
            let audience, let level, let lang, let questions, let keywords, let sources, let validFrom, let reviewed
        else { return (nil, diagnostics) }
        let card = Card(
            id: id, topic: topicId, area: topic.area, title: title, audience: audience, level: level, lang: lang,
            questions: questions, keywords: keywords, sources: sources, validFrom: validFrom, reviewed: reviewed,
            related: related, body: body, file: file)
        return (card, diagnostics)
    }
}
