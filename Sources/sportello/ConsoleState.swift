/// What the console knows of its session, from the replies: whether the login went
/// through and which ticket the operator is holding (so that plain lines go to its user).
struct ConsoleState: Sendable, Equatable {
    /// Where the login stands.
    enum Login: Sendable, Equatable {
        case pending
        case accepted
        /// Refused: the reason and the server's text.
        case refused(reason: String, text: String)
    }

    var login: Login = .pending
    /// The code of the ticket taken last and not yet released or closed.
    var held: String?

    /// Takes note of one event; returns whether `login` or `held` changed.
    @discardableResult
    mutating func apply(_ event: ConsoleEvent) -> Bool {
        let before = self
        switch event {
        case .greeting(ready: false, let text):
            if login == .pending { login = .refused(reason: "server_refused", text: text) }
        case .reply(let reply):
            apply(reply)
        default:
            break
        }
        return before != self
    }

    private mutating func apply(_ reply: ConsoleEvent.Reply) {
        let failed = reply.outcome == "fallback"
        switch reply.command {
        case "/login":
            if failed {
                login = .refused(reason: reply.reason ?? "login_failed", text: reply.text)
            } else {
                login = .accepted
            }
        case "/logout":
            if !failed {
                login = .pending
                held = nil
            }
        case "/take":
            if !failed {
                held = reply.ticket?.code ?? Self.argument(of: reply.question) ?? held
            }
        case "/release", "/handback", "/close":
            if !failed { held = nil }
        default:
            break
        }
    }

    private static func argument(of line: String) -> String? {
        let words = line.split(separator: " ")
        return words.count > 1 ? String(words[1]).uppercased() : nil
    }
}
