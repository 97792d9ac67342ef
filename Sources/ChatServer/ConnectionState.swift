import Desk
import Dialogue
import Foundation
import NIOCore
import TextAnalysis

/// The state machine of one connection: the conversation (``Dialogue/ChatSession``), the
/// output mode, the line count that numbers JSON replies, and the limits. It does no I/O:
/// every input returns the ``Action``s for the connection's task to carry out, with the
/// clock and the day passed in, so it is tested without sockets.
struct ConnectionState {
    /// What the connection's task must do, in order.
    enum Action: Sendable, Equatable {
        /// Write these bytes (one or more complete lines).
        case send(String)
        /// Record a turn in the transcript (the recorder redacts it): the line as the
        /// person wrote it, the reply, and the line's number.
        case record(userText: String, reply: Reply, seq: Int)
        /// Delete this session's transcript, then send ``ConnectionState/forgotten(_:count:today:)``.
        case forget(ForgetRequest)
        /// Close the connection (after what was sent before).
        case close(CloseReason)
        /// Ask the second level; its answer goes to ``ConnectionState/deskAnswered(_:for:today:)``.
        /// Frames that come meanwhile wait.
        case desk(DeskRequest, PendingLine)
    }

    /// The line a second-level request answers.
    struct PendingLine: Sendable, Equatable {
        /// Its number.
        let seq: Int
        /// What the reply echoes in `q` (a token is masked).
        let q: String
        /// The line as written (for the engine when the second level passes it on).
        let text: String
        /// A `/forget`: once the second level deleted the ticket's data, the transcript goes.
        var forget = false
    }

    /// A `/forget` waiting for the recorder's answer.
    struct ForgetRequest: Sendable, Equatable {
        let seq: Int
        let q: String
        /// What the second level said of the ticket's data, added to the reply.
        var note: String? = nil
    }

    /// Why the server closes a connection (for the log).
    enum CloseReason: String, Sendable, Equatable {
        case quit
        case idleTimeout = "idle_timeout"
        case shutdown
        case flood
        case tooManyLongLines = "too_many_long_lines"
    }

    /// Commands for advisors (after `/login`).
    static let operatorCommands: Set<String> = [
        "/logout", "/queue", "/take", "/show", "/say", "/release", "/handback", "/close", "/attach", "/kbgap", "/assign",
    ]

    /// Turns of the conversation kept for a ticket's excerpt.
    static let excerptTurns = 8

    private(set) var mode: WireMode = .text
    /// Lines received so far (all of them: the `seq` of the last one).
    private(set) var lines = 0
    private var session: ChatSession
    private var limiter: RateLimiter
    private var rejectedInARow = 0
    private var overlongLines = 0
    private let configuration: ServerConfiguration
    /// The connection's session id (tickets and feedback refer to it).
    private let sessionID: String
    /// Whether the server has a second level (tickets, advisors).
    private let secondLevel: Bool
    /// The ticket this connection holds (opened here or found again with `/ticket`).
    private(set) var ticket: String?
    /// Whether an advisor is with the user on that ticket now: lines are then relayed to
    /// them; otherwise the desk answers (and the transcript keeps the lines for the advisor).
    private(set) var ticketLive = false
    /// The advisor logged in on this connection.
    private(set) var advisor: String?
    /// The answer last rated with `/feedback` (its line number).
    private var ratedSeq: Int?
    /// The last answer (what `/feedback` rates).
    private var lastAnswer: (seq: Int, q: String, topic: String?, card: String?)?
    /// The last escalation's reason, topic and card (what a ticket opened next is about).
    private var lastEscalation: (reason: String, topic: String?, card: String?)?
    private var lastTopic: (topic: String, card: String?)?
    /// The last turns, for a ticket's excerpt.
    private var excerpt: [ExcerptLine] = []

    init(engine: Engine, configuration: ServerConfiguration, sessionID: String = "", secondLevel: Bool = false) {
        self.session = ChatSession(engine: engine)
        self.limiter = RateLimiter(configuration.rateLimit)
        self.configuration = configuration
        self.sessionID = sessionID
        self.secondLevel = secondLevel
    }

    /// The language replies are written in.
    var language: Language { self.session.state.language ?? .it }
    private var english: Bool { self.language == .en }

