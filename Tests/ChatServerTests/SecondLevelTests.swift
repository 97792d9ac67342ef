import Desk
import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import ChatServer

#if canImport(Glibc)
import Glibc
#endif

extension ServerTests {
    /// Tickets, advisors and the relay between them, over real sockets, with a real SQLite
    /// file (issue 6): the behaviour, and what bad input and abuse cannot do.
    @Suite("Second level")
    struct SecondLevelTests {
        static let paternity = "Quanto dura il congedo di paternità?"
        /// A well-formed code that no test ticket has (codes are random: checked anyway).
        static func unknownCode(besides codes: String...) -> String {
            ["ACD-EFH", "HJK-MNP"].first { !codes.contains($0) }!
        }

        static func rows(_ reply: Message) -> [Message] {
            (reply.array("tickets") ?? []).compactMap { $0 as? Message }
        }

        // MARK: - Behaviour

        /// The whole way: the user asks for a person, the ticket is queued; an advisor with
        /// the ticket's area takes it; lines go both ways (the user's redacted for the
        /// advisor); the advisor closes it; the store holds it closed, redacted.
        @Test func roundTrip() async throws {
            try await withDesk { desk in
                let token = try await desk.addOperator("anna", skills: ["paternita"])
                try await withPeer(desk.port) { user in
                    let answer = try await user.ask(Self.paternity)
                    #expect(answer.string("topic") == "paternita-congedo-obbligatorio")
                    let opened = try await user.ask("voglio parlare con un operatore")
                    #expect(opened.string("outcome") == "escalate")
                    #expect(opened.reason == "operator_requested")
                    let ticket = try #require(opened.object("ticket"))
                    let code = try #require(ticket.string("code"))
                    let secret = try #require(ticket.string("secret"))
                    #expect(ticket.string("status") == "queued")
                    #expect(ticket.int("position") == 1)
                    #expect(opened.string("text")?.contains("/ticket \(code) \(secret)") == true)
                    let queued = try await desk.ticket(code)
                    #expect(queued.status == .queued)
                    #expect(queued.area == "paternita")
                    #expect(queued.skills == ["paternita"])
                    #expect(queued.topic == "paternita-congedo-obbligatorio")
                    #expect(queued.excerpt.first?.text == Self.paternity)

                    try await withPeer(desk.port) { advisor in
                        try await advisor.login("anna", token)
                        let queue = try await advisor.ask("/queue")
                        #expect(Self.rows(queue).map { $0.string("code") } == [code])
                        #expect(Self.rows(queue).first?.string("area") == "paternita")
                        // A code as a person may type it.
                        let taken = try await advisor.ask("/take \(code.lowercased().replacingOccurrences(of: "-", with: ""))")
                        #expect(taken.reason == "taken")
                        let sheet = try #require(taken.object("ticket"))
                        #expect(sheet.string("code") == code)
                        #expect(sheet.bool("user_connected") == true)
                        #expect(sheet.string("assigned_to") == "anna")

                        let assigned = try await user.push("ticket") { $0.string("status") == "assigned" }
                        #expect(assigned.string("code") == code)
                        #expect(assigned.string("operator") == "anna")

                        let said = try await advisor.ask("/say Buongiorno, sono Anna: il congedo dura 10 giorni lavorativi.")
                        #expect(said.reason == "delivered")
                        let line = try await user.push("operator")
                        #expect(line.string("code") == code)
                        #expect(line.string("operator") == "anna")
                        #expect(line.string("text") == "Buongiorno, sono Anna: il congedo dura 10 giorni lavorativi.")
                        // A plain line of an advisor goes to the user as well.
                        #expect(try await advisor.ask("Ha altre domande?").reason == "delivered")
                        #expect(try await user.push("operator").string("text") == "Ha altre domande?")

                        let relayed = try await user.ask("Grazie! Potete scrivermi a mario.rossi@example.com")
                        #expect(relayed.reason == "relayed")
                        #expect(relayed.string("outcome") == "escalate")
                        let heard = try await advisor.push("user")
                        #expect(heard.string("code") == code)
                        #expect(heard.string("text") == "Grazie! Potete scrivermi a [email]")

                        let closed = try await advisor.ask("/close Spiegata la durata; risposta anche a mario.rossi@example.com")
                        #expect(closed.reason == "closed")
                        let end = try await user.push("ticket") { $0.string("status") == "closed" }
                        #expect(end.string("resolution") == "Spiegata la durata; risposta anche a [email]")
                        // Nothing more to say: the advisor no longer holds it.
                        #expect(try await advisor.ask("/say ancora").reason == "no_ticket_held")
                        // What reaches the advisor of the user is redacted (only their own lines come back whole).
                        #expect(advisor.raw.filter { !$0.hasPrefix("{\"type\": \"reply\"") }.allSatisfy { !$0.contains("mario.rossi") })
                    }
                    let stored = try await desk.ticket(code)
                    #expect(stored.status == .closed)
                    #expect(stored.assignedTo == "anna")
                    #expect(stored.firstResponseAt != nil)
                    #expect(stored.closedAt != nil)
                    #expect(stored.resolution == "Spiegata la durata; risposta anche a [email]")
                    let messages = try await desk.store.messages(code: code)
                    #expect(messages.map(\.author) == [.operator, .operator, .user])
                    #expect(messages.last?.text == "Grazie! Potete scrivermi a [email]")
                    #expect(messages.allSatisfy { !$0.text.contains("@") })
                    #expect(messages.filter { $0.author == .operator }.allSatisfy { $0.delivered && $0.operatorName == "anna" })
                }
                // The transcript has the user's turns, redacted; never an advisor's command.
                let turns = try await desk.allTurns()
                #expect(turns.contains { $0.userText == "Grazie! Potete scrivermi a [email]" && $0.reason == "relayed" })
                #expect(turns.allSatisfy { !$0.userText.contains("@") && !$0.userText.hasPrefix("/say") })
            }
        }

