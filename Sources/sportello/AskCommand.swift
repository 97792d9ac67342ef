import ArgumentParser
import Dialogue
import Knowledge
import TextAnalysis

/// `sportello ask`: one question, or one per line of standard input, each a fresh session.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer questions: the arguments as one question, or standard input one per line.",
        discussion: "With --json, prints one JSON object per question (the contract of docs/ARCHITECTURE.md): q outcome topic card score lang text sources options."
    )

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "One JSON object per line.")
    var json = false

    @Option(name: .long, help: "Answer in this language (it or en) instead of guessing it.")
    var lang: String?

    @Flag(name: .long, help: "Also print how the question was analysed and the best matches (for editors).")
    var explain = false

    @Argument(help: "The question (if absent, questions are read from standard input, one per line).")
    var question: [String] = []

    func run() throws {
        let (engine, _) = try common.engine()
        let today = try common.day()
        let fixed = try lang.map { value -> Language in
            guard let language = Language(rawValue: value) else { throw ValidationError("--lang must be it or en") }
            return language
        }
        let fresh = ConversationState(language: fixed, languageFixed: fixed != nil)
        let width = min(Output.width, 100)
        func emit(_ reply: Reply) {
            if json {
                Output.line(reply.json(), flush: true)
            } else {
                Output.line(ReplyPrinter.render(reply, width: width, color: Output.isTerminal) + "\n", flush: true)
            }
        }
        if !question.isEmpty {
            let text = question.joined(separator: " ")
            if explain { Output.line(Explainer.explain(text, engine: engine)) }
            emit(engine.respond(to: text, state: fresh, today: today).0)
            return
        }
        var reader = LineReader()
        while let line = reader.next() {
            emit(InputLine.reply(for: line, engine: engine, state: fresh, today: today).0)
        }
    }
}

/// Turns one line of input into a reply, with a clear error for bad bytes.
enum InputLine {
    static func reply(for line: LineReader.Line, engine: Engine, state: ConversationState, today: Day)
        -> (Reply, ConversationState)
    {
        let language = state.language ?? .it
        switch line {
        case .text(let text):
            return engine.respond(to: text, state: state, today: today)
        case .invalidUTF8(let repaired):
            return (
                Reply(
                    q: repaired, outcome: .fallback, lang: language.rawValue,
                    text: language == .en
                        ? "This line is not valid UTF-8 text, so it was not read. Please write it again."
                        : "Questa riga non è testo UTF-8 valido e non è stata letta. Per favore riscrivila.",
                    asOf: today, reason: "invalid_utf8"), state
            )
        case .tooLong(let prefix, let bytes):
            return (
                Reply(
                    q: prefix + "…", outcome: .fallback, lang: language.rawValue,
                    text: language == .en
                        ? "This message is too long (\(bytes) bytes): please ask in a few lines."
                        : "Il messaggio è troppo lungo (\(bytes) byte): per favore scrivi la domanda in poche righe.",
                    asOf: today, reason: "line_too_long"), state
            )
        }
    }
}
