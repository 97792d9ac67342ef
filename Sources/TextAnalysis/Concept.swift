/// A set of words and phrases that mean the same thing for the desk
/// ("smart working" = "lavoro agile"). The first term is the canonical one.
public struct Concept: Sendable, Hashable, Codable {
    public let id: String
    public let terms: [String]

    public init(id: String, terms: [String]) {
        self.id = id
        self.terms = terms
    }

    /// The index term that stands for the concept ("c_lavoro_agile").
    public var token: String { Concept.token(for: id) }

    /// The index term for a concept id.
    public static func token(for id: String) -> String {
        "c_" + String(id.map { $0 == "-" ? "_" : $0 })
    }

    /// Whether an index term is a concept's rather than a word's.
    public static func isToken(_ term: String) -> Bool { term.hasPrefix("c_") }
}
