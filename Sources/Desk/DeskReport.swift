import Foundation

/// What the desk learnt from its conversations, for knowledge-base editors: the questions
/// it could not answer or answered with little confidence (grouped by similarity), the
/// worst-rated cards, why people were escalated, the tickets that waited too long, the
/// knowledge gaps operators marked, and the most asked topics week by week.
///
/// Built by `SQLiteDeskStore.report(_:)`; `sportello report` prints it as text or JSON.
public struct DeskReport: Sendable, Hashable, Codable {
    /// When the report was made.
    public var generatedAt: Date
    /// The start of the period covered (nil: everything stored).
    public var since: Date?
    /// Answers with a score below this are "low confidence".
    public var lowConfidenceThreshold: Double
    /// The first-response SLA used, in minutes by priority name (`urgent`, `high`, `normal`).
    public var slaMinutes: [String: Int]
    /// Counts over the whole period (the lists below may be cut to the `top` asked for).
    public var totals: Totals
    /// Questions answered by `fallback` or `out_of_scope` (protocol refusals and commands
    /// left out), grouped by similarity, most frequent first.
    public var unanswered: [QuestionGroup]
    /// Questions answered with a score below `lowConfidenceThreshold`, grouped likewise.
    public var lowConfidence: [QuestionGroup]
    /// Cards by feedback, worst (lowest net rating) first.
    public var worstRatedCards: [CardRating]
    /// Why conversations were escalated, from tickets and from transcript turns.
    public var escalations: Escalations
    /// Tickets whose first response came (or has not yet come) later than their SLA,
    /// most overdue first.
    public var slaBreaches: [SLABreach]
    /// Tickets an operator marked as a knowledge-base gap (`/kbgap`), newest first.
    public var knowledgeGaps: [KnowledgeGap]
    /// The most answered topics of each ISO week, oldest week first.
    public var topTopicsByWeek: [WeekTopics]

    public init(
        generatedAt: Date, since: Date?, lowConfidenceThreshold: Double, slaMinutes: [String: Int], totals: Totals,
        unanswered: [QuestionGroup], lowConfidence: [QuestionGroup], worstRatedCards: [CardRating],
        escalations: Escalations, slaBreaches: [SLABreach], knowledgeGaps: [KnowledgeGap],
        topTopicsByWeek: [WeekTopics]
    ) {
        self.generatedAt = generatedAt
        self.since = since
        self.lowConfidenceThreshold = lowConfidenceThreshold
        self.slaMinutes = slaMinutes
        self.totals = totals
        self.unanswered = unanswered
        self.lowConfidence = lowConfidence
        self.worstRatedCards = worstRatedCards
        self.escalations = escalations
        self.slaBreaches = slaBreaches
        self.knowledgeGaps = knowledgeGaps
        self.topTopicsByWeek = topTopicsByWeek
    }

    /// What the report covers and how it is cut.
    public struct Options: Sendable, Hashable {
        /// Only what happened at or after this moment (nil: everything stored).
        public var since: Date?
        /// Answers scored below this are listed as low confidence.
        public var lowConfidence: Double
        /// First-response SLA in minutes by priority (0 urgent, 1 high, 2 normal).
        public var slaMinutes: [Int: Int]
        /// The most entries each list keeps (groups, cards, breaches, topics per week).
        public var top: Int
        /// How similar (Jaccard, 0…1) two questions' stems must be to share a group.
        public var similarity: Double
        /// "Now", for tickets still waiting for a first response.
        public var now: Date

        /// The SLA when none is configured: urgent 15 minutes, high 60, normal 480.
        public static let defaultSLAMinutes: [Int: Int] = [0: 15, 1: 60, 2: 480]

        public init(
            since: Date? = nil, lowConfidence: Double = 0.5, slaMinutes: [Int: Int] = Options.defaultSLAMinutes,
            top: Int = 10, similarity: Double = 0.5, now: Date = Date()
        ) {
            self.since = since
            self.lowConfidence = lowConfidence
            self.slaMinutes = slaMinutes
            self.top = top
            self.similarity = similarity
            self.now = now
        }
    }

    /// Replies whose `reason` says the line was refused by the protocol (not a question
    /// the knowledge base failed): they never count as unanswered.
    public static let protocolReasons: Set<String> = [
        "empty_line", "empty", "line_too_long", "too_many_long_lines", "invalid_utf8", "invalid_input",
        "control_characters", "rate_limited", "not_available", "unknown_command", "bad_command", "store_unavailable",
        "idle_timeout",
    ]

    /// The name of a ticket priority (0 `urgent`, 1 `high`, 2 `normal`).
    public static func priorityName(_ priority: Int) -> String {
        switch priority {
        case 0: "urgent"
        case 1: "high"
        case 2: "normal"
        default: "priority-\(priority)"
        }
    }

    /// Counts over the whole period.
    public struct Totals: Sendable, Hashable, Codable {
        /// Stored turns.
        public var turns: Int
        /// Turns answered by a card.
        public var answers: Int
        /// Unanswered questions (before grouping).
        public var unanswered: Int
        /// Low-confidence answers (before grouping).
        public var lowConfidence: Int
        /// Escalated turns.
        public var escalations: Int
        /// `/feedback +` given.
        public var positiveFeedback: Int
        /// `/feedback -` given.
        public var negativeFeedback: Int
        /// Tickets opened.
        public var tickets: Int
        /// Tickets that missed their first-response SLA (all of them, not only the listed ones).
        public var slaBreaches: Int

