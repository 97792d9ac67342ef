import Foundation
import Knowledge
import Testing
import TextAnalysis

@testable import Dialogue

/// Table tests of the legal calculators, written from the law's text (see
/// shared/reference/facts.md) and run on the real Config/parameters.yaml.
@Suite("Legal calculators")
struct CalculatorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let catalog: ParameterCatalog = {
        let url = root.appendingPathComponent("Config/parameters.yaml")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return ParameterCatalog.load(text: text, file: url.path).0
    }()
    static let today = d("2026-11-29")

    static func d(_ iso: String) -> Day { Day(iso: iso)! }

    @Test func realParametersLoadWithoutProblems() throws {
        let url = Self.root.appendingPathComponent("Config/parameters.yaml")
        let (catalog, diagnostics) = ParameterCatalog.load(
            text: try String(contentsOf: url, encoding: .utf8), file: url.path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(catalog.parameters["riposi-soglia-orario-ore"] != nil)
        #expect(catalog.parameters["divieto-licenziamento-giorni-inizio-gravidanza"] != nil)
    }

    // MARK: - Maternity

    struct MaternityCase: Sendable, CustomTestStringConvertible {
        let name: String
        let expected: String
        let option: MaternityLeaveCalculator.Option
        let actual: String?
        let start: String
        let end: String
        let added: Int
        let between: Int
        var testDescription: String { name }
    }

    static let maternityCases: [MaternityCase] = [
        // 2 months before the expected date (not counted), 3 after the birth from the next day.
        .init(
            name: "2+3, birth not known yet", expected: "2027-03-15", option: .twoPlusThree, actual: nil,
            start: "2027-01-15", end: "2027-06-15", added: 0, between: 0),
        // INPS msg. 18311/2007: expected 15 August, born that day: 15 June to 15 November.
        .init(
            name: "2+3, born on the expected date", expected: "2026-08-15", option: .twoPlusThree, actual: "2026-08-15",
            start: "2026-06-15", end: "2026-11-15", added: 0, between: 0),
        // Art. 16 c.1 lett. d: days from 16 June to 14 July (29) not taken before the birth are added.
        .init(
            name: "2+3, born a month early", expected: "2026-07-15", option: .twoPlusThree, actual: "2026-06-15",
            start: "2026-05-15", end: "2026-10-14", added: 29, between: 0),
        .init(
            name: "2+3, born the day before the expected date", expected: "2026-07-15", option: .twoPlusThree,
            actual: "2026-07-14", start: "2026-05-15", end: "2026-10-14", added: 0, between: 0),
        // Art. 16 c.1 lett. b: the days from the expected date to the birth are leave too.
        .init(
            name: "2+3, born 4 days late", expected: "2026-06-25", option: .twoPlusThree, actual: "2026-06-29",
            start: "2026-04-25", end: "2026-09-29", added: 0, between: 4),
        // Born before the leave began (INPS circ. 69/2016): 3 months + all days to the expected date.
        .init(
            name: "2+3, born before the leave started", expected: "2025-10-25", option: .twoPlusThree,
            actual: "2025-08-16", start: "2025-08-17", end: "2026-01-24", added: 69, between: 0),
        // Month ends: 31 March - 2 months = 31 January; + 3 months = 30 June (June has 30 days).
        .init(
            name: "2+3, 31 March", expected: "2027-03-31", option: .twoPlusThree, actual: "2027-03-31",
            start: "2027-01-31", end: "2027-06-30", added: 0, between: 0),
        // Leap year: 30 April 2028 - 2 months = 29 February 2028; in 2027 it is 28 February.
        .init(
            name: "2+3, leap February", expected: "2028-04-30", option: .twoPlusThree, actual: nil,
            start: "2028-02-29", end: "2028-07-30", added: 0, between: 0),
        .init(
            name: "2+3, common February", expected: "2027-04-30", option: .twoPlusThree, actual: nil,
            start: "2027-02-28", end: "2027-07-30", added: 0, between: 0),
        // Late birth on 30 November: + 3 months = 28 February 2027 (clamped).
        .init(
            name: "2+3, late birth, end clamped to February", expected: "2026-11-20", option: .twoPlusThree,
            actual: "2026-11-30", start: "2026-09-20", end: "2027-02-28", added: 0, between: 10),
        // Art. 20: 1 month before, 4 after.
        .init(
            name: "1+4, birth not known yet", expected: "2027-03-15", option: .onePlusFour, actual: nil,
            start: "2027-02-15", end: "2027-07-15", added: 0, between: 0),
        .init(
            name: "1+4, born 10 days early", expected: "2027-03-15", option: .onePlusFour, actual: "2027-03-05",
            start: "2027-02-15", end: "2027-07-14", added: 9, between: 0),
        // Born before the 1+4 leave began: only the unused month before (28 days in February 2027) is added.
        .init(
            name: "1+4, born before the flexible leave", expected: "2027-03-15", option: .onePlusFour,
            actual: "2027-02-01", start: "2027-02-02", end: "2027-06-29", added: 28, between: 0),
        .init(
            name: "1+4, leap day expected date", expected: "2028-02-29", option: .onePlusFour, actual: nil,
            start: "2028-01-29", end: "2028-06-29", added: 0, between: 0),
        // Art. 16 c.1.1: all 5 months after the birth, from the next day.
        .init(
            name: "0+5, birth not known yet", expected: "2027-03-15", option: .zeroPlusFive, actual: nil,
            start: "2027-03-16", end: "2027-08-15", added: 0, between: 0),
        .init(
            name: "0+5, born early", expected: "2027-03-15", option: .zeroPlusFive, actual: "2027-03-10",
            start: "2027-03-11", end: "2027-08-10", added: 0, between: 0),
        .init(
            name: "0+5, born 31 January", expected: "2027-01-25", option: .zeroPlusFive, actual: "2027-01-31",
            start: "2027-02-01", end: "2027-06-30", added: 0, between: 0),
    ]

    @Test(arguments: maternityCases)
    func maternityLeave(_ c: MaternityCase) throws {
        let calculator = MaternityLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(
            .init(expectedBirth: Self.d(c.expected), option: c.option, actualBirth: c.actual.map(Self.d)),
            today: Self.today)
        #expect(outcome.start == Self.d(c.start))
        #expect(outcome.end == Self.d(c.end))
        #expect(outcome.daysAddedAfterBirth == c.added)
        #expect(outcome.daysBetweenExpectedDateAndBirth == c.between)
        #expect(outcome.birthAssumed == (c.actual == nil))
        #expect(outcome.result.linesIt[0].contains(Self.d(c.end).spelled(english: false)))
        #expect(outcome.result.linesEn[0].contains(Self.d(c.end).spelled(english: true)))
        #expect(outcome.result.warningsIt.contains { $0.contains("indicative") })
        #expect(outcome.result.sources.contains("D.Lgs. 151/2001, art. 16"))
    }

    @Test func maternityFlexibleOptionsNeedCertificates() throws {
        let calculator = MaternityLeaveCalculator(parameters: Self.catalog)
        let flexible = try calculator.calculate(
            .init(expectedBirth: Self.d("2027-03-15"), option: .onePlusFour), today: Self.today)
        #expect(flexible.result.linesIt.contains { $0.contains("art. 20") && $0.contains("medico competente") })
        let after = try calculator.calculate(
            .init(expectedBirth: Self.d("2027-03-15"), option: .zeroPlusFive), today: Self.today)
        #expect(after.result.linesIt.contains { $0.contains("art. 16 c. 1.1") && $0.contains("7° mese") })
        let early = try calculator.calculate(
            .init(expectedBirth: Self.d("2027-03-15"), option: .onePlusFour, actualBirth: Self.d("2027-02-01")),
            today: Self.today)
        #expect(early.result.warningsEn.contains { $0.contains("before the flexible leave started") })
    }

    @Test func maternityAllAfterTheBirthDidNotExistIn2018() {
        let calculator = MaternityLeaveCalculator(parameters: Self.catalog)
        #expect(throws: CalculatorError.self) {
            try calculator.calculate(
                .init(expectedBirth: Self.d("2018-09-10"), option: .zeroPlusFive), today: Self.d("2018-06-01"))
        }
    }

    // MARK: - Paternity

    struct PaternityCase: Sendable, CustomTestStringConvertible {
        let name: String
        let expected: String
        let actual: String?
        let multiple: Bool
        let start: String
        let end: String
        let days: Int
        var testDescription: String { name }
    }

    static let paternityCases: [PaternityCase] = [
        .init(
            name: "not born yet: end from the expected date", expected: "2027-03-15", actual: nil, multiple: false,
            start: "2027-01-15", end: "2027-08-15", days: 10),
        .init(
            name: "twins born late", expected: "2027-03-15", actual: "2027-03-20", multiple: true,
            start: "2027-01-15", end: "2027-08-20", days: 20),
        .init(
            name: "born 31 January: 5 months = 30 June", expected: "2027-02-05", actual: "2027-01-31", multiple: false,
            start: "2026-12-05", end: "2027-06-30", days: 10),
        .init(
            name: "leap February start", expected: "2028-04-30", actual: nil, multiple: false,
            start: "2028-02-29", end: "2028-09-30", days: 10),
    ]

    @Test(arguments: paternityCases)
    func paternityWindow(_ c: PaternityCase) throws {
        let calculator = PaternityLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(
            .init(expectedBirth: Self.d(c.expected), actualBirth: c.actual.map(Self.d), multipleBirth: c.multiple),
            today: Self.today)
        #expect(outcome.windowStart == Self.d(c.start))
        #expect(outcome.windowEnd == Self.d(c.end))
        #expect(outcome.windowEndProvisional == (c.actual == nil))
        #expect(outcome.workingDays == c.days)
        #expect(outcome.payPercent == 100)
        #expect(outcome.noticeDays == 5)
        #expect(outcome.result.linesIt.joined().contains(Self.d(c.end).spelled(english: false)))
    }

    @Test func paternityNoticeDeadline() throws {
        let calculator = PaternityLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(
            .init(expectedBirth: Self.d("2027-03-15"), plannedStart: Self.d("2027-03-20")), today: Self.today)
        #expect(outcome.noticeDeadline == Self.d("2027-03-15"))
        #expect(outcome.result.linesIt.contains { $0.contains("entro il 15 marzo 2027") })
        let provisional = try calculator.calculate(.init(expectedBirth: Self.d("2027-03-15")), today: Self.today)
        #expect(provisional.result.linesEn.contains { $0.contains("counted from the expected date") })
    }

    @Test func paternityBeforeTheCurrentRuleIsAMissingParameter() {
        let calculator = PaternityLeaveCalculator(parameters: Self.catalog)
        #expect(throws: CalculatorError.missingParameter("paternita-finestra-mesi-prima")) {
            try calculator.calculate(.init(expectedBirth: Self.d("2022-03-01")), today: Self.d("2022-01-10"))
        }
    }

    // MARK: - Parental leave

    typealias Pay = ParentalLeaveCalculator.MonthPay

    struct ParentalCase: Sendable, CustomTestStringConvertible {
        let name: String
        let role: ParentalLeaveCalculator.Role
        let single: Bool
        let used: Int
        let other: Int
        let left: Int
        let couple: Int
        let coupleIfFather: Int?
        /// "E" = 80%, "B" = 30%, "C" = 30% only under the income threshold.
        let pays: String
        var testDescription: String { name }
    }

    // Child born 1 June 2025, maternity leave ended 1 September 2025 (after 31/12/2024: 3 months at 80%).
    static let parentalCases: [ParentalCase] = [
        .init(
            name: "mother, nothing used", role: .mother, single: false, used: 0, other: 0, left: 6, couple: 10,
            coupleIfFather: 11, pays: "EEEBBB"),
        .init(
            name: "father, nothing used: 7 months, the 7th beyond the 9 paid", role: .father, single: false, used: 0,
            other: 0, left: 7, couple: 10, coupleIfFather: 11, pays: "EEEBBBC"),
        .init(
            name: "father's 7th month after 6 used", role: .father, single: false, used: 6, other: 0, left: 1,
            couple: 5, coupleIfFather: nil, pays: "C"),
        .init(
            name: "father with 2 used, mother 6: the couple's 11th needs his 3rd", role: .father, single: false,
            used: 2,
            other: 6, left: 3, couple: 2, coupleIfFather: 3, pays: "BCC"),
        .init(
            name: "mother after father used 3: couple limit 11", role: .mother, single: false, used: 2, other: 3,
            left: 4, couple: 6, coupleIfFather: nil, pays: "BBBB"),
        .init(
            name: "mother, father used 7: couple limit binds", role: .mother, single: false, used: 0, other: 7, left: 4,
            couple: 4, coupleIfFather: nil, pays: "BBBC"),
        .init(
            name: "single parent: 11 months, 9 paid", role: .mother, single: true, used: 0, other: 0, left: 11,
            couple: 11, coupleIfFather: nil, pays: "EEEBBBBBBCC"),
        .init(
            name: "single father with 10 used", role: .father, single: true, used: 10, other: 0, left: 1, couple: 1,
            coupleIfFather: nil, pays: "C"),
        .init(
            name: "mother with 6 used: nothing left", role: .mother, single: false, used: 6, other: 0, left: 0,
            couple: 4, coupleIfFather: 5, pays: ""),
    ]

    static func code(_ pays: [Pay]) -> String {
        String(
            pays.map { pay -> Character in
                switch pay {
                case .enhanced: return "E"
                case .base: return "B"
                case .incomeConditioned: return "C"
                }
            })
    }

    @Test(arguments: parentalCases)
    func parentalLeaveMonthsAndPay(_ c: ParentalCase) throws {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(
            .init(
                role: c.role, singleParent: c.single, monthsUsedByThisParent: c.used, monthsUsedByOtherParent: c.other,
                childBirth: Self.d("2025-06-01"), maternityLeaveEnd: Self.d("2025-09-01")),
            today: Self.today)
        #expect(outcome.monthsLeftForParent == c.left)
        #expect(outcome.monthsLeftForCouple == c.couple)
        #expect(outcome.monthsLeftForCoupleIfFatherReachesThreshold == c.coupleIfFather)
        #expect(Self.code(outcome.monthPay) == c.pays)
        #expect(outcome.lastDay == Self.d("2039-05-31"))  // the day before the 14th birthday
        #expect(outcome.canStillBeUsed)
        #expect(outcome.result.linesIt.contains { $0.contains("consumato per primi quelli pagati meglio") })
        #expect(outcome.result.validFrom == Self.d("2026-01-01"))
    }

    @Test func enhancedMonthsAreUsableUntilTheDayBeforeTheSixthBirthday() throws {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        let pays = try calculator.calculate(
            .init(role: .mother, childBirth: Self.d("2025-06-01"), maternityLeaveEnd: Self.d("2025-09-01")),
            today: Self.today
        ).monthPay
        #expect(pays.first == .enhanced(percent: 80, usableUntil: Self.d("2031-05-31")))
        #expect(pays.last == .base(percent: 30, usableUntil: Self.d("2039-05-31")))
    }

    struct EnhancedCase: Sendable, CustomTestStringConvertible {
        let leaveEnd: String
        let months: Int
        var testDescription: String { "maternity leave ended \(leaveEnd)" }
    }

    // L. 197/2022, L. 213/2023, L. 207/2024: 1, 2 or 3 months at 80% by the end of the maternity leave.
    static let enhancedCases: [EnhancedCase] = [
        .init(leaveEnd: "2022-12-31", months: 0), .init(leaveEnd: "2023-01-01", months: 1),
        .init(leaveEnd: "2023-12-31", months: 1), .init(leaveEnd: "2024-01-01", months: 2),
        .init(leaveEnd: "2024-12-31", months: 2), .init(leaveEnd: "2025-01-01", months: 3),
    ]

    @Test(arguments: enhancedCases)
    func enhancedMonthsDependOnWhenTheMaternityLeaveEnded(_ c: EnhancedCase) throws {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        let end = Self.d(c.leaveEnd)
        // A child born 3 months before the end of the leave, still under 6 on the day.
        let outcome = try calculator.calculate(
            .init(role: .mother, childBirth: end.adding(months: -3), maternityLeaveEnd: end), today: Self.today)
        #expect(outcome.enhancedMonthsLeftForCouple == c.months)
        #expect(
            Self.code(outcome.monthPay) == String(repeating: "E", count: c.months)
                + String(repeating: "B", count: 6 - c.months))
    }

    @Test func enhancedMonthsAreSharedByTheCouple() throws {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        // The father used 2 months, taken as the best-paid ones: one month at 80% is left to the couple.
        let outcome = try calculator.calculate(
            .init(
                role: .mother, monthsUsedByOtherParent: 2, childBirth: Self.d("2025-06-01"),
                maternityLeaveEnd: Self.d("2025-09-01")),
            today: Self.today)
        #expect(outcome.enhancedMonthsLeftForCouple == 1)
        #expect(Self.code(outcome.monthPay) == "EBBBBB")
    }

    @Test func aChildTurningSixTodayNoLongerGivesEightyPercent() throws {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        let input = ParentalLeaveCalculator.Input(
            role: .mother, childBirth: Self.d("2024-11-01"), maternityLeaveEnd: Self.d("2025-02-01"))
        let dayBefore = try calculator.calculate(input, today: Self.d("2030-10-31"))
        #expect(Self.code(dayBefore.monthPay) == "EEEBBB")
        let birthday = try calculator.calculate(input, today: Self.d("2030-11-01"))
        #expect(birthday.enhancedMonthsLeftForCouple == 0)
        #expect(Self.code(birthday.monthPay) == "BBBBBB")
        #expect(birthday.result.linesIt.contains { $0.contains("già compiuto i 6 anni") })
    }

    struct AgeLimitCase: Sendable, CustomTestStringConvertible {
        let birth: String
        let today: String
        let lastDay: String
        let usable: Bool
        var testDescription: String { "born \(birth), as of \(today)" }
    }

    // 12 years until 31/12/2025, 14 from 1/1/2026 (L. 199/2025), for employees.
    static let ageLimitCases: [AgeLimitCase] = [
        .init(birth: "2013-06-01", today: "2025-05-31", lastDay: "2025-05-31", usable: true),
        .init(birth: "2013-06-01", today: "2025-06-01", lastDay: "2025-05-31", usable: false),
        .init(birth: "2013-06-01", today: "2026-01-15", lastDay: "2027-05-31", usable: true),
        .init(birth: "2012-11-29", today: "2026-11-28", lastDay: "2026-11-28", usable: true),
        .init(birth: "2012-11-29", today: "2026-11-29", lastDay: "2026-11-28", usable: false),
    ]

    @Test(arguments: ageLimitCases)
    func parentalLeaveAgeLimitAsOfTheDay(_ c: AgeLimitCase) throws {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(
            .init(role: .father, childBirth: Self.d(c.birth), maternityLeaveEnd: Self.d(c.birth).adding(months: 3)),
            today: Self.d(c.today))
        #expect(outcome.lastDay == Self.d(c.lastDay))
        #expect(outcome.canStillBeUsed == c.usable)
        #expect(outcome.monthPay.isEmpty == !c.usable)
    }

    struct InvalidParentalCase: Sendable, CustomTestStringConvertible {
        let name: String
        let role: ParentalLeaveCalculator.Role
        let single: Bool
        let used: Int
        let other: Int
        var testDescription: String { name }
    }

    static let invalidParentalCases: [InvalidParentalCase] = [
        .init(name: "mother with 7 months", role: .mother, single: false, used: 7, other: 0),
        .init(name: "father with 8 months", role: .father, single: false, used: 8, other: 0),
        .init(name: "couple with 12 months", role: .mother, single: false, used: 6, other: 6),
        .init(name: "other parent (mother) with 7", role: .father, single: false, used: 0, other: 7),
        .init(name: "single parent with 12", role: .mother, single: true, used: 12, other: 0),
        .init(name: "negative months", role: .mother, single: false, used: -1, other: 0),
    ]

    @Test(arguments: invalidParentalCases)
    func monthsUsedBeyondTheLimitsAreAnError(_ c: InvalidParentalCase) {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        #expect {
            try calculator.calculate(
                .init(
                    role: c.role, singleParent: c.single, monthsUsedByThisParent: c.used,
                    monthsUsedByOtherParent: c.other, childBirth: Self.d("2025-06-01")),
                today: Self.today)
        } throws: { error in
            guard case CalculatorError.invalidInput(let message) = error else { return false }
            return message.contains("controlla") && message.contains("check")
        }
    }

    @Test func parentalLeaveWithoutTheMaternityEndDateSaysItWasEstimated() throws {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        // Born 15 October 2024: ordinary end 15 January 2025, after 31/12/2024: 3 months at 80%.
        let outcome = try calculator.calculate(
            .init(role: .mother, childBirth: Self.d("2024-10-15")), today: Self.today)
        #expect(outcome.enhancedMonthsLeftForCouple == 3)
        #expect(outcome.result.warningsIt.contains { $0.contains("15 gennaio 2025") })
        #expect(outcome.result.warningsEn.contains { $0.contains("[UNVERIFIED]") } == false)
    }

    @Test func incomeConditionedMonthsCarryTheUnverifiedNote() throws {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(
            .init(role: .father, childBirth: Self.d("2025-06-01"), maternityLeaveEnd: Self.d("2025-09-01")),
            today: Self.today)
        #expect(outcome.result.warningsEn.contains { $0.contains("[UNVERIFIED]") && $0.contains("14") })
        #expect(outcome.result.linesIt.contains { $0.contains("2,5 volte il trattamento minimo") })
        #expect(outcome.result.linesEn.contains { $0.contains("2.5 times the minimum pension") })
    }

    @Test func parentalLeaveAsOf2024WarnsThatThePayRatesDiffered() throws {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(
            .init(role: .mother, childBirth: Self.d("2024-03-01"), maternityLeaveEnd: Self.d("2024-06-01")),
            today: Self.d("2024-09-01"))
        #expect(outcome.enhancedMonthsLeftForCouple == 2)
        #expect(outcome.lastDay == Self.d("2036-02-29"))  // 12 years in 2024
        #expect(outcome.result.warningsIt.contains { $0.contains("1 gennaio 2025") })
    }

    @Test func nonEmployeesArePointedToTheCards() throws {
        let calculator = ParentalLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(
            .init(role: .mother, childBirth: Self.d("2025-06-01"), employee: false), today: Self.today)
        #expect(outcome.monthsLeftForParent == nil)
        #expect(outcome.monthPay.isEmpty)
        #expect(
            outcome.result.linesIt.contains {
                $0.contains("gestione separata") && $0.contains("fino al 31 maggio 2037")
            })
        #expect(outcome.result.linesIt.contains { $0.contains("fino al 31 maggio 2026") })
        #expect(outcome.result.linesIt.contains { $0.contains("scheda") })
    }

    // MARK: - Sick child

    enum SickExpectation: Sendable, Equatable {
        case noLimit
        case days(Int)
        case none
    }

    struct SickCase: Sendable, CustomTestStringConvertible {
        let name: String
        let birth: String
        let today: String
        let expected: SickExpectation
        var testDescription: String { name }
    }

    static let sickCases: [SickCase] = [
        .init(name: "turns 3 today: yearly days", birth: "2023-11-29", today: "2026-11-29", expected: .days(10)),
        .init(name: "turns 3 tomorrow: no day limit", birth: "2023-11-30", today: "2026-11-29", expected: .noLimit),
        .init(name: "turns 14 today: nothing", birth: "2012-11-29", today: "2026-11-29", expected: .none),
        .init(name: "turns 14 tomorrow: yearly days", birth: "2012-11-30", today: "2026-11-29", expected: .days(10)),
        .init(
            name: "10 years old as of 2025: nothing (limit 8)", birth: "2015-01-01", today: "2025-06-01",
            expected: .none),
        .init(
            name: "10 years old as of 2026: 10 days (limit 14)", birth: "2015-01-01", today: "2026-06-01",
            expected: .days(10)),
        .init(name: "5 years old as of 2025: 5 days", birth: "2020-01-01", today: "2025-06-01", expected: .days(5)),
        .init(name: "turns 8 today in 2025: nothing", birth: "2017-06-01", today: "2025-06-01", expected: .none),
        .init(name: "turns 9 in 2026: 10 days", birth: "2017-06-01", today: "2026-06-01", expected: .days(10)),
        .init(
            name: "born 29 February, 28 February of a common year counts as the birthday", birth: "2024-02-29",
            today: "2027-02-28", expected: .days(10)),
        .init(name: "newborn", birth: "2026-11-29", today: "2026-11-29", expected: .noLimit),
    ]

    static func expectation(_ entitlement: SickChildLeaveCalculator.Entitlement) -> SickExpectation {
        switch entitlement {
        case .noDayLimit: return .noLimit
        case .daysPerYear(let days): return .days(days)
        case .none: return .none
        }
    }

    @Test(arguments: sickCases)
    func sickChildLeave(_ c: SickCase) throws {
        let calculator = SickChildLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(.birthDate(Self.d(c.birth)), today: Self.d(c.today))
        #expect(Self.expectation(outcome.entitlement) == c.expected)
        #expect(outcome.result.warningsIt.contains { $0.contains("Interpretazione") })
        if c.expected != .none {
            #expect(outcome.result.linesIt.contains { $0.contains("contributi figurativi") })
        }
    }

    @Test func sickChildDatesAndValidityAsOf2026() throws {
        let calculator = SickChildLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(.birthDate(Self.d("2020-03-31")), today: Self.today)
        #expect(outcome.noDayLimitUntil == Self.d("2023-03-30"))
        #expect(outcome.daysPerYearUntil == Self.d("2034-03-30"))
        #expect(outcome.result.validFrom == Self.d("2026-01-01"))
        #expect(outcome.result.linesIt.contains { $0.contains("Prima del 1 gennaio 2026 i giorni erano 5") })
        let leap = try calculator.calculate(.birthDate(Self.d("2024-02-29")), today: Self.d("2027-02-28"))
        #expect(leap.result.warningsIt.contains { $0.contains("29 febbraio") })
    }

    struct SickAgeCase: Sendable, CustomTestStringConvertible {
        let age: Int
        let expected: SickExpectation
        var testDescription: String { "age \(age)" }
    }

    static let sickAgeCases: [SickAgeCase] = [
        .init(age: 0, expected: .noLimit), .init(age: 2, expected: .noLimit), .init(age: 3, expected: .days(10)),
        .init(age: 13, expected: .days(10)), .init(age: 14, expected: .none),
    ]

    @Test(arguments: sickAgeCases)
    func sickChildLeaveByAge(_ c: SickAgeCase) throws {
        let calculator = SickChildLeaveCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(.age(c.age), today: Self.today)
        #expect(Self.expectation(outcome.entitlement) == c.expected)
        #expect(outcome.result.warningsEn.contains { $0.contains("You gave the age") })
    }

    @Test func sickChildInvalidInput() {
        let calculator = SickChildLeaveCalculator(parameters: Self.catalog)
        #expect(throws: CalculatorError.self) { try calculator.calculate(.age(-1), today: Self.today) }
        #expect(throws: CalculatorError.self) {
            try calculator.calculate(.birthDate(Self.d("2027-01-01")), today: Self.today)
        }
    }

    // MARK: - Daily rests

    struct RestCase: Sendable, CustomTestStringConvertible {
        let name: String
        let hours: Double
        let children: Int
        let requester: DailyRestCalculator.Requester
        let condition: DailyRestCalculator.FatherCondition?
        let nursery: Bool
        let total: Int
        let forRequester: Int
        let extra: Int
        var testDescription: String { name }
    }

    static let restCases: [RestCase] = [
        .init(
            name: "8 hours: 2 hours", hours: 8, children: 1, requester: .mother, condition: nil, nursery: false,
            total: 120, forRequester: 120, extra: 0),
        .init(
            name: "exactly 6 hours: 2 hours", hours: 6, children: 1, requester: .mother, condition: nil, nursery: false,
            total: 120, forRequester: 120, extra: 0),
        .init(
            name: "5.5 hours: 1 hour", hours: 5.5, children: 1, requester: .mother, condition: nil, nursery: false,
            total: 60, forRequester: 60, extra: 0),
        .init(
            name: "twins, 8 hours: doubled to 4 hours", hours: 8, children: 2, requester: .mother, condition: nil,
            nursery: false, total: 240, forRequester: 240, extra: 120),
        .init(
            name: "triplets, 4 hours: doubled, not tripled", hours: 4, children: 3, requester: .mother, condition: nil,
            nursery: false, total: 120, forRequester: 120, extra: 60),
        .init(
            name: "twins, father outside art. 40: only the extra hours", hours: 8, children: 2, requester: .father,
            condition: nil, nursery: false, total: 240, forRequester: 120, extra: 120),
        .init(
            name: "father outside art. 40, single birth: nothing", hours: 8, children: 1, requester: .father,
            condition: nil, nursery: false, total: 120, forRequester: 0, extra: 0),
        .init(
            name: "father with sole custody", hours: 8, children: 1, requester: .father, condition: .soleCustody,
            nursery: false, total: 120, forRequester: 120, extra: 0),
        .init(
            name: "father, mother not an employee", hours: 7, children: 1, requester: .father,
            condition: .motherNotEmployee, nursery: false, total: 120, forRequester: 120, extra: 0),
        .init(
            name: "on-site nursery, 8 hours: two rests of 30 minutes", hours: 8, children: 1, requester: .mother,
            condition: nil, nursery: true, total: 60, forRequester: 60, extra: 0),
        .init(
            name: "on-site nursery, 4 hours: one rest of 30 minutes", hours: 4, children: 1, requester: .mother,
            condition: nil, nursery: true, total: 30, forRequester: 30, extra: 0),
    ]

    @Test(arguments: restCases)
    func dailyRests(_ c: RestCase) throws {
        let calculator = DailyRestCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(
            .init(
                dailyWorkingHours: c.hours, childrenBorn: c.children, childBirth: Self.d("2026-05-10"),
                requester: c.requester, fatherCondition: c.condition, onSiteNursery: c.nursery),
            today: Self.today)
        #expect(outcome.totalMinutesPerDay == c.total)
        #expect(outcome.minutesForRequester == c.forRequester)
        #expect(outcome.extraMinutesMultipleBirth == c.extra)
        #expect(outcome.lastDay == Self.d("2027-05-09"))
        #expect(outcome.dueToday)
    }

    struct FirstYearCase: Sendable, CustomTestStringConvertible {
        let birth: String
        let today: String
        let lastDay: String
        let due: Bool
        var testDescription: String { "born \(birth), on \(today)" }
    }

    static let firstYearCases: [FirstYearCase] = [
        .init(birth: "2026-01-31", today: "2027-01-30", lastDay: "2027-01-30", due: true),
        .init(birth: "2026-01-31", today: "2027-01-31", lastDay: "2027-01-30", due: false),
        // Born 29 February: the first birthday in 2025 is taken as 28 February.
        .init(birth: "2024-02-29", today: "2025-02-27", lastDay: "2025-02-27", due: true),
        .init(birth: "2027-03-01", today: "2026-11-29", lastDay: "2028-02-29", due: false),
    ]

    @Test(arguments: firstYearCases)
    func dailyRestsOnlyInTheFirstYear(_ c: FirstYearCase) throws {
        let calculator = DailyRestCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(
            .init(dailyWorkingHours: 8, childBirth: Self.d(c.birth)), today: Self.d(c.today))
        #expect(outcome.lastDay == Self.d(c.lastDay))
        #expect(outcome.dueToday == c.due)
    }

    @Test func dailyRestsRejectImpossibleHours() {
        let calculator = DailyRestCalculator(parameters: Self.catalog)
        #expect(throws: CalculatorError.self) {
            try calculator.calculate(.init(dailyWorkingHours: 0, childBirth: Self.d("2026-05-10")), today: Self.today)
        }
        #expect(throws: CalculatorError.self) {
            try calculator.calculate(
                .init(dailyWorkingHours: 8, childrenBorn: 0, childBirth: Self.d("2026-05-10")), today: Self.today)
        }
    }

    // MARK: - Lavoro agile

    struct NoticeCase: Sendable, CustomTestStringConvertible {
        let event: String
        let today: String
        let deadline: String?
        var testDescription: String { "event \(event), as of \(today)" }
    }

    static let noticeCases: [NoticeCase] = [
        .init(event: "2026-02-03", today: "2026-11-29", deadline: "2026-02-08"),
        .init(event: "2025-01-12", today: "2026-11-29", deadline: "2025-01-17"),
        .init(event: "2025-01-11", today: "2026-11-29", deadline: nil),
        .init(event: "2026-01-29", today: "2026-11-29", deadline: "2026-02-03"),
        .init(event: "2028-02-27", today: "2026-11-29", deadline: "2028-03-03"),
        .init(event: "2027-02-27", today: "2026-11-29", deadline: "2027-03-04"),
        .init(event: "2026-12-29", today: "2026-11-29", deadline: "2027-01-03"),
        .init(event: "2025-02-01", today: "2024-12-01", deadline: nil),
    ]

    @Test(arguments: noticeCases)
    func smartWorkingNoticeDeadline(_ c: NoticeCase) throws {
        let calculator = SmartWorkingCalculator(parameters: Self.catalog)
        let outcome = try calculator.communicationDeadline(eventDate: Self.d(c.event), today: Self.d(c.today))
        #expect(outcome.deadline == c.deadline.map(Self.d))
        if let deadline = c.deadline {
            #expect(outcome.result.linesIt[0].contains("entro \(Self.d(deadline).it("il"))"))
            #expect(outcome.result.linesEn[0].contains("by \(Self.d(deadline).spelled(english: true))"))
            #expect(outcome.result.validFrom == Self.d("2025-01-12"))
        } else {
            #expect(outcome.result.linesIt[0].contains("regola diversa"))
        }
    }

    struct PriorityCase: Sendable, CustomTestStringConvertible {
        let name: String
        let input: SmartWorkingCalculator.PriorityInput
        let today: String
        let priority: Bool
        let borderlineWarning: Bool
        var testDescription: String { name }
    }

    static let priorityCases: [PriorityCase] = [
        .init(
            name: "child of 5", input: .init(child: .birthDate(d("2021-06-01"))), today: "2026-11-29", priority: true,
            borderlineWarning: false),
        .init(
            name: "child turning 12 today: 12 completed years, covered with a warning",
            input: .init(child: .birthDate(d("2014-11-29"))), today: "2026-11-29", priority: true,
            borderlineWarning: true),
        .init(
            name: "child turning 13 tomorrow: still 12", input: .init(child: .birthDate(d("2013-11-30"))),
            today: "2026-11-29", priority: true, borderlineWarning: true),
        .init(
            name: "child turning 13 today: not covered", input: .init(child: .birthDate(d("2013-11-29"))),
            today: "2026-11-29", priority: false, borderlineWarning: false),
        .init(
            name: "child of 16 with a severe disability",
            input: .init(child: .age(16), childHasSevereDisability: true), today: "2026-11-29", priority: true,
            borderlineWarning: false),
        .init(
            name: "worker with a severe disability", input: .init(workerHasSevereDisability: true),
            today: "2026-11-29", priority: true, borderlineWarning: false),
        .init(
            name: "caregiver", input: .init(caregiver: true), today: "2026-11-29", priority: true,
            borderlineWarning: false),
        .init(
            name: "nothing applies", input: .init(child: .age(15)), today: "2026-11-29", priority: false,
            borderlineWarning: false),
        .init(
            name: "L. 106/2025 return, before 9 August 2025", input: .init(returningFromSeriousIllnessLeave: true),
            today: "2025-06-01", priority: false, borderlineWarning: false),
        .init(
            name: "L. 106/2025 return, after 9 August 2025", input: .init(returningFromSeriousIllnessLeave: true),
            today: "2025-09-01", priority: true, borderlineWarning: false),
    ]

    @Test(arguments: priorityCases)
    func smartWorkingPriority(_ c: PriorityCase) throws {
        let calculator = SmartWorkingCalculator(parameters: Self.catalog)
        let outcome = try calculator.priority(c.input, today: Self.d(c.today))
        #expect(outcome.hasPriority == c.priority)
        #expect(outcome.result.linesIt.contains { $0.contains("non è un diritto") })
        #expect(outcome.result.warningsIt.contains { $0.contains("lettura più restrittiva") } == c.borderlineWarning)
        if c.input.child != nil {
            #expect(outcome.result.linesIt.contains { $0.contains("anni compiuti (interpretazione da verificare)") })
        }
    }

    @Test func smartWorkingPriorityGivesBothReadingsDates() throws {
        let calculator = SmartWorkingCalculator(parameters: Self.catalog)
        let outcome = try calculator.priority(.init(child: .birthDate(Self.d("2016-04-10"))), today: Self.today)
        #expect(outcome.childCoveredUntil == Self.d("2029-04-09"))
        #expect(outcome.result.linesIt.contains { $0.contains("9 aprile 2029") && $0.contains("9 aprile 2028") })
    }

    // MARK: - Dismissal

    struct DismissalCase: Sendable, CustomTestStringConvertible {
        let name: String
        let input: DismissalProtectionCalculator.Input
        let verdict: DismissalProtectionCalculator.Verdict
        let from: String?
        let until: String?
        var testDescription: String { name }
    }

    static let dismissalCases: [DismissalCase] = [
        // 300 days before 15 March 2027 is 19 May 2026.
        .init(
            name: "pregnant, letter in June",
            input: .init(expectedBirth: d("2027-03-15"), checkedDate: d("2026-06-01")),
            verdict: .protected, from: "2026-05-19", until: "2028-03-15"),
        .init(
            name: "first day of the presumed pregnancy",
            input: .init(expectedBirth: d("2027-03-15"), checkedDate: d("2026-05-19")), verdict: .protected,
            from: "2026-05-19", until: "2028-03-15"),
        .init(
            name: "the day before the presumed pregnancy",
            input: .init(expectedBirth: d("2027-03-15"), checkedDate: d("2026-05-18")), verdict: .notProtected,
            from: "2026-05-19", until: "2028-03-15"),
        .init(
            name: "on the child's first birthday",
            input: .init(expectedBirth: d("2026-03-15"), childBirth: d("2026-03-20"), checkedDate: d("2027-03-20")),
            verdict: .protected, from: "2025-05-19", until: "2027-03-20"),
        .init(
            name: "the day after the first birthday",
            input: .init(expectedBirth: d("2026-03-15"), childBirth: d("2026-03-20"), checkedDate: d("2027-03-21")),
            verdict: .notProtected, from: "2025-05-19", until: "2027-03-20"),
        .init(
            name: "only the birth date, date after the birth",
            input: .init(childBirth: d("2026-03-20"), checkedDate: d("2026-09-01")), verdict: .protected, from: nil,
            until: "2027-03-20"),
        .init(
            name: "only the birth date, date before the birth",
            input: .init(childBirth: d("2026-03-20"), checkedDate: d("2026-01-10")), verdict: .cannotTell, from: nil,
            until: "2027-03-20"),
        .init(
            name: "father without paternity leave",
            input: .init(
                childBirth: d("2026-03-20"), checkedDate: d("2026-06-01"), worker: .father(paternityLeaveStart: nil)),
            verdict: .cannotTell, from: nil, until: "2027-03-20"),
        .init(
            name: "father after his paternity leave started",
            input: .init(
                childBirth: d("2026-03-20"), checkedDate: d("2026-06-01"),
                worker: .father(paternityLeaveStart: d("2026-03-25"))),
            verdict: .protected, from: "2026-03-25", until: "2027-03-20"),
        .init(
            name: "father before his paternity leave",
            input: .init(
                childBirth: d("2026-03-20"), checkedDate: d("2026-03-10"),
                worker: .father(paternityLeaveStart: d("2026-03-25"))),
            verdict: .notProtected, from: "2026-03-25", until: "2027-03-20"),
        .init(
            name: "born 29 February: first birthday on 28 February",
            input: .init(childBirth: d("2028-02-29"), checkedDate: d("2029-03-01")), verdict: .notProtected, from: nil,
            until: "2029-02-28"),
    ]

    @Test(arguments: dismissalCases)
    func dismissalProtection(_ c: DismissalCase) throws {
        let calculator = DismissalProtectionCalculator(parameters: Self.catalog)
        let outcome = try calculator.calculate(c.input, today: Self.today)
        #expect(outcome.verdict == c.verdict)
        #expect(outcome.protectedFrom == c.from.map(Self.d))
        #expect(outcome.protectedUntil == c.until.map(Self.d))
        #expect(outcome.result.linesIt.contains { $0.contains("giusta causa") && $0.contains("prova") })
        #expect(outcome.result.linesIt.contains { $0.contains("Agisci subito") })
        #expect(outcome.result.linesEn.contains { $0.contains("Act at once") })
    }

    @Test func dismissalBoundaryDaysAreFlagged() throws {
        let calculator = DismissalProtectionCalculator(parameters: Self.catalog)
        let birthday = try calculator.calculate(
            .init(childBirth: Self.d("2026-03-20"), checkedDate: Self.d("2027-03-20")), today: Self.today)
        #expect(birthday.result.warningsIt.contains { $0.contains("caso limite") })
        #expect(throws: CalculatorError.self) {
            try calculator.calculate(.init(checkedDate: Self.d("2026-06-01")), today: Self.today)
        }
    }

    // MARK: - Errors and the result

    @Test func anEmptyCatalogIsAMissingParameterNotACrash() {
        let empty = ParameterCatalog(parameters: [:])
        let birth = Self.d("2026-01-10")
        #expect(throws: CalculatorError.self) {
            try MaternityLeaveCalculator(parameters: empty).calculate(.init(expectedBirth: birth), today: Self.today)
        }
        #expect(throws: CalculatorError.self) {
            try PaternityLeaveCalculator(parameters: empty).calculate(.init(expectedBirth: birth), today: Self.today)
        }
        #expect(throws: CalculatorError.self) {
            try ParentalLeaveCalculator(parameters: empty).calculate(
                .init(role: .mother, childBirth: birth), today: Self.today)
        }
        #expect(throws: CalculatorError.self) {
            try SickChildLeaveCalculator(parameters: empty).calculate(.birthDate(birth), today: Self.today)
        }
        #expect(throws: CalculatorError.self) {
            try DailyRestCalculator(parameters: empty).calculate(
                .init(dailyWorkingHours: 8, childBirth: birth), today: Self.today)
        }
        #expect(throws: CalculatorError.self) {
            try SmartWorkingCalculator(parameters: empty).communicationDeadline(eventDate: birth, today: Self.today)
        }
        #expect(throws: CalculatorError.self) {
            try DismissalProtectionCalculator(parameters: empty).calculate(
                .init(childBirth: birth, checkedDate: birth), today: Self.today)
        }
    }

    @Test func italianDatesElideTheArticle() throws {
        #expect(Self.d("2026-02-08").it("il") == "l'8 febbraio 2026")
        #expect(Self.d("2026-02-11").it("dal") == "dall'11 febbraio 2026")
        #expect(Self.d("2026-02-15").it("al") == "al 15 febbraio 2026")
        let outcome = try SmartWorkingCalculator(parameters: Self.catalog).communicationDeadline(
            eventDate: Self.d("2026-02-03"), today: Self.today)
        #expect(outcome.result.linesIt[0].contains("entro l'8 febbraio 2026"))
    }

    @Test func errorMessagesSayWhatToDo() {
        let missing = CalculatorError.missingParameter("paternita-giorni").description
        #expect(missing.contains("paternita-giorni") && missing.contains("Config/parameters.yaml"))
        #expect(CalculatorError.invalidInput("Controlla. / Check.").description == "Controlla. / Check.")
    }

    @Test func resultTextListsTheSources() throws {
        let outcome = try SickChildLeaveCalculator(parameters: Self.catalog).calculate(.age(5), today: Self.today)
        let text = outcome.result.text(english: true)
        #expect(text.contains("Sources: D.Lgs. 151/2001, art. 47 c. 1"))
        #expect(
            outcome.result.lines(english: false).count
                == outcome.result.linesIt.count + outcome.result.warningsIt.count)
    }
}
