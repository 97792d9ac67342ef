import Foundation
import Knowledge
import TextAnalysis

/// A flow of Dialogs/flows.yaml: the facts to collect for a personal calculation, the
/// question for each, and the calculator that answers.
public struct FlowDefinition: Sendable {
    public let id: String
    /// The topic the flow belongs to (its answer carries it).
    public let topic: String
    /// The calculator that computes the answer (see `CalculatorRegistry`).
    public let calculator: String
    public let slots: [SlotDefinition]
    /// A sentence said when the flow starts ("Calcoliamo le date del tuo congedo.").
    public let introIt: String
    public let introEn: String
    public let file: String
    public let line: Int

    /// The first slot that is required and still missing.
    func nextMissing(_ values: [String: SlotValue]) -> SlotDefinition? {
        slots.first { slot in
            // `unless`: not needed when one of these facts holds (a single parent has no
            // other parent's months to give; a self-employed parent's limits are per parent).
            slot.required && values[slot.name] == nil && !slot.unless.contains { $0.holds(in: values) }
        }
    }
}

/// One fact a flow collects.
public struct SlotDefinition: Sendable {
    /// The kind of value a slot holds, and which entities fill it.
    public enum Kind: String, Sendable, CaseIterable {
        case date, birth, age, duration, hours, count, role, employment, choice, yesno, number
    }

    public let name: String
    public let kind: Kind
    public let askIt: String
    public let askEn: String
    /// Whether the calculation needs it (optional slots are taken when given).
    public let required: Bool
    /// For `choice` slots: value → the words that select it.
    public let choices: [(value: String, phrases: PhraseSet)]
    /// Used when the person does not know ("non lo so") and for optional slots.
    public let defaultValue: String?
    /// Accepted range for numbers, quantities (in the slot's unit) and years of dates.
    public let minimum: Double?
    public let maximum: Double?
    /// Words that, just before a value, say it is this slot's ("nato il …" is the birth,
    /// "la madre ne ha usati 3" the other parent's months); for yes/no slots, words that
    /// mean yes wherever they are ("genitore solo").
    public let cues: PhraseSet?
    /// For numbers and durations: words that mean zero for this slot wherever they are
    /// ("non ho ancora usato", "il papà nemmeno").
    public let none: PhraseSet?
    /// Facts that make this slot unnecessary: `genitore_solo` (a yes/no slot that is yes)
    /// or `lavoro=selfEmployed` (a slot with that value).
    public let unless: [Condition]

    /// One `unless` entry.
    public struct Condition: Sendable, Hashable {
        public let slot: String
        /// The value the slot must have; nil: a yes/no slot that is yes.
        public let value: String?

        /// Parses `slot` or `slot=value`.
        init(_ text: String) {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            self.slot = parts[0]
            self.value = parts.count > 1 ? parts[1] : nil
        }

        func holds(in values: [String: SlotValue]) -> Bool {
            guard let current = values[self.slot] else { return false }
            if let value { return current.description == value }
            return current == .yes(true)
        }
    }
}

/// A fact collected in a flow.
public enum SlotValue: Sendable, Hashable {
    case date(Day)
    case quantity(Quantity)
    case number(Double)
    case choice(String)
    case yes(Bool)
    case role(ParentRole)
    case employment(EmploymentKind)
    /// The person said they do not know.
    case unknown

    /// For transcripts and escalation notes.
    public var description: String {
        switch self {
        case .date(let day): day.iso
        case .quantity(let quantity): "\(ReplyFormat.number(quantity.value)) \(quantity.unit.rawValue)"
        case .number(let value): ReplyFormat.number(value)
        case .choice(let value): value
        case .yes(let value): value ? "yes" : "no"
        case .role(let role): role.rawValue
        case .employment(let kind): kind.rawValue
        case .unknown: "unknown"
        }
    }
}

/// A flow in progress: what is known so far and what was asked last.
public struct ActiveFlow: Sendable, Hashable {
    public let id: String
    public var values: [String: SlotValue]
    /// The slot asked in the last reply.
    public var pending: String?
    /// How many times in a row the pending slot was asked without an answer.
    public var reasks: Int = 0
}

/// Number formatting shared by replies.
enum ReplyFormat {
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(value)
    }
}
