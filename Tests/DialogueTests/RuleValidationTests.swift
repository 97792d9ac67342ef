import Foundation
import Testing
import TextAnalysis

@testable import Dialogue
@testable import Knowledge

@Suite("Rule and flow files")
struct RuleValidationTests {
    /// A copy of Dialogs/ with `rules` and `flows` replaced.
    func dialogs(rules: String, flows: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dialogs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["smalltalk.yaml", "signals.yaml"] {
            try FileManager.default.copyItem(
                at: EngineFixture.layout.dialogs.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try rules.write(to: folder.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        try flows.write(to: folder.appendingPathComponent("flows.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func reportsEveryBrokenReferenceWithItsLine() throws {
        let folder = try dialogs(
            rules: """
                rules:
                  - id: generale
                    priority: 90
                    when: {any_concepts: [congedo-parentale]}
                    then: {topic: congedo-parentale-durata}
                  - id: concetto-ignoto
                    when: {concepts: [non-esiste]}
                    then: {answer: scheda-inesistente}
                  - id: flusso-ignoto
                    when: {entities: [date, colore]}
                    then: {flow: nessun-flusso}
                  - id: oscurata
                    priority: 10
                    when: {concepts: [congedo-parentale], entities: [date]}
                    then: {topic: congedo-parentale-durata}
                  - id: senza-azione
                    when: {words: [ciao]}
                """,
            flows: """
                flows:
                  - id: calcolo
                    topic: non-un-topic
                    calculator: nessun-calcolatore
                    slots:
                      - {name: x, type: colore, ask_it: "?", ask_en: "?"}
                """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (rules, loadProblems) = DialogRules.load(from: folder)
        let problems = loadProblems + DialogRuleLoader.validate(
            rules: rules.rules, flows: Array(rules.flows.values), base: EngineFixture.engine.retriever.base,
            calculators: CalculatorRegistry().ids)
        func has(_ fragment: String, line: Int? = nil) -> Bool {
            problems.contains { $0.message.contains(fragment) && (line == nil || $0.line == line) }
        }
        #expect(has("unknown concept `non-esiste`", line: 6))
        #expect(has("unknown card `scheda-inesistente`"))
        #expect(has("unknown entity kind `colore`"))
        #expect(has("unknown flow `nessun-flusso`"))
        #expect(has("rule oscurata can never fire"))
        #expect(has("senza-azione: `then` must name exactly one action"))
        #expect(has("unknown type `colore`"))
        #expect(has("flow calcolo: unknown topic `non-un-topic`"))
        #expect(has("unknown calculator `nessun-calcolatore`"))
        #expect(problems.allSatisfy { $0.file.hasSuffix(".yaml") })
    }

    @Test func theShippedRulesAndFlowsAreClean() {
        let (base, problems) = EngineLoader.check(EngineFixture.layout, today: EngineFixture.today)
        #expect(!base.cards.isEmpty)
        #expect(problems.filter { $0.severity == .error }.isEmpty, "\(problems.prefix(5))")
        #expect(EngineFixture.engine.rules.flows.count >= 7)
        let calculators = Set(EngineFixture.engine.rules.flows.values.map(\.calculator))
        #expect(calculators == CalculatorRegistry().ids, "every calculator has a flow")
    }
}

@Suite("Flows and bad input")
struct FlowTests {
    func run(_ turns: [String], today: Day = EngineFixture.today) -> [Reply] {
        var session = ChatSession(engine: EngineFixture.engine)
        return turns.map { session.handle($0, today: today).reply }
    }

    @Test func factsUpFrontAreTakenAndOnlyTheMissingOnesAsked() {
        let replies = run([
            "Sono il padre, ho già usato 2 mesi di congedo parentale e la madre 4, quanti mesi mi restano?",
            "è nato il 10/05/2022",
        ])
        #expect(replies[0].outcome == .ask)
        #expect(replies[0].slot == "nascita")
        #expect(replies[0].facts["ruolo"] == "father")
        #expect(replies[1].outcome == .answer)
        #expect(replies[1].topic == "congedo-parentale-durata")
        #expect(replies[1].text.contains("9 maggio 2036"))  // the day before the 14th birthday
    }

    @Test(arguments: ["31 febbraio 2027", "è nato nel 1850", "blorf zzk", "-5", "999999999"])
    func nonsenseInsideAFlowReasksAndKeepsTheFacts(bad: String) {
        let replies = run(["Sono la madre, ho usato 3 mesi di congedo parentale, quanti me ne restano?", bad, "10/05/2022", "0"])
        #expect(replies[0].slot == "nascita")
        #expect(replies[1].outcome == .ask)
        #expect(replies[1].slot == "nascita")
        #expect(replies[2].outcome == .ask)
        #expect(replies[2].slot == "mesi_altro")
        #expect(replies[3].outcome == .answer, "\(replies[3].text.prefix(200))")
    }

    @Test func aTenThousandWordTurnInsideAFlowIsSafe() {
        let long = String(repeating: "zzxq ", count: 10_000)
        let replies = run(["Sono la madre, ho usato 3 mesi di congedo parentale, quanti me ne restano?", long, "10/05/2022"])
        #expect(replies[1].outcome == .ask)
        #expect(replies[2].slot == "mesi_altro")
    }

    @Test func cancelAndTopicSwitchLeaveTheFlow() {
        let cancelled = run(["calcolami le date della maternità", "annulla", "ciao"])
        #expect(cancelled[0].outcome == .ask)
        #expect(cancelled[1].reason == "flow_cancelled")
        #expect(cancelled[2].outcome == .smalltalk)
        let switched = run(["calcolami le date della maternità", "come funziona il bonus asilo nido?"])
        #expect(switched[1].outcome == .answer)
        #expect(switched[1].topic == "bonus-asilo-nido")
    }

    @Test func notKnowingARequiredFactGivesTheGeneralRules() {
        let replies = run(["calcolami le date della maternità", "non lo so"])
        #expect(replies[1].outcome == .answer)
        #expect(replies[1].topic == "maternita-congedo-obbligatorio")
    }

    @Test func aCorrectionAfterTheAnswerComputesAgain() {
        let replies = run([
            "Sono il padre, ho già usato 2 mesi di congedo parentale e la madre 4, quanti mesi mi restano?",
            "è nato il 10/05/2022", "no, è nato il 10/05/2019",
        ])
        #expect(replies[2].outcome == .answer)
        #expect(replies[2].text.contains("9 maggio 2033"))
    }

    @Test func disputesAndSecondLevelOfferAHuman() {
        let dispute = EngineFixture.ask("mi hanno licenziata mentre ero incinta")
        #expect(dispute.outcome == .escalate)
        #expect(dispute.reason == "dispute")
        #expect(dispute.topic == "divieto-licenziamento")
    }
}
