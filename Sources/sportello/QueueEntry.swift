/// One row of the reply to `/queue`.
struct QueueEntry: Sendable, Equatable {
    var code: String
    var status: String
    var priority: TicketPriority
    var area: String?
    var reason: String?
    var topic: String?
    var lang: String?
    /// Seconds since the ticket was queued.
    var ageSeconds: Int
    /// The minutes allowed for the first response at this priority; nil when no SLA applies.
    var slaMinutes: Int?
    /// Whether the server says the first response came (or is still missing) too late.
    var slaBreached: Bool
    /// The operator holding it, nil while queued.
    var assignedTo: String?

    /// Reads one element of `tickets`; nil without a `code`.
    init?(json: ConsoleJSON) {
        guard let code = json["code"]?.string else { return nil }
        self.code = code
        self.status = json["status"]?.string ?? "queued"
        self.priority = TicketPriority(json["priority"]?.string ?? json["priority"]?.number.map { String(Int($0)) })
        self.area = json["area"]?.string
        self.reason = json["reason"]?.string
        self.topic = json["topic"]?.string
        self.lang = json["lang"]?.string
        self.ageSeconds = max(0, Int(json["age_seconds"]?.number ?? 0))
        self.slaMinutes = json["sla_minutes"]?.number.map { Int($0) }
        self.slaBreached = json["sla_breached"]?.bool ?? false
        self.assignedTo = json["assigned_to"]?.string
    }

    init(
        code: String, status: String = "queued", priority: TicketPriority = .normal, area: String? = nil,
        reason: String? = nil, topic: String? = nil, lang: String? = nil, ageSeconds: Int = 0, slaMinutes: Int? = nil,
        slaBreached: Bool = false, assignedTo: String? = nil
    ) {
        self.code = code
        self.status = status
        self.priority = priority
        self.area = area
        self.reason = reason
        self.topic = topic
        self.lang = lang
        self.ageSeconds = ageSeconds
        self.slaMinutes = slaMinutes
        self.slaBreached = slaBreached
        self.assignedTo = assignedTo
    }

    /// Where the ticket stands against its first-response SLA.
    var sla: SLAState {
        if slaBreached { return .breached }
        // Once an operator has answered, the first response is in: nothing is running.
        guard let slaMinutes, status == "queued" || status == "assigned" else { return .ok }
        let left = slaMinutes * 60 - ageSeconds
        if left <= 0 { return .breached }
        // Warn in the last half of the allowance, or the last 15 minutes of a long one.
        if left * 2 <= slaMinutes * 60 || left <= 15 * 60 { return .left(seconds: left) }
        return .ok
    }
}

/// A ticket's first-response SLA, as the queue shows it.
enum SLAState: Sendable, Equatable {
    case ok
    case left(seconds: Int)
    case breached

    /// `ok`, `5m left`, `BREACHED`.
    var text: String {
        switch self {
        case .ok: "ok"
        case .left(let seconds): "\(AgeText.format(seconds: seconds)) left"
        case .breached: "BREACHED"
        }
    }
}
