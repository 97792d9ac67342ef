import Knowledge
import TextAnalysis

/// The window and the days of the father's compulsory paternity leave (congedo di
/// paternità obbligatorio, D.Lgs. 151/2001 art. 27-bis).
///
/// The window runs from the months before the expected birth date (counted back like the
/// maternity leave, the expected date not included) to the months after the birth,
/// counted from the birth date (born 31 January, 5 months after: 30 June). Until the
/// child is born, the end is counted from the expected date and the answer says so.
public struct PaternityLeaveCalculator: Sendable {
    /// What the calculator needs.
    public struct Input: Sendable, Hashable {
        /// The expected birth date (data presunta del parto).
        public var expectedBirth: Day
        /// The actual birth date, once the child is born.
        public var actualBirth: Day?
        /// Twins or more (parto plurimo).
        public var multipleBirth: Bool
        /// The first day the father wants to take, to compute the notice to give.
        public var plannedStart: Day?

        /// The input; optional data default to unknown or not applicable.
        public init(expectedBirth: Day, actualBirth: Day? = nil, multipleBirth: Bool = false, plannedStart: Day? = nil)
        {
            self.expectedBirth = expectedBirth
            self.actualBirth = actualBirth
            self.multipleBirth = multipleBirth
            self.plannedStart = plannedStart
        }
    }

    /// The computed window and days.
    public struct Outcome: Sendable, Hashable {
        /// First day the leave can be used.
        public let windowStart: Day
        /// Last day the leave can be used.
        public let windowEnd: Day
        /// True while the child is not born: the end is counted from the expected date.
        public let windowEndProvisional: Bool
        /// Working days of leave.
        public let workingDays: Int
        /// Allowance, in percent of pay.
        public let payPercent: Int
        /// Minimum notice to the employer, in days.
        public let noticeDays: Int
        /// Last day to tell the employer in writing, for the planned start.
        public let noticeDeadline: Day?
        /// The answer to show.
        public let result: CalculationResult
    }

    /// The legal parameters (Config/parameters.yaml); every number comes from the entry in force.
    public let parameters: ParameterCatalog

    /// A calculator reading its numbers from `parameters`.
    public init(parameters: ParameterCatalog) { self.parameters = parameters }

