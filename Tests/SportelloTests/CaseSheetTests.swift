import Testing

@testable import sportello

/// The case sheet shown on `take`, and how the other events read.
@Suite("Operator console: case sheet and events as text")
struct CaseSheetTests {
    static func ticket() throws -> TicketCase {
        guard case .reply(let reply) = ConsoleEvent.parse(ConsoleSamples.takeReply), let ticket = reply.ticket else {
            throw QueueTableTests.ParseFailure()
        }
        return ticket
    }

    @Test func caseSheetShowsFactsExcerptAndMessages() throws {
        let sheet = CaseSheet.render(try Self.ticket(), style: .plain)
        let lines = sheet.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "K7M-4QX  URGENT  assigned")
        #expect(sheet.contains("area: tutele · reason: safety · lang: it · topic: molestie-lavoro"))
        #expect(sheet.contains("user: not connected"))
        // Facts as aligned key: value lines, sorted by key.
        let facts = try #require(lines.firstIndex(of: "Facts"))
        #expect(lines[facts + 1] == "  child_age_months: 14")
        #expect(lines[facts + 2] == "  employer:         privato")
        #expect(lines[facts + 3] == "  role:             madre")
        // The excerpt as a short transcript, in order.
        let excerpt = try #require(lines.firstIndex(of: "Conversation with the desk"))
        #expect(lines[excerpt + 1] == "  utente:    il mio capo mi urla contro da quando sono tornata dalla maternità")
        #expect(lines[excerpt + 2] == "  sportello: Mi dispiace: ti passo a un operatore.")
        // The ticket's messages, with their time (UTC in the plain style).
        let messages = try #require(lines.firstIndex(of: "Messages"))
        #expect(lines[messages + 1] == "  09:41 utente: grazie, aspetto")
        #expect(lines[messages + 2] == "  09:43 giulia: Buongiorno, sono Giulia.")
    }

    @Test func longLinesWrapUnderTheirText() throws {
        var ticket = try Self.ticket()
        ticket.excerpt = [.init(who: "user", text: String(repeating: "parola ", count: 30))]
        let sheet = CaseSheet.render(ticket, style: ConsoleStyle(color: false, width: 60, timeZone: .gmt))
        let lines = sheet.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix("  utente:") })
        #expect(lines[first].count <= 60)
        #expect(lines[first + 1].hasPrefix(String(repeating: " ", count: 13) + "parola"))
    }

    @Test func aTicketWithNothingCollectedSaysSo() throws {
        let line = #"{"type": "reply", "q": "/show A1B-2CD", "outcome": "smalltalk", "text": "", "ticket": {"code": "A1B-2CD", "priority": "normal", "area": "congedi", "facts": {}, "excerpt": []}}"#
        guard case .reply(let reply) = ConsoleEvent.parse(line), let ticket = reply.ticket else {
            Issue.record("no ticket")
            return
        }
        let sheet = CaseSheet.render(ticket, style: .plain)
        #expect(sheet.contains("none collected"))
        #expect(sheet.contains("no excerpt"))
        #expect(!sheet.contains("Messages"))
    }

    @Test func eventsAsText() {
        let style = ConsoleStyle.plain
        #expect(ConsoleRenderer.render(.parse(ConsoleSamples.userLine), style: style) == "[K7M-4QX] utente: c'è qualcuno?")
        #expect(
            ConsoleRenderer.render(.parse(ConsoleSamples.newTicket), style: style)
                == "▸ new ticket Z9Z-1AA (URGENT, tutele)")
        #expect(
            ConsoleRenderer.render(.parse(ConsoleSamples.queueChanged), style: style)
                == "▸ queue changed: Q4N-7RD (normal, congedi)")
        #expect(
            ConsoleRenderer.render(.parse(ConsoleSamples.shutdown), style: style)
                == "! notice shutdown: Il server si sta spegnendo.")
        #expect(ConsoleRenderer.render(.parse(ConsoleSamples.flood), style: style) == "! error flood: Troppe righe.")
        #expect(ConsoleRenderer.render(.parse(ConsoleSamples.mystery), style: style) == nil)
        #expect(
            ConsoleRenderer.render(.parse(ConsoleSamples.alreadyTaken), style: style)
                == "✗ already_taken: Il ticket B2T-9LZ è già di marco.")
        let queue = ConsoleRenderer.render(.parse(ConsoleSamples.queueReply), style: style) ?? ""
        // The table alone: the server's text says the same, less well aligned.
        #expect(queue.hasPrefix("CODE ") && !queue.contains("3 ticket in coda."))
    }

    @Test func aLongUserLineWrapsUnderItsText() {
        let text = String(repeating: "aiuto ", count: 30)
        let rendered = ConsoleRenderer.render(.user(code: "K7M-4QX", text: text), style: .plain) ?? ""
        let lines = rendered.split(separator: "\n").map(String.init)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines[1].hasPrefix(String(repeating: " ", count: 18) + "aiuto"))
    }
}
