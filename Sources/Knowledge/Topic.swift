import Yams

/// Who a card or topic speaks to.
public enum Audience: String, Sendable, Hashable, Codable, CaseIterable {
    /// A worker (often a parent).
    case lavoratore
    /// An employer: small business owner, HR.
    case impresa
    /// Both.
    case tutti
}

/// A topic of the help desk (KnowledgeBase/topics.yaml): the stable id answers refer to.
public struct Topic: Sendable, Hashable, Codable {
    public let id: String
    public let area: String
    public let audience: Audience
    /// Whether an English card is expected.
    public let english: Bool
    /// What a card on the topic must say at the least.
    public let covers: String
}

/// All topics and areas.
public struct TopicCatalog: Sendable {
    /// Area id → area name.
    public let areas: [String: String]
    /// Topic id → topic.
    public let topics: [String: Topic]
    /// Topic ids in file order.
    public let order: [String]

    public init(areas: [String: String], topics: [Topic]) {
        self.areas = areas
        self.topics = Dictionary(topics.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.order = topics.map(\.id)
    }

    /// Loads `topics.yaml`, reporting every problem.
    public static func load(text: String, file: String) -> (TopicCatalog, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let root: Node?
        switch YAMLSupport.compose(text, file: file) {
        case .failure(let diagnostic): return (TopicCatalog(areas: [:], topics: []), [diagnostic])
        case .success(let node): root = node
        }
        var areas: [String: String] = [:]
        if case .mapping(let mapping)? = root?["areas"] {
            for (key, value) in mapping {
                if let id = key.string { areas[id] = value.string ?? id }
            }
        } else {
            diagnostics.append(Diagnostic(file: file, line: 1, "missing `areas:` mapping"))
        }
        var topics: [Topic] = []
        var seen: Set<String> = []
        for node in root?["topics"]?.array() ?? [] {
            let line = YAMLSupport.line(node, offset: 0)
            guard let id = node["id"]?.string, !id.isEmpty else {
                diagnostics.append(Diagnostic(file: file, line: line, "topic without `id`"))
                continue
            }
            guard let area = node["area"]?.string, areas[area] != nil else {
                diagnostics.append(Diagnostic(file: file, line: line, "topic \(id): unknown or missing area"))
                continue
            }
            let audience = node["audience"]?.string.flatMap(Audience.init(rawValue:)) ?? .tutti
            let english = node["en"]?.bool ?? (node["en"]?.string == "yes")
            if !seen.insert(id).inserted {
                diagnostics.append(Diagnostic(file: file, line: line, "duplicate topic id \(id)"))
                continue
            }
            topics.append(
                Topic(id: id, area: area, audience: audience, english: english, covers: node["covers"]?.string ?? ""))
        }
        if topics.isEmpty { diagnostics.append(Diagnostic(file: file, line: 1, "no topics defined")) }
        return (TopicCatalog(areas: areas, topics: topics), diagnostics)
    }
}
