import Desk
/// The `server:` section of Config/sportello.yaml: the values an installation sets for
/// `sportello-server` (flags and environment variables override them).
///
/// ```yaml
/// server:
///   host: 127.0.0.1
///   port: 7462
///   database: .sportello/desk.sqlite   # relative to the project root
///   retention_days: 180
///   max_connections: 10000
///   max_line_bytes: 4096
///   idle_timeout_seconds: 900
///   rate_limit: 20          # lines per second per connection
///   rate_burst: 40
///   outbound_queue_bytes: 1048576
/// ```
///
/// The section is a flat block of `key: value` scalars. It is read here line by line
/// (the rest of the file is validated as YAML by ``Dialogue/DeskConfiguration``); every
/// problem names its line.
public struct ServerSettings: Sendable, Hashable {
    /// `host`: the address to listen on.
    public var host: String?
    /// `port`: the port to listen on (0: a free one).
    public var port: Int?
    /// `database`: the desk's SQLite file, relative to the project root unless absolute.
    public var database: String?
    /// `retention_days`: how long transcripts are kept.
    public var retentionDays: Int?
    /// `max_connections`: connections served at once.
    public var maxConnections: Int?
    /// `max_line_bytes`: the longest line read.
    public var maxLineBytes: Int?
    /// `idle_timeout_seconds`: time without a line before a connection is closed.
    public var idleTimeoutSeconds: Int?
    /// `rate_limit`: lines per second per connection.
    public var rateLimit: Double?
    /// `rate_burst`: lines allowed at once after a pause.
    public var rateBurst: Int?
    /// `outbound_queue_bytes`: unread output kept for a connection before it is closed.
    public var outboundQueueBytes: Int?
    /// `sla_urgent_minutes`, `sla_high_minutes`, `sla_normal_minutes`: the first-response SLA.
    public var slaMinutes: [TicketPriority: Int] = [:]
    /// `tickets_per_connection`: tickets one connection may open.
    public var ticketsPerConnection: Int?
    /// `tickets_per_minute`: new tickets per minute on the whole server (0: no bound).
    public var ticketsPerMinute: Int?

    /// No settings (every value from the defaults).
    public init() {}

    /// The keys the section may hold.
    public static let keys = [
        "host", "port", "database", "retention_days", "max_connections", "max_line_bytes", "idle_timeout_seconds",
        "rate_limit", "rate_burst", "outbound_queue_bytes", "sla_urgent_minutes", "sla_high_minutes",
        "sla_normal_minutes", "tickets_per_connection", "tickets_per_minute",
    ]

    /// Reads the `server:` section of a configuration file's text (none: all nil).
    public static func parse(_ text: String, file: String) throws(ServerSettingsError) -> ServerSettings {
        var settings = ServerSettings()
        var inSection = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = Self.stripComment(String(raw)).replacingTabs
            let content = line.trimmed
            if content.isEmpty { continue }
            let indented = line.first == " "
            if !indented {
                inSection = false
                if content == "server:" {
                    inSection = true
                } else if content.hasPrefix("server:") {
                    throw ServerSettingsError(
                        file: file, line: number, message: "write the server settings as an indented block under server:")
                }
                continue
            }
            guard inSection else { continue }
            guard let colon = content.firstIndex(of: ":") else {
                throw ServerSettingsError(file: file, line: number, message: "expected key: value in the server section")
            }
            let key = String(content[..<colon]).trimmed
            let value = Self.unquote(String(content[content.index(after: colon)...]).trimmed)
            try settings.set(key, value, file: file, line: number)
        }
        return settings
    }

    private mutating func set(_ key: String, _ value: String, file: String, line: Int) throws(ServerSettingsError) {
        func fail(_ message: String) -> ServerSettingsError {
            ServerSettingsError(file: file, line: line, message: "server.\(key) \(message)")
        }
        func integer(_ range: ClosedRange<Int>) throws(ServerSettingsError) -> Int {
            guard let number = Int(value), range.contains(number) else {
                throw fail("must be a whole number between \(range.lowerBound) and \(range.upperBound) (got \"\(value)\")")
            }
            return number
        }
        if value.isEmpty { throw fail("needs a value (nested settings are not supported)") }
        switch key {
        case "host": self.host = value
        case "port": self.port = try integer(0...65535)
        case "database": self.database = value
        case "retention_days": self.retentionDays = try integer(1...36500)
        case "max_connections": self.maxConnections = try integer(1...1_000_000)
        case "max_line_bytes": self.maxLineBytes = try integer(16...(16 << 20))
        case "idle_timeout_seconds": self.idleTimeoutSeconds = try integer(1...(7 * 86400))
        case "rate_limit":
            guard let number = Double(value), number > 0, number.isFinite else {
                throw fail("must be a positive number of lines per second (got \"\(value)\")")
            }
            self.rateLimit = number
        case "rate_burst": self.rateBurst = try integer(1...1_000_000)
        case "outbound_queue_bytes": self.outboundQueueBytes = try integer(1024...(1 << 30))
        case "sla_urgent_minutes": self.slaMinutes[.urgent] = try integer(1...100_000)
        case "sla_high_minutes": self.slaMinutes[.high] = try integer(1...100_000)
        case "sla_normal_minutes": self.slaMinutes[.normal] = try integer(1...100_000)
        case "tickets_per_connection": self.ticketsPerConnection = try integer(1...1000)
        case "tickets_per_minute": self.ticketsPerMinute = try integer(0...1_000_000)
        default:
            throw fail("is not a known setting (known: \(Self.keys.joined(separator: ", ")))")
        }
    }

    /// The line without a `#` comment (a `#` at the start or after white space, outside quotes).
    private static func stripComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" && (previous == " " || previous == "\t") {
                return String(line[..<index])
            }
            previous = character
        }
        return line
    }

    private static func unquote(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first else {
            return value
        }
        return String(value.dropFirst().dropLast())
    }
}

/// A problem in the `server:` section of the configuration file.
public struct ServerSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration file.
    public let file: String
    /// The line (1-based) of the problem.
    public let line: Int
    /// What is wrong and what is expected.
    public let message: String

    /// `file:line: message`.
    public var description: String { "\(self.file):\(self.line): \(self.message)" }
}

extension String {
    fileprivate var trimmed: String {
        var result = Substring(self)
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return String(result)
    }

    fileprivate var replacingTabs: String {
        self.contains("\t") ? String(self.map { $0 == "\t" ? " " : $0 }) : self
    }
}
