import Testing

@testable import TextAnalysis

@Suite("ICU folding and words")
struct ICUTests {
    @Test func foldsCaseAndAccents() {
        #expect(ICU.fold("Maternità") == "maternita")
        #expect(ICU.fold("PERCHÉ Può") == "perche puo")
        #expect(ICU.fold("Straße") == "strasse")
        #expect(ICU.fold("plain ascii") == "plain ascii")
    }

    @Test func lowersKeepingAccents() {
        #expect(ICU.lower("Maternità È") == "maternità è")
    }

    @Test func findsWordsWithoutPunctuation() {
        let words = ICU.words("quanto dura, il congedo? (D.Lgs. 151/2001)").map(String.init)
        #expect(words.contains("quanto"))
        #expect(words.contains("congedo"))
        #expect(!words.contains(","))
        #expect(!words.contains("?"))
    }

    @Test func emptyAndControlText() {
        #expect(ICU.words("").isEmpty)
        #expect(ICU.words("   \t ").isEmpty)
        #expect(ICU.fold("") == "")
    }
}

@Suite("Tokenizer")
struct TokenizerTests {
    @Test(arguments: [
        ("dell'indennità", ["dell", "indennita"]),
        ("l'INPS", ["l", "inps"]),
        ("c'è", ["c", "e"]),
        ("un’altra", ["un", "altra"]),
        ("all'80%", ["all", "80"]),
        ("don't", ["don", "t"]),
    ])
    func splitsElisions(text: String, folded: [String]) {
        #expect(Tokenizer.words(text).map(\.folded) == folded)
    }

    @Test func limitsOverLongText() {
        let text = String(repeating: "congedo ", count: 10_000)
        #expect(Tokenizer.words(text).count == Tokenizer.maximumWords)
    }

    @Test func keepsAccentsInLowerForm() {
        let word = Tokenizer.words("Paternità")[0]
        #expect(word.lower == "paternità")
        #expect(word.folded == "paternita")
    }
}

@Suite("Spelling correction")
struct SpellCorrectorTests {
    let corrector = SpellCorrector(vocabulary: [
        ("maternita", 40), ("paternita", 30), ("parentale", 50), ("congedo", 80), ("congedi", 10),
        ("malattia", 20), ("agile", 30), ("smart", 15), ("working", 15),
    ])

    @Test(arguments: [
        ("matrenita", "maternita"), ("parentle", "parentale"), ("congdo", "congedo"), ("malatia", "malattia"),
        ("paternta", "paternita"), ("smrat", "smart"),
    ])
    func correctsTypingErrors(typed: String, expected: String) {
        #expect(corrector.correct(typed) == expected)
    }

    @Test func leavesShortAndFarWordsAlone() {
        #expect(corrector.correct("con") == nil)
        #expect(corrector.correct("passaporto") == nil)
        #expect(corrector.correct("congedo") == nil)  // already a known word
    }

    @Test func distanceGrowsWithLength() {
        #expect(SpellCorrector.allowedDistance(forLength: 3) == 0)
        #expect(SpellCorrector.allowedDistance(forLength: 5) == 1)
        #expect(SpellCorrector.allowedDistance(forLength: 9) == 2)
    }

    @Test func editDistanceCountsTranspositionsOnce() {
        #expect(EditDistance.osa(Array("matrenita".utf8), Array("maternita".utf8), limit: 3) == 1)
        #expect(EditDistance.osa(Array("abc".utf8), Array("xyz".utf8), limit: 1) == 2)
    }
}

@Suite("Language guess")
struct LanguageGuesserTests {
    @Test(arguments: [
        ("Quanto dura il congedo di paternità?", Language.it),
        ("How long is paternity leave?", Language.en),
        ("Can I be fired while pregnant?", Language.en),
        ("mi spetta la maternità?", Language.it),
        ("smart working", Language.it),
    ])
    func guesses(text: String, language: Language) {
        #expect(LanguageGuesser.guess(Tokenizer.words(text)) == language)
    }
}

@Suite("Analyzer and concepts")
struct AnalyzerTests {
    let analyzer = Analyzer(concepts: [
        Concept(id: "lavoro-agile", terms: ["lavoro agile", "smart working"]),
        Concept(id: "congedo-parentale", terms: ["congedo parentale", "maternità facoltativa"]),
        Concept(id: "padre", terms: ["padre", "papà"]),
    ])

