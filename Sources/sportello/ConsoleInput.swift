/// What the console does with a line the operator typed.
enum ConsoleAction: Sendable, Equatable {
    /// Send this protocol line to the server.
    case send(String)
    /// Show this text here; nothing goes to the server.
    case show(String)
    /// Say goodbye to the server (`/quit`) and end.
    case quit
    /// Nothing (an empty line).
    case nothing
}

/// Reads the console's commands. A line starting with `/` goes to the server as typed;
/// a console command becomes its slash command; any other line, while a ticket is held,
/// goes to that ticket's user with `/say`.
enum ConsoleInput {
    /// The console's commands, for `help`.
    static let help = """
        queue, q                 the queue (code, priority, area, reason, language, age, SLA, operator)
        take CODE                take a ticket and read its case sheet
        show [CODE]              a ticket's case sheet (the one you hold without CODE)
        any other line           to the user of the ticket you hold (also: say TEXT, /say TEXT)
        release                  give the ticket back to the queue
        close RESOLUTION…        close it with a short resolution
        attach CARD-ID           note the knowledge-base card that answered it
        kbgap [NOTE]             mark it as a gap in the knowledge base
        assign CODE NAME         give a ticket to an operator (supervisors)
        logout                   log out and stay connected
        help                     this list
        quit                     leave (Ctrl-D too)
        /command …               any protocol command, sent as typed
        """

    static func interpret(_ typed: String, holding: String?) -> ConsoleAction {
        let line = typed.trimmed
        guard !line.isEmpty else { return .nothing }
        if line.hasPrefix("/") {
            let word = line.split(separator: " ", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            switch word {
            case "/quit", "/esci", "/exit": return .quit
            case "/text": return .show("The console reads JSON replies only: /text is not sent.")
            default: return .send(line)
            }
        }
        let words = line.split(separator: " ").map(String.init)
        let command = words[0].lowercased()
        let arguments = Array(words.dropFirst())
        let rest = line.dropFirst(words[0].count).description.trimmed
        if let action = consoleCommand(command, arguments: arguments, rest: rest, holding: holding) {
            return action
        }
        if holding != nil {
            return .send("/say " + line)
        }
        if let usage = usage[command] {
            return .show("Usage: " + usage)
        }
        return .show("You are not holding a ticket: `take CODE` first, `queue` to see the queue (help for the commands).")
    }

    /// The usage line of each command, shown when its arguments do not fit.
    static let usage: [String: String] = [
        "queue": "queue", "q": "q", "take": "take CODE", "show": "show CODE", "release": "release",
        "close": "close RESOLUTION…", "attach": "attach CARD-ID", "kbgap": "kbgap [NOTE]",
        "assign": "assign CODE NAME", "logout": "logout", "help": "help", "quit": "quit", "say": "say TEXT",
    ]

    /// The action for a console command whose arguments fit; nil otherwise (then, while a
    /// ticket is held, the line is a message: "take care" is not `take`).
    private static func consoleCommand(_ command: String, arguments: [String], rest: String, holding: String?)
        -> ConsoleAction?
    {
        // While a ticket is held, "take care" is a message: a code has a digit or a hyphen.
        if holding != nil, ["take", "show", "assign"].contains(command), let code = arguments.first,
            !looksLikeCode(code)
        {
            return nil
        }
        switch (command, arguments.count) {
        case ("queue", _): return .send(rest.isEmpty ? "/queue" : "/queue " + rest)
        case ("q", 0): return .send("/queue")
        case ("take", 1): return .send("/take " + arguments[0].uppercased())
        case ("show", 1): return .send("/show " + arguments[0].uppercased())
        case ("show", 0): return holding.map { .send("/show " + $0) }
        case ("release", 0), ("handback", 0): return .send("/release")
        case ("close", 1...): return .send("/close " + rest)
        case ("attach", 1): return .send("/attach " + arguments[0])
        case ("kbgap", _): return .send(rest.isEmpty ? "/kbgap" : "/kbgap " + rest)
        case ("assign", 2): return .send("/assign " + arguments[0].uppercased() + " " + arguments[1])
        case ("logout", 0): return .send("/logout")
        case ("help", 0), ("?", 0): return .show(help)
        case ("quit", 0), ("exit", 0): return .quit
        case ("say", 1...): return .send("/say " + rest)
        default: return nil
        }
    }

    /// Whether a word can be a ticket code (`K7M-4QX`): letters, digits and hyphens, with
    /// at least one digit or hyphen.
    static func looksLikeCode(_ word: String) -> Bool {
        word.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
            && word.contains { $0.isNumber || $0 == "-" }
    }
}
