import Foundation
import Knowledge
import TextAnalysis

/// The answer of one of the desk's legal calculators, ready to show in either language.
///
/// The lines are plain sentences that already contain the computed dates ("15 marzo 2027" /
/// "15 March 2027"), the rule applied and its legal source. The warnings say what the
/// calculation cannot know or what is not certain; show them after the lines.
public struct CalculationResult: Sendable, Hashable {
    /// The answer in Italian, one sentence or short paragraph a line.
    public var linesIt: [String]
    /// The same answer in English.
    public var linesEn: [String]
    /// What is uncertain or not covered, in Italian.
    public var warningsIt: [String]
    /// What is uncertain or not covered, in English.
    public var warningsEn: [String]
    /// The legal sources of the parameters used, without repetitions, in order of use.
    public var sources: [String]
    /// The latest `from` among the parameters used: the answer is valid from this day.
    public var validFrom: Day

    /// A result from its parts.
    public init(
        linesIt: [String], linesEn: [String], warningsIt: [String] = [], warningsEn: [String] = [],
        sources: [String], validFrom: Day
    ) {
        self.linesIt = linesIt
        self.linesEn = linesEn
        self.warningsIt = warningsIt
        self.warningsEn = warningsEn
        self.sources = sources
        self.validFrom = validFrom
    }

    /// The answer lines followed by the warnings, in one language.
    public func lines(english: Bool) -> [String] {
        english ? linesEn + warningsEn : linesIt + warningsIt
    }

    /// The whole answer as one text in one language: lines, warnings, then the sources.
    public func text(english: Bool) -> String {
        let label = english ? "Sources" : "Fonti"
        return (lines(english: english) + ["\(label): \(sources.joined(separator: "; "))"]).joined(separator: "\n")
    }
}

/// Why a calculator could not answer.
public enum CalculatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The legal parameter with this id is not in Config/parameters.yaml, has no value in
    /// force on the requested day, or its value is not a number.
    case missingParameter(String)
    /// The data given cannot be right (for example more months used than the law allows);
    /// the message, in Italian and English, says what to correct.
    case invalidInput(String)

    /// A message in Italian and English saying what to correct.
    public var description: String {
        switch self {
        case .missingParameter(let id):
            return "Parametro legale «\(id)» mancante, senza un valore in vigore alla data richiesta o non numerico: "
                + "aggiungi una voce datata con la fonte in Config/parameters.yaml. / "
                + "Legal parameter «\(id)» is missing, has no value in force on the requested day, or is not a number: "
                + "add a dated entry with its source to Config/parameters.yaml."
        case .invalidInput(let message):
            return message
        }
    }
}

extension CalculationResult {
    /// Collects the lines of an answer and records every parameter read, so that the
    /// result carries the sources and the date from which it is valid.
    struct Builder {
        let catalog: ParameterCatalog
        let today: Day
        private var linesIt: [String] = []
        private var linesEn: [String] = []
        private var warningsIt: [String] = []
        private var warningsEn: [String] = []
        private var sources: [String] = []
        private var latestFrom: Day?

        init(catalog: ParameterCatalog, today: Day) {
            self.catalog = catalog
            self.today = today
        }

        /// The parameter with this id; an error if Config/parameters.yaml lacks it.
        func parameter(_ id: String) throws(CalculatorError) -> Parameter {
            guard let parameter = catalog.parameters[id] else { throw .missingParameter(id) }
            return parameter
        }

        /// Records that `entry` of `parameter` is used by the answer.
        mutating func use(_ parameter: Parameter, _ entry: Parameter.Entry) {
            if !sources.contains(parameter.source) { sources.append(parameter.source) }
            if latestFrom.map({ entry.from > $0 }) ?? true { latestFrom = entry.from }
        }

        /// The entry of `id` in force today, recorded; an error if there is none.
        mutating func entry(_ id: String) throws(CalculatorError) -> Parameter.Entry {
            guard let entry = try optionalEntry(id) else { throw .missingParameter(id) }
            return entry
        }

        /// The entry of `id` in force today, recorded, or nil when the rule is not (or no
        /// longer) in force today; an error only if the parameter does not exist at all.
        mutating func optionalEntry(_ id: String) throws(CalculatorError) -> Parameter.Entry? {
            let parameter = try parameter(id)
            guard let entry = parameter.entry(on: today) else { return nil }
            use(parameter, entry)
            return entry
        }

