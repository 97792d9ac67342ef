import Knowledge
import TextAnalysis

/// Two answers on lavoro agile (smart working, L. 81/2017):
///
/// - the deadline of the employer's online notice to the Ministry of Labour of the start,
///   change or end of lavoro agile (art. 23 c. 1, as amended by L. 203/2024 art. 14: within
///   5 days, from 12 January 2025); for an event before the rule's first day the answer says
///   the rule was different and is not covered;
/// - whether a worker has priority for lavoro agile (art. 18 c. 3-bis): children "up to 12
///   years" (no age limit for a child with a severe disability), a worker with a severe
///   disability, a caregiver, and (from 9 August 2025, L. 106/2025) a worker returning from
///   the leave for cancer or chronic disabling illness. Priority is not a right.
///
/// "Figli fino a 12 anni" is read as "up to 12 completed years": a child is covered until
/// the day before the 13th birthday. The answer says this reading must be checked, gives the
/// stricter reading (until the 12th birthday) and warns when the child is 12.
public struct SmartWorkingCalculator: Sendable {
    /// What the notice is about.
    public enum Event: String, Sendable, Hashable, CaseIterable {
        case start, change, end
    }

    /// A child, by birth date (exact) or by age in completed years.
    public enum Child: Sendable, Hashable {
        case birthDate(Day)
        case age(Int)
    }

    /// The notice deadline.
    public struct DeadlineOutcome: Sendable, Hashable {
        /// Last day for the notice; nil when the rule in force does not cover the event.
        public let deadline: Day?
        /// The answer to show.
        public let result: CalculationResult
    }

    /// What the priority check needs.
    public struct PriorityInput: Sendable, Hashable {
        /// The youngest child, if any.
        public var child: Child?
        /// A child of any age with a severe disability (art. 3 c. 3 L. 104/1992).
        public var childHasSevereDisability: Bool
        /// The worker has a severe disability recognised under L. 104/1992.
        public var workerHasSevereDisability: Bool
        /// The worker is a family caregiver (L. 205/2017, art. 1 c. 255).
        public var caregiver: Bool
        /// The worker returns from the leave for cancer or chronic disabling illness (L. 106/2025).
        public var returningFromSeriousIllnessLeave: Bool

        /// The input; optional data default to unknown or not applicable.
        public init(
            child: Child? = nil, childHasSevereDisability: Bool = false, workerHasSevereDisability: Bool = false,
            caregiver: Bool = false, returningFromSeriousIllnessLeave: Bool = false
        ) {
            self.child = child
            self.childHasSevereDisability = childHasSevereDisability
            self.workerHasSevereDisability = workerHasSevereDisability
            self.caregiver = caregiver
            self.returningFromSeriousIllnessLeave = returningFromSeriousIllnessLeave
        }
    }

    /// The priority check.
    public struct PriorityOutcome: Sendable, Hashable {
        /// True when at least one ground of priority applies.
        public let hasPriority: Bool
        /// True when the child's age is a ground (under the reading explained above).
        public let childAgeCovers: Bool
        /// Last day the child's age gives priority (the day before the 13th birthday), with a birth date.
        public let childCoveredUntil: Day?
        /// The answer to show.
        public let result: CalculationResult
    }

    /// The legal parameters (Config/parameters.yaml); every number comes from the entry in force.
    public let parameters: ParameterCatalog

    /// A calculator reading its numbers from `parameters`.
    public init(parameters: ParameterCatalog) { self.parameters = parameters }

    // MARK: - Notice to the Ministry