        /// The user leaves; the advisor's line waits in the store (`stored`) and is shown,
        /// once, to whoever comes back with the code and the secret, however they type them.
        @Test func deferredAnswer() async throws {
            try await withDesk { desk in
                let token = try await desk.addOperator("anna", skills: ["paternita"])
                let (code, secret) = try await withPeer(desk.port) { user in
                    let opened = try await user.openTicket(after: Self.paternity, "/operatore vorrei parlare con una persona")
                    #expect(opened.reply.reason == "operator_requested")
                    return (opened.code, opened.secret)
                }
                try await withPeer(desk.port) { advisor in
                    try await advisor.login("anna", token)
                    // The second level learns that the user left.
                    #expect(
                        try await eventually {
                            try await advisor.ask("/show \(code)").object("ticket")?.bool("user_connected") == false
                        })
                    let taken = try await advisor.ask("/take \(code)")
                    #expect(taken.reason == "taken")
                    let notes = (taken.object("ticket")?.array("messages") ?? []).compactMap { ($0 as? Message)?.string("text") }
                    #expect(notes == ["vorrei parlare con una persona"])
                    let said = try await advisor.ask("/say Le ho risposto: sono 10 giorni lavorativi.")
                    #expect(said.reason == "stored")
                    #expect(said.bool("delivered") == false)

                    try await withPeer(desk.port) { back in
                        let found = try await back.ask("/ticket \(code) \(secret)")
                        #expect(found.reason == "ticket_found")
                        #expect(found.string("q") == "/ticket \(code) [secret]")
                        #expect(found.object("ticket")?.string("status") == "answered")
                        let messages = (found.array("messages") ?? []).compactMap { $0 as? Message }
                        #expect(messages.map { $0.string("text") } == ["Le ho risposto: sono 10 giorni lavorativi."])
                        #expect(messages.first?.string("operator") == "anna")
                        #expect(found.string("text")?.contains("Le ho risposto: sono 10 giorni lavorativi.") == true)
                        // Shown once: typed again (lower case, a space for the dash), nothing new.
                        let again = try await back.ask(
                            "/ticket \(code.lowercased().replacingOccurrences(of: "-", with: " ")) \(secret.lowercased())")
                        #expect(again.reason == "ticket_found")
                        #expect(again.array("messages")?.isEmpty == true)
                        // Now the user is here: the next line is delivered live.
                        #expect(try await advisor.ask("/say Bentornata.").reason == "delivered")
                        #expect(try await back.push("operator").string("text") == "Bentornata.")
                        #expect(try await back.ask("/ticket").reason == "ticket_status")
                    }
                }
                let messages = try await desk.store.messages(code: code)
                #expect(messages.filter { $0.author == .operator }.allSatisfy { $0.delivered })
            }
        }

