import TextAnalysis
/// A knowledge-base card: one answer, with its alternate questions, sources and dates.
public struct Card: Sendable, Hashable, Codable {
    public let id: String
    public let topic: String
    public let area: String
    public let title: String
    public let audience: Audience
    /// 1: the desk answers; 2: the case needs a human advisor.
    public let level: Int
    public let lang: String
    public let questions: [String]
    public let keywords: [String]
    public let sources: [String]
    public let validFrom: Day
    public let reviewed: Day
    public let related: [String]
    /// Markdown body, placeholders not yet filled.
    public let body: String
    /// Path relative to the knowledge-base folder.
    public let file: String

    /// The card's reference in answers: its id, with the language for non-Italian
    /// versions ("maternita-congedo-obbligatorio.en").
    public var reference: String { lang == "it" ? id : "\(id).\(lang)" }
}