    @Test func multiWordSynonymsMeetOnOneConcept() {
        let smart = analyzer.analyze("posso fare smart working?", language: .it)
        let agile = analyzer.analyze("posso fare lavoro agile?", language: .it)
        #expect(smart.terms.contains(Concept.token(for: "lavoro-agile")))
        #expect(agile.terms.contains(Concept.token(for: "lavoro-agile")))
        #expect(smart.concepts == ["lavoro-agile"])
    }

    @Test func nonCanonicalTermIsReplacedCanonicalKeepsItsWords() {
        let colloquial = analyzer.analyze("quanto dura la maternità facoltativa", language: .it)
        #expect(colloquial.terms.contains(Concept.token(for: "congedo-parentale")))
        #expect(!colloquial.terms.contains("matern"))
        let canonical = analyzer.analyze("quanto dura il congedo parentale", language: .it)
        #expect(canonical.terms.contains(Concept.token(for: "congedo-parentale")))
        #expect(canonical.terms.contains("parental"))
    }

    @Test func pluralsMatchThroughStems() {
        #expect(analyzer.analyze("congedi parentali", language: .it).concepts == ["congedo-parentale"])
    }

    @Test func vocabularyRestoresAccentsAndCorrectsTypos() {
        let vocabulary = Vocabulary(entries: [
            "paternita": .init(italian: "patern", frequency: 5),
            "congedo": .init(italian: "conged", frequency: 9),
        ])
        let analysis = analyzer.analyze("congdo di paternita", language: .it, vocabulary: vocabulary)
        #expect(analysis.terms == ["conged", "patern"])
        #expect(analysis.corrections.map(\.corrected) == ["congedo"])
        #expect(analysis.unknown.isEmpty)
    }

    @Test func queryLanguageSyntaxIsJustWords() {
        let analysis = analyzer.analyze("\"congedo\" OR NEAR(padre* col:title) ^ AND NOT", language: .it)
        #expect(analysis.terms.contains("conged"))
        #expect(analysis.terms.allSatisfy { !$0.contains("\"") && !$0.contains("*") && !$0.contains(":") })
    }
}

@Suite("Calendar arithmetic")
struct DayArithmeticTests {
    func day(_ text: String) -> Day { Day(iso: text)! }

    @Test(arguments: [
        ("2027-01-31", 1, "2027-02-28"), ("2028-01-31", 1, "2028-02-29"), ("2026-11-30", 3, "2027-02-28"),
        ("2026-03-15", -2, "2026-01-15"), ("2026-05-31", -3, "2026-02-28"), ("2024-02-29", 12, "2025-02-28"),
    ])
    func addsMonthsClampingTheDay(start: String, months: Int, expected: String) {
        #expect(day(start).adding(months: months) == day(expected))
    }

    @Test func daysRoundTrip() {
        #expect(day("2026-12-31").adding(days: 1) == day("2027-01-01"))
        #expect(day("2028-02-28").adding(days: 1) == day("2028-02-29"))
        #expect(day("2026-03-01").adding(days: -1) == day("2026-02-28"))
        #expect(day("2026-01-01").days(to: day("2027-01-01")) == 365)
        #expect(day("2028-01-01").days(to: day("2029-01-01")) == 366)
        for ordinal in stride(from: 700_000, to: 740_000, by: 997) {
            #expect(Day(ordinal: ordinal).ordinal == ordinal)
        }
    }

    @Test func agesCountTheBirthday() {
        #expect(day("2020-06-10").years(until: day("2026-06-10")) == 6)
        #expect(day("2020-06-10").years(until: day("2026-06-09")) == 5)
        #expect(day("2012-01-01").years(until: day("2026-01-01")) == 14)
        #expect(day("2024-02-29").years(until: day("2025-02-28")) == 1)
        #expect(day("2026-01-31").months(until: day("2026-02-28")) == 1)
        #expect(day("2026-01-15").months(until: day("2026-02-14")) == 0)
    }
}

@Suite("Decimal numbers")
struct DecimalTests {
    @Test func decimalsKeepTheirValue() {
        let words = Tokenizer.words("lavoro 7,5 ore al giorno, 3.600 euro")
        #expect(words.map(\.folded) == ["lavoro", "7", "ore", "al", "giorno", "3600", "euro"])
        #expect(words[1].decimal == 7.5)
        let entities = EntityExtractor.extract("lavoro 7,5 ore al giorno", today: Day(year: 2026, month: 11, day: 29)!)
        #expect(entities.contains { if case .hoursPerDay(7.5) = $0.value { true } else { false } })
    }
}