    /// The actions for one frame from the pipeline.
    mutating func receive(_ frame: InboundFrame, now: ContinuousClock.Instant, today: Day) -> [Action] {
        switch frame {
        case .line(let buffer):
            self.lines += 1
            if let refused = self.admit(now: now, today: today) { return refused }
            return self.line(buffer, today: today)
        case .tooLong(let prefix):
            self.lines += 1
            if let refused = self.admit(now: now, today: today) { return refused }
            self.overlongLines += 1
            let q = String(decoding: prefix.readableBytesView, as: UTF8.self) + "…"
            let reply = self.error(
                q: q, ServerMessages.lineTooLong(self.configuration.maxLineBytes, english: self.english),
                reason: "line_too_long", today: today)
            guard self.overlongLines <= self.configuration.maxOverlongLines else {
                return [
                    reply,
                    .send(self.mode.render(self.event(.error, "too_many_long_lines", ServerMessages.tooManyLongLines))),
                    .close(.tooManyLongLines),
                ]
            }
            return [reply]
        case .idleTimeout:
            let text = ServerMessages.idleTimeout(self.configuration.idleTimeout, english: self.english)
            return [
                .send(self.mode.render(ServerEvent(kind: .notice, reason: "idle_timeout", lang: self.language.rawValue, text: text))),
                .close(.idleTimeout),
            ]
        case .shutdown:
            return [.send(self.mode.render(self.event(.notice, "shutdown", ServerMessages.shutdown))), .close(.shutdown)]
        }
    }

    /// The reply to a `/forget`, once the recorder deleted `count` turns (nil: it failed).
    func forgotten(_ request: ForgetRequest, count: Int?, today: Day) -> String {
        let reply =
            if let count {
                Reply(
                    q: request.q, outcome: .smalltalk, lang: self.language.rawValue,
                    text: ServerMessages.forgotten(count, english: self.english), asOf: today)
            } else {
                Reply(
                    q: request.q, outcome: .fallback, lang: self.language.rawValue,
                    text: ServerMessages.forgetFailed(english: self.english), asOf: today, reason: "store_unavailable")
            }
        var full = reply
        if let note = request.note, !note.isEmpty { full.text += "\n" + note }
        return self.mode.render(full, seq: request.seq)
    }

    // MARK: - Lines

    /// Takes a token for the line; when there is none, the refusal (and after a flood, the end).
    private mutating func admit(now: ContinuousClock.Instant, today: Day) -> [Action]? {
        if self.limiter.admit(at: now) {
            self.rejectedInARow = 0
            return nil
        }
        self.rejectedInARow += 1
        if self.rejectedInARow > self.configuration.rateLimit.disconnectAfter {
            return [.send(self.mode.render(self.event(.error, "flood", ServerMessages.flood))), .close(.flood)]
        }
        return [
            self.error(
                q: "", ServerMessages.rateLimited(self.configuration.rateLimit.linesPerSecond, english: self.english),
                reason: "rate_limited", today: today)
        ]
    }

