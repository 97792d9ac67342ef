import Desk
import Dialogue
import Foundation
import Knowledge
import Logging
import TextAnalysis

/// The second level: tickets, advisors and the live relay between them.
///
/// The store (SQLite) is the truth about tickets: every change is committed before the
/// answer goes out, so what a user is told survives a crash. This actor holds only what
/// lives with the connections: who is connected, which advisor holds which ticket, the
/// positions last pushed, the back-off of failed attempts, recent waits (for estimates).
/// Connections reach it through ``handle(_:from:)``; it reaches them through their
/// ``ConnectionLink``.
public actor SecondLevel {
    private let store: SQLiteDeskStore
    private let engine: Engine
    private let settings: SecondLevelSettings
    private let logger: Logger
    private let clock: @Sendable () -> Date

    /// Users' connections holding a ticket: connection id → (code, link).
    private var holders: [String: (code: String, link: ConnectionLink)] = [:]
    /// Logged-in advisors: connection id → session.
    private var advisors: [String: AdvisorSession] = [:]
    /// Tickets opened by each connection (abuse bound).
    private var opened: [String: Int] = [:]
    /// Failed `/ticket` and `/login` attempts per connection, and until when it must wait.
    private var failures: [String: (count: Int, until: Date?)] = [:]
    /// Failed `/ticket` attempts per code (any connection): a code guessed at from many
    /// connections is locked as well.
    private var codeFailures: [String: (count: Int, until: Date?)] = [:]
    /// Failed `/login` attempts per name (any connection), known or not.
    private var nameFailures: [String: (count: Int, until: Date?)] = [:]
    /// The positions last pushed to waiting users.
    private var positions: [String: Int] = [:]
    /// New tickets admitted server-wide (``SecondLevelSettings/ticketsPerMinute``).
    private var ticketBucket: (tokens: Double, last: Date?) = (0, nil)
    /// Recent waits from queue to advisor, in seconds (the estimate).
    private var waits: [Double] = []

    private struct AdvisorSession {
        var account: OperatorAccount
        var link: ConnectionLink
        var current: String?
    }

    /// - Parameters:
    ///   - store: the desk database (tickets, operators, feedback).
    ///   - engine: for the areas of topics and the cards advisors attach.
    ///   - clock: the time (tests move it).
    public init(
        store: SQLiteDeskStore, engine: Engine, settings: SecondLevelSettings = SecondLevelSettings(),
        logger: Logger = Logger(label: "sportello.second-level", factory: { _ in SwiftLogNoOpLogHandler() }),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.engine = engine
        self.settings = settings
        self.logger = logger
        self.clock = clock
    }

    /// Advisors logged in now.
    public var advisorsOnline: Int { self.advisors.count }

    /// Answers a connection's request; nil when a user's line is for the engine.
    func handle(_ request: DeskRequest, from link: ConnectionLink, lang: String) async -> DeskAnswer? {
        do {
            let answer = try await self.perform(request, from: link, lang: lang)
            // The connection may have gone while this was answered (a reset during /login or
            // /operatore): what the answer registered for it must not outlive it.
            if !link.isOpen() { await self.disconnected(link.id) }
            return answer
        } catch {
            self.logger.error("second level: the store failed", metadata: ["error": "\(error)"])
            return DeskAnswer(
                reply: self.reply(
                    .fallback, lang,
                    "Non riesco a raggiungere l'archivio delle richieste in questo momento: riprova fra poco. Nulla di quanto hai scritto è andato perso.",
                    "I cannot reach the request archive right now: please try again shortly. Nothing you wrote was lost.",
                    reason: "store_unavailable"))
        }
    }

    /// The connection is gone: it no longer holds a ticket or an advisor's session. An
    /// advisor's ticket still waiting for their first line goes back to the queue.
    func disconnected(_ id: String) async {
        self.holders[id] = nil
        self.failures[id] = nil
        self.opened[id] = nil
        guard let session = self.advisors.removeValue(forKey: id) else { return }
        await self.left(session)
    }

    /// An advisor's session ended (disconnection or /logout): the ticket they held, still
    /// waiting for their first line, goes back to the queue.
    private func left(_ session: AdvisorSession) async {
        if let code = session.current, let ticket = try? await self.store.ticket(code: code),
            ticket.status == .assigned, ticket.assignedTo == session.account.name,
            !self.advisors.values.contains(where: { $0.account.name == session.account.name })
        {
            _ = try? await self.store.release(code: code, now: self.clock())
            await self.requeued(
                code: code, it: "L'operatore si è disconnesso: la tua richiesta torna in coda.",
                en: "The advisor disconnected: your request is back in the queue.")
        }
    }

    // MARK: - Requests

    private func perform(_ request: DeskRequest, from link: ConnectionLink, lang: String) async throws -> DeskAnswer? {
        switch request {
        case .openTicket(let context): return try await self.open(context, link: link, lang: lang)
        case .resumeTicket(let code, let secret): return try await self.resume(code: code, secret: secret, link: link, lang: lang)
        case .ticketStatus: return try await self.status(link: link, lang: lang)
        case .userLine(let text): return try await self.userLine(text, link: link, lang: lang)
        case .feedback(let entry): return try await self.feedback(entry, lang: lang)
        case .forgetTicket: return try await self.forgetTicket(link: link, lang: lang)
        case .login(let name, let token): return try await self.login(name: name, token: token, link: link, lang: lang)
        case .logout:
            guard let session = self.advisors.removeValue(forKey: link.id) else { return self.notLoggedIn(lang) }
            await self.left(session)
            var answer = DeskAnswer(reply: self.reply(.smalltalk, lang, "Disconnesso dal secondo livello.", "Logged out.", reason: "logged_out"))
            answer.change = .loggedOut
            answer.recorded = false
            return answer
        default:
            guard let session = self.advisors[link.id] else { return self.notLoggedIn(lang) }
            var answer = try await self.advisorRequest(request, session: session, link: link, lang: lang)
            answer.recorded = false
            return answer
        }
    }

    private func advisorRequest(
        _ request: DeskRequest, session: AdvisorSession, link: ConnectionLink, lang: String
    ) async throws -> DeskAnswer {
        switch request {
        case .queue: return try await self.queue(session: session, lang: lang)
        case .take(let code): return try await self.take(code: code, session: session, link: link, lang: lang)
        case .show(let code): return try await self.show(code: code, session: session, lang: lang)
        case .say(let text): return try await self.say(text, session: session, lang: lang)
        case .release: return try await self.release(session: session, link: link, lang: lang)
        case .close(let resolution): return try await self.close(resolution, session: session, link: link, lang: lang)
        case .attach(let card): return try await self.attach(card: card, session: session, lang: lang)
        case .knowledgeGap: return try await self.knowledgeGap(session: session, lang: lang)
        case .assign(let code, let name): return try await self.assign(code: code, to: name, session: session, lang: lang)
        default: return self.notLoggedIn(lang)
        }
    }

    // MARK: - Users

    private func open(_ context: TicketContext, link: ConnectionLink, lang: String) async throws -> DeskAnswer {
        let now = self.clock()
        if let held = self.holders[link.id], let ticket = try await self.store.ticket(code: held.code) {
            switch ticket.status {
            case .queued, .assigned:
                try await self.addNote(context.note, code: ticket.code, now: now)
                return await self.ticketReply(
                    ticket, secret: nil, lang: lang, reason: "already_open",
                    intro: self.t(
                        lang, "Hai già una richiesta aperta: \(ticket.code).", "You already have an open request: \(ticket.code)."))
            case .answered, .closed:
                // Writing to the second level again reopens the ticket.
                guard let reopened = try await self.store.reopen(code: ticket.code, now: now) else { break }
                try await self.addNote(context.note, code: ticket.code, now: now)
                await self.queueChanged(code: reopened.code, isNew: true)
                return await self.ticketReply(
                    reopened, secret: nil, lang: lang, reason: "reopened",
                    intro: self.t(
                        lang, "Ho riaperto la tua richiesta \(reopened.code): torna in coda per un operatore.",
                        "I reopened your request \(reopened.code): it is back in the queue for an advisor."))
            }
        }
        if context.reason != "safety" && !self.admitTicket(now: now) {
            return DeskAnswer(
                reply: self.reply(
                    .fallback, lang,
                    "In questo momento lo sportello riceve troppe richieste per un operatore: riprova fra qualche minuto. Se è urgente, usa i canali ufficiali indicati nelle risposte.",
                    "The desk is receiving too many requests for an advisor right now: please try again in a few minutes. If it is urgent, use the official channels given in the answers.",
                    reason: "tickets_busy"))
        }
        guard (self.opened[link.id] ?? 0) < self.settings.ticketsPerConnection else {
            return DeskAnswer(
                reply: self.reply(
                    .fallback, lang,
                    "Da questa connessione sono già state aperte \(self.settings.ticketsPerConnection) richieste: per seguirle usa /ticket CODICE SEGRETO.",
                    "\(self.settings.ticketsPerConnection) requests have already been opened from this connection: follow them with /ticket CODE SECRET.",
                    reason: "too_many_tickets"))
        }
        let draft = self.draft(context)
        let (ticket, secret) = try await self.store.openTicket(draft, now: now)
        self.opened[link.id, default: 0] += 1
        try await self.addNote(context.note, code: ticket.code, now: now)
        self.holders[link.id] = (ticket.code, link)
        self.logger.info(
            "ticket opened",
            metadata: ["ticket": "\(ticket.code)", "priority": "\(ticket.priority.name)", "reason": "\(ticket.reason)"])
        let waiting = await self.queueChanged(code: ticket.code, isNew: true, known: ticket)
        var answer = await self.ticketReply(
            ticket, secret: secret, lang: lang, reason: context.reason, waiting: waiting,
            intro: self.t(
                lang,
                "Ho aperto la richiesta \(ticket.code) per un operatore dello sportello. Il tuo codice segreto è \(secret): conservalo insieme al codice, serve per ritrovare la risposta con /ticket \(ticket.code) \(secret) (anche da un'altra connessione, anche più tardi). Non condividere dati personali che non servono.",
                "I opened request \(ticket.code) for an advisor of the desk. Your secret is \(secret): keep it with the code, you need both to find the answer with /ticket \(ticket.code) \(secret) (from any connection, even later). Do not share personal data that is not needed."
            ))
        answer.reply.outcome = .escalate
        answer.change = .holdsTicket(ticket.code)
        answer.live = false
        return answer
    }

    /// Stores what the user wrote after /operatore, within the ticket's bound of notes.
    private func addNote(_ note: String?, code: String, now: Date) async throws {
        guard let note, !note.isEmpty, try await self.store.userMessageCount(code: code) < self.settings.notesPerTicket else {
            return
        }
        try await self.store.addMessage(code: code, author: .user, text: note, delivered: true, now: now)
    }

    private func resume(code typed: String, secret: String, link: ConnectionLink, lang: String) async throws -> DeskAnswer {
        let now = self.clock()
        let refusal = DeskAnswer(
            reply: self.reply(
                .fallback, lang, "Codice o codice segreto non validi.", "Wrong code or secret.", reason: "ticket_not_found"))
        // The code as stored, however it was typed (k7m4qx, K7M 4QX): its failures count together.
        let normalized = SecretCodes.normalizedCode(typed)
        if let wait = self.blocked(self.failures[link.id], now: now)
            ?? normalized.flatMap({ self.blocked(self.codeFailures[$0], now: now) })
        {
            return self.tooManyAttempts(wait, lang: lang)
        }
        guard let code = normalized, let ticket = try await self.store.ticket(code: code, secret: secret)
        else {
            self.failures[link.id] = self.failed(self.failures[link.id], now: now)
            // Only a well-formed code can be a ticket's (anything else must not grow the table).
            if let normalized {
                Self.prune(&self.codeFailures, now: now)
                self.codeFailures[normalized] = self.failed(self.codeFailures[normalized], now: now, free: 10)
            }
            return refusal
        }
        self.failures[link.id] = nil
        self.holders[link.id] = (ticket.code, link)
        let unseen = try await self.store.takeUndelivered(code: ticket.code)
        var answer = await self.ticketReply(
            ticket, secret: nil, lang: lang, reason: "ticket_found",
            intro: self.t(lang, "Bentornato: ecco la tua richiesta \(ticket.code).", "Welcome back: here is your request \(ticket.code)."))
        if !unseen.isEmpty {
            let header = self.t(lang, "Messaggi dell'operatore:", "Messages from the advisor:")
            answer.reply.text += "\n\n" + header + "\n" + unseen.map { "— \($0.operatorName ?? "operatore"): \($0.text)" }.joined(separator: "\n")
        }
        answer.extra.append(.init("messages", .array(unseen.map(self.messageJSON))))
        answer.change = .holdsTicket(ticket.code)
        answer.live =
            ticket.status != .closed && ticket.status != .queued
            && self.advisors.values.contains { $0.current == ticket.code && $0.account.name == ticket.assignedTo }
        return answer
    }

    private func status(link: ConnectionLink, lang: String) async throws -> DeskAnswer {
        guard let held = self.holders[link.id], let ticket = try await self.store.ticket(code: held.code) else {
            return DeskAnswer(
                reply: self.reply(
                    .fallback, lang,
                    "Uso: /ticket CODICE SEGRETO per ritrovare una richiesta; /operatore per aprirne una.",
                    "Usage: /ticket CODE SECRET to find a request again; /operatore to open one.", reason: "bad_command"))
        }
        return await self.ticketReply(ticket, secret: nil, lang: lang, reason: "ticket_status", intro: "")
    }

    private func userLine(_ text: String, link: ConnectionLink, lang: String) async throws -> DeskAnswer? {
        guard let held = self.holders[link.id] else { return nil }
        let now = self.clock()
        guard let ticket = try await self.store.ticket(code: held.code), ticket.status != .closed,
            let advisor = ticket.assignedTo.flatMap({ name in
                self.advisors.values.first { $0.account.name == name && $0.current == ticket.code }
            })
        else {
            // Nobody is with the user now: the desk answers, and the transcript keeps the
            // line for the advisor (the case sheet shows what came after the request).
            return nil
        }
        let stored = try await self.store.userMessageCount(code: ticket.code) < self.settings.notesPerTicket
        if stored {
            try await self.store.addMessage(code: ticket.code, author: .user, text: text, delivered: true, now: now)
        }
        advisor.link.push(
            PushEvent(
                kind: "user", label: ticket.code,
                members: [.init("code", .string(ticket.code)), .init("text", .string(Redactor.redact(text)))],
                text: Redactor.redact(text)))
        var answer = DeskAnswer(
            reply: self.reply(
                .escalate, lang, "(inviato a \(advisor.account.name))", "(sent to \(advisor.account.name))", reason: "relayed"))
        answer.extra = [.init("ticket", .object([.init("code", .string(ticket.code)), .init("status", .string(ticket.status.rawValue))]))]
        answer.live = true
        if !stored {
            answer.reply.text += self.t(
                lang, " — la richiesta ha raggiunto il numero massimo di messaggi conservati.",
                " — the request holds as many messages as it can keep.")
        }
        return answer
    }

    private func feedback(_ entry: FeedbackEntry, lang: String) async throws -> DeskAnswer {
        try await self.store.addFeedback(entry)
        let text =
            entry.rating > 0
            ? self.t(lang, "Grazie del riscontro!", "Thanks for the feedback!")
            : self.t(
                lang, "Grazie: la segnalazione aiuta la redazione a migliorare le risposte. Se ti serve una persona, scrivi /operatore.",
                "Thank you: this helps the editors improve the answers. If you need a person, write /operatore.")
        return DeskAnswer(reply: self.reply(.smalltalk, lang, text, text, reason: "feedback_saved"))
    }

    private func forgetTicket(link: ConnectionLink, lang: String) async throws -> DeskAnswer {
        guard let held = self.holders.removeValue(forKey: link.id) else {
            return DeskAnswer(reply: self.reply(.smalltalk, lang, "", "", reason: "no_ticket"))
        }
        try await self.store.deleteTicketData(code: held.code, now: self.clock())
        if let advisor = self.advisors.first(where: { $0.value.current == held.code }) {
            self.advisors[advisor.key]?.current = nil
            advisor.value.link.push(
                self.queueEvent(reason: "deleted", code: held.code, text: "\(held.code): l'utente ha cancellato i dati della richiesta (chiusa)."))
        }
        await self.queueChanged(code: held.code)
        var answer = DeskAnswer(
            reply: self.reply(
                .smalltalk, lang, "Ho cancellato anche i dati della richiesta \(held.code), che ora è chiusa.",
                "I also deleted the data of request \(held.code), which is now closed.", reason: "ticket_deleted"))
        answer.change = .dropsTicket
        return answer
    }

    // MARK: - Advisors

    private func login(name: String, token: String, link: ConnectionLink, lang: String) async throws -> DeskAnswer {
        let now = self.clock()
        if let wait = self.blocked(self.failures[link.id], now: now) ?? self.blocked(self.nameFailures[name], now: now) {
            var refused = self.tooManyAttempts(wait, lang: lang)
            refused.recorded = false
            return refused
        }
        var answer: DeskAnswer
        switch try await self.store.login(name: name, token: token, now: now) {
        case .success(let account):
            self.failures[link.id] = nil
            self.nameFailures[name] = nil
            // Logging in again (maybe as someone else) ends the previous session first.
            if let previous = self.advisors.removeValue(forKey: link.id) { await self.left(previous) }
            self.advisors[link.id] = AdvisorSession(account: account, link: link, current: nil)
            let tickets = try await self.visibleTickets(account)
            let waiting = tickets.filter { $0.status == .queued }.count
            answer = DeskAnswer(
                reply: self.reply(
                    .smalltalk, lang,
                    "Benvenuto, \(account.name) (\(account.role.rawValue)). Richieste in coda per te: \(waiting). Comandi: /queue, /take CODICE, /say TESTO, /release, /close ESITO, /attach SCHEDA, /kbgap, /show CODICE\(account.role == .supervisor ? ", /assign CODICE NOME" : ""), /logout.",
                    "Welcome, \(account.name) (\(account.role.rawValue)). Requests waiting for you: \(waiting). Commands: /queue, /take CODE, /say TEXT, /release, /close RESOLUTION, /attach CARD, /kbgap, /show CODE\(account.role == .supervisor ? ", /assign CODE NAME" : ""), /logout.",
                    reason: "logged_in"))
            answer.extra = [
                .init(
                    "operator",
                    .object([
                        .init("name", .string(account.name)), .init("role", .string(account.role.rawValue)),
                        .init("skills", .array(account.skills.map(JSONValue.string))),
                    ])),
                .init("waiting", .int(waiting)),
            ]
            answer.change = .loggedIn(account.name)
            self.logger.info("operator logged in", metadata: ["operator": "\(account.name)"])
        case .failed:
            self.failures[link.id] = self.failed(self.failures[link.id], now: now)
            // The store locks a real account; the same lockout, kept here for every name
            // that could be an account's (32 characters at most), makes an unknown name
            // answer as a real one (no list of names by trial).
            if name.count <= 32 {
                Self.prune(&self.nameFailures, now: now)
                self.nameFailures[name] = self.failed(
                    self.nameFailures[name], now: now, free: SQLiteDeskStore.freeLoginFailures,
                    longest: SQLiteDeskStore.maximumLockout)
            }
            answer = DeskAnswer(
                reply: self.reply(.fallback, lang, "Nome o token non validi.", "Wrong name or token.", reason: "login_failed"))
        case .locked(let until):
            answer = self.tooManyAttempts(until.timeIntervalSince(now), lang: lang)
        }
        answer.recorded = false
        return answer
    }

    private func queue(session: AdvisorSession, lang: String) async throws -> DeskAnswer {
        let now = self.clock()
        let tickets = try await self.visibleTickets(session.account)
        let rows = tickets.map { self.queueRow($0, now: now) }
        var lines: [String] = []
        for ticket in tickets {
            let age = Int(now.timeIntervalSince(ticket.queuedAt) / 60)
            let breached = self.breached(ticket, now: now) ? " SLA!" : ""
            lines.append(
                "\(ticket.code)  \(ticket.priority.name)  \(ticket.status.rawValue)  \(ticket.area ?? "-")  \(ticket.reason)  \(ticket.lang)  \(age) min\(breached)\(ticket.assignedTo.map { "  → \($0)" } ?? "")"
            )
        }
        let text =
            lines.isEmpty
            ? self.t(lang, "Nessuna richiesta in coda.", "No request in the queue.")
            : self.t(lang, "Richieste (\(lines.count)):", "Requests (\(lines.count)):") + "\n" + lines.joined(separator: "\n")
        var answer = DeskAnswer(reply: self.reply(.smalltalk, lang, text, text, reason: "queue"))
        answer.extra = [.init("tickets", .array(rows))]
        return answer
    }

    private func take(code typed: String, session: AdvisorSession, link: ConnectionLink, lang: String) async throws -> DeskAnswer {
        guard let code = SecretCodes.normalizedCode(typed), let ticket = try await self.store.ticket(code: code),
            session.account.covers(ticket.skills)
        else { return self.unknownTicket(typed, lang: lang) }
        let now = self.clock()
        switch try await self.store.take(
            code: code, operatorName: session.account.name, force: session.account.role == .supervisor, now: now)
        {
        case .notFound: return self.unknownTicket(typed, lang: lang)
        case .closed:
            return DeskAnswer(
                reply: self.reply(.fallback, lang, "La richiesta \(code) è chiusa.", "Request \(code) is closed.", reason: "ticket_closed"))
        case .alreadyTaken(let holder):
            return DeskAnswer(
                reply: self.reply(
                    .fallback, lang, "La richiesta \(code) è già di \(holder).", "Request \(code) is already taken by \(holder).",
                    reason: "already_taken"))
        case .taken(let taken):
            if ticket.status == .queued { self.recordWait(now.timeIntervalSince(ticket.queuedAt)) }
            // A previous holder (a supervisor took it over) lets go.
            for (id, other) in self.advisors where other.current == code && id != link.id {
                self.advisors[id]?.current = nil
                other.link.push(self.queueEvent(reason: "reassigned", code: code, text: "\(code) → \(session.account.name)"))
            }
            self.advisors[link.id]?.current = code
            let userConnected = self.holders.values.contains { $0.code == code }
            self.pushToHolder(code: code) { lang in
                self.ticketEvent(
                    code: code, status: taken.status, lang: lang,
                    self.t(
                        lang,
                        "L'operatore \(session.account.name) ha preso la tua richiesta: scrivi qui, leggerà i tuoi messaggi in diretta.",
                        "Advisor \(session.account.name) took your request: write here, they read your messages live."),
                    extra: [.init("operator", .string(session.account.name))], live: true)
            }
            self.positions[code] = nil
            await self.queueChanged(code: code)
            return try await self.caseSheet(
                taken, lang: lang, reason: "taken", userConnected: userConnected,
                intro: self.t(lang, "Hai preso \(code).", "You took \(code)."))
        }
    }

    private func show(code typed: String, session: AdvisorSession, lang: String) async throws -> DeskAnswer {
        guard let code = SecretCodes.normalizedCode(typed), let ticket = try await self.store.ticket(code: code),
            session.account.covers(ticket.skills)
        else { return self.unknownTicket(typed, lang: lang) }
        return try await self.caseSheet(
            ticket, lang: lang, reason: "ticket", userConnected: self.holders.values.contains { $0.code == code }, intro: "")
    }

    /// - Parameter asWritten: send and keep the text as it is (a card: its contacts are an
    ///   office's, not personal data); an advisor's own lines are redacted.
    private func say(_ text: String, session: AdvisorSession, lang: String, asWritten: Bool = false) async throws
        -> DeskAnswer
    {
        guard let code = session.current else { return self.noTicketHeld(lang) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            return DeskAnswer(reply: self.reply(.fallback, lang, "Uso: /say TESTO", "Usage: /say TEXT", reason: "bad_command"))
        }
        let online = self.holders.values.contains { $0.code == code }
        guard
            let message = try await self.store.addMessage(
                code: code, author: .operator, operatorName: session.account.name, text: trimmed, delivered: online,
                redact: !asWritten, now: self.clock())
        else { return self.unknownTicket(code, lang: lang) }
        let sent = message.text
        self.pushToHolder(code: code) { lang in
            PushEvent(
                kind: "operator", label: "\(code) \(session.account.name)",
                members: [
                    .init("code", .string(code)), .init("operator", .string(session.account.name)),
                    .init("text", .string(sent)), .init("lang", .string(lang)),
                ],
                text: sent)
        }
        let text =
            online
            ? self.t(lang, "Inviato.", "Sent.")
            : self.t(
                lang, "Inviato: l'utente non è collegato e lo leggerà quando torna con /ticket.",
                "Sent: the user is not connected and will read it when they come back with /ticket.")
        var answer = DeskAnswer(reply: self.reply(.smalltalk, lang, text, text, reason: online ? "delivered" : "stored"))
        answer.extra = [.init("code", .string(code)), .init("delivered", .bool(online))]
        return answer
    }

    private func release(session: AdvisorSession, link: ConnectionLink, lang: String) async throws -> DeskAnswer {
        guard let code = session.current else { return self.noTicketHeld(lang) }
        _ = try await self.store.release(code: code, now: self.clock())
        self.advisors[link.id]?.current = nil
        await self.requeued(
            code: code, it: "La tua richiesta torna in coda: la prenderà un altro operatore.",
            en: "Your request is back in the queue: another advisor will take it.")
        return DeskAnswer(
            reply: self.reply(.smalltalk, lang, "\(code) rimessa in coda.", "\(code) is back in the queue.", reason: "released"))
    }

    private func close(_ resolution: String, session: AdvisorSession, link: ConnectionLink, lang: String) async throws
        -> DeskAnswer
    {
        guard let code = session.current else { return self.noTicketHeld(lang) }
        let trimmed = resolution.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            return DeskAnswer(
                reply: self.reply(
                    .fallback, lang, "Uso: /close ESITO (una frase che riassume la risposta data).",
                    "Usage: /close RESOLUTION (one sentence summing up the answer given).", reason: "bad_command"))
        }
        guard let closed = try await self.store.close(code: code, resolution: trimmed, now: self.clock()) else {
            return self.unknownTicket(code, lang: lang)
        }
        self.advisors[link.id]?.current = nil
        self.pushToHolder(code: code) { lang in
            self.ticketEvent(
                code: code, status: .closed, lang: lang,
                self.t(
                    lang,
                    "L'operatore ha chiuso la richiesta \(code). Esito: \(closed.resolution ?? ""). Se ti serve ancora aiuto, scrivi /operatore per riaprirla. Com'è andata? /feedback + oppure /feedback -",
                    "The advisor closed request \(code). Resolution: \(closed.resolution ?? ""). If you still need help, write /operatore to reopen it. How did it go? /feedback + or /feedback -"
                ),
                extra: [.init("resolution", .optional(closed.resolution))], live: false)
        }
        await self.queueChanged(code: code)
        return DeskAnswer(reply: self.reply(.smalltalk, lang, "\(code) chiusa.", "\(code) closed.", reason: "closed"))
    }

    private func attach(card id: String, session: AdvisorSession, lang: String) async throws -> DeskAnswer {
        guard let code = session.current, let ticket = try await self.store.ticket(code: code) else {
            return self.noTicketHeld(lang)
        }
        let cards = self.engine.retriever.base.cards
        let wanted = id.trimmingCharacters(in: .whitespaces)
        guard
            let position = cards.indices.first(where: { cards[$0].reference == wanted && cards[$0].lang == ticket.lang })
                ?? cards.indices.first(where: { cards[$0].id == wanted || cards[$0].reference == wanted })
        else {
            return DeskAnswer(
                reply: self.reply(
                    .fallback, lang, "Nessuna scheda con id \(wanted) (vedi `sportello kb stats`).",
                    "No card with id \(wanted) (see `sportello kb stats`).", reason: "unknown_card"))
        }
        let rendered = self.engine.answer(
            card: position, echo: "", language: Language(rawValue: ticket.lang) ?? .it, today: Day.today(now: self.clock()),
            score: 1)
        var body = (rendered.title.map { $0 + "\n\n" } ?? "") + rendered.text
        if !rendered.sources.isEmpty { body += "\n" + (ticket.lang == "en" ? "Sources: " : "Fonti: ") + rendered.sources.joined(separator: "; ") }
        _ = try await self.store.attach(card: cards[position].reference, code: code)
        let answer = try await self.say(body, session: session, lang: lang, asWritten: true)
        var attached = DeskAnswer(
            reply: self.reply(
                .smalltalk, lang, "Scheda \(cards[position].reference) inviata e allegata a \(code).",
                "Card \(cards[position].reference) sent and attached to \(code).", reason: "attached"))
        attached.extra = answer.extra + [.init("attached_card", .string(cards[position].reference))]
        return attached
    }

    private func knowledgeGap(session: AdvisorSession, lang: String) async throws -> DeskAnswer {
        guard let code = session.current, try await self.store.markKnowledgeGap(code: code) != nil else {
            return self.noTicketHeld(lang)
        }
        return DeskAnswer(
            reply: self.reply(
                .smalltalk, lang, "Segnata per la redazione: la base di conoscenza dovrebbe rispondere a \(code).",
                "Marked for the editors: the knowledge base should answer \(code).", reason: "kb_gap"))
    }

    private func assign(code typed: String, to name: String, session: AdvisorSession, lang: String) async throws -> DeskAnswer {
        guard session.account.role == .supervisor else {
            return DeskAnswer(
                reply: self.reply(
                    .fallback, lang, "Solo un supervisore può riassegnare le richieste.", "Only a supervisor can reassign requests.",
                    reason: "forbidden"))
        }
        guard let code = SecretCodes.normalizedCode(typed) else { return self.unknownTicket(typed, lang: lang) }
        guard let account = try await self.store.operators().first(where: { $0.name == name && !$0.disabled }) else {
            return DeskAnswer(
                reply: self.reply(.fallback, lang, "Nessun operatore attivo di nome \(name).", "No active advisor named \(name).", reason: "unknown_operator"))
        }
        switch try await self.store.take(code: code, operatorName: account.name, force: true, now: self.clock()) {
        case .notFound, .alreadyTaken: return self.unknownTicket(typed, lang: lang)
        case .closed:
            return DeskAnswer(
                reply: self.reply(.fallback, lang, "La richiesta \(code) è chiusa.", "Request \(code) is closed.", reason: "ticket_closed"))
        case .taken:
            for (id, other) in self.advisors where other.current == code {
                self.advisors[id]?.current = nil
                other.link.push(self.queueEvent(reason: "reassigned", code: code, text: "\(code) → \(account.name)"))
            }
            if let target = self.advisors.first(where: { $0.value.account.name == account.name }) {
                if target.value.current == nil {
                    self.advisors[target.key]?.current = code
                    self.pushToHolder(code: code) { lang in
                        self.ticketEvent(
                            code: code, status: .assigned, lang: lang,
                            self.t(
                                lang, "L'operatore \(account.name) ha preso la tua richiesta: scrivi qui, leggerà i tuoi messaggi in diretta.",
                                "Advisor \(account.name) took your request: write here, they read your messages live."),
                            extra: [.init("operator", .string(account.name))], live: true)
                    }
                }
                target.value.link.push(
                    self.queueEvent(reason: "assigned", code: code, text: "\(code) ti è stata assegnata da \(session.account.name)."))
            }
            await self.queueChanged(code: code)
            return DeskAnswer(
                reply: self.reply(.smalltalk, lang, "\(code) assegnata a \(account.name).", "\(code) assigned to \(account.name).", reason: "assigned"))
        }
    }

    /// The server-wide bound on new tickets: a token bucket of a minute's worth.
    private func admitTicket(now: Date) -> Bool {
        let perMinute = self.settings.ticketsPerMinute
        guard perMinute > 0 else { return true }
        let capacity = Double(perMinute)
        let elapsed = self.ticketBucket.last.map { now.timeIntervalSince($0) } ?? 0
        var tokens = min(capacity, (self.ticketBucket.last == nil ? capacity : self.ticketBucket.tokens) + max(0, elapsed) * capacity / 60)
        self.ticketBucket.last = now
        guard tokens >= 1 else {
            self.ticketBucket.tokens = tokens
            return false
        }
        tokens -= 1
        self.ticketBucket.tokens = tokens
        return true
    }

    // MARK: - Queue

    /// A ticket is back in the queue: its user (if connected) is told, with the position,
    /// and from then on gets every change of position.
    private func requeued(code: String, it: String, en: String) async {
        let position = await self.position(of: code)
        if let position, self.holders.values.contains(where: { $0.code == code }) { self.positions[code] = position }
        let wait = position.flatMap { self.estimatedWait(position: $0) }
        self.pushToHolder(code: code) { lang in
            var text = self.t(lang, it, en)
            if let position { text += " " + self.positionText(position: position, wait: wait, lang: lang) }
            return self.ticketEvent(
                code: code, status: .queued, lang: lang, text,
                extra: [.init("position", .optional(position)), .init("wait_minutes", .optional(wait))], live: false)
        }
        await self.queueChanged(code: code)
    }

    /// Tells waiting users their new positions, and advisors that the queue changed.
    /// - Parameter known: the ticket, when the caller has it (spares a read).
    /// - Returns: the codes of the queued tickets in order (nil: the store failed).
    @discardableResult
    private func queueChanged(code: String, isNew: Bool = false, known: Ticket? = nil) async -> [String]? {
        var ticket = known
        if isNew, !self.advisors.isEmpty, ticket == nil { ticket = try? await self.store.ticket(code: code) }
        if isNew, !self.advisors.isEmpty, let ticket {
            for session in self.advisors.values where session.account.covers(ticket.skills) {
                session.link.push(
                    PushEvent(
                        kind: "queue", label: "new_ticket",
                        members: [
                            .init("reason", .string("new_ticket")), .init("code", .string(ticket.code)),
                            .init("priority", .string(ticket.priority.name)), .init("area", .optional(ticket.area)),
                            .init("lang", .string(ticket.lang)),
                        ],
                        text: "\(ticket.code) \(ticket.priority.name) \(ticket.area ?? "-") (\(ticket.reason))"))
            }
        }
        guard let waiting = try? await self.store.queuedCodes() else { return nil }
        // Only the positions of connected users are followed and pushed.
        let connected = Set(self.holders.values.map(\.code))
        for (index, waitingCode) in waiting.enumerated() where connected.contains(waitingCode) {
            let position = index + 1
            // A user learns their first position from the reply that opened (or found) the
            // ticket; from then on, every change is pushed.
            guard let previous = self.positions[waitingCode], previous != position else { continue }
            self.positions[waitingCode] = position
            let wait = self.estimatedWait(position: position)
            self.pushToHolder(code: waitingCode) { lang in
                self.ticketEvent(
                    code: waitingCode, status: .queued, lang: lang,
                    self.positionText(position: position, wait: wait, lang: lang),
                    extra: [.init("position", .int(position)), .init("wait_minutes", .optional(wait))])
            }
        }
        let waitingCodes = Set(waiting)
        for tracked in self.positions.keys where !waitingCodes.contains(tracked) { self.positions[tracked] = nil }
        return waiting
    }

    private func visibleTickets(_ account: OperatorAccount) async throws -> [Ticket] {
        try await self.store.openTickets().filter { account.covers($0.skills) }
    }

    private func position(of code: String) async -> Int? {
        guard let waiting = try? await self.store.queuedCodes() else { return nil }
        return waiting.firstIndex(of: code).map { $0 + 1 }
    }

    private func recordWait(_ seconds: Double) {
        self.waits.append(max(seconds, 0))
        if self.waits.count > 50 { self.waits.removeFirst(self.waits.count - 50) }
    }

    /// Minutes, from the median of recent waits; nil until there are a few (no guess).
    private func estimatedWait(position: Int) -> Int? {
        // With no advisor online there is nothing to base an estimate on.
        guard self.waits.count >= 3, !self.advisors.isEmpty else { return nil }
        let sorted = self.waits.sorted()
        let median = sorted[sorted.count / 2]
        let online = max(1, self.advisors.count)
        return max(1, Int((median * Double(position) / Double(online) / 60).rounded(.up)))
    }

    private func breached(_ ticket: Ticket, now: Date) -> Bool {
        let limit = Double(self.settings.sla(ticket.priority) * 60)
        if let first = ticket.firstResponseAt { return first.timeIntervalSince(ticket.createdAt) > limit }
        return ticket.status != .closed && now.timeIntervalSince(ticket.createdAt) > limit
    }

    private func queueRow(_ ticket: Ticket, now: Date) -> JSONValue {
        .object([
            .init("code", .string(ticket.code)), .init("status", .string(ticket.status.rawValue)),
            .init("priority", .string(ticket.priority.name)), .init("area", .optional(ticket.area)),
            .init("reason", .string(ticket.reason)), .init("topic", .optional(ticket.topic)),
            .init("lang", .string(ticket.lang)), .init("age_seconds", .int(Int(now.timeIntervalSince(ticket.queuedAt)))),
            .init("sla_minutes", .int(self.settings.sla(ticket.priority))),
            .init("sla_breached", .bool(self.breached(ticket, now: now))), .init("assigned_to", .optional(ticket.assignedTo)),
        ])
    }

    // MARK: - Replies

    /// - Parameter waiting: the queue's codes in order, when the caller just read them.
    private func ticketReply(
        _ ticket: Ticket, secret: String?, lang: String, reason: String, waiting: [String]? = nil, intro: String
    ) async -> DeskAnswer {
        var position: Int?
        if ticket.status == .queued {
            if let waiting {
                position = waiting.firstIndex(of: ticket.code).map { $0 + 1 }
            } else {
                position = await self.position(of: ticket.code)
            }
        }
        if let position { self.positions[ticket.code] = position }
        let wait = position.flatMap { self.estimatedWait(position: $0) }
        var lines: [String] = intro.isEmpty ? [] : [intro]
        switch ticket.status {
        case .queued:
            lines.append(self.positionText(position: position ?? 1, wait: wait, lang: lang))
            if self.advisors.isEmpty {
                lines.append(
                    self.t(
                        lang,
                        "In questo momento nessun operatore è collegato: la risposta arriverà appena possibile e la ritroverai con /ticket. Nel frattempo puoi continuare a fare domande allo sportello automatico: l'operatore vedrà anche quelle.",
                        "No advisor is connected right now: the answer will come as soon as possible and you will find it with /ticket. Meanwhile you can keep asking the automatic desk: the advisor will see those questions too."
                    ))
            } else {
                lines.append(
                    self.t(
                        lang,
                        "Nel frattempo puoi continuare a fare domande allo sportello automatico: l'operatore vedrà anche quelle.",
                        "Meanwhile you can keep asking the automatic desk: the advisor will see those questions too."))
            }
        case .assigned, .answered:
            lines.append(
                self.t(
                    lang, "La segue l'operatore \(ticket.assignedTo ?? ""). Stato: \(self.statusName(ticket.status, lang)).",
                    "Advisor \(ticket.assignedTo ?? "") is following it. Status: \(self.statusName(ticket.status, lang))."))
        case .closed:
            lines.append(
                self.t(
                    lang, "La richiesta è chiusa. Esito: \(ticket.resolution ?? "-"). Per riaprirla scrivi /operatore.",
                    "The request is closed. Resolution: \(ticket.resolution ?? "-"). To reopen it, write /operatore."))
        }
        let text = lines.joined(separator: "\n")
        var members: [JSONValue.Member] = [.init("code", .string(ticket.code))]
        if let secret { members.append(.init("secret", .string(secret))) }
        members += [
            .init("status", .string(ticket.status.rawValue)), .init("priority", .string(ticket.priority.name)),
            .init("position", .optional(position)), .init("wait_minutes", .optional(wait)),
            .init("operators_online", .int(self.advisors.count)), .init("resolution", .optional(ticket.resolution)),
        ]
        var reply = self.reply(.escalate, lang, text, text, reason: reason)
        reply.topic = ticket.topic
        return DeskAnswer(reply: reply, extra: [.init("ticket", .object(members))])
    }

    private func caseSheet(_ ticket: Ticket, lang: String, reason: String, userConnected: Bool, intro: String) async throws
        -> DeskAnswer
    {
        let messages = try await self.store.messages(code: ticket.code)
        // What the user asked the desk after the request (the transcript, redacted).
        // (The turn that opened the ticket is in the excerpt; the ticket's own traffic is not
        // a question.)
        let ticketTraffic: Set<String> = ["operator_requested", "already_open", "reopened", "relayed", "ticket_status", "ticket_found"]
        let after = try await self.store.transcript(session: ticket.session).filter {
            $0.time > ticket.createdAt && !$0.userText.hasPrefix("/") && !ticketTraffic.contains($0.reason ?? "")
        }.suffix(20)
        var lines: [String] = intro.isEmpty ? [] : [intro]
        lines.append(
            "\(ticket.code)  \(ticket.priority.name)  \(ticket.status.rawValue)  area: \(ticket.area ?? "-")  reason: \(ticket.reason)  lang: \(ticket.lang)  topic: \(ticket.topic ?? "-")"
        )
        lines.append(userConnected ? "utente collegato / user connected" : "utente non collegato / user not connected")
        if !ticket.facts.isEmpty {
            lines.append("Fatti / facts:")
            for (key, value) in ticket.facts.sorted(by: { $0.key < $1.key }) { lines.append("  \(key): \(value)") }
        }
        if !ticket.excerpt.isEmpty {
            lines.append("Conversazione / conversation:")
            for line in ticket.excerpt { lines.append("  \(line.who): \(line.text)") }
        }
        if !after.isEmpty {
            lines.append("Dopo la richiesta / after the request:")
            for turn in after { lines.append("  user: \(turn.userText)  [\(turn.outcome)\(turn.topic.map { " " + $0 } ?? "")]") }
        }
        if !messages.isEmpty {
            lines.append("Messaggi / messages:")
            for message in messages { lines.append("  \(message.operatorName ?? message.author.rawValue): \(message.text)") }
        }
        let text = lines.joined(separator: "\n")
        let object: [JSONValue.Member] = [
            .init("code", .string(ticket.code)), .init("status", .string(ticket.status.rawValue)),
            .init("priority", .string(ticket.priority.name)), .init("area", .optional(ticket.area)),
            .init("reason", .string(ticket.reason)), .init("topic", .optional(ticket.topic)), .init("card", .optional(ticket.card)),
            .init("lang", .string(ticket.lang)),
            .init("facts", .object(ticket.facts.sorted { $0.key < $1.key }.map { .init($0.key, .string($0.value)) })),
            .init("excerpt", .array(ticket.excerpt.map { .object([.init("who", .string($0.who)), .init("text", .string($0.text))]) })),
            .init("messages", .array(messages.map(self.messageJSON))),
            .init(
                "after_request",
                .array(
                    after.map {
                        .object([
                            .init("text", .string($0.userText)), .init("outcome", .string($0.outcome)),
                            .init("topic", .optional($0.topic)), .init("time", .date($0.time)),
                        ])
                    })),
            .init("user_connected", .bool(userConnected)),
            .init("assigned_to", .optional(ticket.assignedTo)), .init("created_at", .date(ticket.createdAt)),
            .init("sla_minutes", .int(self.settings.sla(ticket.priority))),
            .init("sla_breached", .bool(self.breached(ticket, now: self.clock()))),
        ]
        return DeskAnswer(reply: self.reply(.smalltalk, lang, text, text, reason: reason), extra: [.init("ticket", .object(object))])
    }

    private func messageJSON(_ message: TicketMessage) -> JSONValue {
        .object([
            .init("author", .string(message.author.rawValue)), .init("operator", .optional(message.operatorName)),
            .init("text", .string(message.text)), .init("time", .date(message.time)),
        ])
    }

    private func positionText(position: Int, wait: Int?, lang: String) -> String {
        let estimate =
            wait.map { self.t(lang, "attesa stimata circa \($0) min", "estimated wait about \($0) min") }
            ?? self.t(lang, "attesa non ancora stimabile", "the wait cannot be estimated yet")
        return self.t(lang, "Posizione in coda: \(position) (\(estimate)).", "Position in the queue: \(position) (\(estimate)).")
    }

    private func ticketEvent(
        code: String, status: TicketStatus, lang: String, _ text: String, extra: [JSONValue.Member] = [],
        live: Bool? = nil
    ) -> PushEvent {
        PushEvent(
            kind: "ticket", label: "\(code) \(status.rawValue)",
            members: [.init("code", .string(code)), .init("status", .string(status.rawValue))] + extra + [
                .init("lang", .string(lang)), .init("text", .string(text)),
            ],
            text: text, live: live)
    }

    private func queueEvent(reason: String, code: String, text: String) -> PushEvent {
        PushEvent(
            kind: "queue", label: reason, members: [.init("reason", .string(reason)), .init("code", .string(code)), .init("text", .string(text))],
            text: text)
    }

    private func pushToHolder(code: String, _ event: (String) -> PushEvent) {
        for holder in self.holders.values where holder.code == code {
            holder.link.push(event(holder.link.lang()))
        }
    }

    private func draft(_ context: TicketContext) -> TicketDraft {
        let area = context.topic.flatMap { self.engine.retriever.base.topics.topics[$0]?.area }
        let priority: TicketPriority =
            switch context.reason {
            case "safety": .urgent
            case "dispute": .high
            default: area == "pari-opportunita" ? .high : .normal
            }
        var skills = area.map { [$0] } ?? []
        if context.lang == "en" { skills.append("en") }
        return TicketDraft(
            priority: priority, area: area, skills: skills, reason: context.reason, topic: context.topic, card: context.card,
            lang: context.lang, facts: context.facts, excerpt: context.excerpt, session: context.session)
    }

    private func reply(_ outcome: Outcome, _ lang: String, _ it: String, _ en: String, reason: String) -> Reply {
        Reply(q: "", outcome: outcome, lang: lang, text: lang == "en" ? en : it, asOf: Day.today(now: self.clock()), reason: reason)
    }

    private func t(_ lang: String, _ it: String, _ en: String) -> String { lang == "en" ? en : it }

    private func statusName(_ status: TicketStatus, _ lang: String) -> String {
        switch status {
        case .queued: self.t(lang, "in coda", "queued")
        case .assigned: self.t(lang, "presa in carico", "taken")
        case .answered: self.t(lang, "risposta data", "answered")
        case .closed: self.t(lang, "chiusa", "closed")
        }
    }

    private func notLoggedIn(_ lang: String) -> DeskAnswer {
        var answer = DeskAnswer(
            reply: self.reply(
                .fallback, lang, "Comando riservato agli operatori: prima /login NOME TOKEN.",
                "This command is for advisors: /login NAME TOKEN first.", reason: "not_logged_in"))
        answer.recorded = false
        return answer
    }

    private func noTicketHeld(_ lang: String) -> DeskAnswer {
        DeskAnswer(
            reply: self.reply(
                .fallback, lang, "Non stai seguendo nessuna richiesta: /queue, poi /take CODICE.",
                "You are not holding a request: /queue, then /take CODE.", reason: "no_ticket_held"))
    }

    private func unknownTicket(_ code: String, lang: String) -> DeskAnswer {
        DeskAnswer(
            reply: self.reply(
                .fallback, lang, "Nessuna richiesta \(code) tra quelle che puoi vedere.", "No request \(code) among those you can see.",
                reason: "unknown_ticket"))
    }

    private func tooManyAttempts(_ seconds: TimeInterval, lang: String) -> DeskAnswer {
        let wait = max(1, Int(seconds.rounded(.up)))
        var answer = DeskAnswer(
            reply: self.reply(
                .fallback, lang, "Troppi tentativi non validi: riprova fra \(wait) secondi.",
                "Too many wrong attempts: try again in \(wait) seconds.", reason: "too_many_attempts"))
        answer.extra = [.init("retry_after_seconds", .int(wait))]
        return answer
    }

    /// Seconds still to wait, if any.
    private func blocked(_ entry: (count: Int, until: Date?)?, now: Date) -> TimeInterval? {
        guard let until = entry?.until, until > now else { return nil }
        return until.timeIntervalSince(now)
    }

    /// One more failure: after the free ones, a wait doubling each time (1 s … `longest`).
    private func failed(
        _ entry: (count: Int, until: Date?)?, now: Date, free: Int? = nil, longest: TimeInterval = 300
    ) -> (count: Int, until: Date?) {
        let count = (entry?.count ?? 0) + 1
        let allowed = free ?? self.settings.freeAttempts
        guard count >= allowed else { return (count, nil) }
        return (count, now.addingTimeInterval(min(pow(2, Double(count - allowed)), longest)))
    }

    /// Keeps a table of failures by code or name bounded: past 10,000 entries, the ones not
    /// locked now are dropped.
    private static func prune(_ table: inout [String: (count: Int, until: Date?)], now: Date) {
        guard table.count >= 10_000 else { return }
        table = table.filter { ($0.value.until ?? .distantPast) > now }
    }
}

/// A connection as the second level sees it: its id, its language now, and a way to push
/// events to it (from any thread).
struct ConnectionLink: Sendable {
    let id: String
    let lang: @Sendable () -> String
    let push: @Sendable (PushEvent) -> Void
    /// False once the connection closed (before ``SecondLevel/disconnected(_:)`` is called).
    let isOpen: @Sendable () -> Bool
}
