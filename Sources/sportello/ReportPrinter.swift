import Desk
import Foundation

/// The editors' report as text for a person: a summary, then one section per list, with
/// counts right-aligned in a column.
struct ReportPrinter {
    let report: DeskReport
    let database: String
    /// Questions and comments longer than this are cut with "…".
    var textWidth = 72

    var text: String {
        var lines = header()
        lines += section("Unanswered questions", note: groupNote(report.unanswered, of: report.totals.unanswered)) {
            groups(report.unanswered)
        }
        lines += section(
            "Low-confidence answers",
            note: "score below \(String(format: "%.2f", report.lowConfidenceThreshold)); "
                + groupNote(report.lowConfidence, of: report.totals.lowConfidence)
        ) { groups(report.lowConfidence, answered: true) }
        lines += section("Worst-rated cards", note: "feedback, lowest net rating first") { cards() }
        lines += section("Escalation reasons") { escalations() }
        lines += section("SLA breaches", note: slaNote()) { breaches() }
        lines += section("Knowledge-base gaps", note: "tickets marked with /kbgap") { gaps() }
        lines += section("Top topics by week", note: "answers, ISO weeks in UTC") { weeks() }
        return lines.joined(separator: "\n")
    }

    private func header() -> [String] {
        let totals = report.totals
        let period = report.since.map { "since \(Self.day($0))" } ?? "everything stored"
        return [
            "Sportello report — \(period) (made \(Self.minute(report.generatedAt)))",
            "database \(database)",
            "",
            "  \(totals.turns) turns, \(totals.answers) answered by a card, \(totals.unanswered) unanswered, "
                + "\(totals.lowConfidence) low-confidence, \(totals.escalations) escalated",
            "  feedback: \(totals.positiveFeedback) positive, \(totals.negativeFeedback) negative; "
                + "tickets: \(totals.tickets), \(totals.slaBreaches) past their SLA",
        ]
    }

    private func section(_ title: String, note: String? = nil, _ body: () -> [String]) -> [String] {
        let heading = note.map { "\(title) (\($0))" } ?? title
        let content = body()
        return ["", heading, String(repeating: "─", count: min(heading.count, textWidth))]
            + (content.isEmpty ? ["  (none)"] : content)
    }

    private func groupNote(_ groups: [DeskReport.QuestionGroup], of total: Int) -> String {
        let grouped = groups.reduce(0) { $0 + $1.count }
        return grouped == total
            ? "\(total) in \(groups.count) group\(groups.count == 1 ? "" : "s")"
            : "\(total), the \(groups.count) largest groups shown"
    }

    private func groups(_ groups: [DeskReport.QuestionGroup], answered: Bool = false) -> [String] {
        let width = Self.width(groups.map(\.count))
        var lines: [String] = []
        for group in groups {
            let topic = group.topic.map { answered ? "  → \($0)" : "  [\($0)]" } ?? ""
            lines.append("  \(Self.pad(group.count, width))  \(cut(group.representative))\(topic)")
            for example in group.examples {
                lines.append("  \(String(repeating: " ", count: width))    · \(cut(example))")
            }
        }
        return lines
    }

    private func cards() -> [String] {
        guard !report.worstRatedCards.isEmpty else { return [] }
        let rows = report.worstRatedCards
        let width = max(Self.width(rows.flatMap { [$0.net, $0.positive, $0.negative] }), 3)
        var lines = ["  \(Self.pad("net", width))  \(Self.pad("+", width))  \(Self.pad("−", width))  card"]
        for row in rows {
            let card = row.card ?? "(no card)"
            let topic = row.topic.map { $0 == card ? "" : "  [\($0)]" } ?? ""
            lines.append(
                "  \(Self.pad(row.net, width))  \(Self.pad(row.positive, width))  \(Self.pad(row.negative, width))  \(card)\(topic)"
            )
            for comment in row.comments.prefix(3) {
                lines.append("  \(String(repeating: " ", count: 3 * width + 4))  − \"\(cut(comment))\"")
            }
            if row.comments.count > 3 {
                lines.append("  \(String(repeating: " ", count: 3 * width + 4))    (\(row.comments.count - 3) more)")
            }
        }
        return lines
    }

