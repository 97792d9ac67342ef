/// Wraps text for a terminal, keeping paragraphs and list items.
enum TextWrapper {
    static func wrap(_ text: String, width: Int, indent: String = "") -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let raw = String(paragraph).replacingMarkdownBold()
            if raw.trimmingSpaces().isEmpty {
                lines.append("")
                continue
            }
            let isItem = raw.hasPrefix("- ") || raw.hasPrefix("* ")
            let hanging = isItem ? indent + "  " : indent
            var current = indent
            for word in raw.split(separator: " ") {
                let candidate = current.trimmingSpaces().isEmpty ? current + word : current + " " + word
                if candidate.count > width && !current.trimmingSpaces().isEmpty {
                    lines.append(current)
                    current = hanging + word
                } else {
                    current = candidate
                }
            }
            lines.append(current)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingMarkdownBold() -> String {
        split(separator: "**", omittingEmptySubsequences: false).joined()
    }

    fileprivate func trimmingSpaces() -> Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? endIndex
        return start < end ? self[start..<end] : ""
    }
}
