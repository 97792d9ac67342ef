import Foundation

/// A taken ticket as a readable sheet: who, what, the facts the desk already has and the
/// conversation so far, so that the operator never asks again.
enum CaseSheet {
    static func render(_ ticket: TicketCase, style: ConsoleStyle) -> String {
        var lines: [String] = []
        var heading = [style.bold(ticket.code), priority(ticket.priority, style: style)]
        if let status = ticket.status { heading.append(status) }
        lines.append(heading.joined(separator: "  "))
        let details: [(String, String?)] = [
            ("area", ticket.area), ("reason", ticket.reason), ("lang", ticket.lang), ("topic", ticket.topic),
            ("card", ticket.card),
        ]
        let known = details.compactMap { label, value in value.map { "\(label): \($0)" } }
        if !known.isEmpty { lines.append(wrapped(known.joined(separator: " · "), label: "", style: style)) }
        if let connected = ticket.userConnected {
            lines.append(
                "  user: " + (connected ? style.green("connected") : style.yellow("not connected (messages wait for them)")))
        }
        lines.append("")
        lines.append(style.bold("Facts"))
        if ticket.facts.isEmpty {
            lines.append(style.dim("  none collected"))
        } else {
            let width = ticket.facts.map(\.key.count).max() ?? 0
            for fact in ticket.facts {
                let label = fact.key + ":" + String(repeating: " ", count: width - fact.key.count)
                lines.append(wrapped(fact.value, label: label, style: style))
            }
        }
        lines.append("")
        lines.append(style.bold("Conversation with the desk"))
        if ticket.excerpt.isEmpty {
            lines.append(style.dim("  no excerpt"))
        } else {
            for line in ticket.excerpt {
                let user = line.who == "user"
                let label = user ? style.cyan("utente:   ") : style.dim("sportello:")
                lines.append(wrapped(line.text, label: label, labelWidth: 10, style: style))
            }
        }
        if !ticket.messages.isEmpty {
            lines.append("")
            lines.append(style.bold("Messages"))
            let names = ticket.messages.map { speaker($0) }
            let width = names.map(\.count).max() ?? 0
            for (message, name) in zip(ticket.messages, names) {
                let time = message.time.flatMap { clock($0, style: style) }.map { $0 + " " } ?? ""
                let padded = name + ":" + String(repeating: " ", count: width - name.count)
                let label = style.dim(time) + (message.author == "user" ? style.cyan(padded) : padded)
                lines.append(wrapped(message.text, label: label, labelWidth: time.count + padded.count, style: style))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The priority word, urgent in bold red and high in yellow when colours are on.
    static func priority(_ priority: TicketPriority, style: ConsoleStyle) -> String {
        switch priority {
        case .urgent: style.boldRed(priority.name.uppercased())
        case .high: style.yellow(priority.name)
        default: priority.name
        }
    }

    /// Who wrote a message: `utente`, the operator's name, or `sistema`.
    static func speaker(_ message: TicketCase.Message) -> String {
        switch message.author {
        case "user": "utente"
        case "operator": message.operatorName ?? "operatore"
        default: "sistema"
        }
    }

    /// `HH:mm` in the style's time zone, from ISO 8601 text or seconds since 1970.
    static func clock(_ time: ConsoleJSON, style: ConsoleStyle) -> String? {
        let date: Date
        if let seconds = time.number {
            date = Date(timeIntervalSince1970: seconds)
        } else if let text = time.string {
            let parser = ISO8601DateFormatter()
            parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let parsed = parser.date(from: text) {
                date = parsed
            } else {
                parser.formatOptions = [.withInternetDateTime]
                guard let parsed = parser.date(from: text) else { return text }
                date = parsed
            }
        } else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = style.timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// `  label text…` (`margin` first), the text wrapped with its following lines under its first word.
    static func wrapped(
        _ text: String, label: String, labelWidth: Int? = nil, margin: String = "  ", style: ConsoleStyle
    ) -> String {
        let visible = labelWidth ?? label.count
        let indent = margin + String(repeating: " ", count: visible + (visible > 0 ? 1 : 0))
        let body = TextWrapper.wrap(text, width: max(20, style.width - indent.count))
        let bodyLines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var result: [String] = []
        for (index, line) in bodyLines.enumerated() {
            if index == 0 {
                result.append(margin + (visible > 0 ? label + " " : "") + line)
            } else {
                result.append(line.isEmpty ? "" : indent + line)
            }
        }
        return result.joined(separator: "\n")
    }
}
