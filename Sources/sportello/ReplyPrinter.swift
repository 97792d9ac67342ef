import Dialogue

/// Renders a reply for a person on a terminal.
enum ReplyPrinter {
    static func render(_ reply: Reply, width: Int, color: Bool) -> String {
        let bold = color ? "\u{1B}[1m" : ""
        let dim = color ? "\u{1B}[2m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        let english = reply.lang == "en"
        var parts: [String] = []
        if let title = reply.title { parts.append(bold + TextWrapper.wrap(title, width: width) + reset) }
        parts.append(TextWrapper.wrap(reply.text, width: width))
        if !reply.sources.isEmpty {
            parts.append(
                dim + TextWrapper.wrap((english ? "Sources: " : "Fonti: ") + reply.sources.joined(separator: "; "), width: width)
                    + reset)
        }
        if reply.outcome == .clarify && !reply.options.isEmpty {
            parts.append(dim + (english ? "Topics: " : "Argomenti: ") + reply.options.joined(separator: ", ") + reset)
        }
        return parts.joined(separator: "\n\n")
    }
}
