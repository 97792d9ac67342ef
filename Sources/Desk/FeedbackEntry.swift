import Foundation

/// One `/feedback +|- [comment]` on an answer, as stored. The store redacts `comment` and
/// `question` (see `Redactor`) before writing them.
public struct FeedbackEntry: Sendable, Hashable, Codable {
    /// The session (connection) that gave the feedback.
    public var session: String
    /// The client's line number of the rated answer (`seq`), when known.
    public var seq: Int?
    /// When the feedback was given.
    public var time: Date
    /// +1 (useful) or -1 (not useful).
    public var rating: Int
    /// What the person added after the sign, if anything.
    public var comment: String?
    /// The question that the rated answer replied to, if known.
    public var question: String?
    /// The rated answer's topic, if any.
    public var topic: String?
    /// The rated answer's card, if any.
    public var card: String?

    /// Whether the rating is positive.
    public var isPositive: Bool { rating > 0 }

    public init(
        session: String, seq: Int? = nil, time: Date = Date(), rating: Int, comment: String? = nil,
        question: String? = nil, topic: String? = nil, card: String? = nil
    ) {
        self.session = session
        self.seq = seq
        self.time = time
        self.rating = rating
        self.comment = comment
        self.question = question
        self.topic = topic
        self.card = card
    }
}
