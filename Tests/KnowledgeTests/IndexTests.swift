import Foundation
import GRDB
import Testing

@testable import Knowledge

@Suite("FTS5 index and retrieval")
struct IndexTests {
    static let base: KnowledgeBase = {
        KnowledgeBase.load(from: ProjectContent.location, today: ProjectContent.today).0
    }()

    @Test func indexFileRoundTripGivesTheSameAnswers() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        try IndexStore.write(base: Self.base, to: file)
        #expect(IndexStore.fingerprint(at: file) == Self.base.fingerprint)
        let stored = try IndexStore.read(from: file, settings: RankingSettings())
        let memory = Retriever(base: Self.base)
        #expect(stored.base.cards.count == memory.base.cards.count)
        for question in [
            "quanto dura il congedo parentale", "smart working accordo scritto", "bonus asilo nido domanda",
            "how long is maternity leave", "Come si paga la TARI?",
        ] {
            // Same ranking, up to the order of near-ties that floating-point sums in a
            // different term order may swap.
            let a = stored.search(question).matches
            let b = memory.search(question).matches
            #expect(a.first?.topic == b.first?.topic, "\(question): \(a.map(\.topic)) vs \(b.map(\.topic))")
            for (x, y) in zip(a, b) where x.topic == y.topic {
                #expect(abs(x.score - y.score) <= 1e-3 * max(1, abs(y.score)), "\(question): \(x.topic)")
            }
        }
    }

    @Test func fts5QuerySyntaxIsQuoted() throws {
        #expect(FTSQuery.anyOf(["a\"b", "NEAR(", "col:x", "*"]) == "\"a\"\"b\" OR \"NEAR(\" OR \"col:x\" OR \"*\"")
        #expect(FTSQuery.anyOf([]) == nil)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        try IndexStore.write(base: Self.base, to: file)
        let queue = try DatabaseQueue(path: file.path)
        try queue.read { db in
            for hostile in [
                ["\"unbalanced"], ["NEAR(conged", "parental)"], ["title:conged"], ["conged*"], ["AND"], ["OR", "NOT"],
                ["^conged"], ["'); DROP TABLE documents; --"],
            ] {
                _ = try IndexStore.ftsSearch(db, terms: hostile, weights: [1, 1, 1, 1])
            }
            #expect(try IndexStore.ftsSearch(db, terms: ["conged", "parental"], weights: [1, 1, 1, 1]).count > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") == Self.base.cards.count + Self.base.outOfScope.count)
        }
    }

    @Test func staleIndexIsDetectedByFingerprint() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.write("KnowledgeBase/maternita/maternita-congedo-obbligatorio.md", TemporaryContent.card(id: "maternita-congedo-obbligatorio"))
        let before = KnowledgeBase.fingerprint(of: content.location)
        try content.write("KnowledgeBase/maternita/maternita-congedo-obbligatorio.md", TemporaryContent.card(id: "maternita-congedo-obbligatorio", body: "Nuovo testo."))
        #expect(KnowledgeBase.fingerprint(of: content.location) != before)
    }

    @Test func typosAndAccentsStillFindTheCard() {
        let retriever = Retriever(base: Self.base)
        for (question, topic) in [
            ("quanto dura la matrenità obbligatoria", "maternita-congedo-obbligatorio"),
            ("congdo parentle quanti mesi", "congedo-parentale-durata"),
            ("paternita quanti giorni", "paternita-congedo-obbligatorio"),
        ] {
            #expect(retriever.search(question).matches.first?.topic == topic, "\(question)")
        }
    }

    @Test func outOfScopeSubjectsAreDocumentsToo() {
        let retriever = Retriever(base: Self.base)
        #expect(retriever.search("come si paga la TARI").matches.first?.topic.hasPrefix("out_of_scope:") == true)
    }

    @Test func syntheticBaseScales() {
        let big = SyntheticKnowledgeBase.make(count: 2_000, from: Self.base)
        #expect(big.cards.count == 2_000)
        let retriever = Retriever(base: big)
        #expect(retriever.index.count == 2_000 + Self.base.outOfScope.count)
        _ = retriever.search("congedo parentale mesi")
    }
}
