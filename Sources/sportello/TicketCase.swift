import Foundation

/// The full ticket in the reply to `/take` and `/show`: everything the operator needs so
/// that the person is never asked again what they already told the desk.
struct TicketCase: Sendable, Equatable {
    /// One line of the conversation with the desk before the escalation.
    struct ExcerptLine: Sendable, Equatable {
        /// `user` or `desk`.
        var who: String
        var text: String
    }

    /// One message of the ticket after it was opened.
    struct Message: Sendable, Equatable {
        /// `user`, `operator` or `system`.
        var author: String
        var operatorName: String?
        var text: String
        /// When it was written, as the server sent it (ISO 8601 text or seconds since 1970).
        var time: ConsoleJSON?
    }

    var code: String
    var status: String?
    var priority: TicketPriority
    var area: String?
    var reason: String?
    var topic: String?
    var card: String?
    var lang: String?
    /// What the desk learnt (slot → value), sorted by slot.
    var facts: [(key: String, value: String)]
    var excerpt: [ExcerptLine]
    var messages: [Message]
    /// Whether the person is connected now (nil when the server did not say).
    var userConnected: Bool?

    /// Reads the `ticket` of a reply; nil without a `code`.
    init?(json: ConsoleJSON) {
        guard let code = json["code"]?.string else { return nil }
        self.code = code
        self.status = json["status"]?.string
        self.priority = TicketPriority(json["priority"]?.string ?? json["priority"]?.number.map { String(Int($0)) })
        self.area = json["area"]?.string
        self.reason = json["reason"]?.string
        self.topic = json["topic"]?.string
        self.card = json["card"]?.string
        self.lang = json["lang"]?.string
        let facts = json["facts"]?.object ?? [:]
        self.facts = facts.keys.sorted().map { (key: $0, value: facts[$0]?.displayText ?? "") }
        self.excerpt = (json["excerpt"]?.array ?? []).compactMap { line in
            guard let text = line["text"]?.string else { return nil }
            return ExcerptLine(who: line["who"]?.string ?? "user", text: text)
        }
        self.messages = (json["messages"]?.array ?? []).compactMap { message in
            guard let text = message["text"]?.string else { return nil }
            return Message(
                author: message["author"]?.string ?? "system", operatorName: message["operator"]?.string, text: text,
                time: message["time"])
        }
        self.userConnected = json["user_connected"]?.bool
    }

    /// Whether this is a full ticket (from `/take` or `/show`) rather than the short one a
    /// person gets when opening a ticket (`code`, `secret`, `position`).
    static func isFull(_ json: ConsoleJSON) -> Bool {
        json["code"]?.string != nil
            && (json["facts"] != nil || json["excerpt"] != nil || json["messages"] != nil || json["area"] != nil)
    }

    static func == (left: TicketCase, right: TicketCase) -> Bool {
        left.code == right.code && left.status == right.status && left.priority == right.priority
            && left.area == right.area && left.reason == right.reason && left.topic == right.topic
            && left.card == right.card && left.lang == right.lang
            && left.facts.map(\.key) == right.facts.map(\.key) && left.facts.map(\.value) == right.facts.map(\.value)
            && left.excerpt == right.excerpt && left.messages == right.messages
            && left.userConnected == right.userConnected
    }
}
