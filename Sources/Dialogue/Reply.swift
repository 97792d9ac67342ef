import Knowledge
import TextAnalysis

/// The desk's answer to one message: the JSON object of the product contract
/// (`q outcome topic card score lang text sources options`, plus `slot` for flows and a
/// few extra fields that tools may ignore).
public struct Reply: Sendable, Hashable {
    public var q: String
    public var outcome: Outcome
    public var topic: String?
    public var card: String?
    public var score: Double
    public var lang: String
    public var text: String
    public var sources: [String]
    public var options: [String]
    public var slot: String?
    /// The card's title, for people.
    public var title: String?
    /// The date the rules stated apply from.
    public var validFrom: Day?
    /// The day the answer was computed for.
    public var asOf: Day?
    /// Why the desk escalates, or what went wrong with the input.
    public var reason: String?
    /// The facts collected in the conversation (for an advisor, and for flows).
    public var facts: [String: String] = [:]

    public init(
        q: String, outcome: Outcome, topic: String? = nil, card: String? = nil, score: Double = 0, lang: String,
        text: String, sources: [String] = [], options: [String] = [], slot: String? = nil, title: String? = nil,
        validFrom: Day? = nil, asOf: Day? = nil, reason: String? = nil
    ) {
        self.q = q
        self.outcome = outcome
        self.topic = topic
        self.card = card
        self.score = score
        self.lang = lang
        self.text = text
        self.sources = sources
        self.options = options
        self.slot = slot
        self.title = title
        self.validFrom = validFrom
        self.asOf = asOf
        self.reason = reason
    }

    /// One line of JSON, fields in the contract's order.
    public func json() -> String {
        var writer = JSONWriter()
        writer.field("q", q)
        writer.field("outcome", outcome.rawValue)
        writer.field("topic", topic)
        writer.field("card", card)
        writer.field("score", (score * 1000).rounded() / 1000)
        writer.field("lang", lang)
        writer.field("text", text)
        writer.field("sources", sources)
        writer.field("options", options)
        if let slot { writer.field("slot", slot) }
        if let title { writer.field("title", title) }
        if let validFrom { writer.field("valid_from", validFrom.iso) }
        if let asOf { writer.field("as_of", asOf.iso) }
        if let reason { writer.field("reason", reason) }
        if !facts.isEmpty { writer.field("facts", facts) }
        return writer.finish()
    }
}
