import Foundation

import TextAnalysis
@testable import Dialogue
@testable import Knowledge

/// The real engine on the shipped knowledge base, loaded once for the suite.
enum EngineFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let layout = ProjectLayout(root: root)
    static let today = Day(year: 2026, month: 11, day: 29)!
    static let engine: Engine = {
        do {
            return try EngineLoader.load(layout, today: today, useIndex: false).0
        } catch {
            fatalError("the shipped knowledge base does not load: \(error)")
        }
    }()

    static func ask(_ question: String) -> Reply {
        engine.respond(to: question, state: ConversationState(), today: today).0
    }
}
