import Foundation
import GRDB

extension SQLiteDeskStore {
    /// The report for knowledge-base editors over what is stored (since `options.since`).
    /// Reads only; the lists are cut to `options.top` entries, the totals are not.
    public func report(_ options: DeskReport.Options = DeskReport.Options()) async throws -> DeskReport {
        let data = try await pool.read { db in try ReportData.fetch(db, options: options) }
        let grouper = QuestionGrouper(threshold: options.similarity)
        let top = max(options.top, 0)
        let breaches = Self.breaches(data.tickets, options: options)
        let totals = DeskReport.Totals(
            turns: data.turns, answers: data.answers, unanswered: data.unanswered.count,
            lowConfidence: data.lowConfidence.count, escalations: data.escalatedTurns.reduce(0) { $0 + $1.count },
            positiveFeedback: data.feedback.filter { $0.rating > 0 }.count,
            negativeFeedback: data.feedback.filter { $0.rating < 0 }.count, tickets: data.tickets.count,
            slaBreaches: breaches.count)
        return DeskReport(
            generatedAt: options.now, since: options.since, lowConfidenceThreshold: options.lowConfidence,
            slaMinutes: Dictionary(
                uniqueKeysWithValues: options.slaMinutes.map { (DeskReport.priorityName($0.key), $0.value) }),
            totals: totals,
            unanswered: Array(grouper.group(data.unanswered).prefix(top)),
            lowConfidence: Array(grouper.group(data.lowConfidence).prefix(top)),
            worstRatedCards: Array(Self.ratings(data.feedback).prefix(top)),
            escalations: DeskReport.Escalations(tickets: data.ticketReasons, turns: data.escalatedTurns),
            slaBreaches: Array(breaches.prefix(top)),
            knowledgeGaps: data.gaps,
            topTopicsByWeek: Self.weeks(data.answeredDays, top: top))
    }

    /// Feedback by card, worst first: lowest net rating, then most negative, then by card.
    static func ratings(_ feedback: [FeedbackEntry]) -> [DeskReport.CardRating] {
        let byCard = Dictionary(grouping: feedback, by: \.card)
        let ratings = byCard.map { card, entries in
            let topics = Dictionary(grouping: entries.compactMap(\.topic), by: { $0 }).mapValues(\.count)
            let topic = topics.min { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }?.key
            let comments = entries.filter { $0.rating < 0 }.sorted { $0.time > $1.time }.compactMap(\.comment)
            return DeskReport.CardRating(
                card: card, topic: topic, positive: entries.filter { $0.rating > 0 }.count,
                negative: entries.filter { $0.rating < 0 }.count, comments: Array(comments.prefix(10)))
        }
        return ratings.sorted { lhs, rhs in
            if lhs.net != rhs.net { return lhs.net < rhs.net }
            if lhs.negative != rhs.negative { return lhs.negative > rhs.negative }
            return (lhs.card ?? "") < (rhs.card ?? "")
        }
    }

    /// Tickets whose first response came after their SLA (counted from the request), or has
    /// not come and is overdue; most overdue first. A ticket closed without an operator line counts its close.
    static func breaches(_ tickets: [ReportData.TicketTiming], options: DeskReport.Options) -> [DeskReport.SLABreach] {
        var breaches: [(overdue: Double, breach: DeskReport.SLABreach)] = []
        for ticket in tickets {
            guard let sla = options.slaMinutes[ticket.priority] else { continue }
            let responded = ticket.firstResponseAt ?? ticket.answeredAt ?? ticket.closedAt ?? options.now
            let waited = responded.timeIntervalSince(ticket.queuedAt)
            guard waited > Double(sla) * 60 else { continue }
            let breach = DeskReport.SLABreach(
                code: ticket.code, priority: DeskReport.priorityName(ticket.priority), reason: ticket.reason,
                topic: ticket.topic, status: ticket.status, assignedTo: ticket.assignedTo, queuedAt: ticket.queuedAt,
                firstResponseAt: ticket.firstResponseAt, waitedMinutes: Int(waited / 60), slaMinutes: sla)
            breaches.append((waited - Double(sla) * 60, breach))
        }
        return breaches.sorted { lhs, rhs in
            lhs.overdue != rhs.overdue ? lhs.overdue > rhs.overdue : lhs.breach.code < rhs.breach.code
        }.map(\.breach)
    }

