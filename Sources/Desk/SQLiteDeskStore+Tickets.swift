import Foundation
import GRDB

/// Tickets and their conversations. Every write is one transaction, committed (WAL) before
/// the call returns: a ticket the server has acknowledged survives a `kill -9`.
extension SQLiteDeskStore {
    /// The outcome of an attempt to take a ticket.
    public enum TakeResult: Sendable, Hashable {
        case taken(Ticket)
        /// Someone else holds it (only a forced take, by a supervisor, overrides that).
        case alreadyTaken(by: String)
        case closed
        case notFound
    }

    /// Opens a ticket; returns it with its secret (shown to the user once, stored hashed).
    /// Texts in `draft` are redacted here.
    public func openTicket(_ draft: TicketDraft, now: Date = Date()) async throws -> (ticket: Ticket, secret: String) {
        let secret = SecretCodes.ticketSecret()
        let salt = SecretCodes.salt()
        let digest = SecretCodes.digest(secret, salt: salt)
        let facts = Self.json(draft.facts.mapValues(Redactor.redact))
        let excerpt = Self.json(draft.excerpt.map { ExcerptLine(who: $0.who, text: Redactor.redact($0.text)) })
        do {
            let ticket = try await self.pool.write { db -> Ticket in
                // A clash of codes is rare (148 million); try another one.
                for _ in 0..<8 {
                    let code = SecretCodes.ticketCode()
                    if try Bool.fetchOne(db, sql: "SELECT 1 FROM ticket WHERE code = ?", arguments: [code]) == true {
                        continue
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO ticket(code, secretSalt, secretHash, status, priority, area, skills, reason,
                              topic, card, lang, facts, excerpt, session, createdAt, queuedAt)
                            VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            code, salt, digest, draft.priority.rawValue, draft.area, draft.skills.joined(separator: ","),
                            draft.reason, draft.topic, draft.card, draft.lang, facts, excerpt, draft.session, now, now,
                        ])
                    // Read back in the same transaction (the row as stored: dates rounded).
                    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE code = ?", arguments: [code])
                    else { throw TicketStoreError.writeFailed(reason: "the new ticket \(code) cannot be read back") }
                    return Self.ticket(row)
                }
                throw TicketStoreError.writeFailed(reason: "no free ticket code found")
            }
            return (ticket, secret)
        } catch let error as TicketStoreError {
            throw error
        } catch {
            throw TicketStoreError.writeFailed(reason: "\(error)")
        }
    }

    /// The ticket with this code (as stored: `K7M-4QX`).
    public func ticket(code: String) async throws -> Ticket? {
        try await self.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE code = ?", arguments: [code]).map(Self.ticket)
        }
    }

    /// The ticket when `secret` is its secret; nil for a wrong code and a wrong secret alike.
    public func ticket(code: String, secret: String) async throws -> Ticket? {
        let found: (salt: Data, digest: Data, ticket: Ticket)? = try await self.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE code = ?", arguments: [code]) else {
                return nil
            }
            return (row["secretSalt"], row["secretHash"], Self.ticket(row))
        }
        // The digest is computed even without a ticket, so that both failures take as long.
        let matches = SecretCodes.matches(
            SecretCodes.normalizedSecret(secret), salt: found?.salt ?? Data(count: 16), digest: found?.digest ?? Data(count: 32))
        guard matches, let found else { return nil }
        return found.ticket
    }

    /// Tickets not closed, in queue order (priority, then first come first served).
    public func openTickets() async throws -> [Ticket] {
        try await self.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM ticket WHERE status != 'closed' ORDER BY priority, queuedAt, id"
            ).map(Self.ticket)
        }
    }

    /// The codes of the queued tickets in queue order (a light query for positions).
    public func queuedCodes() async throws -> [String] {
        try await self.pool.read { db in
            try String.fetchAll(db, sql: "SELECT code FROM ticket WHERE status = 'queued' ORDER BY priority, queuedAt, id")
        }
    }

    /// Every ticket (for reports and tests), oldest first.
    public func allTickets() async throws -> [Ticket] {
        try await self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ticket ORDER BY id").map(Self.ticket)
        }
    }

    /// Takes a ticket for `operatorName`, atomically: of two advisors racing, one gets it.
    /// `force` (a supervisor) takes it even from another advisor.
    public func take(code: String, operatorName: String, force: Bool = false, now: Date = Date()) async throws
        -> TakeResult
    {
        try await self.pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE code = ?", arguments: [code]) else {
                return .notFound
            }
            var ticket = Self.ticket(row)
            if ticket.status == .closed { return .closed }
            if let holder = ticket.assignedTo, holder != operatorName, !force, ticket.status != .queued {
                return .alreadyTaken(by: holder)
            }
            let status: TicketStatus = ticket.status == .answered && ticket.assignedTo == operatorName ? .answered : .assigned
            try db.execute(
                sql: "UPDATE ticket SET status = ?, assignedTo = ?, assignedAt = ? WHERE id = ?",
                arguments: [status.rawValue, operatorName, now, ticket.id])
            ticket.status = status
            ticket.assignedTo = operatorName
            ticket.assignedAt = now
            return .taken(ticket)
        }
    }

    /// Puts a ticket back in the queue (the advisor hands it back).
    public func release(code: String, now: Date = Date()) async throws -> Ticket? {
        try await self.update(code: code) { db, ticket in
            guard ticket.status != .closed else { return }
            try db.execute(
                sql: "UPDATE ticket SET status = 'queued', assignedTo = NULL, assignedAt = NULL, queuedAt = ? WHERE id = ?",
                arguments: [now, ticket.id])
        }
    }

    /// Closes a ticket with its resolution (redacted).
    public func close(code: String, resolution: String, now: Date = Date()) async throws -> Ticket? {
        try await self.update(code: code) { db, ticket in
            try db.execute(
                sql: "UPDATE ticket SET status = 'closed', closedAt = ?, resolution = ? WHERE id = ?",
                arguments: [now, Redactor.redact(resolution), ticket.id])
        }
    }

    /// Takes an answered or closed ticket back to the queue (the user wrote again).
    public func reopen(code: String, now: Date = Date()) async throws -> Ticket? {
        try await self.update(code: code) { db, ticket in
            guard ticket.status == .answered || ticket.status == .closed else { return }
            try db.execute(
                sql: """
                    UPDATE ticket SET status = 'queued', assignedTo = NULL, assignedAt = NULL, closedAt = NULL,
                      queuedAt = ?, reopened = reopened + 1 WHERE id = ?
                    """,
                arguments: [now, ticket.id])
        }
    }

    /// Marks a ticket: the knowledge base should answer questions like this one.
    public func markKnowledgeGap(code: String) async throws -> Ticket? {
        try await self.update(code: code) { db, ticket in
            try db.execute(sql: "UPDATE ticket SET kbGap = 1 WHERE id = ?", arguments: [ticket.id])
        }
    }

    /// Records that a card was attached to the ticket.
    public func attach(card: String, code: String) async throws -> Ticket? {
        try await self.update(code: code) { db, ticket in
            guard !ticket.attachedCards.contains(card) else { return }
            let cards = (ticket.attachedCards + [card]).joined(separator: ",")
            try db.execute(sql: "UPDATE ticket SET attachedCards = ? WHERE id = ?", arguments: [cards, ticket.id])
        }
    }

    /// Adds a line to a ticket's conversation, redacted unless `redact` is false (a card
    /// from the knowledge base: its contacts are an office's, not personal data). An
    /// advisor's line marks the ticket answered and sets its first response time.
    @discardableResult
    public func addMessage(
        code: String, author: TicketMessage.Author, operatorName: String? = nil, text: String, delivered: Bool,
        redact: Bool = true, now: Date = Date()
    ) async throws -> TicketMessage? {
        let redacted = redact ? Redactor.redact(text) : text
        return try await self.pool.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM ticket WHERE code = ?", arguments: [code]) else {
                return nil
            }
            try db.execute(
                sql: "INSERT INTO ticketMessage(ticketId, time, author, operator, text, delivered) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, now, author.rawValue, operatorName, redacted, delivered])
            let messageID = db.lastInsertedRowID
            if author == .operator {
                try db.execute(
                    sql: """
                        UPDATE ticket SET firstResponseAt = COALESCE(firstResponseAt, ?), answeredAt = ?,
                          status = CASE WHEN status = 'closed' THEN status ELSE 'answered' END
                        WHERE id = ?
                        """,
                    arguments: [now, now, id])
            }
            return TicketMessage(
                id: messageID, ticketID: id, time: now, author: author, operatorName: operatorName, text: redacted,
                delivered: delivered)
        }
    }

    /// A ticket's conversation, oldest first.
    public func messages(code: String) async throws -> [TicketMessage] {
        try await self.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.* FROM ticketMessage m JOIN ticket t ON t.id = m.ticketId
                    WHERE t.code = ? ORDER BY m.id
                    """,
                arguments: [code]
            ).map(Self.message)
        }
    }

    /// How many lines the user wrote in a ticket's conversation.
    public func userMessageCount(code: String) async throws -> Int {
        try await self.pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM ticketMessage m JOIN ticket t ON t.id = m.ticketId
                    WHERE t.code = ? AND m.author = 'user'
                    """,
                arguments: [code]) ?? 0
        }
    }

    /// The advisor's lines the user has not seen, oldest first; they are marked seen.
    public func takeUndelivered(code: String) async throws -> [TicketMessage] {
        try await self.pool.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.* FROM ticketMessage m JOIN ticket t ON t.id = m.ticketId
                    WHERE t.code = ? AND m.author = 'operator' AND m.delivered = 0 ORDER BY m.id
                    """,
                arguments: [code])
            let messages = rows.map(Self.message)
            for message in messages {
                try db.execute(sql: "UPDATE ticketMessage SET delivered = 1 WHERE id = ?", arguments: [message.id])
            }
            return messages
        }
    }

    /// Deletes what a ticket holds about the user (their request): its conversation, facts
    /// and excerpt; the ticket stays, closed, so that the queue and the report stay whole.
    @discardableResult
    public func deleteTicketData(code: String, now: Date = Date()) async throws -> Bool {
        try await self.pool.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM ticket WHERE code = ?", arguments: [code]) else {
                return false
            }
            try db.execute(sql: "DELETE FROM ticketMessage WHERE ticketId = ?", arguments: [id])
            try db.execute(
                sql: """
                    UPDATE ticket SET facts = '{}', excerpt = '[]', resolution = 'data deleted at the user''s request',
                      status = 'closed', closedAt = COALESCE(closedAt, ?) WHERE id = ?
                    """,
                arguments: [now, id])
            return true
        }
    }

    /// Deletes closed tickets (with their conversations) closed before `date` (retention).
    @discardableResult
    public func purgeClosedTickets(olderThan date: Date) async throws -> Int {
        try await self.pool.write { db in
            try db.execute(sql: "DELETE FROM ticket WHERE status = 'closed' AND closedAt < ?", arguments: [date])
            return db.changesCount
        }
    }

    // MARK: - Rows

    private func update(code: String, _ change: @Sendable @escaping (Database, Ticket) throws -> Void) async throws
        -> Ticket?
    {
        try await self.pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE code = ?", arguments: [code]) else {
                return nil
            }
            try change(db, Self.ticket(row))
            return try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE code = ?", arguments: [code]).map(Self.ticket)
        }
    }

    static func ticket(_ row: Row) -> Ticket {
        let skills: String = row["skills"] ?? ""
        let cards: String = row["attachedCards"] ?? ""
        let facts: String = row["facts"] ?? "{}"
        let excerpt: String = row["excerpt"] ?? "[]"
        return Ticket(
            id: row["id"], code: row["code"],
            status: TicketStatus(rawValue: row["status"] ?? "") ?? .queued,
            priority: TicketPriority(rawValue: row["priority"] ?? 2) ?? .normal,
            area: row["area"], skills: skills.split(separator: ",").map(String.init), reason: row["reason"],
            topic: row["topic"], card: row["card"], lang: row["lang"],
            facts: (try? JSONDecoder().decode([String: String].self, from: Data(facts.utf8))) ?? [:],
            excerpt: (try? JSONDecoder().decode([ExcerptLine].self, from: Data(excerpt.utf8))) ?? [],
            session: row["session"], createdAt: row["createdAt"], queuedAt: row["queuedAt"],
            assignedTo: row["assignedTo"], assignedAt: row["assignedAt"], firstResponseAt: row["firstResponseAt"],
            answeredAt: row["answeredAt"], closedAt: row["closedAt"], resolution: row["resolution"],
            kbGap: row["kbGap"] ?? false, attachedCards: cards.split(separator: ",").map(String.init),
            reopened: row["reopened"] ?? 0)
    }

    static func message(_ row: Row) -> TicketMessage {
        TicketMessage(
            id: row["id"], ticketID: row["ticketId"], time: row["time"],
            author: TicketMessage.Author(rawValue: row["author"] ?? "") ?? .system, operatorName: row["operator"],
            text: row["text"], delivered: row["delivered"] ?? false)
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