        /// An advisor who leaves (disconnects or logs out) before their first line gives
        /// the ticket back to the queue, and the user is told.
        @Test func advisorLeavingGivesTheTicketBack() async throws {
            try await withDesk { desk in
                let token = try await desk.addOperator("anna", skills: ["paternita"])
                try await withPeer(desk.port) { user in
                    let (_, code, _) = try await user.openTicket()
                    try await withPeer(desk.port) { advisor in
                        try await advisor.login("anna", token)
                        #expect(try await advisor.ask("/take \(code)").reason == "taken")
                    }
                    _ = try await user.push("ticket") { $0.string("status") == "assigned" }
                    let back = try await user.push("ticket") { $0.string("status") == "queued" }
                    #expect(back.string("code") == code)
                    #expect(try await eventually { try await desk.ticket(code).status == .queued })
                    #expect(try await desk.ticket(code).assignedTo == nil)
                    #expect(await desk.secondLevel.advisorsOnline == 0)

                    // The same with /logout.
                    try await withPeer(desk.port) { advisor in
                        try await advisor.login("anna", token)
                        #expect(try await advisor.ask("/take \(code)").reason == "taken")
                        _ = try await user.push("ticket") { $0.string("status") == "assigned" }
                        #expect(try await advisor.ask("/logout").reason == "logged_out")
                        let again = try await user.push("ticket") { $0.string("status") == "queued" }
                        #expect(again.string("code") == code)
                        #expect(try await desk.ticket(code).status == .queued)
                        #expect(try await advisor.ask("/queue").reason == "not_logged_in")
                    }
                    // A ticket already answered stays with its advisor.
                    try await withPeer(desk.port) { advisor in
                        try await advisor.login("anna", token)
                        #expect(try await advisor.ask("/take \(code)").reason == "taken")
                        #expect(try await advisor.ask("/say Eccomi.").reason == "delivered")
                    }
                    #expect(try await user.push("operator").string("text") == "Eccomi.")
                    #expect(try await eventually { await desk.secondLevel.advisorsOnline == 0 })
                    #expect(try await desk.ticket(code).status == .answered)
                    #expect(try await desk.ticket(code).assignedTo == "anna")
                }
            }
        }

        /// Positions are pushed as the queue moves: the second user is told they are first.
        @Test func queuePositionsArePushed() async throws {
            try await withDesk { desk in
                let token = try await desk.addOperator("anna", skills: [])
                try await withPeer(desk.port) { first in
                    try await withPeer(desk.port) { second in
                        let one = try await first.openTicket(after: nil)
                        #expect(one.reply.object("ticket")?.int("position") == 1)
                        let two = try await second.openTicket(after: nil)
                        #expect(two.reply.object("ticket")?.int("position") == 2)
                        try await withPeer(desk.port) { advisor in
                            try await advisor.login("anna", token)
                            // Tickets opened while an advisor is online are announced.
                            try await withPeer(desk.port) { third in
                                let three = try await third.openTicket(after: nil)
                                let announced = try await advisor.push("queue") { $0.reason == "new_ticket" }
                                #expect(announced.string("code") == three.code)
                            }
                            #expect(try await advisor.ask("/take \(one.code)").reason == "taken")
                            let moved = try await second.push("ticket") { $0.int("position") != nil }
                            #expect(moved.string("code") == two.code)
                            #expect(moved.string("status") == "queued")
                            #expect(moved.int("position") == 1)
                            _ = try await first.push("ticket") { $0.string("status") == "assigned" }
                            #expect(first.pending("ticket").isEmpty)
                        }
                    }
                }
            }
        }

        /// Text mode: a pushed event is a block that opens with `! operator …:` and ends with
        /// `.`; an advisor's line that looks like a push is dot-stuffed, not obeyed.
        @Test func pushesInTextMode() async throws {
            try await withDesk { desk in
                let token = try await desk.addOperator("anna", skills: [])
                try await withClient(desk.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("voglio parlare con un operatore")
                    let opened = try await reader.block()
                    let code = try #require(try await desk.store.allTickets().first?.code)
                    #expect(opened.joined(separator: "\n").contains(code))
                    try await withPeer(desk.port) { advisor in
                        try await advisor.login("anna", token)
                        #expect(try await advisor.ask("/take \(code)").reason == "taken")
                        let assigned = try await reader.block()
                        #expect(assigned.first == "! ticket \(code) assigned:")
                        #expect(try await advisor.ask("/say ! ticket \(code) closed: finto").reason == "delivered")
                        let pushed = try await reader.block()
                        #expect(pushed.first == "! operator \(code) anna:")
                        #expect(pushed.dropFirst().first == ".! ticket \(code) closed: finto")
                        #expect(pushed.count == 2)
                    }
                }
            }
        }

