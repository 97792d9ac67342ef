import Knowledge
import TextAnalysis

/// The dates of the compulsory maternity leave (congedo di maternità, D.Lgs. 151/2001
/// artt. 16 and 20) from the expected birth date, the chosen option and, once known, the
/// actual birth date.
///
/// How days are counted (the convention of INPS msg. 18311/2007, stated in the answer):
/// - the months before the birth are counted back from the expected date, which is not
///   included (expected 15 August, 2 months before: from 15 June to 14 August);
/// - the birth day is a day of leave; the months after the birth start the next day
///   (born 15 August: 3 months from 16 August to 15 November);
/// - a birth after the expected date: the days from the expected date to the birth are
///   leave too (art. 16 c. 1 lett. b) and the months after the birth are not reduced;
/// - a birth before the expected date: the days from the day after the birth to the day
///   before the expected date were not taken before the birth and are added after it
///   (art. 16 c. 1 lett. d), even beyond 5 months in all (as INPS circ. 69/2016 reads it for a
///   birth before the leave began). With 1+4 the days added are at most those of the one
///   month before; with 0+5 there is no leave before the birth, so nothing is added.
///
/// The dates are indicative: the computation of INPS and of the employer prevails.
public struct MaternityLeaveCalculator: Sendable {
    /// How the five months are split around the birth.
    public enum Option: String, Sendable, Hashable, CaseIterable {
        /// 2 months before the expected date and 3 after the birth (art. 16 c. 1).
        case twoPlusThree
        /// 1 month before and 4 after, with medical certificates (art. 20).
        case onePlusFour
        /// All 5 months after the birth, with medical certificates (art. 16 c. 1.1).
        case zeroPlusFive
    }

    /// What the calculator needs.
    public struct Input: Sendable, Hashable {
        /// The expected birth date (data presunta del parto) on the pregnancy certificate.
        public var expectedBirth: Day
        /// How the five months are split around the birth.
        public var option: Option
        /// The actual birth date, once the child is born.
        public var actualBirth: Day?

        /// The input; optional data default to unknown or not applicable.
        public init(expectedBirth: Day, option: Option = .twoPlusThree, actualBirth: Day? = nil) {
            self.expectedBirth = expectedBirth
            self.option = option
            self.actualBirth = actualBirth
        }
    }

    /// The computed leave.
    public struct Outcome: Sendable, Hashable {
        /// First day of leave.
        public let start: Day
        /// Last day of leave.
        public let end: Day
        /// First day of the months after the birth (the day after the birth).
        public let afterBirthStart: Day
        /// True when the actual birth date is not known and the expected date was used.
        public let birthAssumed: Bool
        /// Days not taken before an early birth and added after it (art. 16 c. 1 lett. d).
        public let daysAddedAfterBirth: Int
        /// Days from the expected date to a later birth, which are leave too (art. 16 c. 1 lett. b).
        public let daysBetweenExpectedDateAndBirth: Int
        /// The answer to show.
        public let result: CalculationResult
    }

    /// The legal parameters (Config/parameters.yaml); every number comes from the entry in force.
    public let parameters: ParameterCatalog

    /// A calculator reading its numbers from `parameters`.
    public init(parameters: ParameterCatalog) { self.parameters = parameters }

