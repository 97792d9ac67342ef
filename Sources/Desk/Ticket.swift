import Foundation

/// A request for a human advisor (second level), as stored. Texts are already redacted.
public struct Ticket: Sendable, Hashable {
    /// The row id.
    public let id: Int64
    /// The short code the user is given (`K7M-4QX`); with the secret, it brings them back.
    public let code: String
    public var status: TicketStatus
    public var priority: TicketPriority
    /// The area of the ticket's topic (`topics.yaml`), if the conversation had one.
    public var area: String?
    /// What the advisor needs: the area, and `en` for a ticket in English.
    public var skills: [String]
    /// Why the desk escalated (`operator_requested`, `dispute`, `safety`…).
    public var reason: String
    public var topic: String?
    public var card: String?
    /// The language of the conversation (`it`, `en`).
    public var lang: String
    /// The facts the dialogue collected (slot → value).
    public var facts: [String: String]
    /// The last turns of the conversation before the ticket.
    public var excerpt: [ExcerptLine]
    /// The session that opened it.
    public var session: String
    public var createdAt: Date
    /// When it entered the queue last (creation, release or reopening).
    public var queuedAt: Date
    public var assignedTo: String?
    public var assignedAt: Date?
    /// The advisor's first line to the user (the SLA measures up to this).
    public var firstResponseAt: Date?
    public var answeredAt: Date?
    public var closedAt: Date?
    public var resolution: String?
    /// The advisor marked it: the knowledge base should answer this.
    public var kbGap: Bool
    /// Cards the advisor attached.
    public var attachedCards: [String]
    /// Times it was reopened.
    public var reopened: Int
}

/// The life of a ticket: `queued` → `assigned` → `answered` → `closed`; a release puts it
/// back in the queue, and a reopening takes an answered or closed ticket back there.
public enum TicketStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case queued
    case assigned
    case answered
    case closed
}

/// The order of the queue: urgent (a person in danger) first.
public enum TicketPriority: Int, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case urgent = 0
    case high = 1
    case normal = 2

    /// The name used in the protocol and in the configuration.
    public var name: String {
        switch self {
        case .urgent: "urgent"
        case .high: "high"
        case .normal: "normal"
        }
    }

    public static func < (lhs: TicketPriority, rhs: TicketPriority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One line of the conversation kept with a ticket.
public struct ExcerptLine: Sendable, Hashable, Codable {
    /// `user` or `desk`.
    public var who: String
    public var text: String

    public init(who: String, text: String) {
        self.who = who
        self.text = text
    }
}

/// What the server knows when it opens a ticket.
public struct TicketDraft: Sendable, Hashable {
    public var priority: TicketPriority
    public var area: String?
    public var skills: [String]
    public var reason: String
    public var topic: String?
    public var card: String?
    public var lang: String
    public var facts: [String: String]
    public var excerpt: [ExcerptLine]
    public var session: String

    public init(
        priority: TicketPriority, area: String?, skills: [String], reason: String, topic: String?, card: String?,
        lang: String, facts: [String: String], excerpt: [ExcerptLine], session: String
    ) {
        self.priority = priority
        self.area = area
        self.skills = skills
        self.reason = reason
        self.topic = topic
        self.card = card
        self.lang = lang
        self.facts = facts
        self.excerpt = excerpt
        self.session = session
    }
}

/// A line written in a ticket's conversation, as stored (redacted).
public struct TicketMessage: Sendable, Hashable {
    /// Who wrote it.
    public enum Author: String, Sendable, Hashable, Codable {
        case user
        case `operator`
        case system
    }

    public let id: Int64
    public let ticketID: Int64
    public let time: Date
    public let author: Author
    /// The advisor's name, for their lines.
    public let operatorName: String?
    public let text: String
    /// Whether the user has seen it (an advisor's line written while they were away is not).
    public let delivered: Bool
}