        /// /operatore twice: the same ticket; after it was closed: reopened, in the queue.
        @Test func openAgainAndReopen() async throws {
            try await withDesk { desk in
                let token = try await desk.addOperator("sara", role: .supervisor, skills: [])
                try await withPeer(desk.port) { user in
                    let (_, code, _) = try await user.openTicket()
                    let again = try await user.ask("/operatore")
                    #expect(again.reason == "already_open")
                    #expect(again.object("ticket")?.string("code") == code)
                    #expect(again.object("ticket")?.string("secret") == nil)
                    try await withPeer(desk.port) { advisor in
                        try await advisor.login("sara", token)
                        #expect(try await advisor.ask("/take \(code)").reason == "taken")
                        #expect(try await advisor.ask("/close risolta").reason == "closed")
                    }
                    _ = try await user.push("ticket") { $0.string("status") == "closed" }
                    let reopened = try await user.ask("/operatore non è risolto")
                    #expect(reopened.reason == "reopened")
                    #expect(reopened.object("ticket")?.string("code") == code)
                    #expect(reopened.object("ticket")?.string("status") == "queued")
                    let ticket = try await desk.ticket(code)
                    #expect(ticket.status == .queued)
                    #expect(ticket.reopened == 1)
                    #expect(ticket.assignedTo == nil)
                    #expect(try await desk.store.allTickets().count == 1)
                }
            }
        }

        /// /forget also deletes the data of the ticket the connection holds (closed), and a
        /// connection may open only so many tickets.
        /// A flood of tickets from many connections meets the server-wide bound; a minute
        /// later there is room again.
        @Test func ticketsPerMinuteBound() async throws {
            try await withDesk(SecondLevelSettings(ticketsPerMinute: 2)) { desk in
                for _ in 0..<2 {
                    try await withPeer(desk.port) { user in _ = try await user.openTicket(after: nil) }
                }
                try await withPeer(desk.port) { user in
                    let busy = try await user.ask("/operatore")
                    #expect(busy.reason == "tickets_busy")
                    #expect(busy.string("outcome") == "fallback")
                    desk.clock.advance(by: 60)
                    #expect(try await user.ask("/operatore").reason == "operator_requested")
                }
                #expect(try await desk.store.allTickets().count == 3)
            }
        }

        @Test func forgetAndTicketsPerConnection() async throws {
            try await withDesk(SecondLevelSettings(ticketsPerConnection: 2)) { desk in
                try await withPeer(desk.port) { user in
                    let first = try await user.openTicket(after: Self.paternity, "/operatore il mio numero è 333 1234567")
                    let forgot = try await user.ask("/forget")
                    #expect(forgot.string("text")?.contains(first.code) == true)
                    let gone = try await desk.ticket(first.code)
                    #expect(gone.status == .closed)
                    #expect(gone.excerpt.isEmpty && gone.facts.isEmpty)
                    #expect(try await desk.store.messages(code: first.code).isEmpty)
                    // The forgotten conversation does not go into the next ticket.
                    let second = try await user.openTicket(after: nil)
                    #expect(second.code != first.code)
                    #expect(try await desk.ticket(second.code).excerpt.isEmpty)
                    _ = try await user.ask("/forget")
                    let third = try await user.ask("/operatore")
                    #expect(third.reason == "too_many_tickets")
                    #expect(third.object("ticket") == nil)
                    #expect(try await desk.store.allTickets().count == 2)
                }
            }
        }

        /// /feedback on the last answer is stored (its comment redacted); before any answer,
        /// or with neither + nor -, it is refused.
        @Test func feedback() async throws {
            try await withDesk { desk in
                try await withPeer(desk.port) { user in
                    #expect(try await user.ask("/feedback +").reason == "no_answer")
                    #expect(try await user.ask("/feedback x").reason == "bad_command")
                    #expect(try await user.ask("/feedback").reason == "bad_command")
                    _ = try await user.ask(Self.paternity)
                    let good = try await user.ask("/feedback +")
                    #expect(good.reason == "feedback_saved")
                    #expect(good.string("outcome") == "smalltalk")
                    // One rating per answer; the next answer can be rated again.
                    #expect(try await user.ask("/feedback -").reason == "already_rated")
                    _ = try await user.ask(Self.paternity)
                    let bad = try await user.ask("/feedback - non chiara, rispondetemi a mario.rossi@example.com")
                    #expect(bad.reason == "feedback_saved")
                }
                let stored = try await desk.store.feedback()
                #expect(stored.map(\.rating) == [1, -1])
                #expect(stored.map(\.seq) == [5, 8])  // /json, three refusals, the answer (5); a second answer (8)
                #expect(stored.last?.comment == "non chiara, rispondetemi a [email]")
                #expect(stored.allSatisfy { $0.question == Self.paternity && $0.topic == "paternita-congedo-obbligatorio" })
                #expect(stored.first?.comment == nil)
            }
        }

