import Knowledge
import TextAnalysis

/// The calculators a flow can name (`calculator:` in Dialogs/flows.yaml), each turning
/// the flow's facts into inputs of a pure calculator over the dated legal parameters.
public struct CalculatorRegistry: Sendable {
    /// The facts of a flow, read by slot name.
    struct Facts {
        let values: [String: SlotValue]
        let today: Day

        func date(_ name: String) -> Day? {
            if case .date(let day)? = values[name] { return day }
            return nil
        }

        /// A child's birth date, or an approximate one from an age ("ha 5 anni").
        func birth(_ name: String) -> (day: Day, approximate: Bool)? {
            switch values[name] {
            case .date(let day)?: return (day, false)
            case .quantity(let quantity)?:
                let months = quantity.unit == .month ? Int(quantity.value) : Int(quantity.value * 12)
                return (today.adding(months: -months), true)
            case .number(let years)?: return (today.adding(months: -Int(years * 12)), true)
            default: return nil
            }
        }

        /// Whole months (durations in weeks or years converted, fractions rounded up).
        func months(_ name: String) -> Int? {
            switch values[name] {
            case .quantity(let quantity)?:
                let months: Double =
                    switch quantity.unit {
                    case .month: quantity.value
                    case .year: quantity.value * 12
                    case .week: quantity.value * 7 / 30
                    case .day: quantity.value / 30
                    case .hour: 0
                    }
                return Int(months.rounded(.up))
            case .number(let value)?: return Int(value.rounded(.up))
            default: return nil
            }
        }

        func number(_ name: String) -> Double? {
            switch values[name] {
            case .number(let value)?: return value
            case .quantity(let quantity)?: return quantity.value
            default: return nil
            }
        }

        func count(_ name: String) -> Int? { number(name).map { Int($0) } }

        func yes(_ name: String) -> Bool? {
            if case .yes(let value)? = values[name] { return value }
            return nil
        }

        func choice(_ name: String) -> String? {
            if case .choice(let value)? = values[name] { return value }
            return nil
        }

        func role(_ name: String) -> ParentRole? {
            if case .role(let role)? = values[name] { return role }
            return nil
        }

        func employment(_ name: String) -> EmploymentKind? {
            if case .employment(let kind)? = values[name] { return kind }
            return nil
        }
    }

    typealias Compute = @Sendable (Facts, ParameterCatalog) throws(CalculatorError) -> CalculationResult

    private let table: [String: Compute]

    public init() {
        table = CalculatorRegistry.standard
    }

    /// The calculator ids.
    public var ids: Set<String> { Set(table.keys) }

    /// Runs calculator `id` on a flow's facts.
    public func compute(_ id: String, values: [String: SlotValue], parameters: ParameterCatalog, today: Day)
        throws(CalculatorError) -> CalculationResult
    {
        guard let compute = table[id] else { throw .invalidInput("unknown calculator \(id)") }
        return try compute(Facts(values: values, today: today), parameters)
    }

    static func missing(_ name: String) -> CalculatorError { .invalidInput("missing fact: \(name)") }

    /// An approximate birth date is said in the answer.
    static func noteApproximate(_ result: CalculationResult, _ approximate: Bool) -> CalculationResult {
        guard approximate else { return result }
        var noted = result
        noted.warningsIt.append(
            "Ho stimato la data di nascita dall'età che mi hai indicato: con la data esatta il calcolo è preciso al giorno.")
        noted.warningsEn.append("I estimated the date of birth from the age you gave: with the exact date the result is exact to the day.")
        return noted
    }

