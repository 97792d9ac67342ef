import Foundation
import GRDB
import Testing

@testable import Desk

@Suite("Question grouping")
struct QuestionGrouperTests {
    let time = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func paraphrasesShareAGroupAndAnUnrelatedQuestionDoesNot() {
        let grouper = QuestionGrouper()
        let groups = grouper.group([
            .init(text: "Quanto dura il congedo matrimoniale?", time: time),
            .init(text: "congedo matrimoniale: quanti giorni dura?", topic: "congedo-matrimoniale", time: time),
            .init(text: "Quanto dura il congedo matrimoniale?", time: time.addingTimeInterval(60)),
            .init(text: "come si paga la tassa sui rifiuti", time: time),
        ])
        #expect(groups.count == 2)
        #expect(groups[0].count == 3)
        #expect(groups[0].representative == "Quanto dura il congedo matrimoniale?")
        #expect(groups[0].examples == ["congedo matrimoniale: quanti giorni dura?"])
        #expect(groups[0].topic == "congedo-matrimoniale")
        #expect(groups[0].lastAsked == time.addingTimeInterval(60))
        #expect(groups[1].representative == "come si paga la tassa sui rifiuti")
        #expect(groups[1].count == 1)
        #expect(groups[1].topic == nil)
    }

    @Test func jaccardSimilarity() {
        #expect(QuestionGrouper.similarity(["a", "b"], ["a", "b"]) == 1)
        #expect(QuestionGrouper.similarity(["a", "b"], ["b", "c"]) == 1.0 / 3)
        #expect(QuestionGrouper.similarity(["a"], ["b"]) == 0)
    }

    @Test func examplesAreCappedAtFive() {
        let wordings = (1...8).map { "congedo parentale durata \(String(repeating: "?", count: $0))" }
        let groups = QuestionGrouper().group(wordings.map { .init(text: $0, time: time) })
        #expect(groups.count == 1)
        #expect(groups[0].count == 8)
        #expect(groups[0].examples.count == 5)
    }
}

@Suite("Editors' report")
struct ReportTests {
    /// Wednesday 25 November 2026, 10:00 UTC (ISO week 2026-W48).
    static let now = Date(timeIntervalSince1970: 1_795_600_800)

    func turn(
        _ text: String, _ outcome: String, topic: String? = nil, score: Double? = nil, reason: String? = nil,
        minutesAgo: Double = 60, session: String = "s"
    ) -> TranscriptEntry {
        TranscriptEntry(
            session: session, time: Self.now.addingTimeInterval(-minutesAgo * 60), userText: text, outcome: outcome,
            topic: topic, score: score, lang: "it", reason: reason)
    }

