import Foundation
import Knowledge
import TextAnalysis

/// The daily rests in the child's first year (riposi giornalieri, "permessi per
/// allattamento", D.Lgs. 151/2001 artt. 39-41).
///
/// - Two rests of one hour (cumulable) if the working day is at least 6 hours, one rest if
///   it is shorter (art. 39 c. 1); each rest is 30 minutes when the worker uses a nursery set
///   up by the employer on site or nearby (art. 39 c. 3). They count as hours worked, for
///   time and pay (art. 39 c. 2).
/// - Due until the day before the child's 1st birthday.
/// - Multiple birth: the rests are doubled, and the extra hours can also be used by the
///   father (art. 41).
/// - The father has the ordinary rests only in the cases of art. 40: sole custody; as an
///   alternative to an employed mother who does not use them; when the mother is not an
///   employee; when the mother has died or is seriously ill.
public struct DailyRestCalculator: Sendable {
    /// Who asks.
    public enum Requester: String, Sendable, Hashable, CaseIterable {
        case mother, father
    }

    /// The cases in which the father has the rests (art. 40).
    public enum FatherCondition: String, Sendable, Hashable, CaseIterable {
        /// The child is in the father's sole custody (lett. a).
        case soleCustody
        /// The mother is an employee and does not use them (lett. b).
        case motherEmployeeNotUsingThem
        /// The mother is not an employee (lett. c).
        case motherNotEmployee
        /// The mother has died or is seriously ill (lett. d).
        case motherDeadOrSeriouslyIll
    }

    /// What the calculator needs.
    public struct Input: Sendable, Hashable {
        /// Hours of work in the day (the contractual daily working time).
        public var dailyWorkingHours: Double
        /// Children born in the same birth: 1, or 2 or more for a multiple birth.
        public var childrenBorn: Int
        /// The child's birth date.
        public var childBirth: Day
        /// Who asks for the rests.
        public var requester: Requester
        /// For a father: which case of art. 40 applies, if any.
        public var fatherCondition: FatherCondition?
        /// True when the worker uses a nursery set up by the employer on site or nearby.
        public var onSiteNursery: Bool
        /// False when the birth date was not given (`childBirth` is then a stand-in, and no
        /// date derived from it is stated).
        public var birthKnown: Bool = true

        /// The input; optional data default to unknown or not applicable.
        public init(
            dailyWorkingHours: Double, childrenBorn: Int = 1, childBirth: Day, requester: Requester = .mother,
            fatherCondition: FatherCondition? = nil, onSiteNursery: Bool = false
        ) {
            self.dailyWorkingHours = dailyWorkingHours
            self.childrenBorn = childrenBorn
            self.childBirth = childBirth
            self.requester = requester
            self.fatherCondition = fatherCondition
            self.onSiteNursery = onSiteNursery
        }
    }

    /// The computed rests.
    public struct Outcome: Sendable, Hashable {
        /// Number of rest periods a day for a single birth (2 or 1).
        public let periodsPerDay: Int
        /// Length of each period, in minutes (60, or 30 with the on-site nursery).
        public let minutesPerPeriod: Int
        /// Minutes of rest a day in all for the family (doubled for a multiple birth).
        public let totalMinutesPerDay: Int
        /// Minutes a day the person asking can use.
        public let minutesForRequester: Int
        /// Extra minutes of a multiple birth (which the father can use too).
        public let extraMinutesMultipleBirth: Int
        /// Last day the rests are due (the day before the 1st birthday).
        public let lastDay: Day
        /// True when `today` is between the birth and the last day.
        public let dueToday: Bool
        /// The answer to show.
        public let result: CalculationResult
    }

    /// The legal parameters (Config/parameters.yaml); every number comes from the entry in force.
    public let parameters: ParameterCatalog

    /// A calculator reading its numbers from `parameters`.
    public init(parameters: ParameterCatalog) { self.parameters = parameters }