        public init(
            turns: Int = 0, answers: Int = 0, unanswered: Int = 0, lowConfidence: Int = 0, escalations: Int = 0,
            positiveFeedback: Int = 0, negativeFeedback: Int = 0, tickets: Int = 0, slaBreaches: Int = 0
        ) {
            self.turns = turns
            self.answers = answers
            self.unanswered = unanswered
            self.lowConfidence = lowConfidence
            self.escalations = escalations
            self.positiveFeedback = positiveFeedback
            self.negativeFeedback = negativeFeedback
            self.tickets = tickets
            self.slaBreaches = slaBreaches
        }
    }

    /// Similar questions asked several times.
    public struct QuestionGroup: Sendable, Hashable, Codable {
        /// The group's most frequent wording.
        public var representative: String
        /// How many times a question of the group was asked.
        public var count: Int
        /// Other wordings, most frequent first (at most 5).
        public var examples: [String]
        /// The most frequent topic the desk gave these questions, if any.
        public var topic: String?
        /// When a question of the group was last asked.
        public var lastAsked: Date

        public init(representative: String, count: Int, examples: [String], topic: String?, lastAsked: Date) {
            self.representative = representative
            self.count = count
            self.examples = examples
            self.topic = topic
            self.lastAsked = lastAsked
        }
    }

    /// Feedback on one card.
    public struct CardRating: Sendable, Hashable, Codable {
        /// The card (nil: feedback on a reply without a card).
        public var card: String?
        /// The card's topic, as recorded with the feedback.
        public var topic: String?
        /// Positive ratings.
        public var positive: Int
        /// Negative ratings.
        public var negative: Int
        /// `positive - negative`.
        public var net: Int
        /// The comments given with negative ratings, newest first (at most 10).
        public var comments: [String]

        public init(card: String?, topic: String?, positive: Int, negative: Int, comments: [String]) {
            self.card = card
            self.topic = topic
            self.positive = positive
            self.negative = negative
            self.net = positive - negative
            self.comments = comments
        }
    }

    /// How often one reason occurred.
    public struct ReasonCount: Sendable, Hashable, Codable {
        public var reason: String
        public var count: Int

        public init(reason: String, count: Int) {
            self.reason = reason
            self.count = count
        }
    }

    /// Escalation reasons, most frequent first.
    public struct Escalations: Sendable, Hashable, Codable {
        /// Tickets opened, by `reason`.
        public var tickets: [ReasonCount]
        /// Turns with outcome `escalate`, by `reason` (`(none)` when the turn had none).
        public var turns: [ReasonCount]

        public init(tickets: [ReasonCount], turns: [ReasonCount]) {
            self.tickets = tickets
            self.turns = turns
        }
    }

    /// A ticket that waited longer than its SLA for a first response.
    public struct SLABreach: Sendable, Hashable, Codable {
        public var code: String
        /// `urgent`, `high` or `normal`.
        public var priority: String
        public var reason: String
        public var topic: String?
        public var status: String
        public var assignedTo: String?
        public var queuedAt: Date
        /// The operator's first line (nil: none yet).
        public var firstResponseAt: Date?
        /// Minutes from queueing to the first response (or to now, while there is none).
        public var waitedMinutes: Int
        public var slaMinutes: Int

        public init(
            code: String, priority: String, reason: String, topic: String?, status: String, assignedTo: String?,
            queuedAt: Date, firstResponseAt: Date?, waitedMinutes: Int, slaMinutes: Int
        ) {
            self.code = code
            self.priority = priority
            self.reason = reason
            self.topic = topic
            self.status = status
            self.assignedTo = assignedTo
            self.queuedAt = queuedAt
            self.firstResponseAt = firstResponseAt
            self.waitedMinutes = waitedMinutes
            self.slaMinutes = slaMinutes
        }
    }

    /// A ticket marked as a knowledge-base gap.
    public struct KnowledgeGap: Sendable, Hashable, Codable {
        public var code: String
        public var topic: String?
        public var area: String?
        /// How the operator closed it (nil while open).
        public var resolution: String?
        /// Cards the operator attached (`/attach`).
        public var attachedCards: [String]
        public var createdAt: Date

        public init(
            code: String, topic: String?, area: String?, resolution: String?, attachedCards: [String], createdAt: Date
        ) {
            self.code = code
            self.topic = topic
            self.area = area
            self.resolution = resolution
            self.attachedCards = attachedCards
            self.createdAt = createdAt
        }
    }

    /// How often one topic was answered.
    public struct TopicCount: Sendable, Hashable, Codable {
        public var topic: String
        public var count: Int

        public init(topic: String, count: Int) {
            self.topic = topic
            self.count = count
        }
    }

    /// The most answered topics of one ISO week (days in UTC).
    public struct WeekTopics: Sendable, Hashable, Codable {
        /// `2026-W48`.
        public var week: String
        /// Answers given that week (all topics).
        public var answers: Int
        /// The most answered topics, most first.
        public var topics: [TopicCount]

        public init(week: String, answers: Int, topics: [TopicCount]) {
            self.week = week
            self.answers = answers
            self.topics = topics
        }
    }
}