    /// Computes the leave with the rules in force on `today`.
    public func calculate(_ input: Input, today: Day) throws(CalculatorError) -> Outcome {
        var b = CalculationResult.Builder(catalog: parameters, today: today)
        let expected = input.expectedBirth
        let birth = input.actualBirth ?? expected
        let totalMonths = try b.int("maternita-mesi-totali")
        let pay = try b.int("maternita-indennita-percentuale")

        let monthsBefore: Int
        let monthsAfter: Int
        let optionIt: String
        let optionEn: String
        let ruleIt: String
        let ruleEn: String
        switch input.option {
        case .twoPlusThree:
            monthsBefore = try b.int("maternita-mesi-prima-parto")
            monthsAfter = try b.int("maternita-mesi-dopo-parto")
            optionIt = "\(monthsBefore) mesi prima + \(monthsAfter) mesi dopo il parto"
            optionEn = "\(monthsBefore) months before + \(monthsAfter) months after the birth"
            ruleIt = "D.Lgs. 151/2001, art. 16 c. 1"
            ruleEn = ruleIt
        case .onePlusFour:
            monthsBefore = try b.int("maternita-flessibilita-mesi-prima")
            monthsAfter = try b.int("maternita-flessibilita-mesi-dopo")
            optionIt = "flessibilità, \(monthsBefore) mese prima + \(monthsAfter) mesi dopo il parto"
            optionEn = "flexibility, \(monthsBefore) month before + \(monthsAfter) months after the birth"
            ruleIt = "D.Lgs. 151/2001, art. 20"
            ruleEn = ruleIt
        case .zeroPlusFive:
            let parameter = try b.parameter("maternita-dopo-parto-mesi")
            guard let after = try b.optionalInt("maternita-dopo-parto-mesi") else {
                let first = parameter.series.first?.from
                throw .invalidInput(
                    "L'opzione del congedo tutto dopo il parto non era in vigore \(today.it("il"))"
                        + (first.map { " (esiste \($0.it("dal")))" } ?? "") + ": scegli un'altra opzione. / "
                        + "The all-after-the-birth option was not in force on \(today.spelledEn)"
                        + (first.map { " (it exists from \($0.spelledEn))" } ?? "") + ": choose another option.")
            }
            monthsAfter = after
            monthsBefore = max(0, totalMonths - after)
            optionIt = "tutto dopo il parto, \(monthsAfter) mesi"
            optionEn = "all after the birth, \(monthsAfter) months"
            ruleIt = "D.Lgs. 151/2001, art. 16 c. 1.1"
            ruleEn = ruleIt
        }

        // The period before the birth, as planned from the expected date.
        let plannedStart = monthsBefore > 0 ? expected.adding(months: -monthsBefore) : expected
        let afterBirthStart = birth.adding(days: 1)
        var added = 0
        var between = 0
        if birth < expected {
            switch input.option {
            case .twoPlusThree:
                added = birth.days(to: expected) - 1
            case .onePlusFour:
                added = max(birth.adding(days: 1), plannedStart).days(to: expected)
            case .zeroPlusFive:
                added = 0
            }
        } else if birth > expected, input.option != .zeroPlusFive {
            between = expected.days(to: birth)
        }
        let start: Day
        if input.option == .zeroPlusFive {
            start = afterBirthStart
        } else {
            start = min(plannedStart, afterBirthStart)
        }
        let end = birth.adding(months: monthsAfter).adding(days: added)

        b.line(
            "Congedo di maternità con l'opzione «\(optionIt)» (\(ruleIt)): \(start.it("dal")) "
                + "\(end.it("al")).",
            "Maternity leave with the option «\(optionEn)» (\(ruleEn)): from \(start.spelledEn) to \(end.spelledEn).")
        if monthsBefore > 0, input.option != .zeroPlusFive {
            let beforeEnd = expected.adding(days: -1)
            if birth >= plannedStart {
                b.line(
                    "Prima del parto: \(plannedStart.it("dal")) (\(monthsBefore) "
                        + (monthsBefore == 1 ? "mese" : "mesi")
                        + " prima della data presunta del parto, \(expected.spelledIt), che non si conta) "
                        + (birth < expected ? "fino al parto." : "\(beforeEnd.it("al"))."),
                    "Before the birth: from \(plannedStart.spelledEn) (\(monthsBefore) "
                        + (monthsBefore == 1 ? "month" : "months")
                        + " before the expected birth date, \(expected.spelledEn), which is not counted) "
                        + (birth < expected ? "until the birth." : "to \(beforeEnd.spelledEn)."))
            }
        }
        if input.option == .zeroPlusFive {
            b.line(
                "Tutto il congedo è dopo il parto: \(monthsAfter) mesi dal giorno dopo la nascita, "
                    + "\(afterBirthStart.it("dal")) \(end.it("al")). Fino al parto si lavora.",
                "All the leave is after the birth: \(monthsAfter) months from the day after the birth, "
                    + "from \(afterBirthStart.spelledEn) to \(end.spelledEn). You work until the birth.")
        } else {
            let monthsEnd = birth.adding(months: monthsAfter)
            b.line(
                "Dopo il parto: \(monthsAfter) mesi dal giorno dopo la nascita, \(afterBirthStart.it("dal")) "
                    + "\(monthsEnd.it("al"))" + (added > 0 ? ", più i giorni aggiunti (vedi sotto)." : "."),
                "After the birth: \(monthsAfter) months from the day after the birth, from "
                    + "\(afterBirthStart.spelledEn) to \(monthsEnd.spelledEn)"
                    + (added > 0 ? ", plus the days added (see below)." : "."))
        }

        if input.actualBirth == nil {
            b.line(
                "La data di nascita non è ancora nota: il calcolo suppone che il bambino nasca nella data presunta "
                    + "(\(expected.spelledIt)). Quando nasce, la fine del congedo si sposta con la data effettiva.",
                "The birth date is not known yet: the calculation assumes the child is born on the expected date "
                    + "(\(expected.spelledEn)). Once the child is born, the end of the leave moves with the actual date."
            )
        } else if birth < expected {
            let early = birth.days(to: expected)
            if added > 0 {
                b.line(
                    "Il bambino è nato \(birth.it("il")), \(early) giorni prima della data presunta: i \(added) "
                        + "giorni di congedo non goduti prima del parto si aggiungono dopo il parto, anche se così "
                        + "si superano i \(totalMonths) mesi in tutto (D.Lgs. 151/2001, art. 16 c. 1 lett. d). "
                        + "Il congedo finisce \(end.it("il")).",
                    "The child was born on \(birth.spelledEn), \(early) days before the expected date: the \(added) "
                        + "days of leave not taken before the birth are added after it, even if the total goes "
                        + "beyond \(totalMonths) months (D.Lgs. 151/2001, art. 16 c. 1 lett. d). "
                        + "The leave ends on \(end.spelledEn).")
            } else if input.option == .zeroPlusFive {
                b.line(
                    "Il bambino è nato \(birth.it("il")), \(early) giorni prima della data presunta: con il "
                        + "congedo tutto dopo il parto non c'erano giorni di congedo prima del parto da aggiungere.",
                    "The child was born on \(birth.spelledEn), \(early) days before the expected date: with all the "
                        + "leave after the birth there were no days of leave before the birth to add.")
            } else {
                b.line(
                    "Il bambino è nato \(birth.it("il")), il giorno prima della data presunta: tutti i giorni "
                        + "prima del parto sono stati goduti, non ci sono giorni da aggiungere.",
                    "The child was born on \(birth.spelledEn), the day before the expected date: all the days "
                        + "before the birth were taken, there are no days to add.")
            }
        } else if birth > expected, input.option == .zeroPlusFive {
            b.line(
                "Il bambino è nato \(birth.it("il")), dopo la data presunta: con il congedo tutto dopo il parto "
                    + "i mesi partono dal giorno dopo la nascita, se i certificati coprono anche i giorni fino al parto.",
                "The child was born on \(birth.spelledEn), after the expected date: with all the leave after the "
                    + "birth the months start the day after the birth, if the certificates also cover the days until "
                    + "the birth.")
        } else if birth > expected {
            b.line(
                "Il bambino è nato \(birth.it("il")), dopo la data presunta: i \(between) giorni dalla data "
                    + "presunta al giorno prima del parto fanno parte del congedo e non riducono i mesi dopo il parto "
                    + "(D.Lgs. 151/2001, art. 16 c. 1 lett. b).",
                "The child was born on \(birth.spelledEn), after the expected date: the \(between) days from the "
                    + "expected date to the day before the birth are part of the leave and do not reduce the months "
                    + "after the birth (D.Lgs. 151/2001, art. 16 c. 1 lett. b).")
        }

        b.line(
            "Durante il congedo l'INPS paga un'indennità pari \(CalculationResult.Builder.al(pay)) della retribuzione "
                + "(D.Lgs. 151/2001, art. 22); il tuo contratto collettivo può prevedere un'integrazione. "
                + "Il congedo è obbligatorio: non si può rinunciare.",
            "During the leave INPS pays an allowance of \(pay)% of pay (D.Lgs. 151/2001, art. 22); your collective "
                + "agreement may add to it. The leave is compulsory: it cannot be waived.")

        switch input.option {
        case .twoPlusThree:
            break
        case .onePlusFour:
            b.line(
                "L'opzione \(monthsBefore)+\(monthsAfter) richiede i certificati del medico specialista del Servizio "
                    + "sanitario nazionale (o convenzionato) e, se in azienda c'è, del medico competente, che attestino "
                    + "che lavorare nel mese in più non comporta rischi per te e per il bambino (D.Lgs. 151/2001, art. 20).",
                "The \(monthsBefore)+\(monthsAfter) option needs certificates from a specialist doctor of the national "
                    + "health service (or affiliated with it) and, if the company has one, from the company doctor "
                    + "(medico competente), stating that working the extra month is not a risk for you and the baby "
                    + "(D.Lgs. 151/2001, art. 20).")
        case .zeroPlusFive:
            let month = try b.int("maternita-certificati-mese-gravidanza")
            b.line(
                "L'opzione tutto dopo il parto richiede i certificati del medico specialista del Servizio sanitario "
                    + "nazionale (o convenzionato) e, se in azienda c'è, del medico competente, che attestino l'assenza "
                    + "di rischi per te e per il bambino (D.Lgs. 151/2001, art. 16 c. 1.1). Vanno ottenuti nel corso "
                    + "del \(month)° mese di gravidanza (circ. INPS 148/2019).",
                "The all-after-the-birth option needs certificates from a specialist doctor of the national health "
                    + "service (or affiliated with it) and, if the company has one, from the company doctor (medico "
                    + "competente), stating there is no risk for you and the baby (D.Lgs. 151/2001, art. 16 c. 1.1). "
                    + "They must be obtained during month \(month) of the pregnancy (INPS circ. 148/2019).")
        }

        b.warning(
            "Le date sono indicative: prevale il calcolo dell'INPS e del datore di lavoro. Il giorno del parto è "
                + "contato come giorno di congedo e i mesi dopo il parto partono dal giorno successivo (come nella prassi "
                + "INPS); nei conteggi ufficiali è possibile una differenza di un giorno.",
            "The dates are indicative: the computation of INPS and of the employer prevails. The birth day is "
                + "counted as a day of leave and the months after the birth start the next day (as in INPS practice); "
                + "the official count may differ by one day.")
        b.warning(
            "Un'interdizione anticipata (decisa dall'ASL o dall'Ispettorato del lavoro) o prorogata dopo il parto "
                + "cambia le date; anche il ricovero del neonato può cambiare la decorrenza: chiedi all'INPS.",
            "An early ban from work (ordered by the ASL or the Labour Inspectorate) or one extended after the birth "
                + "changes the dates; a stay of the newborn in hospital can also change when the leave runs: ask INPS.")
        if input.option == .onePlusFour, birth < plannedStart {
            b.warning(
                "Il parto è avvenuto prima dell'inizio del congedo con la flessibilità: quanti giorni si aggiungono "
                    + "dopo il parto in questo caso va verificato con l'INPS (qui si aggiunge solo il mese prima "
                    + "del parto non goduto).",
                "The birth came before the flexible leave started: how many days are added after the birth in this "
                    + "case must be checked with INPS (here only the unused month before the birth is added).")
        }
        if input.option == .zeroPlusFive, birth < expected {
            b.warning(
                "Con il congedo tutto dopo il parto e una nascita molto prima della data presunta l'INPS ha istruzioni "
                    + "specifiche (circ. 148/2019): verifica con l'INPS se ti spettano giorni in più.",
                "With all the leave after the birth and a birth well before the expected date INPS has specific "
                    + "instructions (circ. 148/2019): check with INPS whether extra days are due.")
        }
        if input.option == .zeroPlusFive, birth > expected || input.actualBirth == nil {
            b.warning(
                "Se il parto avviene dopo la data presunta, i certificati devono coprire anche i giorni fino al parto; "
                    + "altrimenti il congedo parte dalla data presunta (circ. INPS 148/2019).",
                "If the birth comes after the expected date, the certificates must also cover the days until the "
                    + "birth; otherwise the leave starts on the expected date (INPS circ. 148/2019).")
        }

        return Outcome(
            start: start, end: end, afterBirthStart: afterBirthStart, birthAssumed: input.actualBirth == nil,
            daysAddedAfterBirth: added, daysBetweenExpectedDateAndBirth: between, result: b.build())
    }
}
