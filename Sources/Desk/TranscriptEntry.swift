import Foundation

/// One turn of a conversation as stored: already redacted.
public struct TranscriptEntry: Sendable, Hashable, Codable {
    /// The session (connection) it belongs to.
    public let session: String
    /// When the turn happened.
    public let time: Date
    /// What the person wrote, with personal data removed (see `Redactor`).
    public let userText: String
    /// The reply's outcome (`answer`, `fallback`…).
    public let outcome: String
    /// The reply's topic, if any.
    public let topic: String?
    /// The client's line number (`seq` in JSON mode), when known.
    public var seq: Int?
    /// The card that answered, if any.
    public var card: String?
    /// The reply's confidence (0…1), when the engine gave one.
    public var score: Double?
    /// The reply's language.
    public var lang: String?
    /// Why the desk escalated or refused (`dispute`, `operator_requested`…), if it did.
    public var reason: String?

    public init(
        session: String, time: Date, userText: String, outcome: String, topic: String?, seq: Int? = nil,
        card: String? = nil, score: Double? = nil, lang: String? = nil, reason: String? = nil
    ) {
        self.session = session
        self.time = time
        self.userText = userText
        self.outcome = outcome
        self.topic = topic
        self.seq = seq
        self.card = card
        self.score = score
        self.lang = lang
        self.reason = reason
    }
}
