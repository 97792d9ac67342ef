import Foundation
import Knowledge
import TextAnalysis

/// One evaluation question: what a person asks and what the desk should do.
public struct EvaluationItem: Sendable, Hashable, Codable {
    public let q: String
    /// A topic id, or an outcome: `out_of_scope`, `smalltalk`, `escalate`, `fallback`.
    public let expect: String
    /// Other topics or outcomes that are also right.
    public let accept: [String]?
}

/// Accuracy of the desk on a question set, scored like `shared/tools/eval.py`.
public struct EvaluationReport: Sendable {
    public struct Miss: Sendable {
        public let question: String
        public let expected: String
        public let outcome: String
        public let topic: String?
        public let options: [String]
    }

    public var inScope = 0
    public var inScopeCorrect = 0
    public var clarifyCredit = 0
    public var wrong = 0
    public var outOfScope = 0
    public var outOfScopeCorrect = 0
    public var total = 0
    /// Area (or outcome kind) → (questions, correct).
    public var perArea: [String: (total: Int, correct: Int)] = [:]
    /// "expected → answered" → count, for wrong answers.
    public var confusions: [String: Int] = [:]
    public var misses: [Miss] = []

    /// Top-1 accuracy on in-scope questions (a clarification that offers the right topic counts half).
    public var accuracy: Double { (Double(inScopeCorrect) + 0.5 * Double(clarifyCredit)) / Double(max(inScope, 1)) }
    /// Confident wrong answers over all questions.
    public var wrongRate: Double { Double(wrong) / Double(max(total, 1)) }
    /// Out-of-scope questions recognised (out_of_scope, fallback or escalate).
    public var outOfScopeRate: Double { Double(outOfScopeCorrect) / Double(max(outOfScope, 1)) }
}

/// Runs a question set through the real engine, each question in a fresh session.
public enum Evaluation {
    static let outcomes: Set<String> = Set(Outcome.allCases.map(\.rawValue))

    /// Parses JSON lines; a bad line is an error naming its number.
    public static func load(jsonl text: String) throws -> [EvaluationItem] {
        let decoder = JSONDecoder()
        var items: [EvaluationItem] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                items.append(try decoder.decode(EvaluationItem.self, from: Data(trimmed.utf8)))
            } catch {
                throw EvaluationError.badLine(number + 1, "\(error)")
            }
        }
        return items
    }

    /// Scores `items` on `engine` as of `today`.
    public static func run(_ items: [EvaluationItem], engine: Engine, today: Day) -> EvaluationReport {
        var report = EvaluationReport()
        let topics = engine.retriever.base.topics
        for item in items {
            report.total += 1
            let (reply, _) = engine.respond(to: item.q, state: ConversationState(), today: today)
            let good = Set([item.expect] + (item.accept ?? []))
            let isOutOfScope = item.expect == "out_of_scope"
            let area = topics.topics[item.expect]?.area ?? item.expect
            var bucket = report.perArea[area] ?? (0, 0)
            bucket.total += 1
            if isOutOfScope { report.outOfScope += 1 } else { report.inScope += 1 }
            let outcome = reply.outcome.rawValue
            let hit =
                (reply.outcome == .answer && reply.topic.map(good.contains) == true)
                || (good.contains(outcome) && outcomes.contains(outcome))
                || (isOutOfScope && (reply.outcome == .fallback || reply.outcome == .escalate))
            if hit {
                bucket.correct += 1
                if isOutOfScope { report.outOfScopeCorrect += 1 } else { report.inScopeCorrect += 1 }
            } else {
                if reply.outcome == .clarify && !good.isDisjoint(with: reply.options) {
                    report.clarifyCredit += 1
                } else if reply.outcome == .answer {
                    report.wrong += 1
                    report.confusions["\(item.expect) → \(reply.topic ?? "?")", default: 0] += 1
                }
                report.misses.append(
                    EvaluationReport.Miss(
                        question: item.q, expected: item.expect, outcome: outcome, topic: reply.topic,
                        options: reply.options))
            }
            report.perArea[area] = bucket
        }
        return report
    }
}

/// A question file that cannot be read.
public enum EvaluationError: Error, Sendable, CustomStringConvertible {
    case badLine(Int, String)

    public var description: String {
        switch self {
        case .badLine(let line, let reason):
            "line \(line) is not a JSON object {\"q\": …, \"expect\": …}: \(reason)"
        }
    }
}
