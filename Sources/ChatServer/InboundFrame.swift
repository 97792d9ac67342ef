import NIOCore

/// What the connection's pipeline hands to its task, in order: lines, and the events
/// that must be handled between lines (so that an in-flight turn always finishes first).
enum InboundFrame: Sendable {
    /// A complete line, without its LF or CRLF.
    case line(ByteBuffer)
    /// A line longer than the limit; `prefix` holds its first bytes (the rest was dropped).
    case tooLong(prefix: ByteBuffer)
    /// No complete line arrived for the idle timeout.
    case idleTimeout
    /// The server is shutting down.
    case shutdown
}