    /// The last day for the employer's notice of an `event` on `eventDate`, with the rule in
    /// force on that day (which must also be in force on `today`).
    public func communicationDeadline(
        eventDate: Day, event: Event = .start, today: Day
    ) throws(CalculatorError) -> DeadlineOutcome {
        var b = CalculationResult.Builder(catalog: parameters, today: today)
        let parameter = try b.parameter("lavoro-agile-comunicazione-giorni")
        let firstDay = parameter.series.first?.from
        let eventIt: String
        let eventEn: String
        switch event {
        case .start: (eventIt, eventEn) = ("l'avvio", "the start")
        case .change: (eventIt, eventEn) = ("la modifica", "the change")
        case .end: (eventIt, eventEn) = ("la fine", "the end")
        }
        guard let todayEntry = parameter.entry(on: today) else {
            b.line(
                "\(today.it("Il")) era in vigore una regola diversa sul termine della comunicazione al Ministero del "
                    + "Lavoro, non coperta da questo calcolo"
                    + (firstDay.map { " (il termine attuale vale \($0.it("dal")))" } ?? "") + ".",
                "On \(today.spelledEn) a different rule on the deadline of the notice to the Ministry of Labour applied, "
                    + "not covered by this calculation"
                    + (firstDay.map { " (the current deadline applies from \($0.spelledEn))" } ?? "") + ".")
            b.warning(
                "Chiedi al consulente del lavoro o all'Ispettorato quale termine valeva.",
                "Ask a labour consultant or the Labour Inspectorate which deadline applied.")
            return DeadlineOutcome(deadline: nil, result: b.build())
        }
        guard let eventEntry = parameter.entry(on: eventDate) else {
            b.line(
                "Per \(eventIt) del lavoro agile \(eventDate.it("il")) valeva una regola diversa sul termine della "
                    + "comunicazione al Ministero del Lavoro, non coperta da questo calcolo"
                    + (firstDay.map { " (il termine attuale vale \($0.it("dal")))" } ?? "") + ".",
                "For \(eventEn) of lavoro agile on \(eventDate.spelledEn) a different rule on the deadline of the notice "
                    + "to the Ministry of Labour applied, not covered by this calculation"
                    + (firstDay.map { " (the current deadline applies from \($0.spelledEn))" } ?? "") + ".")
            b.warning(
                "Chiedi al consulente del lavoro o all'Ispettorato quale termine valeva.",
                "Ask a labour consultant or the Labour Inspectorate which deadline applied.")
            return DeadlineOutcome(deadline: nil, result: b.build())
        }
        b.use(parameter, todayEntry)
        guard let days = Int(eventEntry.value) else { throw .missingParameter(parameter.id) }
        b.use(parameter, eventEntry)
        let minimumFine = try b.int("lavoro-agile-sanzione-comunicazione-minima")
        let maximumFine = try b.int("lavoro-agile-sanzione-comunicazione-massima")
        let deadline = eventDate.adding(days: days)
        b.line(
            "Il datore di lavoro deve comunicare online al Ministero del Lavoro \(eventIt) del lavoro agile (nomi dei "
                + "lavoratori, data di inizio e di fine) entro \(days) giorni: per \(eventIt) \(eventDate.it("il")), "
                + "entro \(deadline.it("il")) (\(parameter.source)).",
            "The employer must notify the Ministry of Labour online of \(eventEn) of lavoro agile (workers' names, start "
                + "and end date) within \(days) days: for \(eventEn) on \(eventDate.spelledEn), by \(deadline.spelledEn) "
                + "(\(parameter.source)).")
        b.line(
            "L'accordo individuale non si allega ma va conservato. Se la comunicazione manca o è in ritardo, la "
                + "sanzione va da \(minimumFine) a \(maximumFine) euro per ogni lavoratore.",
            "The individual agreement is not attached but must be kept. If the notice is missing or late, the fine "
                + "is \(minimumFine) to \(maximumFine) euro for each worker.")
        b.warning(
            "Il calcolo conta giorni di calendario; se l'ultimo giorno è festivo o cade nel fine settimana, verifica con "
                + "il consulente del lavoro se il termine slitta.",
            "The calculation counts calendar days; if the last day is a public holiday or a weekend day, check with a "
                + "labour consultant whether the deadline moves.")
        return DeadlineOutcome(deadline: deadline, result: b.build())
    }

    // MARK: - Priority

