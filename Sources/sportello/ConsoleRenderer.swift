/// Turns what the server sent into the text the operator reads (nil: nothing to show).
enum ConsoleRenderer {
    static func render(_ event: ConsoleEvent, style: ConsoleStyle) -> String? {
        switch event {
        case .greeting(let ready, let text):
            return ready ? nil : style.red("✗ the server refused the connection: ") + text
        case .reply(let reply):
            return render(reply, style: style)
        case .user(let code, let text):
            let label = style.magenta("[\(code)]") + " " + style.cyan("utente:")
            return CaseSheet.wrapped(text, label: label, labelWidth: code.count + 10, margin: "", style: style)
        case .queue(let reason, let code, let priority, let area):
            var details: [String] = []
            if let priority { details.append(CaseSheet.priority(priority, style: style)) }
            if let area { details.append(area) }
            let what = [code.map { style.bold($0) }, details.isEmpty ? nil : "(" + details.joined(separator: ", ") + ")"]
                .compactMap { $0 }.joined(separator: " ")
            switch reason {
            case "new_ticket": return style.yellow("▸ new ticket") + (what.isEmpty ? "" : " " + what)
            default: return style.dim("▸ queue changed") + (what.isEmpty ? "" : ": " + what)
            }
        case .notice(let reason, let text):
            return style.yellow("! notice" + (reason.map { " " + $0 } ?? "") + ":") + " " + text
        case .error(let reason, let text):
            return style.boldRed("! error" + (reason.map { " " + $0 } ?? "") + ":") + " " + text
        case .unknown, .text:
            return nil
        }
    }

    /// A reply: a refusal as one error line, otherwise its text and then the queue table or
    /// the case sheet it carries.
    static func render(_ reply: ConsoleEvent.Reply, style: ConsoleStyle) -> String? {
        if reply.isError {
            return style.boldRed("✗ \(reply.reason ?? "error"):") + " " + reply.text
        }
        var parts: [String] = []
        if let tickets = reply.tickets {
            // The table says what the server's text says, better aligned.
            parts.append(QueueTable.render(tickets, style: style))
        } else if let ticket = reply.ticket {
            // The server's text is the same case sheet in plain lines: keep only its
            // first line when it is a message ("Hai preso K7M-4QX.").
            if let first = reply.text.split(separator: "\n").first, !first.hasPrefix(ticket.code) {
                parts.append(TextWrapper.wrap(String(first), width: style.width))
            }
            parts.append(CaseSheet.render(ticket, style: style))
        } else if !reply.text.isEmpty {
            parts.append(TextWrapper.wrap(reply.text, width: style.width))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }
}