    /// Computes the rests with the rules in force on `today`.
    public func calculate(_ input: Input, today: Day) throws(CalculatorError) -> Outcome {
        guard input.dailyWorkingHours > 0, input.dailyWorkingHours <= 24 else {
            throw .invalidInput(
                "Le ore di lavoro al giorno devono essere più di zero e al massimo 24. / Daily working hours must be "
                    + "more than zero and at most 24.")
        }
        guard input.childrenBorn >= 1 else {
            throw .invalidInput(
                "Il numero di figli nati nello stesso parto deve essere almeno 1. / The number of children born in "
                    + "the same birth must be at least 1.")
        }
        var b = CalculationResult.Builder(catalog: parameters, today: today)
        let threshold = try b.int("riposi-soglia-orario-ore")
        let fullPeriods = try b.int("riposi-ore-giornaliere")
        let reducedPeriods = try b.int("riposi-ore-giornaliere-orario-ridotto")
        let years = try b.int("riposi-eta-figlio-anni")
        let nurseryMinutes: Int? =
            if input.onSiteNursery { try b.int("riposi-minuti-asilo-aziendale") } else { nil }
        let multiplier = if input.childrenBorn > 1 { try b.int("riposi-moltiplicatore-parto-plurimo") } else { 1 }
        if input.birthKnown { b.noteLeapDayBirth(input.childBirth) }

        let longDay = input.dailyWorkingHours >= Double(threshold)
        let periods = longDay ? fullPeriods : reducedPeriods
        let minutesPerPeriod = nurseryMinutes ?? 60
        let base = periods * minutesPerPeriod
        let total = base * multiplier
        let extra = total - base
        let lastDay = input.childBirth.dayBeforeBirthday(years)
        let due = today >= input.childBirth && today <= lastDay

        let forRequester: Int
        switch input.requester {
        case .mother: forRequester = total
        case .father: forRequester = input.fatherCondition == nil ? extra : total
        }

        let hoursIt = Self.duration(base, english: false)
        let hoursEn = Self.duration(base, english: true)
        let periodIt = Self.duration(minutesPerPeriod, english: false)
        let periodEn = Self.duration(minutesPerPeriod, english: true)
        let hoursText = Self.hours(input.dailyWorkingHours, english: false)
        let hoursTextEn = Self.hours(input.dailyWorkingHours, english: true)
        b.line(
            "Riposi giornalieri nel primo anno del bambino (D.Lgs. 151/2001, art. 39): con un orario di \(hoursText) ore "
                + "al giorno, \(longDay ? "cioè almeno \(threshold)" : "cioè meno di \(threshold)"), spettano "
                + "\(periods == 1 ? "un riposo" : "\(periods) riposi") di \(periodIt), in tutto \(hoursIt) al giorno"
                + (periods > 1 ? ", anche cumulabili" : "") + ".",
            "Daily rests in the child's first year (D.Lgs. 151/2001, art. 39): with \(hoursTextEn) working hours a day, "
                + "\(longDay ? "that is at least \(threshold)" : "that is less than \(threshold)"), "
                + "\(periods == 1 ? "one rest" : "\(periods) rests") of \(periodEn) "
                + "\(periods == 1 ? "is" : "are") due, \(hoursEn) a day in all"
                + (periods > 1 ? ", which can be taken together" : "") + ".")
        if let minutes = nurseryMinutes {
            b.line(
                "Ogni riposo è di \(minutes) minuti perché usi l'asilo nido o la struttura del datore di lavoro "
                    + "nell'unità produttiva o nelle immediate vicinanze (art. 39 c. 3).",
                "Each rest is \(minutes) minutes because you use the nursery or facility the employer set up at the "
                    + "workplace or nearby (art. 39 c. 3).")
        }
        if multiplier > 1 {
            b.line(
                "Parto plurimo (\(input.childrenBorn) figli): i riposi sono raddoppiati, in tutto "
                    + "\(Self.duration(total, english: false)) al giorno; le \(Self.duration(extra, english: false)) "
                    + "in più può usarle anche il padre, anche mentre la madre è in congedo di maternità o parentale "
                    + "(art. 41).",
                "Multiple birth (\(input.childrenBorn) children): the rests are doubled, \(Self.duration(total, english: true)) "
                    + "a day in all; the extra \(Self.duration(extra, english: true)) can also be used by the father, "
                    + "even while the mother is on maternity or parental leave (art. 41).")
        }
        if input.birthKnown {
            b.line(
                "Le ore di riposo contano come ore lavorate, per l'orario e per la retribuzione (art. 39 c. 2). Spettano fino "
                    + "\(lastDay.it("al")), il giorno prima del primo compleanno del bambino.",
                "The rest hours count as hours worked, for time and pay (art. 39 c. 2). They are due until "
                    + "\(lastDay.spelledEn), the day before the child's first birthday.")
        } else {
            b.line(
                "Le ore di riposo contano come ore lavorate, per l'orario e per la retribuzione (art. 39 c. 2). Spettano fino "
                    + "al giorno prima del primo compleanno del bambino (con la data di nascita ti dico il giorno esatto).",
                "The rest hours count as hours worked, for time and pay (art. 39 c. 2). They are due until the day before "
                    + "the child's first birthday (tell me the birth date and I will give you the exact day).")
        }

        if input.requester == .father {
            if let condition = input.fatherCondition {
                let (it, en) = Self.conditionText(condition)
                b.line(
                    "Come padre hai i riposi perché \(it) (art. 40): \(Self.duration(total, english: false)) al giorno.",
                    "As a father you have the rests because \(en) (art. 40): \(Self.duration(total, english: true)) a day."
                )
                if condition == .motherNotEmployee {
                    b.warning(
                        "Se la madre non lavora affatto (per esempio è casalinga) chiedi all'INPS se il padre ha i riposi.",
                        "If the mother does not work at all (for example she is a homemaker) ask INPS whether the father "
                            + "has the rests.")
                }
            } else if extra > 0 {
                b.line(
                    "Come padre, fuori dai casi dell'art. 40 (affidamento esclusivo, madre dipendente che non li usa, "
                        + "madre non dipendente, madre morta o gravemente malata), puoi usare solo le "
                        + "\(Self.duration(extra, english: false)) in più del parto plurimo.",
                    "As a father, outside the cases of art. 40 (sole custody, employed mother not using them, mother "
                        + "not an employee, mother dead or seriously ill), you can use only the extra "
                        + "\(Self.duration(extra, english: true)) of the multiple birth.")
            } else {
                b.line(
                    "Come padre hai i riposi solo nei casi dell'art. 40: figlio affidato solo a te; in alternativa alla "
                        + "madre lavoratrice dipendente che non li usa; se la madre non è lavoratrice dipendente; se la "
                        + "madre è morta o gravemente malata. Se nessuno di questi casi vale, non ti spettano.",
                    "As a father you have the rests only in the cases of art. 40: the child is in your sole custody; as "
                        + "an alternative to an employed mother who does not use them; if the mother is not an "
                        + "employee; if the mother has died or is seriously ill. If none applies, they are not due to you."
                )
            }
        }

        if !input.birthKnown {
            // Nothing to say about the dates without the birth.
        } else if today < input.childBirth {
            b.line(
                "Il bambino non è ancora nato: i riposi spetteranno dalla fine del congedo di maternità fino "
                    + "\(lastDay.it("al")).",
                "The child is not born yet: the rests will be due from the end of the maternity leave until "
                    + "\(lastDay.spelledEn).")
        } else if today > lastDay {
            b.line(
                "Il bambino ha già compiuto \(years == 1 ? "un anno" : "\(years) anni"): i riposi giornalieri non "
                    + "spettano più.",
                "The child has already turned \(years): the daily rests are no longer due.")
        }
        b.warning(
            "I riposi si chiedono al datore di lavoro (e, per il pagamento, secondo le istruzioni INPS): orari e modi "
                + "si concordano con l'azienda. Il calcolo è indicativo.",
            "The rests are asked of the employer (and, for pay, as INPS instructs): times and arrangements are "
                + "agreed with the company. The calculation is indicative.")

        return Outcome(
            periodsPerDay: periods, minutesPerPeriod: minutesPerPeriod, totalMinutesPerDay: total,
            minutesForRequester: forRequester, extraMinutesMultipleBirth: extra, lastDay: lastDay, dueToday: due,
            result: b.build())
    }

