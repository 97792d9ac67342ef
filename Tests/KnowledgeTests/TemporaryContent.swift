import Foundation

import TextAnalysis
@testable import Knowledge

/// A small knowledge base written to a temporary folder, for loader tests.
struct TemporaryContent {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sportello-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("KnowledgeBase/maternita"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Config"), withIntermediateDirectories: true)
        try write("KnowledgeBase/topics.yaml", """
            areas:
              maternita: Congedo di maternità
            topics:
              - {id: maternita-congedo-obbligatorio, area: maternita, audience: lavoratore, en: yes, covers: "5 months"}
              - {id: maternita-domanda, area: maternita, audience: lavoratore, covers: "how to apply"}
            """)
        try write("Config/parameters.yaml", """
            parameters:
              eta:
                description: test
                unit: anni
                source: "L. 1/2000"
                series:
                  - {from: 2022-08-13, value: 12}
                  - {from: 2026-01-01, value: 14}
              temporaneo:
                description: test
                unit: euro
                source: "L. 2/2000"
                series:
                  - {from: 2025-01-01, until: 2025-12-31, value: 3600}
            """)
        try write("Config/concepts.yaml", """
            concepts:
              - id: congedo-maternita
                terms: [congedo di maternità, maternità obbligatoria]
            """)
        try write("Config/out-of-scope.yaml", """
            subjects:
              - id: tasse
                message_it: "Le tasse non sono materia di questo sportello."
                message_en: "Taxes are not handled here."
                terms: [tari, imu]
            """)
    }

    static func card(id: String, topic: String = "maternita-congedo-obbligatorio", lang: String = "it", extra: String = "", body: String = "Il congedo dura 5 mesi fino a {{param:eta}} anni.") -> String {
        """
        ---
        id: \(id)
        topic: \(topic)
        title: Quanto dura il congedo di maternità
        audience: lavoratore
        level: 1
        lang: \(lang)
        questions:
          - Quanto dura la maternità?
          - Quanti mesi di maternità obbligatoria?
          - Quando inizia il congedo di maternità?
          - Maternità obbligatoria durata
          - Mesi di maternità prima del parto
          - Mesi di maternità dopo il parto
        keywords: [maternità, durata]
        sources: ["D.Lgs. 151/2001, art. 16"]
        valid_from: 2022-08-13
        reviewed: 2026-11-01
        \(extra)
        ---
        \(body)
        """
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    var location: ContentLocation { ContentLocation(root: root) }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The project's own content (KnowledgeBase/, Config/).
enum ProjectContent {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let location = ContentLocation(root: root)
    static let today = Day(year: 2026, month: 11, day: 29)!
}
