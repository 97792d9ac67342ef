import Foundation
import GRDB
import Testing

@testable import Desk

/// Tickets and advisors' accounts in a real SQLite file.
@Suite("Tickets and operators in the store")
struct TicketStoreTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tickets-\(UUID().uuidString)/desk.sqlite").path
    }

    static func draft(reason: String = "dispute", facts: [String: String] = [:]) -> TicketDraft {
        TicketDraft(
            priority: .high, area: "congedo-parentale", skills: ["congedo-parentale"], reason: reason,
            topic: "congedo-parentale-durata", card: "congedo-parentale-durata", lang: "it", facts: facts,
            excerpt: [ExcerptLine(who: "user", text: "scrivo da mario.rossi@example.it, CF RSSMRA85T10A562S")],
            session: "s1")
    }

    @Test func aTicketIsStoredRedactedWithAHashedSecret() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let store = try SQLiteDeskStore(path: path)
        let (ticket, secret) = try await store.openTicket(Self.draft(facts: ["telefono": "347 123 4567"]))
        #expect(SecretCodes.normalizedCode(ticket.code) == ticket.code)
        #expect(ticket.status == .queued && ticket.priority == .high)
        #expect(ticket.excerpt.first?.text == "scrivo da [email], CF [codice fiscale]")
        #expect(ticket.facts["telefono"] == "[telefono]")
        // Found with the secret (as typed: lower case, with spaces), not without it.
        #expect(try await store.ticket(code: ticket.code, secret: secret.lowercased()) != nil)
        #expect(try await store.ticket(code: ticket.code, secret: "AAAAAAAAAA") == nil)
        #expect(try await store.ticket(code: "ACD-EFH", secret: secret) == nil)
        // The secret is not in the file.
        let raw = try DatabaseQueue(path: path)
        let text = try await raw.read { db in try String.fetchAll(db, sql: "SELECT excerpt || facts || code FROM ticket") }
        #expect(!text.joined().contains(secret))
        #expect(!text.joined().contains("RSSMRA85T10A562S"))
    }

    @Test func oneOfTwoAdvisorsRacingTakesTheTicket() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let store = try SQLiteDeskStore(path: path)
        let (ticket, _) = try await store.openTicket(Self.draft())
        async let first = store.take(code: ticket.code, operatorName: "anna")
        async let second = store.take(code: ticket.code, operatorName: "bruno")
        let results = try await [first, second]
        let taken = results.filter { if case .taken = $0 { true } else { false } }
        let refused = results.filter { if case .alreadyTaken = $0 { true } else { false } }
        #expect(taken.count == 1 && refused.count == 1)
        // A supervisor's forced take overrides; closing and reopening follow the lifecycle.
        guard case .taken(let forced) = try await store.take(code: ticket.code, operatorName: "capo", force: true) else {
            Issue.record("a forced take was refused")
            return
        }
        #expect(forced.assignedTo == "capo")
        try await store.addMessage(code: ticket.code, author: .operator, operatorName: "capo", text: "Buongiorno", delivered: false)
        #expect(try await store.ticket(code: ticket.code)?.status == .answered)
        #expect(try await store.ticket(code: ticket.code)?.firstResponseAt != nil)
        #expect(try await store.takeUndelivered(code: ticket.code).map(\.text) == ["Buongiorno"])
        #expect(try await store.takeUndelivered(code: ticket.code).isEmpty)
        #expect(try await store.close(code: ticket.code, resolution: "risposto")?.status == .closed)
        if case .closed = try await store.take(code: ticket.code, operatorName: "anna") {} else {
            Issue.record("a closed ticket was taken")
        }
        let reopened = try await store.reopen(code: ticket.code)
        #expect(reopened?.status == .queued && reopened?.reopened == 1 && reopened?.assignedTo == nil)
    }

    @Test func deletingAndPurging() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let store = try SQLiteDeskStore(path: path)
        let (ticket, _) = try await store.openTicket(Self.draft(facts: ["data": "3 marzo"]))
        try await store.addMessage(code: ticket.code, author: .user, text: "ecco i dettagli", delivered: true)
        #expect(try await store.deleteTicketData(code: ticket.code))
        let deleted = try #require(try await store.ticket(code: ticket.code))
        #expect(deleted.facts.isEmpty && deleted.excerpt.isEmpty && deleted.status == .closed)
        #expect(try await store.messages(code: ticket.code).isEmpty)
        // Retention: a closed ticket older than the limit goes; an open one stays.
        let (open, _) = try await store.openTicket(Self.draft())
        #expect(try await store.purgeClosedTickets(olderThan: Date().addingTimeInterval(60)) == 1)
        #expect(try await store.ticket(code: ticket.code) == nil)
        #expect(try await store.ticket(code: open.code) != nil)
    }

    @Test func loginLocksOutWithBackOff() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let store = try SQLiteDeskStore(path: path)
        let start = Date(timeIntervalSince1970: 2_000_000_000)
        let token = try await store.addOperator(name: "giulia", role: .operator, skills: ["maternita"], now: start)
        #expect(token.count == 32)
        await #expect(throws: TicketStoreError.operatorExists("giulia")) {
            _ = try await store.addOperator(name: "giulia", role: .operator, skills: [])
        }
        await #expect(throws: TicketStoreError.invalidOperatorName("x y")) {
            _ = try await store.addOperator(name: "x y", role: .operator, skills: [])
        }
        #expect(try await store.login(name: "nessuno", token: token, now: start) == .failed)
        if case .success(let account) = try await store.login(name: "giulia", token: token, now: start) {
            #expect(account.skills == ["maternita"] && account.covers(["maternita"]) && !account.covers(["afol"]))
        } else {
            Issue.record("the right token was refused")
        }
        // Three failures, then a lockout that doubles; the right token is refused meanwhile.
        for _ in 0..<3 { #expect(try await store.login(name: "giulia", token: "wrong", now: start) == .failed) }
        guard case .locked(let until) = try await store.login(name: "giulia", token: token, now: start) else {
            Issue.record("no lockout after three failures")
            return
        }
        #expect(until == start.addingTimeInterval(1))
        #expect(try await store.login(name: "giulia", token: "wrong", now: until) == .failed)
        #expect(try await store.login(name: "giulia", token: token, now: until) == .locked(until: until.addingTimeInterval(2)))
        if case .success = try await store.login(name: "giulia", token: token, now: until.addingTimeInterval(2)) {} else {
            Issue.record("the right token was refused after the lockout")
        }
        // A new token replaces the old one and lifts a lockout; enabling lifts one too.
        for _ in 0..<4 { _ = try await store.login(name: "giulia", token: "wrong", now: start.addingTimeInterval(10)) }
        let fresh = try await store.resetToken(of: "giulia")
        #expect(try await store.login(name: "giulia", token: token, now: start.addingTimeInterval(10)) == .failed)
        if case .success = try await store.login(name: "giulia", token: fresh, now: start.addingTimeInterval(10)) {} else {
            Issue.record("the new token was refused")
        }
        for _ in 0..<4 { _ = try await store.login(name: "giulia", token: "wrong", now: start.addingTimeInterval(20)) }
        try await store.setOperator("giulia", disabled: false)
        if case .success = try await store.login(name: "giulia", token: fresh, now: start.addingTimeInterval(20)) {} else {
            Issue.record("enabling did not lift the lockout")
        }
        // A disabled account answers like a wrong token.
        try await store.setOperator("giulia", disabled: true)
        #expect(try await store.login(name: "giulia", token: fresh, now: start.addingTimeInterval(60)) == .failed)
        await #expect(throws: TicketStoreError.unknownOperator("nessuno")) { try await store.setOperator("nessuno", disabled: true) }
        // The token is not in the file.
        let raw = try DatabaseQueue(path: path)
        let rows = try await raw.read { db in try Row.fetchAll(db, sql: "SELECT * FROM operator") }
        #expect(!rows.description.contains(token) && !rows.description.contains(fresh))
    }
}
