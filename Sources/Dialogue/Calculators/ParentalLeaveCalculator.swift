import Knowledge
import TextAnalysis

/// The parental leave (congedo parentale, D.Lgs. 151/2001 artt. 32-34) left to an
/// employee, the last day it can be used and the pay of each remaining month.
///
/// Limits (art. 32): each parent up to 6 months; the father up to 7 if he takes at least
/// 3; the couple up to 10, or 11 if the father takes at least 3; a single parent 11.
///
/// Pay (art. 34, with the budget laws): 9 paid months for the couple (3 per parent, not
/// transferable, plus 3 the parents share); some of them at 80% (employees only, before the
/// child's 6th birthday, shared by the couple), how many depending on when the maternity
/// or paternity leave ended; the rest at 30%; months beyond the paid ones at 30% only if the
/// parent's income is below 2.5 times the minimum pension. The calculator assumes the months
/// already used took the best-paid months first (80%, then 30%), and says so.
///
/// Non-employees have other limits: the answer says so and points to the cards.
public struct ParentalLeaveCalculator: Sendable {
    /// Which parent asks.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case mother, father
    }

    /// How one remaining month is paid.
    public enum MonthPay: Sendable, Hashable {
        /// At the enhanced rate (80%) if used by `usableUntil` (the day before the child's 6th
        /// birthday); later it is paid at the base rate.
        case enhanced(percent: Int, usableUntil: Day)
        /// At the base rate (30%) if used by `usableUntil`.
        case base(percent: Int, usableUntil: Day)
        /// At the base rate only if the parent's individual income is below the threshold
        /// (2.5 times the minimum pension); otherwise unpaid.
        case incomeConditioned(percent: Int)
    }

    /// What the calculator needs.
    public struct Input: Sendable, Hashable {
        /// Which parent asks.
        public var role: Role
        /// Single parent (genitore solo, or sole custody under art. 337-quater c.c.).
        public var singleParent: Bool
        /// Whole months of parental leave this parent has already used for this child
        /// (round fractions up).
        public var monthsUsedByThisParent: Int
        /// Whole months the other parent has already used for this child.
        public var monthsUsedByOtherParent: Int
        /// The child's birth date.
        public var childBirth: Day
        /// True for an employee (lavoratore dipendente), public or private.
        public var employee: Bool
        /// Last day of the maternity leave (or of the father's alternative paternity leave)
        /// for this child; when nil, the ordinary end is assumed and the answer says so.
        public var maternityLeaveEnd: Day?

        /// The input; optional data default to unknown or not applicable.
        public init(
            role: Role, singleParent: Bool = false, monthsUsedByThisParent: Int = 0, monthsUsedByOtherParent: Int = 0,
            childBirth: Day, employee: Bool = true, maternityLeaveEnd: Day? = nil
        ) {
            self.role = role
            self.singleParent = singleParent
            self.monthsUsedByThisParent = monthsUsedByThisParent
            self.monthsUsedByOtherParent = monthsUsedByOtherParent
            self.childBirth = childBirth
            self.employee = employee
            self.maternityLeaveEnd = maternityLeaveEnd
        }
    }

    /// The computed entitlement (nil numbers for non-employees, whose limits differ).
    public struct Outcome: Sendable, Hashable {
        /// Months this parent can still take.
        public let monthsLeftForParent: Int?
        /// Months the couple can still take, with the limit that applies today.
        public let monthsLeftForCouple: Int?
        /// Months the couple could take if the father reaches the threshold (3 months); nil
        /// when he already has, or for a single parent.
        public let monthsLeftForCoupleIfFatherReachesThreshold: Int?
        /// Last day the leave can be used (the day before the child's birthday at the age limit).
        public let lastDay: Day?
        /// False when the last day is past.
        public let canStillBeUsed: Bool
        /// Months at the enhanced rate (80%) the couple can still use (0 once the child is 6).
        public let enhancedMonthsLeftForCouple: Int
        /// The pay of each month this parent can still take, best paid first.
        public let monthPay: [MonthPay]
        /// The answer to show.
        public let result: CalculationResult
    }

    /// The legal parameters (Config/parameters.yaml); every number comes from the entry in force.
    public let parameters: ParameterCatalog

    /// A calculator reading its numbers from `parameters`.
    public init(parameters: ParameterCatalog) { self.parameters = parameters }

    /// Computes the leave left with the rules in force on `today`.
    public func calculate(_ input: Input, today: Day) throws(CalculatorError) -> Outcome {
        guard input.monthsUsedByThisParent >= 0, input.monthsUsedByOtherParent >= 0 else {
            throw .invalidInput(
                "I mesi già usati non possono essere negativi: controlla i numeri. / The months already used cannot be "
                    + "negative: check the numbers.")
        }
        var b = CalculationResult.Builder(catalog: parameters, today: today)
        b.noteLeapDayBirth(input.childBirth)
        guard input.employee else { return try nonEmployee(input, builder: b) }
        return try employee(input, builder: b, today: today)
    }

    // MARK: - Employees

    private func employee(
        _ input: Input, builder: CalculationResult.Builder, today: Day
    ) throws(CalculatorError) -> Outcome {
        var b = builder
        let birth = input.childBirth
        let perParent = try b.int("congedo-parentale-mesi-genitore")
        let fatherMax = try b.int("congedo-parentale-mesi-padre-maggiorato")
        let threshold = try b.int("congedo-parentale-mesi-padre-soglia")
        let couple = try b.int("congedo-parentale-mesi-coppia")
        let coupleMax = try b.int("congedo-parentale-mesi-coppia-maggiorato")
        let single = try b.int("congedo-parentale-mesi-genitore-solo")
        let paidTotal = try b.int("congedo-parentale-mesi-indennizzati")
        let paidOwn = try b.int("congedo-parentale-mesi-indennizzati-genitore")
        let transferable = try b.int("congedo-parentale-mesi-indennizzati-trasferibili")
        let ageLimitEntry = try b.entry("congedo-parentale-eta-massima-figlio")
        let ageLimit = try b.int("congedo-parentale-eta-massima-figlio")
        let baseAge = try b.int("congedo-parentale-eta-indennita-30")
        let basePercent = try b.int("congedo-parentale-indennita-base-percentuale")
        let income = try b.decimalText("congedo-parentale-soglia-reddito-multiplo")

        let used = input.monthsUsedByThisParent
        let other = input.monthsUsedByOtherParent
        let father = input.role == .father ? used : other
        let mother = input.role == .mother ? used : other

        // Validation: months already used beyond the limits cannot be right.
        if input.singleParent {
            if used > single {
                throw .invalidInput(
                    "Hai indicato \(used) mesi già usati, ma il genitore solo ha al massimo \(single) mesi di congedo "
                        + "parentale: controlla il numero. / You gave \(used) months already used, but a single parent "
                        + "has at most \(single) months of parental leave: check the number.")
            }
        } else {
            if mother > perParent {
                throw .invalidInput(
                    "Hai indicato \(mother) mesi usati dalla madre, ma ciascun genitore ha al massimo \(perParent) mesi "
                        + "(solo il padre può arrivare a \(fatherMax)): controlla il numero. / You gave \(mother) months "
                        + "used by the mother, but each parent has at most \(perParent) months (only the father can "
                        + "reach \(fatherMax)): check the number.")
            }
            if father > fatherMax {
                throw .invalidInput(
                    "Hai indicato \(father) mesi usati dal padre, ma il padre ha al massimo \(fatherMax) mesi: controlla "
                        + "il numero. / You gave \(father) months used by the father, but the father has at most "
                        + "\(fatherMax) months: check the number.")
            }
            let cap = father >= threshold ? coupleMax : couple
            if mother + father > cap {
                throw .invalidInput(
                    "I mesi già usati dai due genitori (\(mother + father)) superano il limite della coppia di \(cap) "
                        + "mesi: controlla i numeri. / The months already used by the two parents (\(mother + father)) "
                        + "exceed the couple's limit of \(cap) months: check the numbers.")
            }
        }

        // Months left.
        let left: Int
        var coupleLeft: Int
        var coupleLeftIfFather: Int?
        if input.singleParent {
            left = single - used
            coupleLeft = left
        } else {
            let capNow = father >= threshold ? coupleMax : couple
            coupleLeft = capNow - mother - father
            if father < threshold { coupleLeftIfFather = coupleMax - mother - father }
            switch input.role {
            case .mother: left = max(0, min(perParent - mother, capNow - mother - father))
            case .father: left = max(0, min(fatherMax - father, coupleMax - mother - father))
            }
            coupleLeft = max(0, coupleLeft)
        }

        // Paid months left to this parent, and paid months already used by the couple.
        let paidLeft: Int
        let paidUsed: Int
        if input.singleParent {
            paidLeft = max(0, paidTotal - used)
            paidUsed = min(paidTotal, used)
        } else {
            let transferUsed = min(
                transferable, min(transferable, max(0, used - paidOwn)) + min(transferable, max(0, other - paidOwn)))
            paidLeft = max(0, paidOwn - used) + (transferable - transferUsed)
            paidUsed = min(paidOwn, used) + min(paidOwn, other) + transferUsed
        }
        let thisPaid = min(left, paidLeft)

        // Months at the enhanced rate, from when the maternity/paternity leave ended.
        let table = try b.parameter("congedo-parentale-mesi-80")
        var enhancedForCouple = 0
        var enhancedPercent = 0
        var enhancedUntil: Day?
        var leaveEnd = input.maternityLeaveEnd
        var enhancedAgeYears = 0
        // Lines about the enhanced months, shown after the limits and the last day.
        var pending: [(it: String, en: String)] = []
        if try b.optionalEntry("congedo-parentale-mesi-80") != nil {
            enhancedPercent = try b.int("congedo-parentale-indennita-maggiorata-percentuale")
            let enhancedAge = try b.int("congedo-parentale-eta-80")
            enhancedAgeYears = enhancedAge
            let ordinaryAfter = try b.int("maternita-mesi-dopo-parto")
            if leaveEnd == nil { leaveEnd = birth.adding(months: ordinaryAfter) }
            let end = leaveEnd ?? birth
            let inForce = table.series.filter { $0.from <= today }
            if let applicable = inForce.last(where: { $0.from <= end && ($0.until.map { end <= $0 } ?? true) }) {
                guard let value = Int(applicable.value) else { throw .missingParameter(table.id) }
                enhancedForCouple = value
            }
            let until = birth.dayBeforeBirthday(enhancedAge)
            enhancedUntil = until
            let tableIt = Self.tableText(inForce, english: false)
            let tableEn = Self.tableText(inForce, english: true)
            let endIt = input.maternityLeaveEnd == nil ? "è finito (secondo la stima)" : "è finito"
            let endEn = input.maternityLeaveEnd == nil ? "ended (estimated)" : "ended"
            pending.append(
                (
                    "Mesi \(CalculationResult.Builder.al(enhancedPercent)): dipendono da quando è finito il congedo di "
                        + "maternità (o di paternità alternativo). Per la coppia: \(tableIt) (\(table.source)). Il congedo "
                        + "\(endIt) \(end.it("il")): spettano \(enhancedForCouple) mesi "
                        + "\(CalculationResult.Builder.al(enhancedPercent)), da usare entro \(until.it("il")) (il giorno "
                        + "prima dei \(enhancedAge) anni del figlio). Sono in comune tra i genitori e spettano solo ai "
                        + "dipendenti.",
                    "Months at \(enhancedPercent)%: they depend on when the maternity leave (or the father's alternative "
                        + "paternity leave) ended. For the couple: \(tableEn) (\(table.source)). The leave \(endEn) on "
                        + "\(end.spelledEn): \(enhancedForCouple) months at \(enhancedPercent)% are due, to be used by "
                        + "\(until.spelledEn) (the day before the child turns \(enhancedAge)). They are shared by the "
                        + "parents and only employees get them."
                ))
            if input.maternityLeaveEnd == nil {
                b.warning(
                    "Non hai indicato quando è finito il congedo di maternità: si è supposto che sia finito "
                        + "\(ordinaryAfter) mesi dopo la nascita (\(end.spelledIt)). Se è finito "
                        + "in un anno diverso, i mesi \(CalculationResult.Builder.al(enhancedPercent)) possono cambiare; "
                        + "se la madre non ha avuto un congedo di maternità, chiedi all'INPS quale data vale.",
                    "You did not give the end of the maternity leave: it was assumed to end "
                        + "\(ordinaryAfter) months after the birth (\(end.spelledEn)). If it "
                        + "ended in another year, the months at \(enhancedPercent)% can change; if the mother had no "
                        + "maternity leave, ask INPS which date applies.")
            }
            if let latest = table.series.last?.from, today < latest {
                b.warning(
                    "Prima \(latest.it("del")) le misure dei mesi pagati erano diverse da quelle applicate qui: "
                        + "per periodi di congedo usati prima di quella data verifica con l'INPS.",
                    "Before \(latest.spelledEn) the pay rates of the months differed from those applied here: for "
                        + "leave used before that date check with INPS.")
            }
        } else if let first = table.series.first?.from {
            pending.append(
                (
                    "Prima \(first.it("del")) non c'erano mesi di congedo parentale pagati in misura maggiorata.",
                    "Before \(first.spelledEn) no months of parental leave were paid at an enhanced rate."
                ))
        }
        let enhancedUsed = min(enhancedForCouple, paidUsed)
        var enhancedLeft = enhancedForCouple - enhancedUsed
        if let until = enhancedUntil, today > until { enhancedLeft = 0 }
        let thisEnhanced = min(enhancedLeft, thisPaid)

        let lastDay = birth.dayBeforeBirthday(ageLimit)
        let baseUntil = birth.dayBeforeBirthday(baseAge)
        let canUse = today <= lastDay
        var pays: [MonthPay] = []
        if canUse {
            for index in 0..<left {
                if index < thisEnhanced, let until = enhancedUntil {
                    pays.append(.enhanced(percent: enhancedPercent, usableUntil: until))
                } else if index < thisPaid, today <= baseUntil {
                    pays.append(.base(percent: basePercent, usableUntil: min(baseUntil, lastDay)))
                } else {
                    pays.append(.incomeConditioned(percent: basePercent))
                }
            }
        }

        // The rule and the months left.
        if input.singleParent {
            b.line(
                "Congedo parentale per i lavoratori dipendenti (D.Lgs. 151/2001, art. 32): il genitore solo ha fino a "
                    + "\(single) mesi. Hai già usato \(Self.months(used, false)): te ne \(left == 1 ? "resta" : "restano") "
                    + "\(left).",
                "Parental leave for employees (D.Lgs. 151/2001, art. 32): a single parent has up to \(single) months. "
                    + "You have already used \(Self.months(used, true)): \(left) left.")
        } else {
            b.line(
                "Congedo parentale per i lavoratori dipendenti (D.Lgs. 151/2001, art. 32): ciascun genitore fino a "
                    + "\(perParent) mesi (il padre fino a \(fatherMax) se ne usa almeno \(threshold)); la coppia fino a "
                    + "\(couple) mesi, \(coupleMax) se il padre ne usa almeno \(threshold).",
                "Parental leave for employees (D.Lgs. 151/2001, art. 32): each parent up to \(perParent) months (the "
                    + "father up to \(fatherMax) if he takes at least \(threshold)); the couple up to \(couple) months, "
                    + "\(coupleMax) if the father takes at least \(threshold).")
            let coupleIt =
                coupleLeftIfFather.map { "\(coupleLeft) (\($0) se il padre arriva ad almeno \(threshold) mesi)" }
                ?? "\(coupleLeft)"
            let coupleEn =
                coupleLeftIfFather.map { "\(coupleLeft) (\($0) if the father reaches at least \(threshold) months)" }
                ?? "\(coupleLeft)"
            b.line(
                "Hai già usato \(Self.months(used, false)) e l'altro genitore \(Self.months(other, false)): ti "
                    + "\(left == 1 ? "resta" : "restano") \(Self.months(left, false)); alla coppia "
                    + "\(coupleLeft == 1 ? "ne resta" : "ne restano") \(coupleIt). I mesi che usa l'altro genitore possono ridurre i tuoi, entro il limite "
                    + "della coppia.",
                "You have already used \(Self.months(used, true)) and the other parent \(Self.months(other, true)): "
                    + "\(Self.months(left, true)) left to you; the couple has \(coupleEn) left. Months the other parent takes can reduce yours, within the "
                    + "couple's limit.")
            if input.role == .father {
                if father >= threshold {
                    b.line(
                        "Hai già usato almeno \(threshold) mesi: il tuo limite è \(fatherMax) mesi e quello della coppia "
                            + "\(coupleMax).",
                        "You have already used at least \(threshold) months: your limit is \(fatherMax) months and the "
                            + "couple's \(coupleMax).")
                } else {
                    b.line(
                        "Il tuo \(fatherMax)° mese e \(Self.article(coupleMax))\(coupleMax)° mese della coppia spettano solo se arrivi ad almeno "
                            + "\(threshold) mesi in tutto (te ne mancano \(threshold - father)); altrimenti il tuo limite "
                            + "è \(perParent) mesi e quello della coppia \(couple).",
                        "Your month \(fatherMax) and the couple's month \(coupleMax) are due only if you reach at least "
                            + "\(threshold) months in all (\(threshold - father) to go); otherwise your limit is "
                            + "\(perParent) months and the couple's \(couple).")
                }
            }
        }

        // The last day.
        b.line(
            "Si può usare fino \(lastDay.it("al")), il giorno prima dei \(ageLimit) anni del figlio (limite per i "
                + "lavoratori dipendenti in vigore \(ageLimitEntry.from.it("dal"))).",
            "It can be used until \(lastDay.spelledEn), the day before the child turns \(ageLimit) (the limit for "
                + "employees in force from \(ageLimitEntry.from.spelledEn)).")
        if !canUse {
            b.line(
                "Il figlio ha già compiuto \(ageLimit) anni: il congedo parentale non si può più usare, anche se restano "
                    + "mesi.",
                "The child has already turned \(ageLimit): parental leave can no longer be used, even if months are left."
            )
        } else if input.role == .mother, let end = input.maternityLeaveEnd, today <= end {
            b.line(
                "Per la madre il congedo parentale si può usare dopo la fine del congedo di maternità (\(end.spelledIt)).",
                "The mother can use parental leave after the maternity leave ends (\(end.spelledEn)).")
        }

        for line in pending { b.line(line.it, line.en) }

        // The pay of each month.
        if canUse, left > 0 {
            let enhancedCount = pays.filter { if case .enhanced = $0 { return true } else { return false } }.count
            let baseCount = pays.filter { if case .base = $0 { return true } else { return false } }.count
            let conditionedCount = left - enhancedCount - baseCount
            var partsIt: [String] = []
            var partsEn: [String] = []
            if enhancedCount > 0, let until = enhancedUntil {
                partsIt.append(
                    "\(enhancedCount) \(CalculationResult.Builder.al(enhancedPercent)) se usati entro "
                        + "\(until.it("il")) (dopo, \(CalculationResult.Builder.al(basePercent)))")
                partsEn.append(
                    "\(enhancedCount) at \(enhancedPercent)% if used by \(until.spelledEn) (later, at \(basePercent)%)")
            }
            if baseCount > 0 {
                let until = min(baseUntil, lastDay)
                partsIt.append("\(baseCount) \(CalculationResult.Builder.al(basePercent)) (entro \(until.it("il")))")
                partsEn.append("\(baseCount) at \(basePercent)% (by \(until.spelledEn))")
            }
            if conditionedCount > 0 {
                partsIt.append(
                    "\(conditionedCount) oltre i mesi pagati, \(CalculationResult.Builder.al(basePercent)) solo se il "
                        + "tuo reddito individuale è inferiore a \(income.it) volte il trattamento minimo di pensione, "
                        + "altrimenti non pagati")
                partsEn.append(
                    "\(conditionedCount) beyond the paid months, at \(basePercent)% only if your individual income is "
                        + "below \(income.en) times the minimum pension (trattamento minimo), otherwise unpaid")
            }
            b.line(
                (left == 1
                    ? "Come è pagato il mese che ti resta: "
                    : "Come sono pagati \(Self.article(left) == "l'" ? "gli" : "i") \(left) mesi che ti restano: ")
                    + partsIt.joined(separator: "; ")
                    + (input.singleParent
                        ? " (D.Lgs. 151/2001, art. 34; \(paidTotal) mesi pagati in tutto per il genitore solo)."
                        : " (D.Lgs. 151/2001, art. 34; \(paidTotal) mesi pagati in tutto per la coppia, \(paidOwn) per "
                            + "ciascun genitore non cedibili più \(transferable) da dividere)."),
                (left == 1 ? "How the month left to you is paid: " : "How the \(left) months left to you are paid: ")
                    + partsEn.joined(separator: "; ")
                    + (input.singleParent
                        ? " (D.Lgs. 151/2001, art. 34; \(paidTotal) paid months in all for a single parent)."
                        : " (D.Lgs. 151/2001, art. 34; \(paidTotal) paid months in all for the couple, \(paidOwn) per "
                            + "parent not transferable plus \(transferable) to share)."))
            let listIt = pays.enumerated().map { index, pay in "\(index + 1)° " + Self.payText(pay, english: false) }
            let listEn = pays.enumerated().map { index, pay in
                CalculationResult.Builder.ordinal(index + 1) + " " + Self.payText(pay, english: true)
            }
            b.line(
                "Mese per mese: " + listIt.joined(separator: ", ") + ".",
                "Month by month: " + listEn.joined(separator: ", ") + ".")
        }
        if let until = enhancedUntil, today > until, enhancedForCouple > enhancedUsed {
            b.line(
                "Il figlio ha già compiuto i \(enhancedAgeYears) anni: i mesi "
                    + "\(CalculationResult.Builder.al(enhancedPercent)) non usati sono pagati \(CalculationResult.Builder.al(basePercent)).",
                "The child has already turned \(enhancedAgeYears): the unused months at "
                    + "\(enhancedPercent)% are paid at \(basePercent)%.")
        }
        b.line(
            "Si assume che i mesi già usati abbiano consumato per primi quelli pagati meglio (prima "
                + "\(enhancedPercent > 0 ? "\(CalculationResult.Builder.al(enhancedPercent)), poi " : "")"
                + "\(CalculationResult.Builder.al(basePercent))).",
            "The months already used are assumed to have taken the best-paid months first ("
                + "\(enhancedPercent > 0 ? "\(enhancedPercent)%, then " : "")\(basePercent)%).")

        // What is not certain.
        if !input.singleParent {
            b.warning(
                "Il calcolo suppone che anche l'altro genitore sia dipendente: se non lo è, i suoi mesi non usano quelli "
                    + "pagati in misura maggiorata e i limiti possono cambiare; chiedi all'INPS.",
                "The calculation assumes the other parent is an employee too: if not, their months do not use the "
                    + "enhanced-rate months and the limits can change; ask INPS.")
        } else {
            b.warning(
                "Per il genitore solo il calcolo considera \(paidTotal) mesi pagati (D.Lgs. 151/2001, art. 34 c. 1): "
                    + "verifica con l'INPS.",
                "For a single parent the calculation counts \(paidTotal) paid months (D.Lgs. 151/2001, art. 34 c. 1): "
                    + "check with INPS.")
            if other > 0 {
                b.warning(
                    "Hai indicato mesi usati dall'altro genitore: come contano per il genitore solo non è verificato "
                        + "qui; il calcolo considera solo i tuoi. Chiedi all'INPS.",
                    "You gave months used by the other parent: how they count for a single parent is not verified "
                        + "here; the calculation only counts yours. Ask INPS.")
            }
        }
        if pays.contains(where: { if case .incomeConditioned = $0 { return true } else { return false } }) {
            let previous = try b.parameter("congedo-parentale-eta-massima-figlio").series
                .last { $0.from < ageLimitEntry.from }
            if let previous {
                b.warning(
                    "[NON VERIFICATO] Se il \(basePercent)% legato al reddito per i mesi oltre quelli pagati valga fino "
                        + "ai \(ageLimit) anni del figlio o solo fino ai \(previous.value) anni (come prima "
                        + "\(ageLimitEntry.from.it("del"))) non è confermato.",
                    "[UNVERIFIED] Whether the income-based \(basePercent)% for months beyond the paid ones runs until the "
                        + "child turns \(ageLimit) or only until age \(previous.value) (as before "
                        + "\(ageLimitEntry.from.spelledEn)) is not confirmed.")
            }
            b.warning(
                "Il trattamento minimo di pensione cambia ogni anno: chiedi l'importo della soglia all'INPS o a un patronato.",
                "The minimum pension changes every year: ask INPS or a patronato for the threshold amount.")
        }
        let baseParameter = try b.parameter("congedo-parentale-eta-indennita-30")
        if let first = baseParameter.series.first, let current = baseParameter.entry(on: today), current != first {
            b.warning(
                "L'età fino a cui sono pagati i mesi \(CalculationResult.Builder.al(basePercent)) (\(baseAge) anni, "
                    + "\(current.from.it("dal"))) è indicata dalle fonti con confidenza media: verifica con l'INPS.",
                "The age until which the months at \(basePercent)% are paid (\(baseAge), from "
                    + "\(current.from.spelledEn)) is given by the sources with medium confidence: check with INPS.")
        }
        b.warning(
            "Il calcolo è indicativo e conta mesi interi: l'INPS conta i giorni effettivi (anche a ore) e il suo "
                + "conteggio prevale. Nel pubblico impiego il contratto collettivo può pagare di più i primi giorni.",
            "The calculation is indicative and counts whole months: INPS counts the actual days (also hours) and its "
                + "count prevails. In the public sector the collective agreement may pay the first days more.")

        return Outcome(
            monthsLeftForParent: left, monthsLeftForCouple: coupleLeft,
            monthsLeftForCoupleIfFatherReachesThreshold: input.singleParent ? nil : coupleLeftIfFather,
            lastDay: lastDay, canStillBeUsed: canUse, enhancedMonthsLeftForCouple: enhancedLeft, monthPay: pays,
            result: b.build())
    }

    // MARK: - Non-employees

    private func nonEmployee(_ input: Input, builder: CalculationResult.Builder) throws(CalculatorError) -> Outcome {
        var b = builder
        let separateAge = try b.int("congedo-parentale-eta-massima-gestione-separata")
        let separatePerParent = try b.int("congedo-parentale-gestione-separata-mesi-genitore")
        let separateTotal = try b.int("congedo-parentale-gestione-separata-mesi-totali")
        let selfAge = try b.int("congedo-parentale-eta-massima-autonomi")
        let selfMonths = try b.int("congedo-parentale-autonomi-mesi")
        let percent = try b.int("congedo-parentale-indennita-base-percentuale")
        let separateEnd = input.childBirth.dayBeforeBirthday(separateAge)
        let selfEnd = input.childBirth.dayBeforeBirthday(selfAge)
        b.line(
            "Questo calcolo vale per i lavoratori dipendenti: per autonomi e iscritti alla gestione separata i limiti "
                + "sono diversi e non ci sono i mesi pagati in misura maggiorata.",
            "This calculation is for employees: self-employed workers and members of the Gestione separata have "
                + "different limits and no months at an enhanced rate.")
        b.line(
            "Iscritti alla gestione separata: \(separatePerParent) mesi per genitore, \(separateTotal) in tutto per la "
                + "coppia, entro i \(separateAge) anni del figlio (fino \(separateEnd.it("al"))), "
                + "\(CalculationResult.Builder.al(percent)) (L. 81/2017, art. 8 c. 4).",
            "Gestione separata members: \(separatePerParent) months per parent, \(separateTotal) in all for the couple, "
                + "until the child turns \(separateAge) (until \(separateEnd.spelledEn)), at \(percent)% "
                + "(L. 81/2017, art. 8 c. 4).")
        b.line(
            "Lavoratori autonomi (artigiani, commercianti, coltivatori diretti): \(selfMonths) mesi per genitore entro "
                + "\(selfAge == 1 ? "il primo anno" : "i \(selfAge) anni") del figlio (fino \(selfEnd.it("al"))), "
                + "\(CalculationResult.Builder.al(percent)) della retribuzione convenzionale, solo se si smette davvero "
                + "di lavorare (D.Lgs. 151/2001, art. 69).",
            "Self-employed workers (craftsmen, shopkeepers, farmers): \(selfMonths) months per parent within "
                + "\(selfAge == 1 ? "the first year" : "\(selfAge) years") of the child (until \(selfEnd.spelledEn)), at "
                + "\(percent)% of the conventional pay, only if they really stop working (D.Lgs. 151/2001, art. 69).")
        b.line(
            "Vedi la scheda «Congedo parentale per lavoratori autonomi e iscritti alla gestione separata» e chiedi "
                + "all'INPS o a un patronato per il tuo caso.",
            "See the card «Parental leave for self-employed workers and Gestione separata members» and ask INPS or a "
                + "patronato about your case.")
        return Outcome(
            monthsLeftForParent: nil, monthsLeftForCouple: nil, monthsLeftForCoupleIfFatherReachesThreshold: nil,
            lastDay: nil, canStillBeUsed: false, enhancedMonthsLeftForCouple: 0, monthPay: [], result: b.build())
    }

    // MARK: - Text helpers

    /// "prima del 1 gennaio 2023 nessuno; dal 1 gennaio 2023 al 31 dicembre 2023: 1; …; dal 1 gennaio 2025: 3".
    private static func tableText(_ entries: [Parameter.Entry], english: Bool) -> String {
        guard let first = entries.first else { return english ? "none" : "nessuno" }
        var parts: [String] = [
            english
                ? "leave ended before \(first.from.spelledEn): none"
                : "congedo finito prima \(first.from.it("del")): nessuno"
        ]
        for (index, entry) in entries.enumerated() {
            let next = index + 1 < entries.count ? entries[index + 1].from.adding(days: -1) : nil
            let end = entry.until ?? next
            if english {
                parts.append(
                    end.map { "from \(entry.from.spelledEn) to \($0.spelledEn): \(entry.value)" }
                        ?? "from \(entry.from.spelledEn) on: \(entry.value)")
            } else {
                parts.append(
                    end.map { "\(entry.from.it("dal")) \($0.it("al")): \(entry.value)" }
                        ?? "\(entry.from.it("dal")) in poi: \(entry.value)")
            }
        }
        return parts.joined(separator: "; ")
    }

    /// "l'" before a number read with a vowel sound (8, 11, 80…), "il " otherwise.
    private static func article(_ number: Int) -> String {
        String(number).hasPrefix("8") || number == 11 || number == 1 ? "l'" : "il "
    }

    /// "1 mese", "3 mesi"; "1 month", "3 months".
    private static func months(_ count: Int, _ english: Bool) -> String {
        english ? "\(count) \(count == 1 ? "month" : "months")" : "\(count) \(count == 1 ? "mese" : "mesi")"
    }

    private static func payText(_ pay: MonthPay, english: Bool) -> String {
        switch pay {
        case .enhanced(let percent, _):
            return english ? "at \(percent)%" : CalculationResult.Builder.al(percent)
        case .base(let percent, _):
            return english ? "at \(percent)%" : CalculationResult.Builder.al(percent)
        case .incomeConditioned(let percent):
            return english
                ? "at \(percent)% only below the income threshold"
                : "\(CalculationResult.Builder.al(percent)) solo sotto la soglia di reddito"
        }
    }
}
