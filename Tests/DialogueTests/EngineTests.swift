import Foundation
import Testing

import TextAnalysis
@testable import Dialogue
@testable import Knowledge

@Suite("Engine decisions")
struct EngineTests {
    @Test func answersWithSourcesAndDates() {
        let reply = EngineFixture.ask("Quanto dura il congedo parentale?")
        #expect(reply.outcome == .answer)
        #expect(reply.topic == "congedo-parentale-durata")
        #expect(!reply.sources.isEmpty)
        #expect(reply.text.contains("14"))  // the age limit in force on 29/11/2026
        #expect(reply.text.contains("risposta valida al 29 novembre 2026"))
        #expect(!reply.text.contains("{{"))
    }

    @Test func answersAsOfAnEarlierDayWithTheValueThen() {
        let (reply, _) = EngineFixture.engine.respond(
            to: "Fino a che età del figlio si può prendere il congedo parentale?", state: ConversationState(),
            today: Day(year: 2025, month: 6, day: 1)!)
        #expect(reply.topic == "congedo-parentale-durata")
        #expect(reply.text.contains("12"))
    }

    @Test func statedAudienceChoosesTheEmployerCard() {
        let employer = EngineFixture.ask("Sono il titolare di una piccola impresa: che sgravi ho se assumo una mamma con tre figli?")
        #expect(employer.topic == "impresa-esonero-madri")
        #expect(employer.card == "impresa-esonero-assunzione-madri")
        let worker = EngineFixture.ask("esonero contributivo per le mamme con tre figli")
        #expect(worker.card == "impresa-esonero-madri")
    }

    @Test func audienceSticksInTheConversation() {
        let (_, state) = EngineFixture.engine.respond(
            to: "sono un datore di lavoro", state: ConversationState(), today: EngineFixture.today)
        #expect(state.audience == .impresa)
    }

    @Test func englishQuestionGetsTheEnglishCard() {
        let reply = EngineFixture.ask("How long is maternity leave in Italy?")
        #expect(reply.lang == "en")
        #expect(reply.topic == "maternita-congedo-obbligatorio")
        #expect(reply.card == "maternita-congedo-obbligatorio.en")
    }

    @Test(arguments: ["ciao", "salve", "grazie mille", "ok grazie", "buongiorno!", "thank you", "grazei"])
    func smallTalk(text: String) {
        #expect(EngineFixture.ask(text).outcome == .smalltalk)
    }

    @Test func greetingWithAQuestionIsAQuestion() {
        let reply = EngineFixture.ask("ciao, quanto dura il congedo di paternità?")
        #expect(reply.outcome == .answer)
        #expect(reply.topic == "paternita-congedo-obbligatorio")
    }

    @Test(arguments: ["Vorrei un operatore umano", "voglio parlare con una persona", "operatore", "can I talk to a human?"])
    func asksForAHuman(text: String) {
        let reply = EngineFixture.ask(text)
        #expect(reply.outcome == .escalate)
        #expect(reply.reason == "operator_requested")
    }

    @Test(arguments: ["Come si paga la TARI?", "Come si rinnova il passaporto?", "Raccontami una barzelletta"])
    func outOfScopeIsSaidKindly(text: String) {
        let reply = EngineFixture.ask(text)
        #expect([Outcome.outOfScope, .fallback].contains(reply.outcome))
        #expect(reply.topic == nil)
    }

    @Test func dangerComesFirst() {
        let reply = EngineFixture.ask("mio marito mi picchia, cosa posso fare?")
        #expect(reply.text.hasPrefix("Se sei in pericolo chiama subito il 112"))
        #expect(reply.text.contains("1522"))
    }

    @Test func twoFallbacksInARowOfferAHuman() {
        var state = ConversationState()
        var outcomes: [Outcome] = []
        for text in ["xyzzy plugh", "qwerty asdfgh"] {
            let (reply, next) = EngineFixture.engine.respond(to: text, state: state, today: EngineFixture.today)
            outcomes.append(reply.outcome)
            state = next
        }
        #expect(outcomes == [.fallback, .escalate])
    }
}

@Suite("Bad input")
struct BadInputTests {
    @Test(arguments: ["", "   ", "\t\n", "\u{0}\u{1}\u{7}", "???", "...!!!"])
    func emptyOrPunctuationOnly(text: String) {
        let reply = EngineFixture.ask(text)
        #expect(reply.outcome == .fallback)
        #expect(!reply.text.isEmpty)
    }

    @Test func hundredKilobyteQuestion() {
        let text = String(repeating: "congedo parentale quanto dura ", count: 3_500)
        #expect(text.utf8.count > 100_000)
        let reply = EngineFixture.ask(text)
        #expect(reply.q.count <= Engine.maximumEcho + 1)
        #expect(Outcome.allCases.contains(reply.outcome))
    }

    @Test(arguments: [
        "\"congedo parentale", "congedo* NEAR(padre, 3)", "title:maternità", "congedo AND NOT padre OR ^madre",
        "'; DROP TABLE cards; --", "SELECT * FROM doc_fts", "\u{1B}[31mcongedo\u{1B}[0m parentale",
    ])
    func queryAndSQLSyntaxAreJustWords(text: String) {
        let reply = EngineFixture.ask(text)
        #expect(Outcome.allCases.contains(reply.outcome))
    }

    @Test func controlCharactersAreRemoved() {
        let reply = EngineFixture.ask("quanto dura\u{0} il congedo\u{7} di paternità?")
        #expect(reply.topic == "paternita-congedo-obbligatorio")
        #expect(!reply.q.contains("\u{0}"))
    }

    @Test func jsonIsOneValidLine() throws {
        let reply = Reply(
            q: "a \"quote\" \\ back\nline \u{1}", outcome: .answer, topic: "t", card: "c", score: 0.5, lang: "it",
            text: "x\ty\u{2028}", sources: ["s"], options: [])
        let line = reply.json()
        #expect(!line.contains("\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["q"] as? String == "a \"quote\" \\ back\nline \u{1}")
        #expect(object?["outcome"] as? String == "answer")
        #expect(line.hasPrefix("{\"q\": "))
    }
}

@Suite("Chat session")
struct ChatSessionTests {
    @Test func commands() {
        var session = ChatSession(engine: EngineFixture.engine)
        #expect(session.handle("/help", today: EngineFixture.today).reply.text.contains("/reset"))
        #expect(session.handle("/lang en", today: EngineFixture.today).reply.lang == "en")
        #expect(session.handle("quanto dura il congedo di paternità?", today: EngineFixture.today).reply.lang == "en")
        #expect(session.handle("/lang xx", today: EngineFixture.today).reply.outcome == .fallback)
        #expect(session.handle("/boh", today: EngineFixture.today).reply.reason == "unknown_command")
        _ = session.handle("/reset", today: EngineFixture.today)
        #expect(session.state.language == nil)
        #expect(session.handle("/quit", today: EngineFixture.today).quit)
    }
}
