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

    public init(session: String, time: Date, userText: String, outcome: String, topic: String?) {
        self.session = session
        self.time = time
        self.userText = userText
        self.outcome = outcome
        self.topic = topic
    }
}