    /// Inserts a ticket row directly (the report reads the table, whoever wrote it).
    func insertTicket(
        _ store: SQLiteDeskStore, code: String, priority: Int, reason: String = "operator_requested",
        status: String = "queued", topic: String? = nil, queuedMinutesAgo: Double, respondedAfter: Double? = nil,
        kbGap: Bool = false, resolution: String? = nil, attachedCards: String = ""
    ) async throws {
        let queued = Self.now.addingTimeInterval(-queuedMinutesAgo * 60)
        let responded = respondedAfter.map { queued.addingTimeInterval($0 * 60) }
        try await store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO ticket(code, secretSalt, secretHash, status, priority, reason, topic, lang, session,
                                       createdAt, queuedAt, firstResponseAt, kbGap, resolution, attachedCards, assignedTo)
                    VALUES (?, x'00', x'00', ?, ?, ?, ?, 'it', 's', ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    code, status, priority, reason, topic, queued, queued, responded, kbGap, resolution, attachedCards,
                    responded == nil ? nil : "giulia",
                ])
        }
    }

    @Test func unansweredQuestionsAreGroupedAndProtocolRefusalsLeftOut() async throws {
        let desk = try TemporaryDesk()
        defer { desk.remove() }
        let store = try desk.store()
        try await store.append([
            turn("Quanto dura il congedo matrimoniale?", "fallback"),
            turn("congedo matrimoniale: quanti giorni dura?", "fallback", session: "t"),
            turn("come si paga la tassa sui rifiuti", "out_of_scope", topic: "tributi"),
            turn("", "fallback", reason: "empty_line"),
            turn("xxxxxxxx", "fallback", reason: "line_too_long"),
            turn("ciao\u{FFFD}", "fallback", reason: "invalid_utf8"),
            turn("troppi messaggi", "fallback", reason: "rate_limited"),
            turn("/boh", "fallback", reason: "unknown_command"),
            turn("/ticket ABC", "fallback"),
            turn("quanto dura il congedo di paternità?", "answer", topic: "paternita", score: 0.9),
        ])
        let report = try await store.report(DeskReport.Options(now: Self.now))
        #expect(report.totals.unanswered == 3)
        #expect(report.unanswered.count == 2)
        #expect(report.unanswered[0].count == 2)
        #expect(report.unanswered[0].representative.localizedCaseInsensitiveContains("congedo matrimoniale"))
        #expect(report.unanswered[1].representative == "come si paga la tassa sui rifiuti")
        #expect(report.unanswered[1].topic == "tributi")
        #expect(report.totals.turns == 10)
        #expect(report.totals.answers == 1)
    }

    @Test func lowConfidenceAnswersFollowTheThreshold() async throws {
        let desk = try TemporaryDesk()
        defer { desk.remove() }
        let store = try desk.store()
        try await store.append([
            turn("posso lavorare da casa col bimbo malato", "answer", topic: "lavoro-agile", score: 0.3),
            turn("smart working e figli", "answer", topic: "lavoro-agile", score: 0.7),
            turn("quanto dura il congedo di paternità?", "answer", topic: "paternita", score: 0.95),
            turn("answer without a score", "answer", topic: "paternita"),
        ])
        let strict = try await store.report(DeskReport.Options(now: Self.now))
        #expect(strict.lowConfidenceThreshold == 0.5)
        #expect(strict.lowConfidence.map(\.representative) == ["posso lavorare da casa col bimbo malato"])
        #expect(strict.lowConfidence.first?.topic == "lavoro-agile")
        let loose = try await store.report(DeskReport.Options(lowConfidence: 0.8, now: Self.now))
        #expect(loose.totals.lowConfidence == 2)
    }

    @Test func worstRatedCardsComeFirstWithTheirNegativeComments() async throws {
        let desk = try TemporaryDesk()
        defer { desk.remove() }
        let store = try desk.store()
        var minute = 0.0
        func rate(_ card: String, _ rating: Int, _ comment: String? = nil) async throws {
            minute += 1
            try await store.addFeedback(
                FeedbackEntry(
                    session: "s", time: Self.now.addingTimeInterval(-3600 + minute * 60), rating: rating,
                    comment: comment, topic: "topic-\(card)", card: card))
        }
        try await rate("alpha", 1, "utile")
        try await rate("alpha", -1, "non risponde")
        try await rate("alpha", -1)
        try await rate("alpha", -1, "manca la fonte")
        try await rate("delta", -1)
        try await rate("delta", -1, "vecchio")
        try await rate("beta", -1)
        try await rate("gamma", 1)
        try await rate("gamma", 1)
        let report = try await store.report(DeskReport.Options(now: Self.now))
        // alpha and delta both net -2: the one with more negatives first.
        #expect(report.worstRatedCards.map(\.card) == ["alpha", "delta", "beta", "gamma"])
        #expect(report.worstRatedCards.map(\.net) == [-2, -2, -1, 2])
        #expect(report.worstRatedCards[0].positive == 1)
        #expect(report.worstRatedCards[0].negative == 3)
        #expect(report.worstRatedCards[0].comments == ["manca la fonte", "non risponde"])
        #expect(report.worstRatedCards[0].topic == "topic-alpha")
        #expect(report.totals.positiveFeedback == 3)
        #expect(report.totals.negativeFeedback == 6)
        let top2 = try await store.report(DeskReport.Options(top: 2, now: Self.now))
        #expect(top2.worstRatedCards.count == 2)
    }

    @Test func slaBreachesAreDetectedAnsweredOrStillWaiting() async throws {
        let desk = try TemporaryDesk()
        defer { desk.remove() }
        let store = try desk.store()
        // Urgent (15 min): answered after 20 minutes → breach by 5.
        try await insertTicket(
            store, code: "URG-LATE", priority: 0, reason: "safety", status: "answered", queuedMinutesAgo: 120,
            respondedAfter: 20)
        // Urgent: answered after 10 minutes → fine.
        try await insertTicket(store, code: "URG-OK", priority: 0, status: "answered", queuedMinutesAgo: 120, respondedAfter: 10)
        // High (60 min): answered after 45 minutes → fine.
        try await insertTicket(store, code: "HIGH-OK", priority: 1, status: "closed", queuedMinutesAgo: 300, respondedAfter: 45)
        // Normal (480 min): queued 9 hours ago, nobody answered yet → breach by 60.
        try await insertTicket(store, code: "NOR-WAIT", priority: 2, reason: "dispute", queuedMinutesAgo: 540)
        // Urgent: queued 5 minutes ago, not yet answered → not (yet) a breach.
        try await insertTicket(store, code: "URG-NEW", priority: 0, queuedMinutesAgo: 5)

        let report = try await store.report(DeskReport.Options(now: Self.now))
        #expect(report.slaBreaches.map(\.code) == ["NOR-WAIT", "URG-LATE"])
        #expect(report.totals.slaBreaches == 2)
        #expect(report.totals.tickets == 5)
        let waiting = try #require(report.slaBreaches.first)
        #expect(waiting.priority == "normal")
        #expect(waiting.firstResponseAt == nil)
        #expect(waiting.waitedMinutes == 540)
        #expect(waiting.slaMinutes == 480)
        #expect(report.slaBreaches[1].waitedMinutes == 20)
        #expect(report.slaBreaches[1].assignedTo == "giulia")
        #expect(report.slaMinutes == ["urgent": 15, "high": 60, "normal": 480])

        // A looser SLA passed in: only the ticket still waiting is late.
        let loose = try await store.report(DeskReport.Options(slaMinutes: [0: 30, 1: 60, 2: 480], now: Self.now))
        #expect(loose.slaBreaches.map(\.code) == ["NOR-WAIT"])
    }

    @Test func escalationReasonsGapsAndWeeks() async throws {
        let desk = try TemporaryDesk()
        defer { desk.remove() }
        let store = try desk.store()
        try await insertTicket(store, code: "A", priority: 1, reason: "dispute", queuedMinutesAgo: 10, respondedAfter: 1)
        try await insertTicket(store, code: "B", priority: 1, reason: "dispute", queuedMinutesAgo: 10, respondedAfter: 1)
        try await insertTicket(
            store, code: "C", priority: 2, reason: "operator_requested", status: "closed", topic: "bonus-nido",
            queuedMinutesAgo: 10, respondedAfter: 1, kbGap: true, resolution: "spiegato il cumulo con l'assegno unico",
            attachedCards: "bonus-nido-importo, assegno-unico")
        let week47 = 7.0 * 24 * 60  // a week before now
        try await store.append([
            turn("voglio parlare con una persona", "escalate", reason: "operator_requested"),
            turn("il datore non mi paga", "escalate", reason: "dispute"),
            turn("il datore mi ha licenziata", "escalate", reason: "dispute"),
            turn("aiuto", "escalate"),
            turn("congedo parentale", "answer", topic: "congedo-parentale", score: 0.9),
            turn("congedo parentale quanto", "answer", topic: "congedo-parentale", score: 0.9),
            turn("bonus nido", "answer", topic: "bonus-nido", score: 0.9),
            turn("paternità", "answer", topic: "paternita", score: 0.9, minutesAgo: week47),
        ])
        let report = try await store.report(DeskReport.Options(now: Self.now))
        #expect(report.escalations.tickets == [.init(reason: "dispute", count: 2), .init(reason: "operator_requested", count: 1)])
        #expect(
            report.escalations.turns == [
                .init(reason: "dispute", count: 2), .init(reason: "(none)", count: 1),
                .init(reason: "operator_requested", count: 1),
            ])
        #expect(report.totals.escalations == 4)
        #expect(report.knowledgeGaps.count == 1)
        #expect(report.knowledgeGaps[0].code == "C")
        #expect(report.knowledgeGaps[0].topic == "bonus-nido")
        #expect(report.knowledgeGaps[0].resolution == "spiegato il cumulo con l'assegno unico")
        #expect(report.knowledgeGaps[0].attachedCards == ["bonus-nido-importo", "assegno-unico"])
        #expect(report.topTopicsByWeek.map(\.week) == ["2026-W47", "2026-W48"])
        #expect(report.topTopicsByWeek[1].answers == 3)
        #expect(
            report.topTopicsByWeek[1].topics == [
                .init(topic: "congedo-parentale", count: 2), .init(topic: "bonus-nido", count: 1),
            ])
        #expect(report.topTopicsByWeek[0].topics == [.init(topic: "paternita", count: 1)])
    }

    @Test func sinceLeavesOutWhatCameBefore() async throws {
        let desk = try TemporaryDesk()
        defer { desk.remove() }
        let store = try desk.store()
        let twoDays = 2.0 * 24 * 60
        try await store.append([
            turn("domanda vecchia sul bonus bebè", "fallback", minutesAgo: twoDays),
            turn("domanda nuova sul telelavoro", "fallback", minutesAgo: 30),
            turn("vecchia risposta", "answer", topic: "paternita", score: 0.2, minutesAgo: twoDays),
        ])
        try await store.addFeedback(
            FeedbackEntry(session: "s", time: Self.now.addingTimeInterval(-twoDays * 60), rating: -1, card: "old"))
        try await store.addFeedback(FeedbackEntry(session: "s", time: Self.now.addingTimeInterval(-60), rating: -1, card: "new"))
        try await insertTicket(store, code: "OLD", priority: 2, queuedMinutesAgo: twoDays)
        try await insertTicket(store, code: "NEW", priority: 0, queuedMinutesAgo: 30)

        let all = try await store.report(DeskReport.Options(now: Self.now))
        #expect(all.totals.unanswered == 2)
        #expect(all.totals.tickets == 2)
        let since = Self.now.addingTimeInterval(-24 * 3600)
        let recent = try await store.report(DeskReport.Options(since: since, now: Self.now))
        #expect(recent.since == since)
        #expect(recent.unanswered.map(\.representative) == ["domanda nuova sul telelavoro"])
        #expect(recent.lowConfidence.isEmpty)
        #expect(recent.worstRatedCards.map(\.card) == ["new"])
        #expect(recent.slaBreaches.map(\.code) == ["NEW"])
        #expect(recent.totals.tickets == 1)
        #expect(recent.totals.turns == 1)
        #expect(recent.topTopicsByWeek.isEmpty)
    }

    @Test func anEmptyDatabaseGivesAnEmptyReport() async throws {
        let desk = try TemporaryDesk()
        defer { desk.remove() }
        let report = try await desk.store().report(DeskReport.Options(now: Self.now))
        #expect(report.totals == DeskReport.Totals())
        #expect(report.unanswered.isEmpty && report.worstRatedCards.isEmpty && report.slaBreaches.isEmpty)
        #expect(report.topTopicsByWeek.isEmpty)
    }
}