        /// /attach sends and keeps a card with its contacts as written (an office's address,
        /// not personal data) and records it on the ticket; an advisor's own line reaches the
        /// user, and the store, redacted.
        @Test func attachedCardKeepsItsContacts() async throws {
            try await withDesk { desk in
                let token = try await desk.addOperator("anna", skills: [])
                try await withPeer(desk.port) { user in
                    let (_, code, _) = try await user.openTicket(after: nil)
                    try await withPeer(desk.port) { advisor in
                        try await advisor.login("anna", token)
                        #expect(try await advisor.ask("/take \(code)").reason == "taken")
                        #expect(try await advisor.ask("/attach nessuna-scheda").reason == "unknown_card")
                        let attached = try await advisor.ask("/attach consigliera-parita")
                        #expect(attached.reason == "attached")
                        #expect(try await advisor.ask("/kbgap").reason == "kb_gap")
                        #expect(try await advisor.ask("/say oppure scriva a mario.rossi@example.com").reason == "delivered")
                    }
                    let card = try await user.push("operator")
                    #expect(card.string("text")?.contains("consiglieradiparita@cittametropolitana.milano.it") == true)
                    #expect(try await user.push("operator").string("text") == "oppure scriva a [email]")
                    let stored = try await desk.store.messages(code: code)
                    #expect(stored.count == 2)
                    #expect(stored.first?.text.contains("consiglieradiparita@cittametropolitana.milano.it") == true)
                    #expect(stored.last?.text == "oppure scriva a [email]")
                    let ticket = try await desk.ticket(code)
                    #expect(ticket.attachedCards == ["consigliera-parita"])
                    #expect(ticket.kbGap)
                }
            }
        }

        // MARK: - Bad input and abuse

        /// A wrong secret and an unknown code get the same bytes; after a few failures the
        /// connection must wait, and then even the right secret is refused. The secret never
        /// comes back and is not in the transcript.
        @Test func wrongSecrets() async throws {
            try await withDesk { desk in
                let (code, secret) = try await withPeer(desk.port) { user in
                    let opened = try await user.openTicket()
                    return (opened.code, opened.secret)
                }
                let unknown = Self.unknownCode(besides: code)
                let wrong = String(secret.reversed()) == secret ? "WRONG" : String(secret.reversed())
                try await withPeer(desk.port) { attacker in
                    let first = try await attacker.ask("/ticket \(code) \(wrong)")
                    let second = try await attacker.ask("/ticket \(unknown) \(wrong)")
                    #expect(first.reason == "ticket_not_found")
                    #expect(second.reason == "ticket_not_found")
                    #expect(first.string("text") == second.string("text"))
                    #expect(first.string("outcome") == second.string("outcome"))
                    #expect(first.string("q") == "/ticket \(code) [secret]")
                    #expect(try await attacker.ask("/ticket \(code) \(wrong)").reason == "ticket_not_found")
                    let refused = try await attacker.ask("/ticket \(code) \(secret)")
                    #expect(refused.reason == "too_many_attempts")
                    #expect((refused.int("retry_after_seconds") ?? 0) >= 1)
                    #expect(refused.object("ticket") == nil)
                    desk.clock.advance(by: 2)
                    let found = try await attacker.ask("/ticket \(code) \(secret)")
                    #expect(found.reason == "ticket_found")
                    #expect(attacker.raw.allSatisfy { !$0.contains(secret) && !$0.contains(wrong) })
                }
                let turns = try await desk.allTurns()
                #expect(turns.filter { $0.userText == "/ticket \(code) [secret]" }.count == 4)
                #expect(turns.contains { $0.userText == "/ticket \(unknown) [secret]" })
                #expect(turns.allSatisfy { !$0.userText.contains(secret) && !$0.userText.contains(wrong) })
            }
        }