    /// Answer counts by UTC day and topic, summed into ISO weeks (oldest first).
    static func weeks(_ days: [ReportData.DayTopic], top: Int) -> [DeskReport.WeekTopics] {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var weeks: [String: [String: Int]] = [:]
        for entry in days {
            guard let date = Self.utcDay(entry.day, calendar: calendar) else { continue }
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            guard let year = parts.yearForWeekOfYear, let week = parts.weekOfYear else { continue }
            let key = String(format: "%04d-W%02d", year, week)
            weeks[key, default: [:]][entry.topic, default: 0] += entry.count
        }
        return weeks.keys.sorted().map { week in
            let counts = weeks[week] ?? [:]
            let topics = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(top).map { DeskReport.TopicCount(topic: $0.key, count: $0.value) }
            return DeskReport.WeekTopics(week: week, answers: counts.values.reduce(0, +), topics: Array(topics))
        }
    }

    private static func utcDay(_ text: String, calendar: Calendar) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
    }
}

/// The rows the report is made of, read in one transaction.
struct ReportData: Sendable {
    struct TicketTiming: Sendable {
        var code: String
        var priority: Int
        var reason: String
        var topic: String?
        var status: String
        var assignedTo: String?
        var queuedAt: Date
        var firstResponseAt: Date?
        var answeredAt: Date?
        var closedAt: Date?
    }

    struct DayTopic: Sendable {
        var day: String
        var topic: String
        var count: Int
    }

    var turns = 0
    var answers = 0
    var unanswered: [QuestionGrouper.Question] = []
    var lowConfidence: [QuestionGrouper.Question] = []
    var feedback: [FeedbackEntry] = []
    var ticketReasons: [DeskReport.ReasonCount] = []
    var escalatedTurns: [DeskReport.ReasonCount] = []
    var tickets: [TicketTiming] = []
    var gaps: [DeskReport.KnowledgeGap] = []
    var answeredDays: [DayTopic] = []

