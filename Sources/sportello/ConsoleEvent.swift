/// One line from the server, read into what the console shows and tracks.
enum ConsoleEvent: Sendable, Equatable {
    /// The answer to one line the console sent.
    struct Reply: Sendable, Equatable {
        var seq: Int?
        /// The line it answers, as the server echoed it.
        var question: String
        var outcome: String
        var text: String
        var reason: String?
        /// The queue, in a reply to `/queue`.
        var tickets: [QueueEntry]?
        /// The full ticket, in a reply to `/take` or `/show`.
        var ticket: TicketCase?

        /// A `fallback` with a `reason` is a refusal (`login_failed`, `already_taken`,
        /// `not_logged_in`, `forbidden`…).
        var isError: Bool { outcome == "fallback" && reason != nil }

        /// The command word of the line it answers, lowercased (`/take`), or nil for text.
        var command: String? {
            let word = question.split(separator: " ", maxSplits: 1).first.map { $0.lowercased() }
            return word.flatMap { $0.hasPrefix("/") ? $0 : nil }
        }
    }

    /// The first line of a connection: `SPORTELLO sportello/1 ready: …` or `… error REASON: …`.
    case greeting(ready: Bool, text: String)
    case reply(Reply)
    /// A line the person wrote on the ticket `code` (redacted by the server).
    case user(code: String, text: String)
    /// The queue changed: `new_ticket` or `changed`.
    case queue(reason: String, code: String?, priority: TicketPriority?, area: String?)
    case notice(reason: String?, text: String)
    case error(reason: String?, text: String)
    /// A JSON event of a type this console does not know: ignored.
    case unknown(type: String?)
    /// A line that is not JSON (only the greeting is expected to be text).
    case text(String)

    /// Reads one line from the server.
    static func parse(_ line: String) -> ConsoleEvent {
        if line.hasPrefix("SPORTELLO ") {
            let words = line.split(separator: " ", maxSplits: 3)
            let ready = words.count > 2 && words[2].hasPrefix("ready")
            let text = line.firstIndex(of: ":").map { String(line[line.index(after: $0)...]).trimmed } ?? line
            return .greeting(ready: ready, text: text)
        }
        guard line.hasPrefix("{"), let json = ConsoleJSON.parse(line), json.object != nil else { return .text(line) }
        let type = json["type"]?.string
        let text = json["text"]?.string ?? ""
        switch type {
        case "reply":
            return .reply(
                Reply(
                    seq: json["seq"]?.number.map { Int($0) }, question: json["q"]?.string ?? "",
                    outcome: json["outcome"]?.string ?? "", text: text, reason: json["reason"]?.string,
                    tickets: json["tickets"]?.array.map { $0.compactMap(QueueEntry.init(json:)) },
                    ticket: json["ticket"].flatMap { TicketCase.isFull($0) ? TicketCase(json: $0) : nil }))
        case "user":
            guard let code = json["code"]?.string else { return .unknown(type: type) }
            return .user(code: code, text: text)
        case "queue":
            return .queue(
                reason: json["reason"]?.string ?? "changed", code: json["code"]?.string,
                priority: json["priority"].map { TicketPriority($0.string ?? $0.number.map { String(Int($0)) }) },
                area: json["area"]?.string)
        case "notice":
            return .notice(reason: json["reason"]?.string, text: text)
        case "error":
            return .error(reason: json["reason"]?.string, text: text)
        default:
            return .unknown(type: type)
        }
    }
}

extension String {
    /// Without white space at either end.
    var trimmed: String {
        var result = Substring(self)
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return String(result)
    }
}