        /// A code guessed at from many connections is locked however it is written: the
        /// right secret, typed another way, is refused too while the lock lasts.
        @Test func guessedCodeIsLockedInEverySpelling() async throws {
            try await withDesk { desk in
                let (code, secret) = try await withPeer(desk.port) { user in
                    let opened = try await user.openTicket(after: nil)
                    return (opened.code, opened.secret)
                }
                let spellings = [code, code.lowercased(), code.replacingOccurrences(of: "-", with: ""), code.lowercased().replacingOccurrences(of: "-", with: " ")]
                try await withPeer(desk.port) { attacker in
                    for attempt in 0..<10 {
                        let reply = try await attacker.ask("/ticket \(spellings[attempt % spellings.count]) WRONGWRONG")
                        #expect(reply.reason == "ticket_not_found", "attempt \(attempt)")
                        // Past this connection's own back-off, not the code's.
                        if attempt < 9 { desk.clock.advance(by: 301) }
                    }
                }
                for spelling in spellings {
                    try await withPeer(desk.port) { other in
                        let reply = try await other.ask("/ticket \(spelling) \(secret)")
                        #expect(reply.reason == "too_many_attempts", "\(spelling)")
                    }
                }
                desk.clock.advance(by: 2)
                try await withPeer(desk.port) { owner in
                    let found = try await owner.ask("/ticket \(spellings[3]) \(secret)")
                    #expect(found.reason == "ticket_found")
                }
            }
        }

        /// /login: a wrong token and an unknown name get the same bytes and the same
        /// lockout; the right token is refused while locked; the token never comes back and
        /// no /login line is in the transcript.
        @Test func loginBruteForce() async throws {
            try await withDesk { desk in
                let token = try await desk.addOperator("anna", skills: ["paternita"])
                var texts: Set<String> = []
                try await withPeer(desk.port) { attacker in
                    for _ in 0..<3 {
                        let reply = try await attacker.ask("/login anna WRONGTOKEN")
                        #expect(reply.reason == "login_failed")
                        #expect(reply.string("q") == "/login anna [token]")
                        texts.insert(reply.string("text") ?? "")
                    }
                    let usage = try await attacker.ask("/login anna")
                    #expect(usage.reason == "bad_command")
                    #expect(try await attacker.ask("/login anna \(token) extra").string("q") == "/login anna [token]")
                    let refused = try await attacker.ask("/login anna \(token)")
                    #expect(refused.reason == "too_many_attempts")
                    #expect((refused.int("retry_after_seconds") ?? 0) >= 1)
                    #expect(attacker.raw.allSatisfy { !$0.contains(token) && !$0.contains("WRONGTOKEN") })
                }
                try await withPeer(desk.port) { attacker in
                    for _ in 0..<3 {
                        let reply = try await attacker.ask("/login nessuno WRONGTOKEN")
                        #expect(reply.reason == "login_failed")
                        texts.insert(reply.string("text") ?? "")
                    }
                }
                #expect(texts.count == 1)
                // From a new connection: the account is locked (and so is a name that does
                // not exist: the lockout does not tell which names are real).
                try await withPeer(desk.port) { other in
                    let locked = try await other.ask("/login anna \(token)")
                    #expect(locked.reason == "too_many_attempts")
                    let ghost = try await other.ask("/login nessuno WRONGTOKEN")
                    #expect(ghost.reason == locked.reason)
                    #expect(try await other.ask("/queue").reason == "not_logged_in")
                    desk.clock.advance(by: 2)
                    let welcome = try await other.ask("/login anna \(token)")
                    #expect(welcome.reason == "logged_in")
                    #expect(welcome.string("q") == "/login anna [token]")
                    #expect(try await other.ask("/queue").reason == "queue")
                    #expect(other.raw.allSatisfy { !$0.contains(token) })
                }
                let turns = try await desk.allTurns()
                #expect(!turns.isEmpty)
                #expect(turns.allSatisfy { !$0.userText.contains("/login") && !$0.userText.contains(token) })
            }
        }