    /// Computes the window with the rules in force on `today`.
    public func calculate(_ input: Input, today: Day) throws(CalculatorError) -> Outcome {
        var b = CalculationResult.Builder(catalog: parameters, today: today)
        let monthsBefore = try b.int("paternita-finestra-mesi-prima")
        let monthsAfter = try b.int("paternita-finestra-mesi-dopo")
        let days = try b.int(input.multipleBirth ? "paternita-giorni-parto-plurimo" : "paternita-giorni")
        let pay = try b.int("paternita-indennita-percentuale")
        let notice = try b.int("paternita-preavviso-giorni")

        let expected = input.expectedBirth
        let start = expected.adding(months: -monthsBefore)
        let end = (input.actualBirth ?? expected).adding(months: monthsAfter)

        b.line(
            "Congedo di paternità obbligatorio (D.Lgs. 151/2001, art. 27-bis): \(days) giorni lavorativi"
                + (input.multipleBirth ? " perché il parto è plurimo" : "") + ", pagati dall'INPS "
                + "\(CalculationResult.Builder.al(pay)) della retribuzione.",
            "Compulsory paternity leave (D.Lgs. 151/2001, art. 27-bis): \(days) working days"
                + (input.multipleBirth ? " because it is a multiple birth" : "") + ", paid by INPS at \(pay)% of pay.")
        if let birth = input.actualBirth {
            b.line(
                "Puoi usarli \(start.it("dal")) (\(monthsBefore) mesi prima della data presunta del parto, "
                    + "\(expected.spelledIt)) \(end.it("al")) (\(monthsAfter) mesi dopo la nascita, avvenuta "
                    + "\(birth.it("il"))).",
                "You can use them from \(start.spelledEn) (\(monthsBefore) months before the expected birth date, "
                    + "\(expected.spelledEn)) to \(end.spelledEn) (\(monthsAfter) months after the birth, on "
                    + "\(birth.spelledEn)).")
        } else {
            b.line(
                "Puoi usarli \(start.it("dal")) (\(monthsBefore) mesi prima della data presunta del parto, "
                    + "\(expected.spelledIt)) fino a \(monthsAfter) mesi dopo la nascita. Finché il bambino non è nato "
                    + "il termine è calcolato dalla data presunta: \(end.spelledIt); dopo la nascita diventa "
                    + "\(monthsAfter) mesi dopo la data di nascita effettiva.",
                "You can use them from \(start.spelledEn) (\(monthsBefore) months before the expected birth date, "
                    + "\(expected.spelledEn)) until \(monthsAfter) months after the birth. Until the child is born the "
                    + "end is counted from the expected date: \(end.spelledEn); after the birth it becomes "
                    + "\(monthsAfter) months after the actual birth date.")
        }
        b.line(
            "I giorni non si possono usare a ore, ma non devono essere consecutivi; si possono prendere anche mentre "
                + "la madre è in congedo di maternità, e spettano anche in caso di morte perinatale.",
            "The days cannot be taken by the hour, but they need not be consecutive; they can be taken while the "
                + "mother is on maternity leave, and they are also due in case of perinatal death.")

        var deadline: Day?
        if let planned = input.plannedStart {
            let last = planned.adding(days: -notice)
            deadline = last
            b.line(
                "Per iniziare \(planned.it("il")) avvisa per iscritto il datore di lavoro entro "
                    + "\(last.it("il")): almeno \(notice) giorni prima, dove possibile.",
                "To start on \(planned.spelledEn) tell the employer in writing by \(last.spelledEn): at least "
                    + "\(notice) days before, where possible.")
            if planned < start || planned > end {
                b.warning(
                    "\(planned.it("Il")) è fuori dal periodo in cui il congedo si può usare (\(start.it("dal")) "
                        + "\(end.it("al"))).",
                    "\(planned.spelledEn) is outside the period in which the leave can be used (from "
                        + "\(start.spelledEn) to \(end.spelledEn)).")
            }
            if last < today {
                b.warning(
                    "Il preavviso di \(notice) giorni per \(planned.it("il")) non è più rispettabile: avvisa subito "
                        + "il datore di lavoro (il preavviso vale dove possibile).",
                    "The \(notice)-day notice for \(planned.spelledEn) can no longer be met: tell the employer at once "
                        + "(the notice applies where possible).")
            }
        } else {
            b.line(
                "Avvisa per iscritto il datore di lavoro almeno \(notice) giorni prima dei giorni che vuoi prendere, "
                    + "dove possibile.",
                "Tell the employer in writing at least \(notice) days before the days you want to take, where possible."
            )
        }

        if today > end {
            b.warning(
                "Il periodo per usare il congedo è finito \(end.it("il")): i giorni non usati non si recuperano "
                    + "più, salvo diverse indicazioni dell'INPS.",
                "The period to use the leave ended on \(end.spelledEn): days not used can no longer be taken, "
                    + "unless INPS says otherwise.")
        }
        if let birth = input.actualBirth, birth < start {
            b.warning(
                "Il bambino è nato prima dell'inizio del periodo calcolato dalla data presunta: chiedi all'INPS o al "
                    + "datore di lavoro se puoi usare i giorni già dalla nascita.",
                "The child was born before the period counted from the expected date begins: ask INPS or the "
                    + "employer whether you can use the days from the birth.")
        }
        b.warning(
            "Le date sono indicative: prevale il calcolo dell'INPS e del datore di lavoro.",
            "The dates are indicative: the computation of INPS and of the employer prevails.")

        return Outcome(
            windowStart: start, windowEnd: end, windowEndProvisional: input.actualBirth == nil, workingDays: days,
            payPercent: pay, noticeDays: notice, noticeDeadline: deadline, result: b.build())
    }
}