    /// Whether the worker has priority for lavoro agile under the rules in force on `today`.
    public func priority(_ input: PriorityInput, today: Day) throws(CalculatorError) -> PriorityOutcome {
        var b = CalculationResult.Builder(catalog: parameters, today: today)
        let ageLimit = try b.int("lavoro-agile-priorita-eta-figli")
        var groundsIt: [String] = []
        var groundsEn: [String] = []

        // The child's age.
        var childCovers = false
        var coveredUntil: Day?
        if let child = input.child {
            let age: Int
            switch child {
            case .birthDate(let birth):
                guard birth <= today else {
                    throw .invalidInput(
                        "La data di nascita del figlio (\(birth.spelledIt)) è dopo la data di oggi: controllala. / The "
                            + "child's birth date (\(birth.spelledEn)) is after today: check it.")
                }
                age = birth.years(until: today)
                coveredUntil = birth.dayBeforeBirthday(ageLimit + 1)
                b.noteLeapDayBirth(birth)
            case .age(let years):
                guard years >= 0 else {
                    throw .invalidInput(
                        "L'età del figlio non può essere negativa. / The child's age cannot be negative.")
                }
                age = years
            }
            childCovers = age <= ageLimit
            if childCovers {
                groundsIt.append("hai un figlio di \(age) anni, cioè fino a \(ageLimit) anni compiuti")
                groundsEn.append("you have a child aged \(age), that is up to \(ageLimit) completed years")
            }
            if case .birthDate(let birth) = child, let until = coveredUntil {
                let strict = birth.dayBeforeBirthday(ageLimit)
                b.line(
                    "«Figli fino a \(ageLimit) anni» è inteso qui come fino a \(ageLimit) anni compiuti (interpretazione "
                        + "da verificare): per tuo figlio fino \(until.it("al")), il giorno prima del "
                        + "\(ageLimit + 1)° compleanno. Con una lettura più restrittiva la priorità finisce il giorno "
                        + "prima del \(ageLimit)° compleanno, cioè \(strict.it("il")).",
                    "«Children up to \(ageLimit) years» is taken here as up to \(ageLimit) completed years (a reading to "
                        + "be checked): for your child until \(until.spelledEn), the day before the "
                        + "\(CalculationResult.Builder.ordinal(ageLimit + 1)) birthday. On a stricter reading the "
                        + "priority ends the day before the \(CalculationResult.Builder.ordinal(ageLimit)) birthday, "
                        + "that is \(strict.spelledEn).")
            } else {
                b.line(
                    "«Figli fino a \(ageLimit) anni» è inteso qui come fino a \(ageLimit) anni compiuti (interpretazione "
                        + "da verificare).",
                    "«Children up to \(ageLimit) years» is taken here as up to \(ageLimit) completed years (a reading to "
                        + "be checked).")
            }
            if age == ageLimit {
                b.warning(
                    "Tuo figlio ha \(ageLimit) anni: con la lettura più restrittiva («fino al compimento dei \(ageLimit) "
                        + "anni») la priorità per l'età del figlio non spetterebbe più. Chiedi conferma al datore di "
                        + "lavoro o a un sindacato.",
                    "Your child is \(ageLimit): on the stricter reading («until the child turns \(ageLimit)») the "
                        + "priority for the child's age would no longer apply. Ask the employer or a union to confirm.")
            }
        }
        if input.childHasSevereDisability {
            groundsIt.append(
                "hai un figlio con disabilità grave (art. 3 c. 3 L. 104/1992), per cui non c'è limite di età")
            groundsEn.append("you have a child with a severe disability (art. 3 c. 3 L. 104/1992), with no age limit")
        }
        if input.workerHasSevereDisability {
            groundsIt.append("hai una disabilità grave riconosciuta (L. 104/1992)")
            groundsEn.append("you have a recognised severe disability (L. 104/1992)")
        }
        if input.caregiver {
            groundsIt.append("sei caregiver familiare (L. 205/2017, art. 1 c. 255)")
            groundsEn.append("you are a family caregiver (L. 205/2017, art. 1 c. 255)")
        }
        if input.returningFromSeriousIllnessLeave {
            let parameter = try b.parameter("congedo-malattie-gravi-mesi")
            if let entry = try b.optionalEntry("congedo-malattie-gravi-mesi") {
                groundsIt.append(
                    "rientri dal congedo per malattia oncologica o cronica invalidante (L. 106/2025, in vigore "
                        + "\(entry.from.it("dal")))")
                groundsEn.append(
                    "you are returning from the leave for cancer or a chronic disabling illness (L. 106/2025, in force "
                        + "from \(entry.from.spelledEn))")
            } else if let first = parameter.series.first?.from {
                b.warning(
                    "La priorità per chi rientra dal congedo per malattie oncologiche o croniche (L. 106/2025) vale "
                        + "\(first.it("dal")): alla data richiesta non era ancora in vigore.",
                    "The priority for workers returning from the leave for cancer or chronic illness (L. 106/2025) "
                        + "applies from \(first.spelledEn): on the requested date it was not yet in force.")
            }
        }

        let hasPriority = !groundsIt.isEmpty
        if hasPriority {
            b.line(
                "Hai la priorità per il lavoro agile (L. 81/2017, art. 18 c. 3-bis) perché "
                    + groundsIt.joined(separator: "; ")
                    + ".",
                "You have priority for lavoro agile (L. 81/2017, art. 18 c. 3-bis) because "
                    + groundsEn.joined(separator: "; ") + ".")
        } else {
            b.line(
                "Con i dati indicati non rientri nei casi di priorità per il lavoro agile (L. 81/2017, art. 18 c. 3-bis): "
                    + "figli fino a \(ageLimit) anni (senza limite di età se con disabilità grave), lavoratori con "
                    + "disabilità grave, caregiver familiari.",
                "With the data given you are not among those with priority for lavoro agile (L. 81/2017, art. 18 "
                    + "c. 3-bis): children up to \(ageLimit) years (no age limit with a severe disability), workers with "
                    + "a severe disability, family caregivers.")
        }
        b.line(
            "La priorità non è un diritto al lavoro agile: se in azienda il lavoro agile non c'è o non è compatibile con "
                + "le tue mansioni non puoi pretenderlo; quando il datore lo attiva deve però dare la precedenza alle "
                + "richieste di chi ha la priorità.",
            "Priority is not a right to lavoro agile: if the company has no lavoro agile or it does not fit your duties "
                + "you cannot demand it; when the employer offers it, though, it must give precedence to requests from "
                + "those with priority.")
        b.line(
            "Chi chiede il lavoro agile non può essere sanzionato, demansionato, licenziato, trasferito o penalizzato: "
                + "questi provvedimenti sono nulli. Fai la richiesta per iscritto e conservane copia.",
            "A worker who asks for lavoro agile cannot be sanctioned, demoted, dismissed, transferred or penalised: "
                + "such measures are void. Make the request in writing and keep a copy.")
        b.warning(
            "Il tuo contratto collettivo o un accordo aziendale possono prevedere condizioni migliori.",
            "Your collective agreement or a company agreement may provide better terms.")

        return PriorityOutcome(
            hasPriority: hasPriority, childAgeCovers: childCovers, childCoveredUntil: coveredUntil, result: b.build())
    }
}
