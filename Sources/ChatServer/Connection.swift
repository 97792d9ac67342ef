import Desk
import Dialogue
import Logging
import NIOCore
import TextAnalysis

/// A connection accepted by the server: its random id (the transcript's session id), a
/// logger that names it, and its channel.
struct AcceptedConnection: Sendable {
    let id: String
    let logger: Logger
    let channel: NIOAsyncChannel<InboundFrame, ByteBuffer>

    /// A new random id: 128 bits in hex, not derived from anything about the client.
    static func makeID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(high) + hex(low)
    }
}

/// What all connections share (values and actors) and the task that serves one of them.
struct ConnectionContext: Sendable {
    let configuration: ServerConfiguration
    let engine: Engine
    let recorder: TranscriptRecorder
    let limiter: ConnectionLimiter
    let today: @Sendable () -> Day

    /// Serves one connection until it ends. Never throws: an error ends this connection
    /// only, never the server.
    func serve(_ connection: AcceptedConnection) async {
        let logger = connection.logger
        guard await self.limiter.admit() else {
            logger.info("connection refused: too many connections")
            try? await connection.channel.executeThenClose { _, outbound in
                try await outbound.write(ByteBuffer(string: ServerMessages.busy() + "\n"))
            }
            return
        }
        logger.info("connection opened")
        // The client's address is personal data: only at debug level.
        let peer = connection.channel.channel.remoteAddress.map { "\($0)" } ?? "unknown"
        logger.debug("connection peer", metadata: ["peer": "\(peer)"])
        let outcome: (reason: String, lines: Int)
        do {
            outcome = try await connection.channel.executeThenClose { inbound, outbound in
                try await self.converse(id: connection.id, logger: logger, inbound: inbound, outbound: outbound)
            }
        } catch {
            outcome = ("error: \(error)", -1)
        }
        await self.limiter.release()
        logger.info(
            "connection closed", metadata: ["reason": "\(outcome.reason)", "lines": "\(outcome.lines)"])
    }

    /// The conversation: frames in, actions out, strictly in order.
    private func converse(
        id: String, logger: Logger, inbound: NIOAsyncChannelInboundStream<InboundFrame>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async throws -> (reason: String, lines: Int) {
        var state = ConnectionState(engine: self.engine, configuration: self.configuration)
        try await outbound.write(ByteBuffer(string: ServerMessages.greeting() + "\n"))
        for try await frame in inbound {
            // The engine is synchronous and fast (tens of microseconds): it runs right here,
            // in this connection's task, off the event loop.
            for action in state.receive(frame, now: .now, today: self.today()) {
                switch action {
                case .send(let text):
                    try await outbound.write(ByteBuffer(string: text))
                case .record(let userText, let outcome, let topic):
                    await self.recorder.record(session: id, userText: userText, outcome: outcome, topic: topic)
                case .forget(let request):
                    var count: Int?
                    do {
                        count = try await self.recorder.forget(session: id)
                    } catch {
                        logger.error("cannot delete a transcript", metadata: ["error": "\(error)"])
                    }
                    try await outbound.write(ByteBuffer(string: state.forgotten(request, count: count, today: self.today())))
                case .close(let reason):
                    return (reason.rawValue, state.lines)
                }
            }
        }
        return ("client closed", state.lines)
    }
}
