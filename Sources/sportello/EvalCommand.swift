import ArgumentParser
import Dialogue
import Foundation
import Knowledge

/// `sportello eval FILE`: accuracy per area, confusions and misses on a question set.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score the desk on a question file (JSON lines: {\"q\": …, \"expect\": topic or outcome, \"accept\": […]}).")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The question file.")
    var file: String

    @Option(name: .long, help: "Fail (exit 1) below this top-1 accuracy.")
    var minAccuracy: Double = 0.95
    @Option(name: .long, help: "Fail above this rate of wrong confident answers.")
    var maxWrong: Double = 0.02
    @Option(name: .long, help: "Fail below this rate of recognised out-of-scope questions.")
    var minOutOfScope: Double = 0.95
    @Flag(name: .long, help: "Do not list the misses.")
    var quiet = false
    @Option(name: .long, help: "Write the ranking features of every question to this TSV file (for tuning).")
    var features: String?

    func run() throws {
        let (engine, _) = try common.engine()
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let items: [EvaluationItem]
        do { items = try Evaluation.load(jsonl: text) } catch { throw ValidationError("\(file): \(error)") }
        let report = Evaluation.run(items, engine: engine, today: try common.day())
        if let features {
            var rows = ["q\texpect\ttop\tsecond\tcoverage\tquestion\tscore1\tscore2\tconfidence\twords\tunknown\tprob"]
            for item in items {
                let result = engine.retriever.search(item.q, limit: 5)
                let first = result.matches.first
                let second = result.matches.dropFirst().first
                rows.append([
                    item.q.replacingOccurrences(of: "\t", with: " "), item.expect, first?.topic ?? "-", second?.topic ?? "-",
                    String(first?.coverage ?? 0), String(first?.questionSimilarity ?? 0), String(first?.score ?? 0),
                    String(second?.score ?? 0), String(result.confidence), String(result.analysis.contentWordCount),
                    String(result.analysis.unknown.count), String(first?.probability ?? 0),
                ].joined(separator: "\t"))
            }
            try rows.joined(separator: "\n").write(toFile: features, atomically: true, encoding: .utf8)
        }
        if !quiet {
            for miss in report.misses {
                let got = miss.outcome == "answer" ? "answered \(miss.topic ?? "?")"
                    : miss.outcome == "clarify" ? "clarify \(miss.options.joined(separator: ","))" : miss.outcome
                Output.line("MISS  \(miss.question.prefix(90)) — expected \(miss.expected), \(got)")
            }
            Output.line("")
        }
        Output.line("area                       questions  correct")
        for (area, bucket) in report.perArea.sorted(by: { $0.key < $1.key }) {
            Output.line(area.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: " %9d  %5.1f%%", bucket.total, 100 * Double(bucket.correct) / Double(max(bucket.total, 1))))
        }
        if !report.confusions.isEmpty {
            Output.line("")
            Output.line("confusions (expected → answered):")
            for (pair, count) in report.confusions.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
                Output.line("  \(count)× \(pair)")
            }
        }
        Output.line("")
        let passed = report.accuracy >= minAccuracy && report.wrongRate <= maxWrong && report.outOfScopeRate >= minOutOfScope
        Output.line(String(
            format: "accuracy %.3f wrong %.3f oos %.3f (in-scope %d/%d, clarify %d, out-of-scope %d/%d; bars %.2f/%.2f/%.2f)",
            report.accuracy, report.wrongRate, report.outOfScopeRate, report.inScopeCorrect, report.inScope,
            report.clarifyCredit, report.outOfScopeCorrect, report.outOfScope, minAccuracy, maxWrong, minOutOfScope) + (passed ? " PASS" : " FAIL"))
        if !passed { throw ExitCode(1) }
    }
}
