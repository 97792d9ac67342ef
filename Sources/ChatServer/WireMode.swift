import Dialogue

/// How a connection's output is written: text for people (`nc`, `telnet`), or JSON lines
/// for programs (after `/json`).
///
/// Text framing: every reply is its text followed by a line holding a single `.`; a line
/// of the body that starts with `.` or `!` gets one more `.` in front (dot-stuffing, as in
/// SMTP), so `.` alone always ends a block. A pushed event is a block whose first line
/// starts with `!`: `! notice shutdown: …` then `.`.
enum WireMode: Sendable, Hashable {
    case text
    case json

    /// The reply to the client's line number `seq`, ready to send (ends with LF). `extra`
    /// members (a ticket, the queue) go at the end of the JSON object; in text mode the
    /// reply's text already says what they hold.
    func render(_ reply: Reply, seq: Int, extra: [JSONValue.Member] = []) -> String {
        switch self {
        case .json:
            // Reply.json() is one object whose fields follow the contract; the event
            // fields go in front of them.
            var body = reply.json()
            if !extra.isEmpty {
                body.removeLast()
                body += ", "
                JSONValue.render(members: extra, into: &body)
                body += "}"
            }
            return "{\"type\": \"reply\", \"seq\": \(seq), " + body.dropFirst() + "\n"
        case .text:
            let english = reply.lang == "en"
            var parts: [String] = []
            if let title = reply.title { parts.append(title) }
            parts.append(reply.text)
            if !reply.sources.isEmpty {
                parts.append((english ? "Sources: " : "Fonti: ") + reply.sources.joined(separator: "; "))
            }
            if reply.outcome == .clarify && !reply.options.isEmpty {
                parts.append((english ? "Topics: " : "Argomenti: ") + reply.options.joined(separator: ", "))
            }
            return Self.block(parts.joined(separator: "\n\n"))
        }
    }

    /// A pushed event, ready to send (ends with LF).
    func render(_ event: ServerEvent) -> String {
        switch self {
        case .json:
            return "{\"type\": \(JSONString.quoted(event.kind.rawValue)), \"reason\": \(JSONString.quoted(event.reason)), "
                + "\"lang\": \(JSONString.quoted(event.lang)), \"text\": \(JSONString.quoted(event.text))}\n"
        case .text:
            // One line (event texts are short), then the end of the block.
            let text = event.text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "! \(event.kind.rawValue) \(event.reason): \(text)\n.\n"
        }
    }

    /// A pushed event (ticket, operator, user, queue), ready to send (ends with LF).
    func render(_ event: PushEvent) -> String {
        switch self {
        case .json:
            var output = "{\"type\": " + JSONString.quoted(event.kind)
            if !event.members.isEmpty {
                output += ", "
                JSONValue.render(members: event.members, into: &output)
            }
            return output + "}\n"
        case .text:
            // The `!` line opens the block (it is the only line of a block that may start with `!`).
            return "! \(event.kind) \(event.label):\n" + Self.block(event.text)
        }
    }

    /// `body` as a text-mode block: lines dot-stuffed, line breaks as LF, then the `.` line.
    static func block(_ body: String) -> String {
        var output = ""
        output.reserveCapacity(body.utf8.count + 8)
        // Any line break (LF, CRLF, CR, NEL, LS, PS) becomes LF.
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.hasPrefix(".") || line.hasPrefix("!") { output += "." }
            output += line
            output += "\n"
        }
        output += ".\n"
        return output
    }
}
