import Knowledge
import TextAnalysis

/// Whether a date (for example that of a dismissal letter) falls in the period in which a
/// parent cannot be dismissed (divieto di licenziamento, D.Lgs. 151/2001 art. 54).
///
/// - Mother: from the start of pregnancy, presumed 300 days before the expected birth date,
///   until the child's 1st birthday. "Fino al compimento di un anno" is read as including the
///   birthday itself; the answer warns on the boundary days.
/// - Father: if he takes the paternity leave, from the start of that leave until the child's
///   1st birthday (art. 54 c. 7).
/// - Exceptions (art. 54 c. 3): just cause (grave misconduct), closure of the business, end of
///   the work the person was hired for or of a fixed-term contract, failed probation.
///
/// The answer advises to act quickly and gives no deadlines.
public struct DismissalProtectionCalculator: Sendable {
    /// Who was dismissed.
    public enum Worker: Sendable, Hashable {
        case mother
        /// A father; protected only if he takes the paternity leave, from its first day.
        case father(paternityLeaveStart: Day?)
    }

    /// What the calculator needs: at least one of the two dates of the child.
    public struct Input: Sendable, Hashable {
        /// The expected birth date on the pregnancy certificate.
        public var expectedBirth: Day?
        /// The child's birth date, once born.
        public var childBirth: Day?
        /// The date to check (of the dismissal letter, or of the dismissal).
        public var checkedDate: Day
        /// Who was dismissed: the mother, or a father and the first day of his paternity leave.
        public var worker: Worker

        /// The input; optional data default to unknown or not applicable.
        public init(expectedBirth: Day? = nil, childBirth: Day? = nil, checkedDate: Day, worker: Worker = .mother) {
            self.expectedBirth = expectedBirth
            self.childBirth = childBirth
            self.checkedDate = checkedDate
            self.worker = worker
        }
    }

    /// The answer for the date.
    public enum Verdict: String, Sendable, Hashable {
        /// Inside the protected period.
        case protected
        /// Outside the protected period.
        case notProtected
        /// The data given are not enough to tell.
        case cannotTell
    }

    /// The computed period and verdict.
    public struct Outcome: Sendable, Hashable {
        /// Whether the date is inside the protected period.
        public let verdict: Verdict
        /// First protected day, if it can be computed.
        public let protectedFrom: Day?
        /// Last protected day (the child's 1st birthday), if it can be computed.
        public let protectedUntil: Day?
        /// True when the last day is counted from the expected date because the birth date is unknown.
        public let protectedUntilProvisional: Bool
        /// The answer to show.
        public let result: CalculationResult
    }

    /// The legal parameters (Config/parameters.yaml); every number comes from the entry in force.
    public let parameters: ParameterCatalog

    /// A calculator reading its numbers from `parameters`.
    public init(parameters: ParameterCatalog) { self.parameters = parameters }

