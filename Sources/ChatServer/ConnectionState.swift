import Dialogue
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
    }

    /// A `/forget` waiting for the recorder's answer.
    struct ForgetRequest: Sendable, Equatable {
        let seq: Int
        let q: String
    }

    /// Why the server closes a connection (for the log).
    enum CloseReason: String, Sendable, Equatable {
        case quit
        case idleTimeout = "idle_timeout"
        case shutdown
        case flood
        case tooManyLongLines = "too_many_long_lines"
    }

    /// Commands for operators, which arrive with tickets in a later version.
    static let operatorCommands: Set<String> = ["/login", "/logout", "/queue", "/take", "/say", "/handback", "/close"]

    private(set) var mode: WireMode = .text
    /// Lines received so far (all of them: the `seq` of the last one).
    private(set) var lines = 0
    private var session: ChatSession
    private var limiter: RateLimiter
    private var rejectedInARow = 0
    private var overlongLines = 0
    private let configuration: ServerConfiguration

    init(engine: Engine, configuration: ServerConfiguration) {
        self.session = ChatSession(engine: engine)
        self.limiter = RateLimiter(configuration.rateLimit)
        self.configuration = configuration
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
        return self.mode.render(reply, seq: request.seq)
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
            // Not recorded: the point is that nothing stays.
            return [.forget(ForgetRequest(seq: seq, q: trimmed))]
        case "/ticket", "/feedback", "/operatore", "/operator":
            return self.notAvailable(command, q: trimmed, today: today)
        case _ where Self.operatorCommands.contains(command):
            return self.notAvailable(command, q: trimmed, today: today)
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
        var actions = self.turn(reply, userText: text)
        if quit { actions.append(.close(.quit)) }
        return actions
    }

    /// A turn is queued in the recorder before its reply goes out: a client that has the
    /// reply can count on the turn being recorded (and on `/forget` deleting it).
    private func turn(_ reply: Reply, userText: String) -> [Action] {
        [
            .record(userText: userText, reply: reply, seq: self.lines),
            .send(self.mode.render(reply, seq: self.lines)),
        ]
    }

    private func answer(_ q: String, _ text: String, today: Day) -> [Action] {
        let reply = Reply(q: q, outcome: .smalltalk, lang: self.language.rawValue, text: text, asOf: today)
        return self.turn(reply, userText: q)
    }

    private func notAvailable(_ command: String, q: String, today: Day) -> [Action] {
        let reply = Reply(
            q: q, outcome: .fallback, lang: self.language.rawValue,
            text: ServerMessages.notAvailable(command, english: self.english), asOf: today, reason: "not_available")
        return self.turn(reply, userText: q)
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