    // MARK: - Text helpers

    /// "2 ore", "1 ora", "30 minuti", "1 ora e 30 minuti" (English: "2 hours", "1 hour and 30 minutes").
    private static func duration(_ minutes: Int, english: Bool) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        var parts: [String] = []
        if hours > 0 {
            parts.append(
                english ? "\(hours) \(hours == 1 ? "hour" : "hours")" : "\(hours) \(hours == 1 ? "ora" : "ore")")
        }
        if rest > 0 || hours == 0 {
            parts.append(english ? "\(rest) minutes" : "\(rest) minuti")
        }
        return parts.joined(separator: english ? " and " : " e ")
    }

    /// "6", or "5,5" in Italian and "5.5" in English.
    private static func hours(_ value: Double, english: Bool) -> String {
        if value == value.rounded() { return String(Int(value)) }
        return english ? String(value) : String(value).replacingOccurrences(of: ".", with: ",")
    }

    private static func conditionText(_ condition: FatherCondition) -> (String, String) {
        switch condition {
        case .soleCustody:
            return ("il figlio è affidato solo a te", "the child is in your sole custody")
        case .motherEmployeeNotUsingThem:
            return (
                "la madre è lavoratrice dipendente e non li usa (li usi in alternativa a lei)",
                "the mother is an employee and does not use them (you use them instead of her)"
            )
        case .motherNotEmployee:
            return ("la madre non è lavoratrice dipendente", "the mother is not an employee")
        case .motherDeadOrSeriouslyIll:
            return ("la madre è morta o gravemente malata", "the mother has died or is seriously ill")
        }
    }
}
