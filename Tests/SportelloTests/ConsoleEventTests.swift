import Testing

@testable import sportello

/// Reading the server's JSON lines into the console's model.
@Suite("Operator console: events")
struct ConsoleEventTests {
    @Test func queueReplyReadsEveryTicket() throws {
        guard case .reply(let reply) = ConsoleEvent.parse(ConsoleSamples.queueReply) else {
            Issue.record("not a reply")
            return
        }
        #expect(reply.seq == 3)
        #expect(reply.command == "/queue")
        #expect(!reply.isError)
        let tickets = try #require(reply.tickets)
        #expect(tickets.map(\.code) == ["K7M-4QX", "B2T-9LZ", "Q4N-7RD"])
        #expect(tickets.map(\.priority) == [.urgent, .high, .normal])
        #expect(tickets[0].ageSeconds == 240)
        #expect(tickets[0].slaMinutes == 15)
        #expect(tickets[0].assignedTo == nil)
        #expect(tickets[1].slaBreached)
        #expect(tickets[1].assignedTo == "marco")
        #expect(tickets[2].lang == "en")
        #expect(tickets[2].reason == "operator_requested")
    }

    @Test func takeReplyReadsTheFullTicket() throws {
        guard case .reply(let reply) = ConsoleEvent.parse(ConsoleSamples.takeReply) else {
            Issue.record("not a reply")
            return
        }
        let ticket = try #require(reply.ticket)
        #expect(ticket.code == "K7M-4QX")
        #expect(ticket.priority == .urgent)
        #expect(ticket.card == nil)
        #expect(ticket.facts.map(\.key) == ["child_age_months", "employer", "role"])
        #expect(ticket.facts.map(\.value) == ["14", "privato", "madre"])
        #expect(ticket.excerpt.map(\.who) == ["user", "desk"])
        #expect(ticket.messages.count == 2)
        #expect(ticket.messages[1].operatorName == "giulia")
        #expect(ticket.userConnected == false)
    }

    @Test func aRefusalIsAnError() {
        guard case .reply(let reply) = ConsoleEvent.parse(ConsoleSamples.alreadyTaken) else {
            Issue.record("not a reply")
            return
        }
        #expect(reply.isError)
        #expect(reply.reason == "already_taken")
        #expect(reply.ticket == nil)
    }

    @Test func pushedEvents() {
        #expect(ConsoleEvent.parse(ConsoleSamples.userLine) == .user(code: "K7M-4QX", text: "c'è qualcuno?"))
        #expect(
            ConsoleEvent.parse(ConsoleSamples.newTicket)
                == .queue(reason: "new_ticket", code: "Z9Z-1AA", priority: .urgent, area: "tutele"))
        #expect(ConsoleEvent.parse(ConsoleSamples.shutdown) == .notice(reason: "shutdown", text: "Il server si sta spegnendo."))
        #expect(ConsoleEvent.parse(ConsoleSamples.flood) == .error(reason: "flood", text: "Troppe righe."))
        #expect(ConsoleEvent.parse(ConsoleSamples.mystery) == .unknown(type: "weather"))
    }

    @Test func greetingsAndOtherText() {
        #expect(
            ConsoleEvent.parse(ConsoleSamples.greeting)
                == .greeting(ready: true, text: "Sportello virtuale conciliazione vita-lavoro."))
        #expect(ConsoleEvent.parse(ConsoleSamples.full) == .greeting(ready: false, text: "Lo sportello è al completo."))
        #expect(ConsoleEvent.parse("ciao") == .text("ciao"))
        #expect(ConsoleEvent.parse("{not json") == .text("{not json"))
    }

    /// Numbers where strings were expected, and the other way round, do not lose the line.
    @Test func oddlyTypedFieldsAreReadLeniently() throws {
        let line = #"{"type": "reply", "q": "/queue", "outcome": "smalltalk", "text": "", "tickets": [{"code": "A1A-1AA", "priority": 0, "age_seconds": 61.7, "sla_minutes": null, "sla_breached": "no"}, {"status": "queued"}]}"#
        guard case .reply(let reply) = ConsoleEvent.parse(line) else {
            Issue.record("not a reply")
            return
        }
        let tickets = try #require(reply.tickets)
        #expect(tickets.count == 1)  // the one without a code is dropped
        #expect(tickets[0].priority == .urgent)
        #expect(tickets[0].ageSeconds == 61)
        #expect(tickets[0].slaMinutes == nil)
        #expect(tickets[0].sla == .ok)
    }

    /// A person's own ticket reply (code, secret, position) is not a case sheet.
    @Test func theUsersShortTicketIsNotACaseSheet() {
        let line = #"{"type": "reply", "q": "/operatore", "outcome": "escalate", "text": "…", "ticket": {"code": "K7M-4QX", "secret": "x", "status": "queued", "position": 1}}"#
        guard case .reply(let reply) = ConsoleEvent.parse(line) else {
            Issue.record("not a reply")
            return
        }
        #expect(reply.ticket == nil)
    }
}
