import Foundation
import NIOCore

/// The network side of `sportello operator`: connects, switches to JSON, logs in, then
/// sends what the operator types and shows whatever the server sends, as it arrives.
struct OperatorConsole: Sendable {
    /// How the console talks to its user.
    enum Mode: Sendable {
        /// A person at a terminal: prompt, line editor, colours.
        case interactive
        /// A script: commands line by line from standard input, no prompt, no colours;
        /// with `json`, every JSON line from the server as it came (tokens masked).
        case script(json: Bool)
    }

    /// How a session ended.
    enum Ending: Sendable, Equatable {
        /// Standard input ended or the operator quit: exit status 0.
        case finished
        /// The connection could not be made, was refused or was lost; the login failed.
        case failed(String)
    }

    let host: String
    let port: Int
    let name: String
    let token: String
    let mode: Mode

    /// How long to wait for the login reply, and for the replies to the last lines sent.
    static let replyWait: Duration = .seconds(30)

    /// What the reader and the writer share.
    actor Session {
        private(set) var state = ConsoleState()
        private(set) var mask = SecretMask()
        private(set) var sent = 0
        private(set) var replies = 0
        private(set) var quitting = false

        /// Notes a line about to be sent (its token, if it is a `/login`).
        func sending(_ line: String) {
            mask.note(sentLine: line)
            sent += 1
        }

        func quit() { quitting = true }

        /// Reads a line from the server; returns the event and whether the held ticket or
        /// the login changed.
        func receive(_ line: String) -> (event: ConsoleEvent, changed: Bool) {
            let event = ConsoleEvent.parse(line)
            if case .reply = event { replies += 1 }
            let changed = state.apply(event)
            return (event, changed)
        }

        /// Whether every line sent has had its reply.
        var allAnswered: Bool { replies >= sent }
    }

    /// Runs the session to its end.
    func run() async -> Ending {
        let channel: LineConnection.Channel
        do {
            channel = try await LineConnection.connect(host: host, port: port)
        } catch {
            return .failed("\(error)")
        }
        let session = Session()
        let screen = OperatorScreen()
        let input: RemoteChat.Input
        switch mode {
        case .interactive:
            input = RemoteChat.Input()
        case .script:
            input = RemoteChat.standardInput()
        }
        let style: ConsoleStyle
        if case .interactive = mode {
            style = ConsoleStyle(color: ProcessInfo.processInfo.environment["NO_COLOR"] == nil, width: min(Output.width, 120))
        } else {
            style = ConsoleStyle(color: false, width: 100)
        }
        let printer = Printer(mode: mode, screen: screen)
        let ending: Ending
        do {
            ending = try await channel.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Ending.self) { group in
                    group.addTask {
                        for try await buffer in inbound {
                            let line = LineConnection.text(buffer)
                            let (event, changed) = await session.receive(line)
                            await show(line, event: event, printer: printer, session: session, style: style)
                            if changed, case .interactive = mode, await session.state.login == .accepted {
                                let state = await session.state
                                screen.setPrompt(
                                    prompt(held: state.held, style: style), width: promptWidth(held: state.held))
                            }
                        }
                        if await session.quitting { return .finished }
                        let state = await session.state
                        if case .refused(let reason, let text) = state.login { return refusal(reason, text) }
                        return .failed("the server at \(host):\(port) closed the connection")
                    }
                    group.addTask {
                        try await converse(
                            outbound: outbound, input: input, session: session, screen: screen, printer: printer,
                            style: style)
                    }
                    let first = try await group.next() ?? .finished
                    group.cancelAll()
                    return first
                }
            }
        } catch {
            ending = .failed("the connection to \(host):\(port) failed: \(error)")
        }
        if case .interactive = mode { screen.stop() }
        return ending
    }

    /// The writer: the handshake, then the operator's lines.
    private func converse(
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, input: RemoteChat.Input, session: Session,
        screen: OperatorScreen, printer: Printer, style: ConsoleStyle
    ) async throws -> Ending {
        func send(_ line: String) async throws {
            await session.sending(line)
            try await outbound.write(LineConnection.line(line))
        }
        try await send("/json")
        try await send("/login \(name) \(token)")
        let deadline = ContinuousClock.now + Self.replyWait
        while await session.state.login == .pending {
            guard ContinuousClock.now < deadline else {
                return .failed("no reply to /login from \(host):\(port) within \(Self.replyWait)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        if case .refused(let reason, let text) = await session.state.login { return refusal(reason, text) }
        if case .interactive = mode {
            printer.show(style.dim("Connected to \(host):\(port) as \(name). Type help for the commands."))
            screen.setPrompt(prompt(held: nil, style: style), width: promptWidth(held: nil))
            screen.start(into: input)
            try await send("/queue")
        }
        while let typed = await input.next() {
            // Lockstep: a line is read once the lines before it have had their replies, so
            // that `take CODE` followed by a message sends the message to that ticket.
            try await waitForReplies(session)
            switch ConsoleInput.interpret(typed, holding: await session.state.held) {
            case .send(let line):
                try await send(line)
            case .show(let text):
                printer.note(text)
            case .nothing:
                break
            case .quit:
                await session.quit()
                try await send("/quit")
                try await waitForReplies(session)
                return .finished
            }
        }
        try await waitForReplies(session)
        return .finished
    }

    /// Waits, bounded, until every line sent has had its reply.
    private func waitForReplies(_ session: Session) async throws {
        let deadline = ContinuousClock.now + Self.replyWait
        while await !session.allAnswered, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Shows one line from the server as the mode wants it.
    private func show(_ line: String, event: ConsoleEvent, printer: Printer, session: Session, style: ConsoleStyle)
        async
    {
        let mask = await session.mask
        switch mode {
        case .script(json: true):
            if line.hasPrefix("{") { printer.show(mask.apply(line)) }
        default:
            // The handshake is the console's business: the switch to JSON is not shown, a
            // refused login or connection is the one line on standard error.
            if case .reply(let reply) = event, reply.command == "/json" || reply.command == "/login" { return }
            if case .greeting = event { return }
            if let text = ConsoleRenderer.render(event, style: style) { printer.show(mask.apply(text)) }
        }
    }

    private func refusal(_ reason: String, _ text: String) -> Ending {
        if reason == "server_refused" { return .failed("the server at \(host):\(port) refused the connection: \(text)") }
        return .failed("login refused (\(reason))" + (text.isEmpty ? "" : ": \(text)"))
    }

    /// `giulia> ` or `giulia [K7M-4QX]> `.
    private func prompt(held: String?, style: ConsoleStyle) -> String {
        style.cyan(name) + (held.map { " " + style.magenta("[\($0)]") } ?? "") + style.cyan("> ")
    }

    private func promptWidth(held: String?) -> Int {
        name.count + (held.map { $0.count + 3 } ?? 0) + 2
    }

    /// Where text for the operator goes: above the prompt on a terminal, else standard output.
    struct Printer: Sendable {
        let mode: Mode
        let screen: OperatorScreen

        func show(_ text: String) {
            if case .interactive = mode {
                screen.print(text)
            } else {
                Output.line(text)
            }
        }

        /// The console's own remarks (usage, help): on standard error with `--json`, so that
        /// standard output holds only the server's JSON lines.
        func note(_ text: String) {
            if case .script(json: true) = mode {
                Output.error(text)
            } else {
                show(text)
            }
        }
    }
}
