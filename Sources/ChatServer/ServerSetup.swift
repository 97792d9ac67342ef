import Desk
import Dialogue
import Foundation
import Knowledge
import TextAnalysis

/// Everything `sportello-server` needs before it starts, resolved from its flags, the
/// environment and the configuration file, in that order of precedence:
///
/// | setting | flag | environment | Config/sportello.yaml | default |
/// |---|---|---|---|---|
/// | host | `--host` | `SPORTELLO_HOST` | `server.host` | 127.0.0.1 |
/// | port | `--port` | `SPORTELLO_PORT` | `server.port` | 7462 |
/// | database | `--database` | `SPORTELLO_DATABASE` | `server.database` | `.sportello/desk.sqlite` under the project root |
/// | retention | `--retention-days` | | `server.retention_days` | 180 |
///
/// and the limits (`--max-connections`, `--idle-timeout`, `--rate-limit`, `--rate-burst`,
/// and the keys of ``ServerSettings``). Every failure is one line that says what to do.
public struct ServerSetup: Sendable {
    /// The values given on the command line (nil: not given).
    public struct Options: Sendable {
        /// `--host`
        public var host: String?
        /// `--port`
        public var port: Int?
        /// `--database` (relative to the current folder)
        public var database: String?
        /// `--config`
        public var configurationFile: String?
        /// `--root` or `--knowledge-base`
        public var root: String?
        /// `--retention-days`
        public var retentionDays: Int?
        /// `--max-connections`
        public var maxConnections: Int?
        /// `--idle-timeout` (seconds)
        public var idleTimeoutSeconds: Int?
        /// `--rate-limit` (lines per second)
        public var rateLimit: Double?
        /// `--rate-burst`
        public var rateBurst: Int?
        /// `--tickets-per-minute`
        public var ticketsPerMinute: Int?

        /// No option given.
        public init() {}
    }

    /// The project (knowledge base, rules, configuration).
    public let layout: ProjectLayout
    /// The configuration file that was read.
    public let configurationFile: String
    /// The server's socket and limits.
    public let configuration: ServerConfiguration
    /// The desk's SQLite file.
    public let databasePath: String
    /// How many days transcripts (and closed tickets) are kept.
    public let retentionDays: Int
    /// Tickets: SLA and bounds.
    public let secondLevel: SecondLevelSettings

