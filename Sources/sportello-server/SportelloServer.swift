import ArgumentParser
import ChatServer
import Desk
import Dialogue
import Foundation
import Logging
import ServiceLifecycle

/// `sportello-server`: the desk's TCP chat server (protocol in docs/PROTOCOL.md).
///
/// Resolves its settings (flags, then `SPORTELLO_*` environment variables, then the
/// `server:` section of Config/sportello.yaml), loads and checks the knowledge base,
/// opens the desk database, binds the port, prints `listening on HOST:PORT`, and serves
/// until SIGTERM or SIGINT, when it shuts down gracefully and exits 0. Any problem before
/// that is one line on standard error and exit status 1.
@main
struct SportelloServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sportello-server",
        abstract: "The Sportello chat server: one line per message over TCP (see docs/PROTOCOL.md).",
        discussion: """
            Without a subcommand it serves (`sportello-server serve`). `sportello-server operator …` \
            manages the advisors' accounts (docs/OPERATORS.md).
            """,
        subcommands: [Serve.self, OperatorAdmin.self],
        defaultSubcommand: Serve.self
    )
}

/// `sportello-server serve` (the default): the chat server.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the desk over TCP (the default).",
        discussion: """
            Settings come from the flags, then the environment (SPORTELLO_HOST, SPORTELLO_PORT, \
            SPORTELLO_DATABASE, SPORTELLO_ROOT), then the server: section of Config/sportello.yaml.
            """
    )

    @Option(name: .long, help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port to listen on; 0 picks a free one (default: server.port in the configuration, else 7462).")
    var port: Int?

    @Option(name: .long, help: "The desk's SQLite file (default .sportello/desk.sqlite under the project root).")
    var database: String?

    @Option(name: .long, help: "Configuration file (default Config/sportello.yaml under the project root).")
    var config: String?

    @Option(
        name: [.customLong("root"), .customLong("knowledge-base")],
        help: "Project folder with KnowledgeBase/, Dialogs/ and Config/, or its KnowledgeBase folder.")
    var root: String?

    @Option(name: .long, help: "Days transcripts are kept (default: server.retention_days, else 180).")
    var retentionDays: Int?

    @Option(name: .long, help: "Connections served at once (default 10000).")
    var maxConnections: Int?

    @Option(name: .long, help: "Seconds without a line before a connection is closed (default 900).")
    var idleTimeout: Int?

    @Option(name: .long, help: "Lines per second allowed per connection (default 20).")
    var rateLimit: Double?

    @Option(name: .long, help: "Lines allowed at once per connection after a pause (default 40).")
    var rateBurst: Int?

    @Option(name: .long, help: "New tickets per minute on the whole server; 0: no bound (default: server.tickets_per_minute).")
    var ticketsPerMinute: Int?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical (default info).")
    var logLevel: String = "info"

    func run() async throws {
        guard let level = Logger.Level(rawValue: self.logLevel.lowercased()) else {
            throw Self.refuse("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "sportello-server")

        var options = ServerSetup.Options()
        options.host = self.host
        options.port = self.port
        options.database = self.database
        options.configurationFile = self.config
        options.root = self.root
        options.retentionDays = self.retentionDays
        options.maxConnections = self.maxConnections
        options.idleTimeoutSeconds = self.idleTimeout
        options.rateLimit = self.rateLimit
        options.rateBurst = self.rateBurst
        options.ticketsPerMinute = self.ticketsPerMinute

        let setup: ServerSetup
        let engine: Engine
        let store: SQLiteDeskStore
        do {
            setup = try ServerSetup.resolve(options, environment: ProcessInfo.processInfo.environment)
            engine = try setup.loadEngine()
        } catch {
            throw Self.refuse("\(error)")
        }
        do {
            store = try SQLiteDeskStore(path: setup.databasePath)
        } catch {
            throw Self.refuse("\(error)")
        }
        let recorder = TranscriptRecorder(store: store, interval: .milliseconds(50))
        let secondLevel = SecondLevel(store: store, engine: engine, settings: setup.secondLevel, logger: logger)
        let server: ChatServer
        do {
            server = try await ChatServer.bind(
                configuration: setup.configuration, engine: engine, recorder: recorder, secondLevel: secondLevel,
                logger: logger)
        } catch {
            throw Self.refuse("\(error)")
        }
        let retention = TranscriptRetention(store: store, days: setup.retentionDays, logger: logger)
        // "listening on" is printed once the service group runs, that is once SIGTERM and
        // SIGINT lead to a graceful shutdown: a script may signal the server right after it.
        let announcer = ReadyAnnouncer(line: "listening on \(server.host):\(server.port)")
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: retention), .init(service: server), .init(service: announcer)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Connections end within moments of the shutdown notice; past this, they are cut.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(20)
        try await ServiceGroup(configuration: groupConfiguration).run()
    }

    /// Prints `sportello-server: message` on standard error; the error exits with status 1.
    static func refuse(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("sportello-server: \(message)\n".utf8))
        return ExitCode(1)
    }

}

/// Prints a line on standard output when the service group starts it (tests and scripts
/// wait for it), then waits for the shutdown.
struct ReadyAnnouncer: Service {
    let line: String

    func run() async throws {
        FileHandle.standardOutput.write(Data((self.line + "\n").utf8))
        try? await gracefulShutdown()
    }
}