        /// The whole number in force today for `id`.
        mutating func int(_ id: String) throws(CalculatorError) -> Int {
            let entry = try entry(id)
            guard let value = Int(entry.value.trimmingCharacters(in: .whitespaces)) else {
                throw .missingParameter(id)
            }
            return value
        }

        /// The whole number in force today for `id`, or nil when the rule is not in force today.
        mutating func optionalInt(_ id: String) throws(CalculatorError) -> Int? {
            guard let entry = try optionalEntry(id) else { return nil }
            guard let value = Int(entry.value.trimmingCharacters(in: .whitespaces)) else {
                throw .missingParameter(id)
            }
            return value
        }

        /// The value in force today for `id` written for people: "2,5" in Italian, "2.5" in English.
        mutating func decimalText(_ id: String) throws(CalculatorError) -> (it: String, en: String) {
            let value = try entry(id).value.trimmingCharacters(in: .whitespaces)
            let italian = value.replacingOccurrences(of: ".", with: ",")
            guard !italian.isEmpty, italian.allSatisfy({ $0.isNumber || $0 == "," }),
                italian.filter({ $0 == "," }).count <= 1
            else { throw .missingParameter(id) }
            return (italian, italian.replacingOccurrences(of: ",", with: "."))
        }

        /// Adds a line of the answer in both languages.
        mutating func line(_ italian: String, _ english: String) {
            linesIt.append(italian)
            linesEn.append(english)
        }

        /// Adds a warning (something uncertain or not covered) in both languages.
        mutating func warning(_ italian: String, _ english: String) {
            warningsIt.append(italian)
            warningsEn.append(english)
        }

        /// Warns that a child born on 29 February has its birthday on 28 February in common years.
        mutating func noteLeapDayBirth(_ birth: Day) {
            guard birth.month == 2, birth.day == 29 else { return }
            warning(
                "Il bambino è nato il 29 febbraio: negli anni non bisestili il calcolo considera il compleanno il "
                    + "28 febbraio. Per le date di confine chiedi conferma all'INPS o al datore di lavoro.",
                "The child was born on 29 February: in common years the calculation takes 28 February as the "
                    + "birthday. For dates on the boundary ask INPS or the employer to confirm.")
        }

        /// "all'80%" or "al 30%": the Italian preposition with the percentage, as it is read aloud.
        static func al(_ percent: Int) -> String {
            let text = String(percent)
            let vowel = text.hasPrefix("8") || percent == 1 || percent == 11
            return (vowel ? "all'" : "al ") + text + "%"
        }

        /// "1st", "2nd", "3rd", "4th", "11th".
        static func ordinal(_ number: Int) -> String {
            let suffix: String
            switch (number % 10, number % 100) {
            case (_, 11...13): suffix = "th"
            case (1, _): suffix = "st"
            case (2, _): suffix = "nd"
            case (3, _): suffix = "rd"
            default: suffix = "th"
            }
            return "\(number)\(suffix)"
        }

        /// The finished result; `validFrom` is the latest `from` of the parameters used.
        func build() -> CalculationResult {
            CalculationResult(
                linesIt: linesIt, linesEn: linesEn, warningsIt: warningsIt, warningsEn: warningsEn,
                sources: sources, validFrom: latestFrom ?? today)
        }
    }
}

extension Day {
    /// "15 marzo 2027".
    var spelledIt: String { spelled(english: false) }
    /// "15 March 2027".
    var spelledEn: String { spelled(english: true) }
    /// The Italian date after a preposition with the article, elided before a vowel sound:
    /// `it("dal")` → "dal 15 marzo 2027" but "dall'8 marzo 2027"; also "il", "Il", "al", "del".
    func it(_ preposition: String) -> String {
        let elided = ["il": "l'", "Il": "L'", "dal": "dall'", "Dal": "Dall'", "al": "all'", "del": "dell'"]
        if day == 8 || day == 11, let form = elided[preposition] { return form + spelledIt }
        return preposition + " " + spelledIt
    }
    /// The day before the birthday number `years` of a child born on `self`: the last day
    /// before the child "turns" that age.
    func dayBeforeBirthday(_ years: Int) -> Day { adding(years: years).adding(days: -1) }
}