    /// Resolves the setup; `environment` is the process environment (passed in for tests),
    /// `currentDirectory` resolves relative paths given by flags and environment.
    public static func resolve(
        _ options: Options, environment: [String: String],
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(ServerSetupError) -> ServerSetup {
        let layout = try Self.layout(options.root)
        let file = options.configurationFile.map { Self.absolute($0, from: currentDirectory) }
            ?? layout.configurationFile.path
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ServerSetupError("cannot read the configuration file \(file) (check --config)")
        }
        let errors = DeskConfiguration.load(from: URL(fileURLWithPath: file)).1.filter { $0.severity == .error }
        if let first = errors.first {
            let more = errors.count > 1 ? " (and \(errors.count - 1) more problem(s))" : ""
            throw ServerSetupError("invalid configuration: \(first)\(more)")
        }
        let settings: ServerSettings
        do {
            settings = try ServerSettings.parse(text, file: file)
        } catch {
            throw ServerSetupError("invalid configuration: \(error)")
        }

        var configuration = ServerConfiguration()
        configuration.host = options.host ?? environment.nonEmpty("SPORTELLO_HOST") ?? settings.host ?? configuration.host
        if let port = options.port {
            guard (0...65535).contains(port) else { throw ServerSetupError("--port must be between 0 and 65535 (got \(port))") }
            configuration.port = port
        } else if let text = environment.nonEmpty("SPORTELLO_PORT") {
            guard let port = Int(text), (0...65535).contains(port) else {
                throw ServerSetupError("SPORTELLO_PORT must be a port number between 0 and 65535 (got \"\(text)\")")
            }
            configuration.port = port
        } else if let port = settings.port {
            configuration.port = port
        }
        if let value = options.maxConnections ?? settings.maxConnections {
            guard value >= 1 else { throw ServerSetupError("--max-connections must be at least 1 (got \(value))") }
            configuration.maxConnections = value
        }
        if let value = settings.maxLineBytes { configuration.maxLineBytes = value }
        if let value = options.idleTimeoutSeconds ?? settings.idleTimeoutSeconds {
            guard value >= 1 else { throw ServerSetupError("--idle-timeout must be at least 1 second (got \(value))") }
            configuration.idleTimeout = .seconds(value)
        }
        if let value = options.rateLimit ?? settings.rateLimit {
            guard value > 0, value.isFinite else { throw ServerSetupError("--rate-limit must be a positive number (got \(value))") }
            configuration.rateLimit.linesPerSecond = value
        }
        if let value = options.rateBurst ?? settings.rateBurst {
            guard value >= 1 else { throw ServerSetupError("--rate-burst must be at least 1 (got \(value))") }
            configuration.rateLimit.burst = value
        }
        if let value = settings.outboundQueueBytes { configuration.outboundQueueBytes = value }

        let database: String
        if let path = options.database ?? environment.nonEmpty("SPORTELLO_DATABASE") {
            database = Self.absolute(path, from: currentDirectory)
        } else {
            database = Self.absolute(settings.database ?? ".sportello/desk.sqlite", from: layout.root.path)
        }
        let retention = options.retentionDays ?? settings.retentionDays ?? 180
        guard retention >= 1 else { throw ServerSetupError("--retention-days must be at least 1 (got \(retention))") }
        var secondLevel = SecondLevelSettings()
        for (priority, minutes) in settings.slaMinutes { secondLevel.slaMinutes[priority] = minutes }
        if let value = settings.ticketsPerConnection { secondLevel.ticketsPerConnection = value }
        if let value = options.ticketsPerMinute ?? settings.ticketsPerMinute {
            guard value >= 0 else { throw ServerSetupError("--tickets-per-minute must be 0 (no bound) or more (got \(value))") }
            secondLevel.ticketsPerMinute = value
        }
        return ServerSetup(
            layout: layout, configurationFile: file, configuration: configuration, databasePath: database,
            retentionDays: retention, secondLevel: secondLevel)
    }

    /// Loads the engine; a knowledge base, rule file or configuration with errors refuses the start.
    public func loadEngine() throws(ServerSetupError) -> Engine {
        do {
            return try EngineLoader.load(self.layout, today: Day.today()).0
        } catch {
            switch error {
            case .invalidContent(let diagnostics):
                let errors = diagnostics.filter { $0.severity == .error }
                let first = errors.first.map { ": \($0)" } ?? ""
                let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
                throw ServerSetupError(
                    "the knowledge base has \(errors.count) problem(s), refusing to serve it (run `sportello kb check`)\(first)\(more)"
                )
            case .index(let problem):
                throw ServerSetupError("cannot read the knowledge index: \(problem)")
            }
        }
    }

    /// The project root: `--root`/`--knowledge-base` (the project folder, or its
    /// KnowledgeBase folder), else `SPORTELLO_ROOT`, the current folder or a parent.
    private static func layout(_ root: String?) throws(ServerSetupError) -> ProjectLayout {
        if let root {
            if let layout = ProjectLayout.locate(explicit: root) { return layout }
            let folder = URL(fileURLWithPath: root)
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("topics.yaml").path),
                let layout = ProjectLayout.locate(explicit: folder.deletingLastPathComponent().path)
            {
                return layout
            }
            throw ServerSetupError(
                "\(root) is not a Sportello project (no KnowledgeBase/topics.yaml): give the project folder with --root")
        }
        guard let layout = ProjectLayout.locate(explicit: nil) else {
            throw ServerSetupError(
                "cannot find the Sportello project (a folder with KnowledgeBase/topics.yaml): run from it or give --root")
        }
        return layout
    }

    private static func absolute(_ path: String, from folder: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
    }
}

/// Why `sportello-server` refuses to start: one line, with what to do.
public struct ServerSetupError: Error, Sendable, CustomStringConvertible {
    /// The message, without the program's name.
    public let description: String

    init(_ description: String) { self.description = description }
}

extension [String: String] {
    fileprivate func nonEmpty(_ key: String) -> String? {
        guard let value = self[key], !value.isEmpty else { return nil }
        return value
    }
}
