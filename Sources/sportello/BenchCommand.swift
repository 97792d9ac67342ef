import ArgumentParser
import Dialogue
import Foundation
import Knowledge
import TextAnalysis

/// `sportello bench`: answers per second and latency of the engine on one core, the plain
/// FTS5 baseline, and index build and answer times on a synthetic large knowledge base.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine: answers/s and latency percentiles (one thread), FTS5 baseline, scale.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Question file (JSON lines with \"q\"); default Tests/Questions/questions.jsonl.")
    var questions: String?

    @Option(name: .long, help: "How long to run the main measurement, in seconds.")
    var seconds: Double = 5

    @Option(name: .long, help: "Also build a synthetic knowledge base of this many cards and measure it (0: skip).")
    var synthetic: Int = 10_000

    @Option(name: .long, help: "Load-test a sportello-server at host:port instead (JSON mode, closed loop).")
    var connect: String?

    @Option(name: .shortAndLong, help: "With --connect: concurrent connections.")
    var connections: Int = 200

    @Option(name: .shortAndLong, help: "With --connect: seconds to run.")
    var duration: Double = 10

    @Option(name: .long, help: "With --connect: lines per second per connection, like people typing (default 0: closed loop, each line as soon as the last reply came).")
    var rate: Double = 0

    @Option(name: .long, help: "With --connect: also measure this many escalation round trips during the load (needs --operator).")
    var escalations: Int = 0

    @Option(name: .long, help: "With --escalations: the advisor's account (token from $SPORTELLO_OPERATOR_TOKEN).")
    var `operator`: String?

    func run() async throws {
        if let connect {
            let layout = try common.layout()
            let file = questions ?? layout.root.appendingPathComponent("Tests/Questions/questions.jsonl").path
            let texts = try Evaluation.load(jsonl: String(contentsOfFile: file, encoding: .utf8)).map(\.q)
            var configured = LoadBench(address: connect, connections: connections, seconds: duration, questions: texts)
            configured.rate = rate
            let load = configured
            guard escalations > 0 else {
                try await load.run()
                return
            }
            guard let name = self.operator, let token = ProcessInfo.processInfo.environment["SPORTELLO_OPERATOR_TOKEN"] else {
                throw ValidationError("--escalations needs --operator NAME and the token in SPORTELLO_OPERATOR_TOKEN")
            }
            let rounds = escalations
            let chatting = connections
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await load.run() }
                group.addTask {
                    // Let the load settle first.
                    try await Task.sleep(for: .milliseconds(500))
                    let latencies = try await EscalationBench(
                        address: connect, rounds: rounds, operatorName: name, token: token
                    ).run()
                    EscalationBench.report(latencies, chatting: chatting)
                }
                try await group.waitForAll()
            }
            return
        }
        try runLocal()
    }

    func runLocal() throws {
        let layout = try common.layout()
        let today = try common.day()
        let file = questions ?? layout.root.appendingPathComponent("Tests/Questions/questions.jsonl").path
        let texts = try Evaluation.load(jsonl: String(contentsOfFile: file, encoding: .utf8)).map(\.q)
        guard !texts.isEmpty else { throw ValidationError("no questions in \(file)") }

        let (engine, origin) = try common.engine()
        Output.line("engine: \(engine.retriever.base.cards.count) cards (\(origin.rawValue)), \(texts.count) distinct questions, one thread")
        let (rate, latencies) = measure(engine: engine, texts: texts, today: today, seconds: seconds)
        Output.line(String(format: "engine (full turn, no cache): %.0f answers/s", rate) + "  " + percentiles(latencies))

        let (conversationRate, conversationLatencies) = measureConversations(
            engine: engine, today: today, seconds: min(seconds, 3))
        Output.line(
            String(format: "conversations (context, follow-ups, flows active): %.0f turns/s (%.0f%% of the plain rate)", conversationRate, 100 * conversationRate / rate)
                + "  " + percentiles(conversationLatencies))

        let retriever = engine.retriever
        let (searchRate, searchLatencies) = measureSearch(retriever: retriever, texts: texts, seconds: min(seconds, 3))
        Output.line(String(format: "retrieval only (analysis + ranking): %.0f searches/s", searchRate) + "  " + percentiles(searchLatencies))

        // The plain FTS5 bm25() baseline on the same analysed queries.
        let configuration = DeskConfiguration.load(from: layout.configurationFile).0
        let indexFile = layout.indexFile(configuration)
        if FileManager.default.fileExists(atPath: indexFile.path) {
            let queries = texts.map { retriever.analyzer.analyze($0, vocabulary: retriever.vocabulary).terms }
            let times = try IndexStore.timeFTSQueries(at: indexFile, queries: queries, weights: retriever.settings.fieldWeights)
            Output.line("plain FTS5 MATCH + bm25() on the index file: " + percentiles(times))
        }

        if synthetic > 0 {
            let base = engine.retriever.base
            let big = SyntheticKnowledgeBase.make(count: synthetic, from: base)
            let clock = ContinuousClock()
            let start = clock.now
            let bigRetriever = Retriever(base: big, settings: retriever.settings)
            let built = clock.now - start
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("sportello-bench-\(getpid()).sqlite")
            let writeStart = clock.now
            try IndexStore.write(base: big, to: temporary)
            let written = clock.now - writeStart
            let readStart = clock.now
            _ = try IndexStore.read(from: temporary, settings: retriever.settings)
            let read = clock.now - readStart
            let bigEngine = Engine(retriever: bigRetriever, rules: engine.rules)
            let (bigRate, bigLatencies) = measure(engine: bigEngine, texts: texts, today: today, seconds: min(seconds, 3))
            let queries = texts.map { bigRetriever.analyzer.analyze($0, vocabulary: bigRetriever.vocabulary).terms }
            let ftsTimes = try IndexStore.timeFTSQueries(at: temporary, queries: queries, weights: retriever.settings.fieldWeights)
            try? FileManager.default.removeItem(at: temporary)
            Output.line("synthetic \(synthetic) cards: indexed in memory in \(ms(built)), FTS5 index file written in \(ms(written)), read back in \(ms(read))")
            Output.line(String(format: "synthetic \(synthetic) cards: %.0f answers/s", bigRate) + "  " + percentiles(bigLatencies))
            Output.line("synthetic \(synthetic) cards, plain FTS5 MATCH + bm25(): " + percentiles(ftsTimes))
        }
    }

    private func measure(engine: Engine, texts: [String], today: Day, seconds: Double) -> (Double, [Double]) {
        let clock = ContinuousClock()
        var latencies: [Double] = []
        latencies.reserveCapacity(200_000)
        // Warm-up.
        for text in texts.prefix(50) { _ = engine.respond(to: text, state: ConversationState(), today: today) }
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        let start = clock.now
        var index = 0
        while clock.now < deadline {
            let begin = clock.now
            _ = engine.respond(to: texts[index % texts.count], state: ConversationState(), today: today)
            latencies.append(toSeconds(clock.now - begin))
            index += 1
        }
        return (Double(index) / toSeconds(clock.now - start), latencies)
    }

    /// Scripted conversations that keep context and run flows, each in a fresh session.
    static let conversations: [[String]] = [
        ["Quanto dura il congedo di paternità?", "ed è retribuito?", "e per la madre?"],
        ["Sono il padre, ho già usato 2 mesi di congedo parentale e la madre 4, quanti mesi mi restano?", "è nato il 10/05/2022", "no, è nato il 10/05/2020"],
        ["calcolami le date della maternità", "15/03/2027", "1+4"],
        ["mio figlio ha 5 anni ed è malato, quanti giorni posso stare a casa?", "grazie"],
        ["lavoro 8 ore al giorno, quante ore di allattamento ho?", "è nato il 1/10/2026", "gemelli"],
        ["quanti mesi di congedo parentale spettano?", "e se ha 10 anni?", "come si chiede?"],
        ["How long is maternity leave in Italy?", "and is it paid?", "thanks"],
    ]

    private func measureConversations(engine: Engine, today: Day, seconds: Double) -> (Double, [Double]) {
        let clock = ContinuousClock()
        var latencies: [Double] = []
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        let start = clock.now
        var turns = 0
        var index = 0
        while clock.now < deadline {
            var session = ChatSession(engine: engine)
            for line in BenchCommand.conversations[index % BenchCommand.conversations.count] {
                let begin = clock.now
                _ = session.handle(line, today: today)
                latencies.append(toSeconds(clock.now - begin))
                turns += 1
            }
            index += 1
        }
        return (Double(turns) / toSeconds(clock.now - start), latencies)
    }

    private func measureSearch(retriever: Retriever, texts: [String], seconds: Double) -> (Double, [Double]) {
        let clock = ContinuousClock()
        var latencies: [Double] = []
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        let start = clock.now
        var index = 0
        while clock.now < deadline {
            let begin = clock.now
            _ = retriever.search(texts[index % texts.count])
            latencies.append(toSeconds(clock.now - begin))
            index += 1
        }
        return (Double(index) / toSeconds(clock.now - start), latencies)
    }

    private func toSeconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func ms(_ duration: Duration) -> String { String(format: "%.0f ms", toSeconds(duration) * 1000) }

    private func percentiles(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "(no samples)" }
        let sorted = values.sorted()
        func at(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1e6 }
        return String(
            format: "p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, max %.1f µs (%d samples)", at(0.5), at(0.9), at(0.99),
            sorted[sorted.count - 1] * 1e6, sorted.count)
    }
}
