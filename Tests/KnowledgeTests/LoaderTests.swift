import Foundation
import Testing

import TextAnalysis
@testable import Knowledge

@Suite("Knowledge-base loader")
struct LoaderTests {
    let today = Day(year: 2026, month: 11, day: 29)!

    @Test func loadsAValidCard() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.write("KnowledgeBase/maternita/maternita-congedo-obbligatorio.md", TemporaryContent.card(id: "maternita-congedo-obbligatorio"))
        let (base, diagnostics) = KnowledgeBase.load(from: content.location, today: today)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        #expect(base.cards.count == 1)
        #expect(base.cards[0].area == "maternita")
        #expect(base.cards[0].validFrom == Day(year: 2022, month: 8, day: 13))
    }

    @Test func reportsEveryProblemWithFileAndLine() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        // Bad YAML.
        try content.write("KnowledgeBase/maternita/rotta.md", "---\nid: rotta\ntitle: [unclosed\n---\nbody\n")
        // Missing field (sources) and unknown topic.
        try content.write(
            "KnowledgeBase/maternita/senza-fonti.md",
            TemporaryContent.card(id: "senza-fonti", topic: "non-esiste").replacingOccurrences(
                of: "sources: [\"D.Lgs. 151/2001, art. 16\"]\n", with: ""))
        // Bad date and broken related link.
        try content.write(
            "KnowledgeBase/maternita/data-sbagliata.md",
            TemporaryContent.card(id: "data-sbagliata", extra: "related: [non-esiste]").replacingOccurrences(
                of: "valid_from: 2022-08-13", with: "valid_from: 2022-02-30"))
        // Duplicate id (two files with the same id and language).
        try content.write("KnowledgeBase/maternita/doppio.md", TemporaryContent.card(id: "doppio"))
        try content.write("KnowledgeBase/maternita/collegamento.md", TemporaryContent.card(id: "collegamento", extra: "related: [non-esiste-neanche]"))
        try content.write("KnowledgeBase/maternita/doppio-bis.md", TemporaryContent.card(id: "doppio"))
        // Unknown parameter.
        try content.write(
            "KnowledgeBase/maternita/parametro.md",
            TemporaryContent.card(id: "parametro", body: "Vale {{param:inesistente}}."))

        let (_, diagnostics) = KnowledgeBase.load(from: content.location, today: today)
        let errors = diagnostics.filter { $0.severity == .error }
        func has(_ file: String, _ fragment: String) -> Bool {
            errors.contains { $0.file.hasSuffix(file) && $0.message.contains(fragment) }
        }
        #expect(has("rotta.md", "invalid YAML"))
        #expect((3...4).contains(errors.first { $0.file.hasSuffix("rotta.md") }?.line ?? 0))
        #expect(has("senza-fonti.md", "missing field `sources`"))
        #expect(has("senza-fonti.md", "unknown topic `non-esiste`"))
        #expect(has("data-sbagliata.md", "valid_from"))
        #expect(has("doppio-bis.md", "duplicate card id") || has("doppio.md", "duplicate card id"))
        #expect(has("collegamento.md", "related card `non-esiste-neanche`"))
        #expect(has("parametro.md", "unknown parameter `inesistente`"))
        #expect(diagnostics.allSatisfy { $0.description.contains(":\($0.line): ") })
        #expect(throws: KnowledgeBaseError.self) { try KnowledgeBase.loadChecked(from: content.location, today: today) }
    }

    @Test func languageMustMatchFileName() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.write("KnowledgeBase/maternita/maternita-domanda.en.md", TemporaryContent.card(id: "maternita-domanda", topic: "maternita-domanda"))
        let (_, diagnostics) = KnowledgeBase.load(from: content.location, today: today)
        #expect(diagnostics.contains { $0.message.contains("does not match the file name") })
    }

    @Test func missingCoverageIsAWarning() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.write("KnowledgeBase/maternita/maternita-congedo-obbligatorio.md", TemporaryContent.card(id: "maternita-congedo-obbligatorio"))
        let (_, diagnostics) = KnowledgeBase.load(from: content.location, today: today)
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("maternita-domanda has no Italian card") })
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("no English card") })
    }

    @Test func theShippedKnowledgeBaseIsClean() {
        let (base, diagnostics) = KnowledgeBase.load(from: ProjectContent.location, today: ProjectContent.today)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.prefix(5))")
        #expect(base.cards.count >= 63)
        for topic in base.topics.order {
            #expect(base.cards.contains { $0.topic == topic && $0.lang == "it" }, "no Italian card for \(topic)")
            if base.topics.topics[topic]?.english == true {
                #expect(base.cards.contains { $0.topic == topic && $0.lang == "en" }, "no English card for \(topic)")
            }
        }
        for card in base.cards {
            #expect(!card.sources.isEmpty, "\(card.id) has no source")
            #expect(card.reviewed <= ProjectContent.today)
        }
    }
}

@Suite("Dated parameters")
struct ParameterTests {
    let catalog: ParameterCatalog = {
        let yaml = """
            parameters:
              eta:
                description: d
                unit: anni
                source: "L. 199/2025"
                series:
                  - {from: 2022-08-13, value: 12}
                  - {from: 2026-01-01, value: 14}
              bonus:
                description: d
                unit: euro
                source: "L. 207/2024"
                series:
                  - {from: 2025-01-01, until: 2025-12-31, value: 3600}
            """
        return ParameterCatalog.load(text: yaml, file: "p.yaml").0
    }()

    @Test func valueInForceOnEachDay() {
        let text = "fino a {{param:eta}} anni (dal {{param:eta|from}})"
        #expect(catalog.render(text, on: Day(year: 2025, month: 12, day: 31)!, english: false).text == "fino a 12 anni (dal 13 agosto 2022)")
        #expect(catalog.render(text, on: Day(year: 2026, month: 1, day: 1)!, english: false).text == "fino a 14 anni (dal 1 gennaio 2026)")
        #expect(catalog.render(text, on: Day(year: 2026, month: 1, day: 1)!, english: true).text == "fino a 14 anni (dal 1 January 2026)")
    }

    @Test func expiredValueSaysToCheck() {
        let rendered = catalog.render("{{param:bonus}} euro", on: Day(year: 2026, month: 3, day: 1)!, english: false).text
        #expect(rendered.contains("verificare"))
        #expect(catalog.render("{{param:bonus}}", on: Day(year: 2025, month: 6, day: 1)!, english: false).text == "3.600")
        #expect(catalog.render("{{param:bonus}}", on: Day(year: 2025, month: 6, day: 1)!, english: true).text == "3,600")
    }

    @Test func reportsBadSeries() {
        let yaml = """
            parameters:
              storto:
                source: "x"
                series:
                  - {from: 2026-01-01, value: 2}
                  - {from: 2025-01-01, value: 1}
                  - {from: 2025-13-01, value: 3}
              senza-fonte:
                series:
                  - {from: 2025-01-01, value: 1}
            """
        let problems = ParameterCatalog.load(text: yaml, file: "p.yaml").1.map(\.message)
        #expect(problems.contains { $0.contains("not in date order") })
        #expect(problems.contains { $0.contains("`from` must be a date") })
        #expect(problems.contains { $0.contains("missing `source`") })
    }

    @Test func daysAreReal() {
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "1850-13-01") == nil)
        #expect(Day(iso: "26-1-1") == nil)
    }
}
