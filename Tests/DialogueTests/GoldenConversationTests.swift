import Foundation
import Testing
import TextAnalysis
import Yams

@testable import Dialogue

/// Golden conversations (Tests/Conversations/*.yaml) through the real engine: each turn's
/// outcome, topic, slot, language and text fragments, like the test stories of
/// conversational frameworks.
@Suite("Golden conversations")
struct GoldenConversationTests {
    struct Expectation: Sendable {
        var outcome: String?
        var topic: String?
        var slot: String?
        var lang: String?
        var contains: [String] = []
        var containsAny: [String] = []
        var notContains: [String] = []
    }

    struct Turn: Sendable {
        let say: String
        let expect: Expectation
    }

    struct Conversation: Sendable, CustomTestStringConvertible {
        let name: String
        let file: String
        let today: Day
        let turns: [Turn]
        var testDescription: String { "\(file): \(name)" }
    }

    static let folder = EngineFixture.root.appendingPathComponent("Tests/Conversations")

    static func load() throws -> [Conversation] {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
        var result: [Conversation] = []
        for file in files {
            let root = try Yams.compose(yaml: String(contentsOf: file, encoding: .utf8))
            for node in root?["conversations"]?.array() ?? [] {
                let name = node["name"]?.string ?? "?"
                let today = node["today"]?.string.flatMap(Day.init(iso:)) ?? EngineFixture.today
                var turns: [Turn] = []
                for turn in node["turns"]?.array() ?? [] {
                    let expect = turn["expect"]
                    var expectation = Expectation()
                    expectation.outcome = expect?["outcome"]?.string
                    expectation.topic = expect?["topic"]?.string
                    expectation.slot = expect?["slot"]?.string
                    expectation.lang = expect?["lang"]?.string
                    expectation.contains = expect?["contains"]?.array().compactMap(\.string) ?? []
                    expectation.containsAny = expect?["contains_any"]?.array().compactMap(\.string) ?? []
                    expectation.notContains = expect?["not_contains"]?.array().compactMap(\.string) ?? []
                    turns.append(Turn(say: turn["say"]?.string ?? "", expect: expectation))
                }
                result.append(Conversation(name: name, file: file.lastPathComponent, today: today, turns: turns))
            }
        }
        return result
    }

    static let conversations: [Conversation] = (try? load()) ?? []

    @Test func theSetIsThere() throws {
        let loaded = try Self.load()
        #expect(loaded.count >= 10)
        #expect(Set(loaded.map(\.name)).count == loaded.count, "conversation names must be unique")
    }

    @Test(arguments: GoldenConversationTests.conversations)
    func conversation(_ conversation: Conversation) {
        var session = ChatSession(engine: EngineFixture.engine)
        for (number, turn) in conversation.turns.enumerated() {
            let reply = session.handle(turn.say, today: conversation.today).reply
            let label = "turn \(number + 1) «\(turn.say)»"
            let text = ICU.fold(reply.text)
            if let outcome = turn.expect.outcome {
                #expect(reply.outcome.rawValue == outcome, "\(label): outcome \(reply.outcome.rawValue), topic \(reply.topic ?? "-")")
            }
            if let topic = turn.expect.topic { #expect(reply.topic == topic, "\(label): topic \(reply.topic ?? "-")") }
            if let slot = turn.expect.slot { #expect(reply.slot == slot, "\(label): slot \(reply.slot ?? "-")") }
            if let lang = turn.expect.lang { #expect(reply.lang == lang, "\(label): lang \(reply.lang)") }
            for fragment in turn.expect.contains {
                #expect(text.contains(ICU.fold(fragment)), "\(label): text lacks «\(fragment)»: \(reply.text.prefix(200))")
            }
            if !turn.expect.containsAny.isEmpty {
                #expect(
                    turn.expect.containsAny.contains { text.contains(ICU.fold($0)) },
                    "\(label): text lacks all of \(turn.expect.containsAny): \(reply.text.prefix(200))")
            }
            for fragment in turn.expect.notContains {
                #expect(!text.contains(ICU.fold(fragment)), "\(label): text has «\(fragment)»")
            }
        }
    }
}
