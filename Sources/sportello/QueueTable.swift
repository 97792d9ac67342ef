/// The queue as an aligned table, one ticket a line.
enum QueueTable {
    static let headers = ["CODE", "PRIORITY", "STATUS", "AREA", "REASON", "LANG", "AGE", "SLA", "ASSIGNED"]

    /// The table; colours (when the style has them) never change the alignment.
    static func render(_ entries: [QueueEntry], style: ConsoleStyle) -> String {
        guard !entries.isEmpty else { return "The queue is empty." }
        let rows: [[String]] = entries.map { entry in
            [
                entry.code, entry.priority.name, entry.status, entry.area ?? "—", entry.reason ?? "—",
                entry.lang ?? "—", AgeText.format(seconds: entry.ageSeconds), entry.sla.text, entry.assignedTo ?? "—",
            ]
        }
        var widths = headers.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        let ageColumn = 6
        func line(_ cells: [String], paint: (Int, String) -> String) -> String {
            var parts: [String] = []
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let last = column == cells.count - 1
                let padded =
                    column == ageColumn ? padding + paint(column, cell) : paint(column, cell) + (last ? "" : padding)
                parts.append(padded)
            }
            return parts.joined(separator: "  ")
        }
        var lines = [style.dim(line(headers) { $1 })]
        for (entry, row) in zip(entries, rows) {
            lines.append(
                line(row) { column, cell in
                    switch column {
                    case 0: return style.bold(cell)
                    case 1:
                        switch entry.priority {
                        case .urgent: return style.boldRed(cell)
                        case .high: return style.yellow(cell)
                        default: return cell
                        }
                    case 7:
                        switch entry.sla {
                        case .breached: return style.boldRed(cell)
                        case .left: return style.yellow(cell)
                        case .ok: return style.green(cell)
                        }
                    default: return cell
                    }
                })
        }
        let waiting = entries.filter { $0.status == "queued" }.count
        let breached = entries.filter { $0.sla == .breached }.count
        var summary = style.dim("\(entries.count) ticket\(entries.count == 1 ? "" : "s"), \(waiting) waiting")
        if breached > 0 { summary += style.dim(", ") + style.boldRed("\(breached) past the SLA") }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }
}
