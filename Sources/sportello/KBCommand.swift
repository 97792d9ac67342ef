import ArgumentParser
import Dialogue
import Foundation
import Knowledge
import TextAnalysis

/// `sportello kb check|build|stats`: the editors' tools.
struct KBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Check, index and describe the knowledge base.",
        subcommands: [Check.self, Build.self, Stats.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every card, parameter, concept and rule file; list all problems (exit 1 on any error).")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let layout = try common.layout()
            let (base, diagnostics) = EngineLoader.check(layout, today: try common.day())
            for diagnostic in diagnostics { Output.line(diagnostic.description) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            Output.line(
                "\(base.cards.count) cards, \(base.topics.topics.count) topics, \(base.parameters.parameters.count) parameters, \(base.concepts.count) concepts, \(base.outOfScope.count) out-of-scope subjects: \(errors) error(s), \(warnings) warning(s)"
            )
            if errors > 0 { throw ExitCode(1) }
        }
    }

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the knowledge base and write the search index file.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let layout = try common.layout()
            let started = ContinuousClock.now
            let today = try common.day()
            do {
                let (file, warnings) = try EngineLoader.build(layout, today: today)
                for warning in warnings { Output.line(warning.description) }
                let elapsed = ContinuousClock.now - started
                Output.line("index written to \(file.path) in \(elapsed.formatted(.units(allowed: [.milliseconds])))")
            } catch {
                if case .invalidContent(let diagnostics) = error {
                    for diagnostic in diagnostics { Output.error(diagnostic.description) }
                }
                Output.error("sportello: the index was not written: \(error.description.split(separator: "\n").first ?? "")")
                throw ExitCode(1)
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cards per area, topic and language; topics without a card; vocabulary size.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let (engine, origin) = try common.engine()
            let base = engine.retriever.base
            Output.line("Knowledge base (\(origin.rawValue), ICU \(ICU.version)): \(base.cards.count) cards, \(base.topics.topics.count) topics, vocabulary \(engine.retriever.vocabulary.count) words, \(engine.retriever.index.count) index entries")
            Output.line("")
            Output.line("area                    cards  it  en  topics covered (it/en)")
            for area in base.topics.areas.keys.sorted() {
                let cards = base.cards.filter { $0.area == area }
                let topics = base.topics.order.compactMap { base.topics.topics[$0] }.filter { $0.area == area }
                let coveredIt = topics.filter { topic in cards.contains { $0.topic == topic.id && $0.lang == "it" } }.count
                let wantedEn = topics.filter(\.english)
                let coveredEn = wantedEn.filter { topic in cards.contains { $0.topic == topic.id && $0.lang == "en" } }.count
                Output.line(
                    area.padding(toLength: 22, withPad: " ", startingAt: 0)
                        + String(format: " %5d %3d %3d  %d/%d it, %d/%d en", cards.count,
                            cards.filter { $0.lang == "it" }.count, cards.filter { $0.lang == "en" }.count,
                            coveredIt, topics.count, coveredEn, wantedEn.count))
            }
            let missing = base.topics.order.filter { id in !base.cards.contains { $0.topic == id && $0.lang == "it" } }
            let missingEn = base.topics.order.filter { id in
                (base.topics.topics[id]?.english ?? false) && !base.cards.contains { $0.topic == id && $0.lang == "en" }
            }
            Output.line("")
            Output.line(missing.isEmpty ? "Every topic has an Italian card." : "Topics without an Italian card: " + missing.joined(separator: ", "))
            Output.line(missingEn.isEmpty ? "Every topic marked en: yes has an English card." : "Topics without the English card they need: " + missingEn.joined(separator: ", "))
        }
    }
}
