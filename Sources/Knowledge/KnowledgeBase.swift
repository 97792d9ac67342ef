import Foundation
import TextAnalysis

/// Where the content files are.
public struct ContentLocation: Sendable, Hashable {
    /// The KnowledgeBase/ folder (topics.yaml and one folder per area).
    public let knowledgeBase: URL
    /// The Config/ folder (parameters.yaml, concepts.yaml, out-of-scope.yaml).
    public let config: URL

    public init(knowledgeBase: URL, config: URL) {
        self.knowledgeBase = knowledgeBase
        self.config = config
    }

    /// KnowledgeBase/ and Config/ under a project root.
    public init(root: URL) {
        self.init(
            knowledgeBase: root.appendingPathComponent("KnowledgeBase"), config: root.appendingPathComponent("Config"))
    }

    var topicsFile: URL { knowledgeBase.appendingPathComponent("topics.yaml") }
    var parametersFile: URL { config.appendingPathComponent("parameters.yaml") }
    var conceptsFile: URL { config.appendingPathComponent("concepts.yaml") }
    var outOfScopeFile: URL { config.appendingPathComponent("out-of-scope.yaml") }

    /// The content files, sorted: cards, topics and the three configuration files.
    func files() -> [URL] {
        var result = [topicsFile, parametersFile, conceptsFile, outOfScopeFile]
        let manager = FileManager.default
        if let enumerator = manager.enumerator(
            at: knowledgeBase, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        {
            for case let url as URL in enumerator where url.pathExtension == "md" { result.append(url) }
        }
        return result.sorted { $0.path < $1.path }
    }
}

/// The whole loaded knowledge base: topics, cards, parameters, concepts, out-of-scope list.
public struct KnowledgeBase: Sendable {
    public let topics: TopicCatalog
    public let cards: [Card]
    public let parameters: ParameterCatalog
    public let concepts: [Concept]
    public let outOfScope: [OutOfScopeSubject]
    /// A hash of every content file: the index is fresh when it was built from the same.
    public let fingerprint: String

    public init(
        topics: TopicCatalog, cards: [Card], parameters: ParameterCatalog, concepts: [Concept],
        outOfScope: [OutOfScopeSubject], fingerprint: String
    ) {
        self.topics = topics
        self.cards = cards
        self.parameters = parameters
        self.concepts = concepts
        self.outOfScope = outOfScope
        self.fingerprint = fingerprint
    }

    /// Changes whenever the analysis or the index layout changes, so old index files
    /// are rebuilt rather than misread.
    public static let formatVersion = "sportello-index-3"

    /// A hash of the content files' paths and bytes (and the index format).
    public static func fingerprint(of location: ContentLocation) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        mix(formatVersion.utf8)
        for file in location.files() {
            mix(file.lastPathComponent.utf8)
            if let data = try? Data(contentsOf: file) { mix(data) }
            mix([0])
        }
        return String(hash, radix: 16)
    }