    static func fetch(_ db: Database, options: DeskReport.Options) throws -> ReportData {
        var data = ReportData()
        // `AND time >= ?` (or nothing), for each table's time column.
        func since(_ column: String) -> (sql: String, arguments: StatementArguments) {
            guard let date = options.since else { return ("", []) }
            return (" AND \(column) >= ?", [date])
        }
        let turnsSince = since("time")
        if let row = try Row.fetchOne(
            db, sql: "SELECT count(*) AS turns, total(outcome = 'answer') AS answers FROM transcript WHERE 1"
                + turnsSince.sql, arguments: turnsSince.arguments)
        {
            data.turns = row["turns"]
            data.answers = Int(row["answers"] as Double)
        }

        let refusals = DeskReport.protocolReasons.sorted()
        let placeholders = refusals.map { _ in "?" }.joined(separator: ", ")
        data.unanswered = try questions(
            db,
            sql: """
                SELECT userText, topic, time, lang FROM transcript
                WHERE outcome IN ('fallback', 'out_of_scope')
                  AND (reason IS NULL OR reason NOT IN (\(placeholders)))
                  AND ltrim(userText) NOT LIKE '/%' AND trim(userText) <> ''
                """ + turnsSince.sql,
            arguments: StatementArguments(refusals) + turnsSince.arguments)
        data.lowConfidence = try questions(
            db,
            sql: """
                SELECT userText, topic, time, lang FROM transcript
                WHERE outcome = 'answer' AND score IS NOT NULL AND score < ?
                  AND ltrim(userText) NOT LIKE '/%' AND trim(userText) <> ''
                """ + turnsSince.sql,
            arguments: [options.lowConfidence] + turnsSince.arguments)

        let feedbackSince = since("time")
        data.feedback = try Row.fetchAll(
            db,
            sql: "SELECT session, seq, time, rating, comment, question, topic, card FROM feedback WHERE 1"
                + feedbackSince.sql + " ORDER BY time, id", arguments: feedbackSince.arguments
        ).map { row in
            FeedbackEntry(
                session: row["session"], seq: row["seq"], time: row["time"], rating: row["rating"],
                comment: row["comment"], question: row["question"], topic: row["topic"], card: row["card"])
        }

        let ticketsSince = since("createdAt")
        data.ticketReasons = try reasons(
            db,
            sql: "SELECT reason, count(*) AS n FROM ticket WHERE 1" + ticketsSince.sql
                + " GROUP BY reason ORDER BY n DESC, reason", arguments: ticketsSince.arguments)
        data.escalatedTurns = try reasons(
            db,
            // A ticket's own traffic (relayed lines, status and found replies) is not an escalation.
            sql: """
                SELECT coalesce(reason, '(none)') AS reason, count(*) AS n FROM transcript WHERE outcome = 'escalate'
                AND coalesce(reason, '') NOT IN ('relayed', 'ticket_status', 'ticket_found', 'reopened', 'already_open')
                """
                + turnsSince.sql + " GROUP BY 1 ORDER BY n DESC, reason", arguments: turnsSince.arguments)
        data.tickets = try Row.fetchAll(
            db,
            sql: """
                SELECT code, priority, reason, topic, status, assignedTo, createdAt AS queuedAt, firstResponseAt,
                  answeredAt, closedAt
                FROM ticket WHERE 1
                """ + ticketsSince.sql + " ORDER BY createdAt", arguments: ticketsSince.arguments
        ).map { row in
            TicketTiming(
                code: row["code"], priority: row["priority"], reason: row["reason"], topic: row["topic"],
                status: row["status"], assignedTo: row["assignedTo"], queuedAt: row["queuedAt"],
                firstResponseAt: row["firstResponseAt"], answeredAt: row["answeredAt"], closedAt: row["closedAt"])
        }
        data.gaps = try Row.fetchAll(
            db,
            sql: "SELECT code, topic, area, resolution, attachedCards, createdAt FROM ticket WHERE kbGap"
                + ticketsSince.sql + " ORDER BY createdAt DESC, code", arguments: ticketsSince.arguments
        ).map { row in
            let attached: String = row["attachedCards"] ?? ""
            return DeskReport.KnowledgeGap(
                code: row["code"], topic: row["topic"], area: row["area"], resolution: row["resolution"],
                attachedCards: attached.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }, createdAt: row["createdAt"])
        }

        data.answeredDays = try Row.fetchAll(
            db,
            sql: """
                SELECT date(time) AS day, topic, count(*) AS n FROM transcript
                WHERE outcome = 'answer' AND topic IS NOT NULL AND topic <> ''
                """ + turnsSince.sql + " GROUP BY day, topic", arguments: turnsSince.arguments
        ).compactMap { row in
            guard let day: String = row["day"] else { return nil }
            return DayTopic(day: day, topic: row["topic"], count: row["n"])
        }
        return data
    }

    private static func questions(_ db: Database, sql: String, arguments: StatementArguments) throws
        -> [QuestionGrouper.Question]
    {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            QuestionGrouper.Question(text: row["userText"], topic: row["topic"], time: row["time"], lang: row["lang"])
        }
    }

    private static func reasons(_ db: Database, sql: String, arguments: StatementArguments) throws
        -> [DeskReport.ReasonCount]
    {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            DeskReport.ReasonCount(reason: row["reason"], count: row["n"])
        }
    }
}
