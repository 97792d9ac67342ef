import ArgumentParser
import Dialogue
import Knowledge

/// `sportello chat`: the desk in a terminal, with the shipped knowledge base and no server.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat with the desk (embedded engine, shipped knowledge base).",
        discussion: "With --json, every line of standard input is a turn of ONE session and gets one JSON reply."
    )

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "One JSON reply per input line (all lines are one conversation).")
    var json = false

    @Option(name: .long, help: "Chat with a sportello-server at host:port instead of the embedded desk.")
    var connect: String?

    func run() async throws {
        if let connect {
            do {
                try await RemoteChat(address: connect, json: json).run()
            } catch {
                Output.error("sportello: \(error)")
                throw ExitCode(2)
            }
            return
        }
        try runEmbedded()
    }

    func runEmbedded() throws {
        let (engine, _) = try common.engine()
        let today = try common.day()
        var session = ChatSession(engine: engine)
        let interactive = !json && Output.isTerminal
        let width = min(Output.width, 100)
        if interactive {
            Output.line(
                "\u{1B}[1mSportello\u{1B}[0m — conciliazione vita-lavoro, Città metropolitana di Milano. Scrivi la tua domanda (/help per i comandi, /quit per uscire).\n")
        }
        var reader = LineReader()
        while true {
            if interactive {
                Output.prompt("\u{1B}[36mtu>\u{1B}[0m ")
            }
            guard let line = reader.next() else { break }
            let reply: Reply
            var quit = false
            switch line {
            case .text(let text):
                if !json && text.trimmingCharacters().isEmpty { continue }
                (reply, quit) = session.handle(text, today: today)
            default:
                reply = InputLine.reply(for: line, engine: engine, state: session.state, today: today).0
            }
            if json {
                Output.line(reply.json(), flush: true)
            } else {
                Output.line(ReplyPrinter.render(reply, width: width, color: interactive) + "\n", flush: true)
            }
            if quit { break }
        }
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var result = Substring(self)
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return String(result)
    }
}