    /// Checks the date with the rules in force on `today`.
    public func calculate(_ input: Input, today: Day) throws(CalculatorError) -> Outcome {
        guard input.expectedBirth != nil || input.childBirth != nil else {
            throw .invalidInput(
                "Serve la data presunta del parto (dal certificato di gravidanza) o la data di nascita del figlio. / "
                    + "The expected birth date (from the pregnancy certificate) or the child's birth date is needed.")
        }
        var b = CalculationResult.Builder(catalog: parameters, today: today)
        let years = try b.int("divieto-licenziamento-eta-figlio")
        let date = input.checkedDate
        if let birth = input.childBirth { b.noteLeapDayBirth(birth) }

        var from: Day?
        var pregnancyDays = 0
        switch input.worker {
        case .mother:
            pregnancyDays = try b.int("divieto-licenziamento-giorni-inizio-gravidanza")
            from = input.expectedBirth?.adding(days: -pregnancyDays)
        case .father(let leaveStart):
            from = leaveStart
        }
        let until = (input.childBirth ?? input.expectedBirth)?.adding(years: years)
        let provisional = input.childBirth == nil

        // The period.
        switch input.worker {
        case .mother:
            let fromIt = from.map { ", cioè \($0.it("il"))" } ?? ""
            let fromEn = from.map { ", that is \($0.spelledEn)" } ?? ""
            let untilIt =
                until.map { " (\($0.spelledIt)\(provisional ? ", contando dalla data presunta del parto" : ""))" } ?? ""
            let untilEn =
                until.map { " (\($0.spelledEn)\(provisional ? ", counting from the expected birth date" : ""))" } ?? ""
            b.line(
                "Divieto di licenziamento della lavoratrice madre (D.Lgs. 151/2001, art. 54): dall'inizio della "
                    + "gravidanza (presunto \(pregnancyDays) giorni prima della data presunta del parto"
                    + "\(fromIt)) fino al compimento di \(years == 1 ? "un anno" : "\(years) anni") del bambino\(untilIt).",
                "Ban on dismissing a working mother (D.Lgs. 151/2001, art. 54): from the start of pregnancy (presumed "
                    + "to be \(pregnancyDays) days before the expected birth date\(fromEn)) until the child turns "
                    + "\(years)\(untilEn).")
        case .father(let leaveStart):
            if let start = leaveStart {
                b.line(
                    "Il padre che usa il congedo di paternità non può essere licenziato dall'inizio del congedo (\(start.spelledIt)) "
                        + "fino al compimento di \(years == 1 ? "un anno" : "\(years) anni") del bambino"
                        + (until.map { " (\($0.spelledIt))" } ?? "") + " (D.Lgs. 151/2001, art. 54 c. 7).",
                    "A father who takes the paternity leave cannot be dismissed from the start of the leave "
                        + "(\(start.spelledEn)) until the child turns \(years)"
                        + (until.map { " (\($0.spelledEn))" } ?? "")
                        + " (D.Lgs. 151/2001, art. 54 c. 7).")
            } else {
                b.line(
                    "Per il padre il divieto di licenziamento vale solo se usa il congedo di paternità: dall'inizio del "
                        + "congedo fino al compimento di \(years == 1 ? "un anno" : "\(years) anni") del bambino "
                        + "(D.Lgs. 151/2001, art. 54 c. 7). Indica la data di inizio del congedo per il calcolo.",
                    "For the father the ban applies only if he takes the paternity leave: from the start of the leave "
                        + "until the child turns \(years) (D.Lgs. 151/2001, art. 54 c. 7). Give the first day of the leave "
                        + "for the calculation.")
            }
        }

        // The verdict.
        let verdict: Verdict
        if let until, date > until {
            verdict = .notProtected
        } else if let from, date < from {
            verdict = .notProtected
        } else if from != nil, until != nil {
            verdict = .protected
        } else if from == nil, let birth = input.childBirth, date >= birth, case .mother = input.worker {
            verdict = .protected
        } else {
            verdict = .cannotTell
        }
        switch verdict {
        case .protected:
            b.line(
                "\(date.it("Il")) è DENTRO il periodo protetto: un licenziamento in quella data è nullo, salvo le "
                    + "eccezioni qui sotto; si ha diritto a tornare al lavoro e alle retribuzioni perse.",
                "\(date.spelledEn) is INSIDE the protected period: a dismissal on that date is void, except in the cases "
                    + "below; the worker is entitled to return to work and to the lost pay.")
        case .notProtected:
            b.line(
                "\(date.it("Il")) è FUORI dal periodo protetto dall'art. 54: il divieto di licenziamento per "
                    + "maternità o paternità non si applica (restano le altre tutele contro i licenziamenti illegittimi "
                    + "o discriminatori).",
                "\(date.spelledEn) is OUTSIDE the period protected by art. 54: the ban on dismissal for maternity or "
                    + "paternity does not apply (the other protections against unlawful or discriminatory dismissal "
                    + "remain).")
        case .cannotTell:
            if case .mother = input.worker {
                b.line(
                    "Con i dati indicati non si può dire se \(date.it("il")) era nel periodo protetto: se in quella "
                        + "data eri già incinta il divieto valeva. Indica la data presunta del parto del certificato di "
                        + "gravidanza.",
                    "With the data given it is not possible to tell whether \(date.spelledEn) was in the protected "
                        + "period: if you were already pregnant on that date the ban applied. Give the expected birth "
                        + "date on the pregnancy certificate.")
            } else {
                b.line(
                    "Con i dati indicati non si può dire se \(date.it("il")) era nel periodo protetto.",
                    "With the data given it is not possible to tell whether \(date.spelledEn) was in the protected "
                        + "period.")
            }
        }

        b.line(
            "Il divieto non si applica (art. 54 c. 3) in caso di: colpa grave che costituisce giusta causa; cessazione "
                + "dell'attività dell'azienda; fine della prestazione per cui si era assunti o scadenza del contratto a "
                + "termine; esito negativo del periodo di prova.",
            "The ban does not apply (art. 54 c. 3) in case of: grave misconduct amounting to just cause; closure of the "
                + "business; completion of the work the person was hired for, or expiry of a fixed-term contract; "
                + "failed probation.")
        if case .mother = input.worker {
            b.line(
                "Il divieto dipende dallo stato di gravidanza, anche se il datore non ne sapeva nulla: se sei stata "
                    + "licenziata, consegna subito al datore di lavoro il certificato medico che la attesta "
                    + "(art. 54 c. 2).",
                "The ban depends on the pregnancy itself, even if the employer knew nothing of it: if you have been "
                    + "dismissed, give the employer the medical certificate of the pregnancy at once (art. 54 c. 2).")
        }
        b.line(
            "Agisci subito: i termini per contestare un licenziamento sono brevi. Rivolgiti senza aspettare a un "
                + "sindacato, a un patronato, a un avvocato del lavoro, all'Ispettorato territoriale del lavoro o alla "
                + "Consigliera di parità della Città metropolitana di Milano.",
            "Act at once: the time limits to challenge a dismissal are short. Go without waiting to a union, a "
                + "patronato, a labour lawyer, the local Labour Inspectorate (Ispettorato territoriale del lavoro) or "
                + "the Equality Adviser (Consigliera di parità) of the Città metropolitana di Milano.")

        if let until, date == until {
            b.warning(
                "La data è il giorno del compleanno del bambino: il calcolo lo considera ancora protetto («fino al "
                    + "compimento di un anno»), ma è un caso limite da far verificare subito.",
                "The date is the child's birthday: the calculation still counts it as protected («until the child "
                    + "turns one»), but it is a boundary case to have checked at once.")
        }
        if let from, date == from {
            b.warning(
                "La data è il primo giorno del periodo protetto: caso limite da far verificare subito.",
                "The date is the first day of the protected period: a boundary case to have checked at once.")
        }
        if provisional, until != nil {
            b.warning(
                "Il bambino non è ancora nato (o non hai indicato la data di nascita): la fine del periodo è calcolata "
                    + "dalla data presunta e cambia con la data di nascita effettiva.",
                "The child is not born yet (or you did not give the birth date): the end of the period is counted from "
                    + "the expected date and changes with the actual birth date.")
        }
        b.warning(
            "Il calcolo è indicativo e non sostituisce il parere di un legale: ogni caso va valutato sui documenti.",
            "The calculation is indicative and does not replace legal advice: each case must be assessed on the papers."
        )

        return Outcome(
            verdict: verdict, protectedFrom: from, protectedUntil: until, protectedUntilProvisional: provisional,
            result: b.build())
    }
}
