/// Everything the chat server needs to know about its socket and its limits, with the
/// defaults of a production desk. Built at the edge (flags, environment, configuration
/// file) and passed down; nothing in the server reads globals.
public struct ServerConfiguration: Sendable, Hashable {
    /// The protocol the server speaks; sent in the first line of every connection.
    public static let protocolVersion = "sportello/1"

    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 picks a free (ephemeral) port, see ``ChatServer/port``.
    public var port: Int
    /// The longest accepted line, in bytes, without its LF or CRLF. A longer line is
    /// discarded up to its end and gets a `line_too_long` reply.
    public var maxLineBytes: Int
    /// Over-long lines tolerated on one connection; one more closes it.
    public var maxOverlongLines: Int
    /// Connections served at once; one more gets an error line and is closed.
    public var maxConnections: Int
    /// A connection that sends no complete line for this long gets a notice and is closed.
    public var idleTimeout: Duration
    /// Lines per second per connection, with a burst allowance.
    public var rateLimit: RateLimit
    /// Bytes the server queues for one connection that does not read its replies; beyond
    /// this the connection is closed (other connections are unaffected).
    public var outboundQueueBytes: Int
    /// Pending connections the kernel keeps while the server accepts (listen backlog).
    public var backlog: Int

    /// The protocol version string (``ServerConfiguration/protocolVersion``).
    public var protocolVersion: String { Self.protocolVersion }

    /// A configuration; every parameter has the production default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 7462,
        maxLineBytes: Int = 4096,
        maxOverlongLines: Int = 8,
        maxConnections: Int = 10_000,
        idleTimeout: Duration = .seconds(15 * 60),
        rateLimit: RateLimit = RateLimit(),
        outboundQueueBytes: Int = 1 << 20,
        backlog: Int = 1024
    ) {
        self.host = host
        self.port = port
        self.maxLineBytes = maxLineBytes
        self.maxOverlongLines = maxOverlongLines
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.rateLimit = rateLimit
        self.outboundQueueBytes = outboundQueueBytes
        self.backlog = backlog
    }

    /// The per-connection rate limit: a token bucket of `burst` lines refilled at
    /// `linesPerSecond`. A line that finds the bucket empty is not read and gets a
    /// `rate_limited` reply; `disconnectAfter` such lines in a row close the connection.
    public struct RateLimit: Sendable, Hashable {
        /// Lines per second allowed in the long run.
        public var linesPerSecond: Double
        /// Lines allowed at once after a quiet period.
        public var burst: Int
        /// Rejected lines in a row (a flood) that close the connection.
        public var disconnectAfter: Int

        /// A rate limit; the defaults are 20 lines/s, bursts of 40, 200 rejected lines in a row.
        public init(linesPerSecond: Double = 20, burst: Int = 40, disconnectAfter: Int = 200) {
            self.linesPerSecond = linesPerSecond
            self.burst = burst
            self.disconnectAfter = disconnectAfter
        }
    }
}
