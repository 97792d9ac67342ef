import Knowledge
import TextAnalysis

/// The leave for a child's illness (congedo per la malattia del figlio, D.Lgs. 151/2001
/// art. 47) due on `today`, from the child's birth date or age.
///
/// - Under 3 (until the day before the 3rd birthday): each parent, alternately, for the
///   whole of every illness, with no limit of days.
/// - From the 3rd birthday to the age limit in force: a number of working days a year per
///   parent, for each child (10 and 14 years from 2026; 5 and 8 years before).
/// - Beyond: nothing under art. 47.
///
/// "fra i tre e i quattordici anni" is read as: from the 3rd birthday to the day before the
/// 14th (a child turning 3 today is in the second band; one turning 14 today is out). The
/// answer states this reading. The leave is unpaid unless the collective agreement pays it;
/// it is covered by notional contributions.
public struct SickChildLeaveCalculator: Sendable {
    /// The child, by birth date (exact) or by age in completed years (approximate on birthdays).
    public enum Child: Sendable, Hashable {
        case birthDate(Day)
        case age(Int)
    }

    /// What is due on the day.
    public enum Entitlement: Sendable, Hashable {
        /// For every illness, no limit of days, the parents alternately.
        case noDayLimit
        /// This many working days a year per parent, for this child.
        case daysPerYear(Int)
        /// Nothing under art. 47 (the child is past the age limit).
        case none
    }

    /// The computed entitlement.
    public struct Outcome: Sendable, Hashable {
        /// What is due on the day.
        public let entitlement: Entitlement
        /// The child's age in completed years on the day.
        public let ageYears: Int
        /// Last day without a limit of days (the day before the 3rd birthday), with a birth date.
        public let noDayLimitUntil: Day?
        /// Last day with the yearly days (the day before the birthday at the age limit), with a birth date.
        public let daysPerYearUntil: Day?
        /// The answer to show.
        public let result: CalculationResult
    }

    /// The legal parameters (Config/parameters.yaml); every number comes from the entry in force.
    public let parameters: ParameterCatalog

    /// A calculator reading its numbers from `parameters`.
    public init(parameters: ParameterCatalog) { self.parameters = parameters }

