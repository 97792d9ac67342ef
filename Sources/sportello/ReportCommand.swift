import ArgumentParser
import Desk
import Dialogue
import Foundation
import TextAnalysis

/// `sportello report`: what the desk could not answer, the worst-rated cards, escalations,
/// SLA breaches, knowledge gaps and top topics, from the desk database (see docs/REPORT.md).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The editors' report from the desk database: unanswered questions, worst-rated cards, escalations, SLA breaches.")

    @Option(name: .long, help: "The desk's SQLite file (default: $SPORTELLO_DATABASE, else .sportello/desk.sqlite under the project root).")
    var database: String?

    @Option(name: .long, help: "Project folder, to find the default database (default: found from the current folder or $SPORTELLO_ROOT).")
    var root: String?

    @Flag(name: .long, help: "One JSON object (snake_case keys, ISO 8601 dates) instead of text.")
    var json = false

    @Option(name: .long, help: "Only what happened from this day on (YYYY-MM-DD, local time).")
    var since: String?

    @Option(name: .long, help: "Answers scored below this are listed as low confidence (0…1).")
    var lowConfidence: Double = 0.5

    @Option(name: .long, help: "The most entries per list.")
    var top: Int = 10

    @Option(name: .long, help: "First-response SLA in minutes, e.g. urgent=15,high=60,normal=480.")
    var sla: String?

    func validate() throws {
        guard (0...1).contains(lowConfidence) else {
            throw ValidationError("--low-confidence must be between 0 and 1, got \(lowConfidence)")
        }
        guard top >= 1 else { throw ValidationError("--top must be at least 1, got \(top)") }
        _ = try sinceDate()
        _ = try slaMinutes()
    }

    func run() async throws {
        let path = try databasePath()
        guard FileManager.default.fileExists(atPath: path) else {
            Output.error(
                "sportello: no desk database at \(path): give the server's database file with --database (sportello-server creates it when it first starts)")
            throw ExitCode(1)
        }
        let report: DeskReport
        do {
            let store = try SQLiteDeskStore(path: path)
            report = try await store.report(
                DeskReport.Options(since: try sinceDate(), lowConfidence: lowConfidence, slaMinutes: try slaMinutes(), top: top))
        } catch {
            Output.error("sportello: cannot read the report from \(path): \(error)")
            throw ExitCode(1)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.dateEncodingStrategy = .iso8601
            Output.line(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            Output.line(ReportPrinter(report: report, database: path).text, flush: true)
        }
    }

    /// `--database`, else `SPORTELLO_DATABASE`, else `.sportello/desk.sqlite` under the project root.
    func databasePath() throws -> String {
        let current = FileManager.default.currentDirectoryPath
        if let path = database ?? ProcessInfo.processInfo.environment["SPORTELLO_DATABASE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return path.hasPrefix("/") ? path : URL(fileURLWithPath: current).appendingPathComponent(path).standardizedFileURL.path
        }
        guard let layout = ProjectLayout.locate(explicit: root) else {
            throw ValidationError(
                "cannot find the Sportello project to look for .sportello/desk.sqlite: give the database with --database (or the project with --root)")
        }
        return layout.root.appendingPathComponent(".sportello/desk.sqlite").path
    }

    /// `--since` as the start of that day in the local time zone.
    func sinceDate() throws -> Date? {
        guard let since else { return nil }
        guard let day = Day(iso: since),
            let date = Calendar.current.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
        else { throw ValidationError("--since must be a real date YYYY-MM-DD, got \(since)") }
        return date
    }

    /// `--sla urgent=15,high=60,normal=480` (priorities not named keep their default).
    func slaMinutes() throws -> [Int: Int] {
        var minutes = DeskReport.Options.defaultSLAMinutes
        guard let sla else { return minutes }
        let names = ["urgent": 0, "high": 1, "normal": 2]
        for pair in sla.split(separator: ",") {
            let parts = pair.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let priority = names[parts[0].lowercased()], let value = Int(parts[1]), value > 0
            else {
                throw ValidationError("--sla must look like urgent=15,high=60,normal=480 (minutes > 0), got \(sla)")
            }
            minutes[priority] = value
        }
        return minutes
    }
}