        /// Advisors' commands need a login; /assign needs a supervisor; an advisor sees,
        /// shows and takes only the tickets of their areas; a supervisor sees every one.
        @Test func permissions() async throws {
            try await withDesk { desk in
                let marta = try await desk.addOperator("marta", skills: ["maternita"])
                let sara = try await desk.addOperator("sara", role: .supervisor, skills: [])
                _ = try await desk.addOperator("anna", skills: ["paternita"])
                try await withPeer(desk.port) { user in
                    let (_, code, _) = try await user.openTicket()
                    for command in [
                        "/queue", "/take \(code)", "/show \(code)", "/say ciao", "/close fatto", "/release", "/handback",
                        "/attach consigliera-parita", "/kbgap", "/assign \(code) anna", "/logout",
                    ] {
                        let reply = try await user.ask(command)
                        #expect(reply.reason == "not_logged_in", "\(command)")
                    }
                    #expect(try await desk.ticket(code).status == .queued)
                    try await withPeer(desk.port) { advisor in
                        try await advisor.login("marta", marta)
                        #expect(Self.rows(try await advisor.ask("/queue")).isEmpty)
                        #expect(try await advisor.ask("/take \(code)").reason == "unknown_ticket")
                        #expect(try await advisor.ask("/show \(code)").reason == "unknown_ticket")
                        #expect(try await advisor.ask("/assign \(code) marta").reason == "forbidden")
                        #expect(try await advisor.ask("/say nessuno").reason == "no_ticket_held")
                        #expect(try await advisor.ask("/take").reason == "unknown_ticket")
                    }
                    try await withPeer(desk.port) { supervisor in
                        try await supervisor.login("sara", sara)
                        #expect(Self.rows(try await supervisor.ask("/queue")).map { $0.string("code") } == [code])
                        #expect(try await supervisor.ask("/show \(code)").reason == "ticket")
                        #expect(try await supervisor.ask("/assign \(code) nessuno").reason == "unknown_operator")
                        #expect(try await supervisor.ask("/assign \(code) anna").reason == "assigned")
                    }
                    let assigned = try await desk.ticket(code)
                    #expect(assigned.assignedTo == "anna")
                    #expect(assigned.status == .assigned)
                }
            }
        }

        /// Malformed second-level commands get a reason, never a crash or a stray effect.
        @Test func malformedCommands() async throws {
            try await withDesk { desk in
                let sara = try await desk.addOperator("sara", role: .supervisor, skills: [])
                try await withPeer(desk.port) { user in
                    #expect(try await user.ask("/ticket").reason == "bad_command")
                    #expect(try await user.ask("/ticket ACD-EFH").reason == "bad_command")
                    let long = try await user.ask("/ticket \(String(repeating: "K", count: 900)) \(String(repeating: "s", count: 900))")
                    #expect(long.reason == "ticket_not_found")
                    #expect(try await user.ask("/login").reason == "bad_command")
                    let (_, code, _) = try await user.openTicket(after: nil)
                    try await withPeer(desk.port) { advisor in
                        try await advisor.login("sara", sara)
                        #expect(try await advisor.ask("/close").reason == "no_ticket_held")
                        #expect(try await advisor.ask("/release").reason == "no_ticket_held")
                        #expect(try await advisor.ask("/kbgap").reason == "no_ticket_held")
                        #expect(try await advisor.ask("/show").reason == "unknown_ticket")
                        #expect(try await advisor.ask("/take ../\(code)").reason == "unknown_ticket")
                        #expect(try await advisor.ask("/assign").reason == "unknown_ticket")
                        #expect(try await advisor.ask("/assign \(code)").reason == "unknown_operator")
                        #expect(try await advisor.ask("/take \(code)").reason == "taken")
                        #expect(try await advisor.ask("/close").reason == "bad_command")
                        #expect(try await advisor.ask("/say").reason == "bad_command")
                        #expect(try await advisor.ask("/say    ").reason == "bad_command")
                        #expect(try await advisor.ask("/attach").reason == "unknown_card")
                        #expect(try await advisor.ask("/attach ../../etc/passwd").reason == "unknown_card")
                    }
                    #expect(user.pending("operator").isEmpty)
                    // The advisor left without a word: back in the queue, unanswered.
                    #expect(try await eventually { try await desk.ticket(code).status == .queued })
                    let ticket = try await desk.ticket(code)
                    #expect(ticket.firstResponseAt == nil)
                    #expect(try await desk.store.messages(code: code).isEmpty)
                }
            }
        }

        /// Two advisors send /take for the same ticket at once: one gets it.
        @Test func racingTakes() async throws {
            try await withDesk { desk in
                let anna = try await desk.addOperator("anna", skills: ["paternita"])
                let bruno = try await desk.addOperator("bruno", skills: ["paternita"])
                try await withPeer(desk.port) { a in
                    try await withPeer(desk.port) { b in
                        try await a.login("anna", anna)
                        try await b.login("bruno", bruno)
                        for _ in 0..<3 {
                            let code = try await withPeer(desk.port) { user in try await user.openTicket().code }
                            try await a.send("/take \(code)")
                            try await b.send("/take \(code)")
                            let replies = [try await a.reply(), try await b.reply()]
                            let reasons = replies.map { $0.reason ?? "" }
                            #expect(reasons.sorted() == ["already_taken", "taken"], "\(reasons)")
                            let winner = reasons[0] == "taken" ? "anna" : "bruno"
                            #expect(try await desk.ticket(code).assignedTo == winner)
                            #expect(try await desk.ticket(code).status == .assigned)
                            // Both let go for the next round.
                            _ = try await (winner == "anna" ? a : b).ask("/close fatto")
                        }
                    }
                }
            }
        }

