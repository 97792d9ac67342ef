import Knowledge
import TextAnalysis

/// One conversation: the engine's state plus the chat commands (`/help`, `/reset`,
/// `/lang`, `/quit`). Used by the embedded chat; every line gets exactly one reply.
public struct ChatSession: Sendable {
    public let engine: Engine
    public private(set) var state: ConversationState
    private let initial: ConversationState

    public init(engine: Engine, state: ConversationState = ConversationState()) {
        self.engine = engine
        self.state = state
        self.initial = state
    }

    /// The reply to one line, and whether the person asked to end the session.
    public mutating func handle(_ line: String, today: Day) -> (reply: Reply, quit: Bool) {
        let trimmed = line.trimmingSpaces
        guard trimmed.hasPrefix("/") else {
            let (reply, next) = engine.respond(to: line, state: state, today: today)
            state = next
            return (reply, false)
        }
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        let command = parts[0].lowercased()
        let argument = parts.count > 1 ? parts[1].trimmingSpaces : ""
        let english = (state.language ?? .it) == .en
        func note(_ it: String, _ en: String, outcome: Outcome = .smalltalk, reason: String? = nil) -> Reply {
            Reply(
                q: trimmed, outcome: outcome, lang: (state.language ?? .it).rawValue, text: english ? en : it,
                asOf: today, reason: reason)
        }
        switch command {
        case "/help", "/aiuto":
            return (note(ChatSession.helpIt, ChatSession.helpEn), false)
        case "/reset":
            state = initial
            return (note("Conversazione ricominciata da capo.", "The conversation starts afresh."), false)
        case "/lang":
            guard let language = Language(rawValue: argument.lowercased()) else {
                return (note("Uso: /lang it oppure /lang en", "Usage: /lang it or /lang en", outcome: .fallback, reason: "bad_command"), false)
            }
            state.language = language
            state.languageFixed = true
            return (
                Reply(
                    q: trimmed, outcome: .smalltalk, lang: language.rawValue,
                    text: language == .en ? "I'll answer in English." : "Risponderò in italiano.", asOf: today), false
            )
        case "/quit", "/esci", "/exit":
            return (note("Arrivederci!", "Goodbye!"), true)
        case "/operatore", "/operator":
            return (
                note(
                    "La richiesta di un operatore sarà disponibile collegandosi al server dello sportello (sportello chat --connect). Nel frattempo puoi rivolgerti ai canali ufficiali indicati nelle risposte.",
                    "Asking for an operator works when connected to the desk's server (sportello chat --connect). Meanwhile you can use the official channels given in the answers.",
                    outcome: .escalate, reason: "operator_requested"), false
            )
        default:
            return (
                note(
                    "Comando sconosciuto \(command). Scrivi /help per l'elenco dei comandi.",
                    "Unknown command \(command). Write /help for the list of commands.", outcome: .fallback,
                    reason: "unknown_command"), false
            )
        }
    }

    static let helpIt = """
        Scrivi la tua domanda in italiano o in inglese, per esempio «quanto dura il congedo di paternità?».
        Comandi: /help questo aiuto · /reset ricomincia · /lang it|en lingua delle risposte · /operatore parla con una persona · /quit esci
        """
    static let helpEn = """
        Write your question in English or Italian, for example "how long is paternity leave?".
        Commands: /help this help · /reset start again · /lang it|en answer language · /operatore talk to a person · /quit leave
        """
}

extension String {
    var trimmingSpaces: String {
        var result = Substring(self)
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return String(result)
    }
}