    /// Computes the entitlement with the rules in force on `today`.
    public func calculate(_ child: Child, today: Day) throws(CalculatorError) -> Outcome {
        var b = CalculationResult.Builder(catalog: parameters, today: today)
        let noLimitAge = try b.int("malattia-figlio-eta-senza-limite")
        let maxAgeEntry = try b.entry("malattia-figlio-eta-massima")
        let maxAge = try b.int("malattia-figlio-eta-massima")
        let daysEntry = try b.entry("malattia-figlio-giorni-anno")
        let days = try b.int("malattia-figlio-giorni-anno")

        let age: Int
        var noLimitUntil: Day?
        var daysUntil: Day?
        switch child {
        case .birthDate(let birth):
            guard birth <= today else {
                throw .invalidInput(
                    "La data di nascita (\(birth.spelledIt)) è dopo la data di oggi: controllala. / The birth date "
                        + "(\(birth.spelledEn)) is after today: check it.")
            }
            age = birth.years(until: today)
            noLimitUntil = birth.dayBeforeBirthday(noLimitAge)
            daysUntil = birth.dayBeforeBirthday(maxAge)
            b.noteLeapDayBirth(birth)
        case .age(let years):
            guard years >= 0 else {
                throw .invalidInput("L'età del figlio non può essere negativa. / The child's age cannot be negative.")
            }
            age = years
        }

        let entitlement: Entitlement
        if age < noLimitAge {
            entitlement = .noDayLimit
            let until = noLimitUntil.map { " (fino \($0.it("al")))" } ?? ""
            let untilEn = noLimitUntil.map { " (until \($0.spelledEn))" } ?? ""
            b.line(
                "Il figlio ha meno di \(noLimitAge) anni\(until): ciascun genitore, alternativamente, può assentarsi "
                    + "per tutta la durata di ogni malattia, senza un limite di giorni (D.Lgs. 151/2001, art. 47 c. 1).",
                "The child is under \(noLimitAge)\(untilEn): each parent, alternately, can stay off work for the whole "
                    + "of every illness, with no limit of days (D.Lgs. 151/2001, art. 47 c. 1).")
            if let from = noLimitUntil?.adding(days: 1), let to = daysUntil {
                b.line(
                    "\(from.it("Dal")) \(to.it("al")) spetteranno, con le regole di oggi, \(days) giorni "
                        + "lavorativi all'anno per ciascun genitore.",
                    "From \(from.spelledEn) to \(to.spelledEn), under today's rules, \(days) working days a year per "
                        + "parent will be due.")
            }
        } else if age < maxAge {
            entitlement = .daysPerYear(days)
            let range = daysUntil.map { ", quindi fino \($0.it("al"))" } ?? ""
            let rangeEn = daysUntil.map { ", so until \($0.spelledEn)" } ?? ""
            let since = later(daysEntry.from, maxAgeEntry.from)
            b.line(
                "Il figlio ha \(age) anni: ciascun genitore può assentarsi per le malattie di questo figlio fino a "
                    + "\(days) giorni lavorativi all'anno, tra i \(noLimitAge) e i \(maxAge) anni del figlio\(range) "
                    + "(D.Lgs. 151/2001, art. 47 c. 2; regola in vigore \(since.it("dal"))).",
                "The child is \(age): each parent can stay off work for this child's illnesses up to \(days) working "
                    + "days a year, between the ages of \(noLimitAge) and \(maxAge)\(rangeEn) (D.Lgs. 151/2001, art. 47 "
                    + "c. 2; rule in force from \(since.spelledEn)).")
        } else {
            entitlement = .none
            b.line(
                "Il figlio ha \(age) anni: il congedo per la malattia del figlio dell'art. 47 (D.Lgs. 151/2001) spetta "
                    + "fino al giorno prima dei \(maxAge) anni, quindi per questo figlio non spetta più. Controlla se il "
                    + "tuo contratto collettivo prevede permessi.",
                "The child is \(age): the leave for a child's illness under art. 47 (D.Lgs. 151/2001) is due until the "
                    + "day before the child turns \(maxAge), so it is no longer due for this child. Check whether your "
                    + "collective agreement provides leave.")
        }

        if entitlement != .none {
            b.line(
                "I due genitori non possono essere in congedo negli stessi giorni per la stessa malattia. Serve il "
                    + "certificato di malattia del pediatra o di un medico del Servizio sanitario nazionale o convenzionato.",
                "The two parents cannot be on leave on the same days for the same illness. A sickness certificate "
                    + "from the paediatrician or a national health service (or affiliated) doctor is needed.")
            b.line(
                "Il congedo non è pagato dall'INPS (salvo che il contratto collettivo preveda giorni retribuiti), ma è "
                    + "coperto da contributi figurativi per la pensione.",
                "INPS does not pay the leave (unless your collective agreement provides paid days), but it is covered "
                    + "by notional pension contributions.")
        }

        // What changed recently, and the reading of the age limit.
        let history = try b.parameter("malattia-figlio-giorni-anno").series
        let ageHistory = try b.parameter("malattia-figlio-eta-massima").series
        if let previousDays = history.last(where: { $0.from < daysEntry.from }),
            let previousAge = ageHistory.last(where: { $0.from < maxAgeEntry.from })
        {
            b.line(
                "Prima \(daysEntry.from.it("del")) i giorni erano \(previousDays.value) all'anno e l'età massima "
                    + "\(previousAge.value) anni.",
                "Before \(daysEntry.from.spelledEn) the days were \(previousDays.value) a year and the age limit "
                    + "\(previousAge.value).")
        }
        b.warning(
            "Interpretazione: «fra i \(noLimitAge) e i \(maxAge) anni» è inteso dal giorno del \(noLimitAge)° compleanno "
                + "al giorno prima del \(maxAge)° compleanno; nei giorni di confine chiedi conferma al datore di lavoro.",
            "Reading: «between \(noLimitAge) and \(maxAge) years» is taken as from the "
                + "\(CalculationResult.Builder.ordinal(noLimitAge)) birthday to the day before the "
                + "\(CalculationResult.Builder.ordinal(maxAge)) birthday; on the boundary days ask the employer to confirm."
        )
        if case .age = child {
            b.warning(
                "Hai indicato l'età e non la data di nascita: vicino ai compleanni dei \(noLimitAge) e dei \(maxAge) anni "
                    + "il risultato può cambiare.",
                "You gave the age, not the birth date: close to the \(CalculationResult.Builder.ordinal(noLimitAge)) and "
                    + "\(CalculationResult.Builder.ordinal(maxAge)) birthdays the "
                    + "result can change.")
        }
        b.warning(
            "Nel pubblico impiego il trattamento (per esempio giorni pagati) dipende dal contratto del comparto: non è "
                + "verificato qui.",
            "In the public sector the treatment (for example paid days) depends on the sector's agreement: not "
                + "verified here.")

        return Outcome(
            entitlement: entitlement, ageYears: age, noDayLimitUntil: noLimitUntil, daysPerYearUntil: daysUntil,
            result: b.build())
    }

    private func later(_ a: Day, _ b: Day) -> Day { max(a, b) }
}