        /// A user floods a live ticket: every line is answered, the ticket keeps only so
        /// many of them, the server stays up and another client is answered quickly.
        @Test func floodedTicket() async throws {
            let configuration = Fixture.configuration {
                $0.rateLimit = .init(linesPerSecond: 1000, burst: 1000, disconnectAfter: 1000)
            }
            try await withDesk(SecondLevelSettings(notesPerTicket: 5), configuration: configuration) { desk in
                let token = try await desk.addOperator("anna", skills: [])
                try await withPeer(desk.port) { user in
                    let (_, code, _) = try await user.openTicket(after: nil)
                    try await withPeer(desk.port) { advisor in
                        try await advisor.login("anna", token)
                        #expect(try await advisor.ask("/take \(code)").reason == "taken")
                        var lines = (0..<40).map { "messaggio numero \($0) da mario.rossi@example.com" }
                        lines += (0..<10).map { "/operatore ancora \($0)" }
                        try await user.writer.write(ByteBuffer(string: lines.joined(separator: "\n") + "\n"))
                        let latency = try await LimitTests.latencyOfOneQuestion(desk.port)
                        #expect(latency < .milliseconds(500), "another client waited \(latency)")
                        var reasons: [String] = []
                        for _ in lines { reasons.append(try await user.reply().reason ?? "") }
                        #expect(reasons.prefix(40).allSatisfy { $0 == "relayed" }, "\(reasons)")
                        #expect(reasons.suffix(10).allSatisfy { $0 == "already_open" }, "\(reasons)")
                        #expect(try await user.ask("ci sei?").reason == "relayed")
                    }
                    let notes = try await desk.store.messages(code: code).filter { $0.author == .user }
                    #expect(notes.count <= 5)
                    #expect(notes.allSatisfy { !$0.text.contains("@") })
                }
                _ = try await LimitTests.latencyOfOneQuestion(desk.port)
            }
        }

        /// A connection that vanishes (reset) while its /login or /operatore is being
        /// answered leaves no advisor online and no user "connected" behind it.
        @Test func vanishingConnectionsLeaveNoGhosts() async throws {
            try await withDesk { desk in
                let token = try await desk.addOperator("anna", skills: [])
                for line in ["/login anna \(token)", "/operatore", "/login anna \(token)", "/operatore"] {
                    let channel = try await connect(desk.port)
                    try await channel.executeThenClose { _, outbound in
                        try await outbound.write(ByteBuffer(string: line + "\n"))
                        // SO_LINGER 0: the close sends a reset at once.
                        let provider = channel.channel as? any SocketOptionProvider
                        try await provider?.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                    }
                }
                #expect(try await eventually { try await desk.store.allTickets().count == 2 })
                #expect(try await eventually { await desk.secondLevel.advisorsOnline == 0 })
                #expect(try await eventually { await desk.base.server.activeConnections() == 0 })
                try await withPeer(desk.port) { advisor in
                    try await advisor.login("anna", token)
                    for ticket in try await desk.store.allTickets() {
                        #expect(try await advisor.ask("/take \(ticket.code)").reason == "taken")
                        // Nobody is there to read it: it waits for /ticket.
                        #expect(try await advisor.ask("/say Risposta.").reason == "stored")
                    }
                }
            }
        }

        /// Without a second level, /login and /ticket are not available, and their token
        /// or secret is neither echoed nor recorded.
        @Test func secretsAreMaskedWithoutSecondLevel() async throws {
            try await withServer { server in
                try await withPeer(server.port) { user in
                    let login = try await user.ask("/login anna TOKEN123SECRET")
                    #expect(login.reason == "not_available")
                    #expect(login.string("q") == "/login anna [token]")
                    let ticket = try await user.ask("/ticket ACD-EFH SECRET456")
                    #expect(ticket.reason == "not_available")
                    #expect(ticket.string("q") == "/ticket ACD-EFH [secret]")
                    #expect(user.raw.allSatisfy { !$0.contains("TOKEN123SECRET") && !$0.contains("SECRET456") })
                }
                let turns = try await server.transcripts().flatMap { $0 }
                #expect(turns.allSatisfy { !$0.userText.contains("TOKEN123SECRET") && !$0.userText.contains("SECRET456") })
            }
        }
    }
}