    static let standard: [String: Compute] = [
        "maternity-leave": { facts, parameters throws(CalculatorError) in
            guard let expected = facts.date("data_presunta") else { throw missing("data_presunta") }
            let option: MaternityLeaveCalculator.Option =
                switch facts.choice("opzione") {
                case "1+4": .onePlusFour
                case "0+5": .zeroPlusFive
                default: .twoPlusThree
                }
            let input = MaternityLeaveCalculator.Input(
                expectedBirth: expected, option: option, actualBirth: facts.date("data_parto"))
            return try MaternityLeaveCalculator(parameters: parameters).calculate(input, today: facts.today).result
        },
        "paternity-leave": { facts, parameters throws(CalculatorError) in
            guard let expected = facts.date("data_presunta") else { throw missing("data_presunta") }
            let input = PaternityLeaveCalculator.Input(
                expectedBirth: expected, actualBirth: facts.date("data_parto"),
                multipleBirth: (facts.count("figli_nati") ?? 1) > 1)
            return try PaternityLeaveCalculator(parameters: parameters).calculate(input, today: facts.today).result
        },
        "parental-leave": { facts, parameters throws(CalculatorError) in
            guard let role = facts.role("ruolo") else { throw missing("ruolo") }
            guard let birth = facts.birth("nascita") else { throw missing("nascita") }
            let employment = facts.employment("lavoro") ?? .employee
            let input = ParentalLeaveCalculator.Input(
                role: role == .father ? .father : .mother, singleParent: facts.yes("genitore_solo") ?? false,
                monthsUsedByThisParent: facts.months("mesi_usati") ?? 0,
                monthsUsedByOtherParent: facts.months("mesi_altro") ?? 0, childBirth: birth.day,
                employee: employment == .employee, maternityLeaveEnd: facts.date("fine_maternita"))
            let result = try ParentalLeaveCalculator(parameters: parameters).calculate(input, today: facts.today).result
            return noteApproximate(result, birth.approximate)
        },
        "sick-child": { facts, parameters throws(CalculatorError) in
            let child: SickChildLeaveCalculator.Child
            switch facts.values["nascita"] {
            case .date(let day)?: child = .birthDate(day)
            case .quantity(let quantity)?: child = .age(quantity.unit == .month ? 0 : Int(quantity.value))
            case .number(let years)?: child = .age(Int(years))
            default: throw missing("nascita")
            }
            return try SickChildLeaveCalculator(parameters: parameters).calculate(child, today: facts.today).result
        },
        "daily-rest": { facts, parameters throws(CalculatorError) in
            guard let hours = facts.number("ore") else { throw missing("ore") }
            let given = facts.birth("nascita")
            let birth = given ?? (facts.today, true)
            var input = DailyRestCalculator.Input(
                dailyWorkingHours: hours, childrenBorn: max(1, facts.count("figli_nati") ?? 1), childBirth: birth.day,
                requester: facts.role("ruolo") == .father ? .father : .mother, fatherCondition: nil,
                onSiteNursery: facts.yes("nido_aziendale") ?? false)
            // Without a birth date no last day is stated (it would be a guess).
            input.birthKnown = given != nil
            let result = try DailyRestCalculator(parameters: parameters).calculate(input, today: facts.today).result
            return noteApproximate(result, birth.approximate && facts.values["nascita"] != nil)
        },
        "smart-working-deadline": { facts, parameters throws(CalculatorError) in
            guard let start = facts.date("data_inizio") else { throw missing("data_inizio") }
            return try SmartWorkingCalculator(parameters: parameters).communicationDeadline(
                eventDate: start, event: .start, today: facts.today
            ).result
        },
        "smart-working-priority": { facts, parameters throws(CalculatorError) in
            var child: SmartWorkingCalculator.Child?
            switch facts.values["nascita"] {
            case .date(let day)?: child = .birthDate(day)
            case .quantity(let quantity)?: child = .age(quantity.unit == .month ? 0 : Int(quantity.value))
            case .number(let years)?: child = .age(Int(years))
            default: child = nil
            }
            let input = SmartWorkingCalculator.PriorityInput(
                child: child, childHasSevereDisability: facts.yes("disabilita_figlio") ?? false)
            return try SmartWorkingCalculator(parameters: parameters).priority(input, today: facts.today).result
        },
        "dismissal-protection": { facts, parameters throws(CalculatorError) in
            guard let checked = facts.date("data_evento") else { throw missing("data_evento") }
            guard let birth = facts.date("nascita") else { throw missing("nascita") }
            // A date still to come is the expected birth date; a past one is the child's birth.
            let input =
                birth > facts.today
                ? DismissalProtectionCalculator.Input(expectedBirth: birth, checkedDate: checked)
                : DismissalProtectionCalculator.Input(childBirth: birth, checkedDate: checked)
            return try DismissalProtectionCalculator(parameters: parameters).calculate(input, today: facts.today).result
        },
    ]
}