    private mutating func line(_ buffer: ByteBuffer, today: Day) -> [Action] {
        let bytes = buffer.readableBytesView
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return [
                self.error(
                    q: String(decoding: bytes, as: UTF8.self), ServerMessages.invalidUTF8(english: self.english),
                    reason: "invalid_utf8", today: today)
            ]
        }
        if text.unicodeScalars.contains(where: Self.isControl) {
            // The echo shows where the controls were, without them (a terminal would obey them).
            var visible = String.UnicodeScalarView()
            for scalar in text.unicodeScalars { visible.append(Self.isControl(scalar) ? "\u{FFFD}" : scalar) }
            return [
                self.error(
                    q: String(visible), ServerMessages.controlCharacters(english: self.english),
                    reason: "control_characters", today: today)
            ]
        }
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty {
            return [self.error(q: "", ServerMessages.emptyLine(english: self.english), reason: "empty_line", today: today)]
        }
        if trimmed.hasPrefix("/") { return self.command(trimmed, line: text, today: today) }
        if self.advisor != nil {
            // An advisor's plain line goes to the user of the ticket they hold.
            return [.desk(.say(text), PendingLine(seq: self.lines, q: text, text: text))]
        }
        if self.ticket != nil && self.ticketLive {
            return [.desk(.userLine(text), PendingLine(seq: self.lines, q: text, text: text))]
        }
        return self.converse(text, today: today)
    }

    /// C0 controls but TAB, DEL, C1 controls (ESC starts every ANSI escape sequence).
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    private mutating func command(_ trimmed: String, line: String, today: Day) -> [Action] {
        let command = String(trimmed.prefix(while: { $0 != " " && $0 != "\t" })).lowercased()
        let seq = self.lines
        switch command {
        case "/json":
            self.mode = .json
            return self.answer(trimmed, ServerMessages.jsonMode(english: self.english), today: today)
        case "/text":
            self.mode = .text
            return self.answer(trimmed, ServerMessages.textMode(english: self.english), today: today)
        case "/forget", "/dimentica":
            // Not recorded: the point is that nothing stays; neither does what a ticket
            // opened next would have carried of this conversation.
            self.excerpt.removeAll()
            self.lastAnswer = nil
            if self.secondLevel, self.ticket != nil {
                // The held ticket's data first (the second level), then the transcript.
                return [.desk(.forgetTicket, PendingLine(seq: seq, q: trimmed, text: trimmed, forget: true))]
            }
            return [.forget(ForgetRequest(seq: seq, q: trimmed))]
        case "/ticket", "/feedback", "/operatore", "/operator", "/login":
            guard self.secondLevel else {
                return self.notAvailable(command, q: Self.masked(command, trimmed), today: today)
            }
            return self.secondLevelCommand(command, trimmed: trimmed, today: today)
        case _ where Self.operatorCommands.contains(command):
            guard self.secondLevel else { return self.notAvailable(command, q: trimmed, today: today) }
            return self.advisorCommand(command, trimmed: trimmed)
        case "/help", "/aiuto":
            var (reply, _) = self.session.handle(trimmed, today: today)
            reply.text += "\n" + ServerMessages.serverHelp(english: reply.lang == "en")
            return self.turn(reply, userText: trimmed)
        default:
            // /reset, /lang, /quit and unknown commands: the session answers.
            return self.converse(line, today: today)
        }
    }

    private mutating func converse(_ text: String, today: Day) -> [Action] {
        let (reply, quit) = self.session.handle(text, today: today)
        if self.secondLevel, reply.outcome == .escalate, reply.reason == "operator_requested", !text.hasPrefix("/") {
            // "Voglio parlare con un operatore": the ticket is opened at once. The excerpt keeps
            // the request, not the engine's offer to open one.
            self.remember(reply, userText: text)
            if self.excerpt.last?.who == "desk" { self.excerpt.removeLast() }
            let context = self.ticketContext(reason: "operator_requested", note: nil)
            return [.desk(.openTicket(context), PendingLine(seq: self.lines, q: text, text: text))]
        }
        var actions = self.turn(reply, userText: text)
        if quit { actions.append(.close(.quit)) }
        return actions
    }

    /// A turn is queued in the recorder before its reply goes out: a client that has the
    /// reply can count on the turn being recorded (and on `/forget` deleting it).
    private mutating func turn(_ reply: Reply, userText: String) -> [Action] {
        self.remember(reply, userText: userText)
        return [
            .record(userText: userText, reply: reply, seq: self.lines),
            .send(self.mode.render(reply, seq: self.lines)),
        ]
    }

    /// Keeps what a ticket or a feedback needs from a turn.
    private mutating func remember(_ reply: Reply, userText: String) {
        guard self.secondLevel else { return }
        if reply.outcome == .answer {
            self.lastAnswer = (self.lines, userText, reply.topic, reply.card)
        }
        if let topic = reply.topic { self.lastTopic = (topic, reply.card) }
        if reply.outcome == .escalate, let reason = reply.reason, reason != "operator_requested" || self.lastEscalation == nil {
            self.lastEscalation = (reason, reply.topic ?? self.lastTopic?.topic, reply.card ?? self.lastTopic?.card)
        }
        guard !userText.hasPrefix("/") else { return }
        self.excerpt.append(ExcerptLine(who: "user", text: String(userText.prefix(500))))
        self.excerpt.append(ExcerptLine(who: "desk", text: String(reply.text.prefix(300))))
        if self.excerpt.count > 2 * Self.excerptTurns { self.excerpt.removeFirst(self.excerpt.count - 2 * Self.excerptTurns) }
    }

    // MARK: - Second level

    /// What the dialogue knew, for a ticket.
    private func ticketContext(reason: String, note: String?) -> TicketContext {
        let escalation = self.lastEscalation
        return TicketContext(
            reason: escalation?.reason ?? reason, topic: escalation?.topic ?? self.lastTopic?.topic,
            card: escalation?.card ?? self.lastTopic?.card, lang: self.language.rawValue, facts: self.session.state.facts,
            excerpt: self.excerpt, session: self.sessionID, note: note)
    }

    private mutating func secondLevelCommand(_ command: String, trimmed: String, today: Day) -> [Action] {
        let argument = trimmed.dropFirst(command.count).trimmingCharacters(in: .whitespaces)
        let pending = PendingLine(seq: self.lines, q: trimmed, text: trimmed)
        switch command {
        case "/operatore", "/operator":
            let context = self.ticketContext(reason: "operator_requested", note: argument.isEmpty ? nil : argument)
            return [.desk(.openTicket(context), pending)]
        case "/ticket":
            let parts = argument.split(whereSeparator: \.isWhitespace).map(String.init)
            if parts.isEmpty { return [.desk(.ticketStatus, pending)] }
            guard parts.count >= 2 else {
                return [
                    self.error(
                        q: trimmed, ServerMessages.ticketUsage(english: self.english), reason: "bad_command", today: today)
                ]
            }
            // A code written with a space in the middle (K7M 4QX) is still one code.
            let code = parts.count >= 3 ? parts[0] + parts[1] : parts[0]
            let secret = parts.count >= 3 ? parts[2...].joined() : parts[1]
            return [.desk(.resumeTicket(code: code, secret: secret), PendingLine(seq: self.lines, q: "/ticket \(code) [secret]", text: trimmed))]
        case "/feedback":
            let rating: Int? =
                switch argument.first {
                case "+": 1
                case "-", "−": -1
                default: nil
                }
            guard let rating else {
                return [self.error(q: trimmed, ServerMessages.feedbackUsage(english: self.english), reason: "bad_command", today: today)]
            }
            guard let answer = self.lastAnswer else {
                return [self.error(q: trimmed, ServerMessages.feedbackNothing(english: self.english), reason: "no_answer", today: today)]
            }
            // One rating per answer: a repeated /feedback would weigh twice in the report.
            guard self.ratedSeq != answer.seq else {
                return [self.error(q: trimmed, ServerMessages.feedbackAlreadyGiven(english: self.english), reason: "already_rated", today: today)]
            }
            self.ratedSeq = answer.seq
            let comment = argument.dropFirst().trimmingCharacters(in: .whitespaces)
            let entry = FeedbackEntry(
                session: self.sessionID, seq: answer.seq, rating: rating, comment: comment.isEmpty ? nil : comment,
                question: answer.q, topic: answer.topic, card: answer.card)
            return [.desk(.feedback(entry), pending)]
        default:  // "/login"
            let parts = argument.split(whereSeparator: \.isWhitespace).map(String.init)
            let masked = PendingLine(seq: self.lines, q: "/login " + (parts.first ?? "") + " [token]", text: "/login")
            guard parts.count == 2 else {
                return [.send(self.mode.render(self.refusal(masked.q, ServerMessages.loginUsage(english: self.english), reason: "bad_command", today: today), seq: self.lines))]
            }
            return [.desk(.login(name: parts[0], token: parts[1]), masked)]
        }
    }

    private func advisorCommand(_ command: String, trimmed: String) -> [Action] {
        let argument = trimmed.dropFirst(command.count).trimmingCharacters(in: .whitespaces)
        let pending = PendingLine(seq: self.lines, q: trimmed, text: trimmed)
        let request: DeskRequest =
            switch command {
            case "/logout": .logout
            case "/queue": .queue
            case "/take": .take(code: argument)
            case "/show": .show(code: argument)
            case "/say": .say(argument)
            case "/release", "/handback": .release
            case "/close": .close(resolution: argument)
            case "/attach": .attach(card: argument)
            case "/kbgap": .knowledgeGap
            default:  // "/assign"
                .assign(
                    code: String(argument.split(whereSeparator: \.isWhitespace).first ?? ""),
                    to: String(argument.split(whereSeparator: \.isWhitespace).dropFirst().first ?? ""))
            }
        return [.desk(request, pending)]
    }

    /// The actions for the second level's answer to `pending` (nil: the engine answers it).
    mutating func deskAnswered(_ answer: DeskAnswer?, for pending: PendingLine, today: Day) -> [Action] {
        if pending.forget {
            // The ticket's data is deleted (or the store failed, and the note says so): now
            // the transcript, and one reply for both.
            if answer?.change == .dropsTicket {
                self.ticket = nil
                self.ticketLive = false
            }
            return [.forget(ForgetRequest(seq: pending.seq, q: pending.q, note: answer?.reply.text))]
        }
        guard var answer else {
            if self.ticket != nil, self.advisor == nil {
                // No advisor with the user any more: the desk answers.
                self.ticketLive = false
                return self.converse(pending.text, today: today)
            }
            return []
        }
        if let live = answer.live { self.ticketLive = live }
        switch answer.change {
        case .holdsTicket(let code): self.ticket = code
        case .dropsTicket:
            self.ticket = nil
            self.ticketLive = false
        case .loggedIn(let name): self.advisor = name
        case .loggedOut: self.advisor = nil
        case nil: break
        }
        answer.reply.q = pending.q
        if answer.reply.reason == "operator_requested" || answer.change == .holdsTicket(self.ticket ?? "") {
            // A ticket is about to be worked on: later escalations start afresh.
            self.lastEscalation = nil
        }
        var actions: [Action] = []
        if answer.recorded {
            self.remember(answer.reply, userText: pending.q)
            actions.append(.record(userText: pending.q, reply: answer.reply, seq: pending.seq))
        }
        actions.append(.send(self.mode.render(answer.reply, seq: pending.seq, extra: answer.extra)))
        return actions
    }

    /// Renders a push for this connection.
    func render(_ event: PushEvent) -> String { self.mode.render(event) }

    /// An advisor joined (true) or left (false) the user's ticket.
    mutating func setTicketLive(_ live: Bool) { self.ticketLive = live }

    private mutating func answer(_ q: String, _ text: String, today: Day) -> [Action] {
        let reply = Reply(q: q, outcome: .smalltalk, lang: self.language.rawValue, text: text, asOf: today)
        return self.turn(reply, userText: q)
    }

    /// A `/login` or `/ticket` line as echoed and recorded: without its token or secret.
    static func masked(_ command: String, _ trimmed: String) -> String {
        let parts = trimmed.split(whereSeparator: \.isWhitespace).dropFirst().map(String.init)
        switch command {
        case "/login" where !parts.isEmpty: return "/login \(parts[0]) [token]"
        case "/ticket" where parts.count >= 2: return "/ticket \(parts.count >= 3 ? parts[0] + parts[1] : parts[0]) [secret]"
        default: return trimmed
        }
    }

    private mutating func notAvailable(_ command: String, q: String, today: Day) -> [Action] {
        let reply = Reply(
            q: q, outcome: .fallback, lang: self.language.rawValue,
            text: ServerMessages.notAvailable(command, english: self.english), asOf: today, reason: "not_available")
        return self.turn(reply, userText: q)
    }

    private func refusal(_ q: String, _ text: String, reason: String, today: Day) -> Reply {
        Reply(q: q, outcome: .fallback, lang: self.language.rawValue, text: text, asOf: today, reason: reason)
    }

    /// The reply to a line that was not read (not recorded: there is no turn).
    private func error(q: String, _ text: String, reason: String, today: Day) -> Action {
        let reply = Reply(q: q, outcome: .fallback, lang: self.language.rawValue, text: text, asOf: today, reason: reason)
        return .send(self.mode.render(reply, seq: self.lines))
    }

    private func event(_ kind: ServerEvent.Kind, _ reason: String, _ text: (Bool) -> String) -> ServerEvent {
        ServerEvent(kind: kind, reason: reason, lang: self.language.rawValue, text: text(self.english))
    }
}

extension String {
    /// Without leading and trailing white space.
    fileprivate var trimmingWhitespace: String {
        var result = Substring(self)
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return String(result)
    }
}