    private func escalations() -> [String] {
        let tickets = report.escalations.tickets
        let turns = report.escalations.turns
        guard !tickets.isEmpty || !turns.isEmpty else { return [] }
        let width = Self.width((tickets + turns).map(\.count))
        let nameWidth = max((tickets + turns).map(\.reason.count).max() ?? 0, 10)
        func rows(_ title: String, _ counts: [DeskReport.ReasonCount]) -> [String] {
            ["  \(title)"]
                + (counts.isEmpty
                    ? ["    (none)"]
                    : counts.map { "    \($0.reason.padding(toLength: nameWidth, withPad: " ", startingAt: 0))  \(Self.pad($0.count, width))" })
        }
        return rows("tickets opened", tickets) + rows("escalated turns", turns)
    }

    private func slaNote() -> String {
        let order = ["urgent", "high", "normal"]
        let known = order.compactMap { name in report.slaMinutes[name].map { "\(name) \(Self.duration($0))" } }
        return "first response within " + known.joined(separator: ", ")
    }

    private func breaches() -> [String] {
        let rows = report.slaBreaches
        let codeWidth = rows.map(\.code.count).max() ?? 0
        var lines = rows.map { breach in
            let waited = breach.firstResponseAt == nil
                ? "still waiting after \(Self.duration(breach.waitedMinutes))"
                : "first answer after \(Self.duration(breach.waitedMinutes))"
            let who = breach.assignedTo.map { ", \($0)" } ?? ""
            return "  \(breach.code.padding(toLength: codeWidth, withPad: " ", startingAt: 0))  "
                + "\(breach.priority.padding(toLength: 6, withPad: " ", startingAt: 0))  \(waited) "
                + "(SLA \(Self.duration(breach.slaMinutes))) — \(breach.reason), \(breach.topic ?? "no topic"), \(breach.status)\(who)"
        }
        if report.totals.slaBreaches > rows.count {
            lines.append("  … and \(report.totals.slaBreaches - rows.count) more")
        }
        return lines
    }

    private func gaps() -> [String] {
        let codeWidth = report.knowledgeGaps.map(\.code.count).max() ?? 0
        return report.knowledgeGaps.flatMap { gap in
            var lines = [
                "  \(gap.code.padding(toLength: codeWidth, withPad: " ", startingAt: 0))  \(Self.day(gap.createdAt))  "
                    + "\(gap.topic ?? "no topic")"
                    + (gap.attachedCards.isEmpty ? "" : "  cards: \(gap.attachedCards.joined(separator: ", "))")
            ]
            let indent = String(repeating: " ", count: codeWidth + 4)
            lines.append("\(indent)\(gap.resolution.map { "resolution: \($0)" } ?? "(still open)")")
            return lines
        }
    }

    private func weeks() -> [String] {
        let width = Self.width(report.topTopicsByWeek.flatMap { $0.topics.map(\.count) })
        return report.topTopicsByWeek.flatMap { week in
            ["  \(week.week)  \(week.answers) answer\(week.answers == 1 ? "" : "s")"]
                + week.topics.map { "    \(Self.pad($0.count, width))  \($0.topic)" }
        }
    }

    // MARK: - Formatting

    private func cut(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= textWidth ? flat : String(flat.prefix(textWidth - 1)) + "…"
    }

    private static func width(_ numbers: [Int]) -> Int { numbers.map { String($0).count }.max() ?? 1 }

    private static func pad(_ number: Int, _ width: Int) -> String { pad(String(number), width) }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(width - text.count, 0)) + text
    }

    /// "45 min", "2 h", "3 h 20 min", "2 d 4 h".
    static func duration(_ minutes: Int) -> String {
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 24 * 60 {
            return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
        }
        let hours = (minutes % (24 * 60)) / 60
        return hours == 0 ? "\(minutes / (24 * 60)) d" : "\(minutes / (24 * 60)) d \(hours) h"
    }

    /// The local day, YYYY-MM-DD.
    private static func day(_ date: Date) -> String {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The local time, YYYY-MM-DD HH:MM.
    private static func minute(_ date: Date) -> String {
        let parts = Calendar.current.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }
}
