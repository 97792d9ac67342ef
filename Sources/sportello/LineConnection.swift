import NIOCore
import NIOExtras
import NIOPosix

/// A client connection to `sportello-server`: UTF-8 lines in both directions.
enum LineConnection {
    typealias Channel = NIOAsyncChannel<ByteBuffer, ByteBuffer>

    /// Why a connection could not be made.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses "host:port".
    static func address(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else {
            throw Failure(description: "the address must be host:port, for example 127.0.0.1:7462 (got \(text))")
        }
        let host = String(text[..<colon])
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }

    /// Connects; each inbound element is one line without its LF.
    static func connect(host: String, port: Int, maximumLine: Int = 4 << 20) async throws -> Channel {
        do {
            return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize: maximumLine))
                        return try Channel(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(inboundType: ByteBuffer.self, outboundType: ByteBuffer.self))
                    }
                }
        } catch {
            throw Failure(description: "cannot connect to \(host):\(port): \(error); is sportello-server running there?")
        }
    }

    /// A line to send (LF added).
    static func line(_ text: String) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: text.utf8.count + 1)
        buffer.writeString(text)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
    }

    /// A received line as text (CR dropped).
    static func text(_ buffer: ByteBuffer) -> String {
        var text = String(buffer: buffer)
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    /// Whether a JSON line from the server is a `reply` event.
    static func isReply(_ text: String) -> Bool {
        text.hasPrefix("{") && (text.contains("\"type\": \"reply\"") || text.contains("\"type\":\"reply\""))
    }

    /// Whether a reply event answers the client's first line (the `/json` switch).
    static func isFirstReply(_ text: String) -> Bool {
        text.contains("\"seq\": 1,") || text.contains("\"seq\":1,") || text.contains("\"seq\": 1}")
            || text.contains("\"seq\":1}")
    }
}
