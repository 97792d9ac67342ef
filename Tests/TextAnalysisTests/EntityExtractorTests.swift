import Testing

@testable import TextAnalysis

/// One message and the entity values expected in it, in text order.
struct EntityCase: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: [EntityValue]

    init(_ text: String, _ expected: [EntityValue]) {
        self.text = text
        self.expected = expected
    }

    var testDescription: String { "\"\(text)\"" }
}

private let today = Day(year: 2026, month: 11, day: 29)!

private func date(_ iso: String) -> EntityValue { .date(Day(iso: iso)!) }
private func duration(_ value: Double, _ unit: TimeUnit) -> EntityValue {
    .duration(Quantity(value: value, unit: unit))
}
private func age(_ value: Double, _ unit: TimeUnit) -> EntityValue { .age(Quantity(value: value, unit: unit)) }
private func children(_ count: Int) -> EntityValue { .count(count, of: "figli") }

private func values(_ text: String) -> [EntityValue] {
    EntityExtractor.extract(text, today: today).map(\.value)
}

@Suite("Entity extraction")
struct EntityExtractorTests {
    @Test(arguments: [
        EntityCase("15 marzo 2027", [date("2027-03-15")]),
        EntityCase("il 15 mar 2027", [date("2027-03-15")]),
        EntityCase("15/03/2027", [date("2027-03-15")]),
        EntityCase("15-03-2027", [date("2027-03-15")]),
        EntityCase("15.03.2027", [date("2027-03-15")]),
        EntityCase("15/03/27", [date("2027-03-15")]),
        EntityCase("2027-03-15", [date("2027-03-15")]),
        EntityCase("March 15, 2027", [date("2027-03-15")]),
        EntityCase("15th of March 2027", [date("2027-03-15")]),
        EntityCase("03/15/2027", [date("2027-03-15")]),
        EntityCase("1° gennaio 2027", [date("2027-01-01")]),
        EntityCase("primo maggio", [date("2026-05-01")]),
        EntityCase("May 1st", [date("2026-05-01")]),
        EntityCase("31 gennaio", [date("2026-01-31")]),
        EntityCase("quindici marzo 2027", [date("2027-03-15")]),
        EntityCase("il 15/03", [date("2026-03-15")]),
        EntityCase("29/02/2028", [date("2028-02-29")]),
        EntityCase("29 febbraio 2028", [date("2028-02-29")]),
    ])
    func absoluteDates(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase("31 febbraio", []),
        EntityCase("30/02/2027", []),
        EntityCase("29/02/2027", []),
        EntityCase("31 aprile 2027", []),
        EntityCase("15 marzo 1850", []),
        EntityCase("15/03/2150", []),
        EntityCase("tra 500 anni", []),
    ])
    func impossibleDatesGiveNoEntity(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase("oggi", [date("2026-11-29")]),
        EntityCase("today", [date("2026-11-29")]),
        EntityCase("ieri", [date("2026-11-28")]),
        EntityCase("yesterday", [date("2026-11-28")]),
        EntityCase("domani", [date("2026-11-30")]),
        EntityCase("tomorrow", [date("2026-11-30")]),
        EntityCase("dopodomani", [date("2026-12-01")]),
        EntityCase("the day after tomorrow", [date("2026-12-01")]),
        EntityCase("l'altro ieri", [date("2026-11-27")]),
        EntityCase("tra due settimane", [date("2026-12-13")]),
        EntityCase("fra 10 giorni", [date("2026-12-09")]),
        EntityCase("tra un mese", [date("2026-12-29")]),
        EntityCase("tra un mese e mezzo", [date("2027-01-13")]),
        EntityCase("tra 3 anni", [date("2029-11-29")]),
        EntityCase("3 mesi fa", [date("2026-08-29")]),
        EntityCase("è nato 2 settimane fa", [date("2026-11-15")]),
        EntityCase("in two weeks", [date("2026-12-13")]),
        EntityCase("in 3 days", [date("2026-12-02")]),
        EntityCase("2 weeks ago", [date("2026-11-15")]),
        EntityCase("a month ago", [date("2026-10-29")]),
        EntityCase("la settimana prossima", [date("2026-12-06")]),
        EntityCase("next week", [date("2026-12-06")]),
        EntityCase("il mese prossimo", [date("2026-12-29")]),
        EntityCase("next month", [date("2026-12-29")]),
        EntityCase("the last week of leave", []),
    ])
    func relativeDates(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase("2 mesi", [duration(2, .month)]),
        EntityCase("tre settimane", [duration(3, .week)]),
        EntityCase("10 giorni", [duration(10, .day)]),
        EntityCase("un anno e mezzo", [duration(1.5, .year)]),
        EntityCase("un mese", [duration(1, .month)]),
        EntityCase("sei mesi", [duration(6, .month)]),
        EntityCase("ventuno giorni", [duration(21, .day)]),
        EntityCase("un paio di mesi", [duration(2, .month)]),
        EntityCase("mezz'ora", [duration(0.5, .hour)]),
        EntityCase("in 3 mesi", [duration(3, .month)]),
        EntityCase("ho usato 3 mesi di congedo", [duration(3, .month)]),
        EntityCase("36 ore settimanali", [duration(36, .hour)]),
        EntityCase("3 months", [duration(3, .month)]),
        EntityCase("twenty-one days", [duration(21, .day)]),
        EntityCase("a couple of weeks", [duration(2, .week)]),
        EntityCase("two and a half years", [duration(2.5, .year)]),
        EntityCase("a year and a half", [duration(1.5, .year)]),
        EntityCase("half a day", [duration(0.5, .day)]),
        EntityCase("3 o 4 mesi", [duration(3, .month), duration(4, .month)]),
    ])
    func durations(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase("mio figlio ha 13 anni", [age(13, .year)]),
        EntityCase("una bimba di 8 mesi", [children(1), age(8, .month)]),
        EntityCase("il neonato di 3 settimane", [age(3, .week)]),
        EntityCase("compie 6 anni a marzo", [age(6, .year)]),
        EntityCase("mia figlia ha 2 anni e mezzo", [age(2.5, .year)]),
        EntityCase("fino ai 12 anni", [age(12, .year)]),
        EntityCase("ho 35 anni", [age(35, .year)]),
        EntityCase("mia moglie ha 5 mesi di congedo", [duration(5, .month)]),
        EntityCase("a 13-year-old daughter", [age(13, .year)]),
        EntityCase("aged 5", [age(5, .year)]),
        EntityCase("my son is 10 years old", [age(10, .year)]),
        EntityCase("a 6 months old baby", [age(6, .month)]),
        EntityCase("my daughter is 7", [age(7, .year)]),
        EntityCase("due figli di 3 e 5 anni", [children(2), age(3, .year), age(5, .year)]),
    ])
    func ages(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase("8 ore al giorno", [.hoursPerDay(8)]),
        EntityCase("lavoro 5 ore", [.hoursPerDay(5)]),
        EntityCase("6 ore giornaliere", [.hoursPerDay(6)]),
        EntityCase("7 ore e mezza al giorno", [.hoursPerDay(7.5)]),
        EntityCase("6 hours a day", [.hoursPerDay(6)]),
        EntityCase("I work 7 hours per day", [.hoursPerDay(7)]),
        EntityCase("tra 2 ore", [duration(2, .hour)]),
    ])
    func hoursPerDay(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase("due gemelli", [children(2)]),
        EntityCase("aspetto gemelli", [children(2)]),
        EntityCase("twins", [children(2)]),
        EntityCase("trigemini", [children(3)]),
        EntityCase("triplets", [children(3)]),
        EntityCase("tre figli", [children(3)]),
        EntityCase("ho un figlio", [children(1)]),
        EntityCase("ho due figli gemelli", [children(2)]),
        EntityCase("two children", [children(2)]),
        EntityCase("I have a child", [children(1)]),
    ])
    func counts(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase("sono il padre", [.role(.father)]),
        EntityCase("sono il papà", [.role(.father)]),
        EntityCase("sono la madre", [.role(.mother)]),
        EntityCase("sono una mamma", [.role(.mother)]),
        EntityCase("sono una neo mamma", [.role(.mother)]),
        EntityCase("I'm the father", [.role(.father)]),
        EntityCase("I am the mum", [.role(.mother)]),
        EntityCase("as a dad", [.role(.father)]),
        EntityCase("mio padre è in pensione", []),
    ])
    func roles(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase("sono dipendente", [.employment(.employee)]),
        EntityCase("lavoratrice dipendente", [.employment(.employee)]),
        EntityCase("I'm an employee", [.employment(.employee)]),
        EntityCase("collaboratrice domestica", [.employment(.employee)]),
        EntityCase("sono autonoma", [.employment(.selfEmployed)]),
        EntityCase("ho la partita IVA", [.employment(.selfEmployed)]),
        EntityCase("libera professionista", [.employment(.selfEmployed)]),
        EntityCase("artigiana", [.employment(.selfEmployed)]),
        EntityCase("commerciante", [.employment(.selfEmployed)]),
        EntityCase("freelance", [.employment(.selfEmployed)]),
        EntityCase("self-employed", [.employment(.selfEmployed)]),
        EntityCase("gestione separata", [.employment(.separateScheme)]),
        EntityCase("collaboratore", [.employment(.separateScheme)]),
        EntityCase("contratto co.co.co", [.employment(.separateScheme)]),
    ])
    func employment(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase("non lo so", [.negative]),
        EntityCase("Non so.", [.negative]),
        EntityCase("boh", [.negative]),
        EntityCase("non saprei", [.negative]),
        EntityCase("I don't know", [.negative]),
        EntityCase("no idea", [.negative]),
        EntityCase("non so se posso chiedere il congedo", []),
        EntityCase("I don't know how to apply", []),
    ])
    func negatives(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase("42", [.number(42)]),
        EntityCase("ventitré", [.number(23)]),
        EntityCase("uno", [.number(1)]),
        EntityCase("nato nel 1850", [.number(1850)]),
        EntityCase("-5", [.number(5)]),
        EntityCase("2000000", [.number(2_000_000)]),
        EntityCase("99999999999999999999999", [.number(99_999_999_999_999_999_999_999)]),
        EntityCase("ho una domanda", []),
        EntityCase("sei sicura?", []),
        EntityCase("il congedo parentale spetta ai genitori", []),
        EntityCase("the due date is 15 March 2027", [date("2027-03-15")]),
        EntityCase("a marzo", []),
    ])
    func numbersAndNonNumbers(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test(arguments: [
        EntityCase(
            "Sono il padre, ho già usato 2 mesi e la madre 4",
            [.role(.father), duration(2, .month), duration(4, .month)]),
        EntityCase("mio figlio ha 5 anni e lavoro 8 ore al giorno", [age(5, .year), .hoursPerDay(8)]),
        EntityCase("aspetto due gemelli, data presunta 15 marzo 2027", [children(2), date("2027-03-15")]),
        EntityCase("mio figlio ha 5 anni e mia figlia 3", [age(5, .year), age(3, .year)]),
        EntityCase(
            "I'm the mother, self-employed, and my baby is due in 3 weeks",
            [.role(.mother), .employment(.selfEmployed), date("2026-12-20")]),
        EntityCase(
            "sono una lavoratrice autonoma con tre figli, il più piccolo è nato ieri",
            [.employment(.selfEmployed), children(3), date("2026-11-28")]),
        EntityCase("io lavoro 8 ore al giorno e mia moglie 6", [.hoursPerDay(8), .hoursPerDay(6)]),
        EntityCase("ho preso 2 mesi e 4 euro", [duration(2, .month), .number(4)]),
        EntityCase("I work part-time, 20 hours a week", [duration(20, .hour)]),
        EntityCase("6 ore al dì, una volta a settimana", [.hoursPerDay(6)]),
        EntityCase("once a month", []),
        EntityCase("my kids are 3 and 5", [age(3, .year), age(5, .year)]),
        EntityCase("ho 2 figli di 3, 5 e 8 anni", [children(2), age(3, .year), age(5, .year), age(8, .year)]),
        EntityCase("mio figlio ha 1 anno e 3 mesi", [age(1, .year), age(3, .month)]),
        EntityCase("ne ho uno", [.number(1)]),
        EntityCase("grazie mille, ci vediamo alle 10:12", [.number(10), .number(12)]),
        EntityCase("ha 30 giorni per presentare la domanda", [duration(30, .day)]),
        EntityCase("un paio", [.number(2)]),
        EntityCase(
            "I'm a single dad with two kids aged 4 and 6", [.role(.father), children(2), age(4, .year), age(6, .year)]),
    ])
    func sentences(_ example: EntityCase) {
        #expect(values(example.text) == example.expected)
    }

    @Test func entitiesCoverTheirWords() {
        let entities = EntityExtractor.extract("aspetto due gemelli, data presunta 15 marzo 2027", today: today)
        #expect(entities.map(\.words) == [1..<3, 5..<8])
        #expect(entities.map(\.text) == ["due gemelli", "15 marzo 2027"])
    }

    @Test func eachWordBelongsToOneEntityInTextOrder() {
        let text = "sono la madre, dipendente, 2 figli di 3 e 5 anni, tra 2 settimane, 8 ore al giorno, boh"
        let entities = EntityExtractor.extract(text, today: today)
        for (earlier, later) in zip(entities, entities.dropFirst()) {
            #expect(earlier.words.upperBound <= later.words.lowerBound)
        }
        #expect(entities.count == 8)
    }

    @Test func messagesWithoutCuesReturnEarly() {
        let words = Tokenizer.words("Come si chiede il congedo parentale all'INPS?")
        #expect(!EntityExtractor.mayContainEntities(words))
        #expect(EntityExtractor.extract(from: words, today: today).isEmpty)
        #expect(EntityExtractor.extract(from: [], today: today).isEmpty)
    }

    @Test func longAndStrangeInputsDoNotCrash() {
        let noise = (0..<300).map { String($0 % 40) }.joined(separator: "/")
        _ = EntityExtractor.extract(noise, today: today)
        _ = EntityExtractor.extract("tra 99999999999999999999 anni", today: today)
        _ = EntityExtractor.extract("99999999999999999999 giorni fa", today: today)
        _ = EntityExtractor.extract("\(String(repeating: "9", count: 400)) mesi", today: today)
        _ = EntityExtractor.extract("15 marzo 0 e 31 31 31 e 00/00/0000 e 9999-99-99", today: today)
        #expect(EntityExtractor.extract("tra 99999999999999999999 anni", today: today).isEmpty)
    }
}