    /// Loads and checks everything; returns what could be loaded and every problem.
    /// `today` decides which parameter values are in force for the placeholder check.
    public static func load(from location: ContentLocation, today: Day) -> (KnowledgeBase, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func read(_ url: URL) -> String? {
            do {
                let data = try Data(contentsOf: url)
                guard let text = String(data: data, encoding: .utf8) else {
                    diagnostics.append(Diagnostic(file: url.path, line: 1, "the file is not valid UTF-8"))
                    return nil
                }
                return text
            } catch {
                diagnostics.append(Diagnostic(file: url.path, line: 1, "cannot read the file: \(error.localizedDescription)"))
                return nil
            }
        }
        let topicsText = read(location.topicsFile) ?? ""
        let (topics, topicProblems) = TopicCatalog.load(text: topicsText, file: location.topicsFile.path)
        diagnostics += topicProblems
        let (parameters, parameterProblems) = ParameterCatalog.load(
            text: read(location.parametersFile) ?? "", file: location.parametersFile.path)
        diagnostics += parameterProblems
        let (concepts, conceptProblems) = ConceptCatalog.load(
            text: read(location.conceptsFile) ?? "", file: location.conceptsFile.path)
        diagnostics += conceptProblems
        var outOfScope: [OutOfScopeSubject] = []
        if FileManager.default.fileExists(atPath: location.outOfScopeFile.path) {
            let (subjects, problems) = OutOfScopeSubject.load(
                text: read(location.outOfScopeFile) ?? "", file: location.outOfScopeFile.path)
            outOfScope = subjects
            diagnostics += problems
        }
        for parameter in parameters.parameters.values.sorted(by: { $0.id < $1.id })
        where parameter.entry(on: today) == nil && parameter.series.last?.until == nil {
            diagnostics.append(
                Diagnostic(
                    file: location.parametersFile.path, line: 1,
                    "parameter \(parameter.id) has no value in force on \(today.iso)", severity: .warning))
        }

        var cards: [Card] = []
        var seen: [String: String] = [:]
        for file in location.files() where file.pathExtension == "md" {
            let relative = file.path.replacingOccurrences(of: location.knowledgeBase.path + "/", with: "")
            let components = relative.split(separator: "/")
            guard components.count == 2 else {
                diagnostics.append(
                    Diagnostic(file: file.path, line: 1, "cards live in KnowledgeBase/<area>/<id>.md", severity: .error))
                continue
            }
            let area = String(components[0])
            if topics.areas[area] == nil {
                diagnostics.append(Diagnostic(file: file.path, line: 1, "unknown area folder `\(area)`"))
                continue
            }
            guard let text = read(file) else { continue }
            let (card, problems) = CardParser.parse(
                text: text, file: file.path, area: area, topics: topics, today: today)
            diagnostics += problems
            guard let card else { continue }
            let stem = file.lastPathComponent.replacingOccurrences(of: card.lang == "en" ? ".en.md" : ".md", with: "")
            if stem != card.id {
                diagnostics.append(Diagnostic(file: file.path, line: 2, "the file name should be `\(card.id)` + .md/.en.md"))
            }
            if let other = seen[card.reference] {
                diagnostics.append(Diagnostic(file: file.path, line: 2, "duplicate card id `\(card.id)` (\(card.lang)), also in \(other)"))
                continue
            }
            seen[card.reference] = file.path
            for problem in parameters.check(card.body, on: today) {
                // An expired figure is not a broken card: the answer says to check it
                // with the official source until an editor adds the new value.
                let expired = problem.hasPrefix("parameter ")
                diagnostics.append(Diagnostic(file: file.path, line: 2, problem, severity: expired ? .warning : .error))
            }
            cards.append(card)
        }
        let ids = Set(cards.map(\.id))
        for card in cards {
            for link in card.related where !ids.contains(link) {
                diagnostics.append(Diagnostic(file: card.file, line: 2, "related card `\(link)` does not exist"))
            }
        }
        for topic in topics.order {
            guard let info = topics.topics[topic] else { continue }
            let languages = Set(cards.filter { $0.topic == topic }.map(\.lang))
            if !languages.contains("it") {
                diagnostics.append(
                    Diagnostic(file: location.topicsFile.path, line: 1, "topic \(topic) has no Italian card", severity: .warning))
            }
            if info.english && !languages.contains("en") {
                diagnostics.append(
                    Diagnostic(file: location.topicsFile.path, line: 1, "topic \(topic) has no English card", severity: .warning))
            }
        }
        let base = KnowledgeBase(
            topics: topics, cards: cards.sorted { $0.reference < $1.reference }, parameters: parameters,
            concepts: concepts, outOfScope: outOfScope, fingerprint: fingerprint(of: location))
        return (base, diagnostics.sorted())
    }

    /// Loads the knowledge base and refuses it if any error was found.
    public static func loadChecked(from location: ContentLocation, today: Day) throws -> KnowledgeBase {
        let (base, diagnostics) = load(from: location, today: today)
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw KnowledgeBaseError(diagnostics: diagnostics)
        }
        return base
    }
}
