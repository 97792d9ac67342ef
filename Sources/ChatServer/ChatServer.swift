import Desk
import Dialogue
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import ServiceLifecycle
import TextAnalysis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The line-oriented TCP chat server of the desk (protocol `sportello/1`, docs/PROTOCOL.md).
///
/// Two steps, so that a port in use is reported before anything else starts:
/// ``bind(configuration:engine:recorder:logger:today:eventLoopGroup:)`` opens the listening
/// socket; ``run()`` serves connections until a graceful shutdown. It is a
/// `ServiceLifecycle.Service`: in a `ServiceGroup`, SIGTERM/SIGINT trigger the graceful
/// shutdown; ``triggerGracefulShutdown()`` does the same directly.
///
/// Each connection runs one ``Dialogue/ChatSession`` in a task of its own (the framing and
/// the limits are channel handlers); every turn is recorded through the
/// ``Desk/TranscriptRecorder``, which redacts it.
///
/// ```swift
/// let server = try await ChatServer.bind(configuration: .init(port: 0), engine: engine, recorder: recorder, logger: logger)
/// print("listening on \(server.host):\(server.port)")
/// try await ServiceGroup(services: [server], gracefulShutdownSignals: [.sigterm], logger: logger).run()
/// ```
public struct ChatServer: Service, Sendable {
    /// The configuration it was bound with (its `port` may be 0: see ``port``).
    public let configuration: ServerConfiguration
    /// The address it listens on.
    public let localAddress: SocketAddress
    private let serverChannel: NIOAsyncChannel<AcceptedConnection, Never>
    private let quiescing: ServerQuiescingHelper
    private let context: ConnectionContext
    private let logger: Logger

    /// The host it listens on, as configured.
    public var host: String { self.configuration.host }
    /// The port it listens on (the one the system chose when the configuration said 0).
    public var port: Int { self.localAddress.port ?? self.configuration.port }

    /// Opens the listening socket.
    ///
    /// - Parameters:
    ///   - configuration: address and limits.
    ///   - engine: the desk's engine (each connection gets its own ``Dialogue/ChatSession`` on it).
    ///   - recorder: where every turn goes (redacted there); flushed when the server stops.
    ///   - logger: one line per connection event at `info`, nothing personal (default: silent).
    ///   - today: the day answers are computed for (tests fix it).
    ///   - eventLoopGroup: the NIO threads.
    /// - Throws: ``ChatServerError`` when the address is in use or cannot be bound.
    public static func bind(
        configuration: ServerConfiguration,
        engine: Engine,
        recorder: TranscriptRecorder,
        logger: Logger = Logger(label: "sportello.chat-server", factory: { _ in SwiftLogNoOpLogHandler() }),
        today: @escaping @Sendable () -> Day = { Day.today() },
        eventLoopGroup: MultiThreadedEventLoopGroup = .singleton
    ) async throws(ChatServerError) -> ChatServer {
        let quiescing = ServerQuiescingHelper(group: eventLoopGroup)
        let queue = max(configuration.outboundQueueBytes, 2)
        let channel: NIOAsyncChannel<AcceptedConnection, Never>
        do {
            channel = try await ServerBootstrap(group: eventLoopGroup)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: Int32(clamping: configuration.backlog))
                .serverChannelInitializer { channel in
                    // Collects the accepted connections, to tell them when the server shuts down.
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            quiescing.makeServerChannelHandler(channel: channel))
                    }
                }
                // A client may half-close after its last line and still read the replies.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelOption(.socketOption(.so_keepalive), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .childChannelOption(.writeBufferWaterMark, value: .init(low: queue / 2, high: queue))
                .bind(host: configuration.host, port: configuration.port) { child in
                    child.eventLoop.makeCompletedFuture {
                        let id = AcceptedConnection.makeID()
                        var connectionLogger = logger
                        connectionLogger[metadataKey: "connection"] = "\(id.prefix(12))"
                        let pipeline = child.pipeline.syncOperations
                        try pipeline.addHandler(OutboundQueueLimit(logger: connectionLogger))
                        try LineFramer.install(
                            on: pipeline, maxLineBytes: configuration.maxLineBytes, idleTimeout: configuration.idleTimeout)
                        let asyncChannel = try NIOAsyncChannel<InboundFrame, ByteBuffer>(
                            wrappingChannelSynchronously: child,
                            configuration: .init(inboundType: InboundFrame.self, outboundType: ByteBuffer.self))
                        return AcceptedConnection(id: id, logger: connectionLogger, channel: asyncChannel)
                    }
                }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw .addressInUse(host: configuration.host, port: configuration.port)
        } catch {
            throw .cannotBind(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        guard let address = channel.channel.localAddress else {
            channel.channel.close(promise: nil)
            throw .cannotBind(host: configuration.host, port: configuration.port, reason: "no local address")
        }
        let context = ConnectionContext(
            configuration: configuration, engine: engine, recorder: recorder,
            limiter: ConnectionLimiter(maximum: configuration.maxConnections), today: today)
        return ChatServer(
            configuration: configuration, localAddress: address, serverChannel: channel, quiescing: quiescing,
            context: context, logger: logger)
    }

    private init(
        configuration: ServerConfiguration, localAddress: SocketAddress,
        serverChannel: NIOAsyncChannel<AcceptedConnection, Never>, quiescing: ServerQuiescingHelper,
        context: ConnectionContext, logger: Logger
    ) {
        self.configuration = configuration
        self.localAddress = localAddress
        self.serverChannel = serverChannel
        self.quiescing = quiescing
        self.context = context
        self.logger = logger
    }

    /// Serves connections until the graceful shutdown, then waits for the connections to
    /// end and flushes the transcript recorder. Call it once.
    ///
    /// Graceful shutdown (SIGTERM/SIGINT in a `ServiceGroup`, or ``triggerGracefulShutdown()``):
    /// the listening socket closes; every connection finishes the line it is answering and
    /// the lines already received, gets a `shutdown` notice and is closed; the recorder
    /// writes what it holds. If the task is cancelled instead, connections are closed at once
    /// and the recorder is still flushed.
    public func run() async throws {
        self.logger.info("server running", metadata: ["address": "\(self.localAddress)"])
        let context = self.context
        do {
            try await withGracefulShutdownHandler {
                // A discarding task group: a plain one would keep every finished
                // connection's task until the server stops (a leak).
                try await withThrowingDiscardingTaskGroup { group in
                    try await self.serverChannel.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask { await context.serve(connection) }
                        }
                    }
                }
            } onGracefulShutdown: {
                self.triggerGracefulShutdown()
            }
        } catch {
            await self.flushRecorder()
            throw error
        }
        await self.flushRecorder()
        self.logger.info("server stopped")
    }

    /// Starts the graceful shutdown: stop accepting, tell every connection, let them end.
    /// ``run()`` returns once they all have. Safe to call from any thread, more than once.
    public func triggerGracefulShutdown() {
        self.logger.info("shutting down")
        self.quiescing.initiateShutdown(promise: nil)
    }

    /// The connections being served now.
    public func activeConnections() async -> Int {
        await self.context.limiter.active
    }

    /// Writes the recorder's queued turns, even when the task was cancelled (the
    /// recorder's store would refuse to start a write in a cancelled task).
    private func flushRecorder() async {
        let recorder = self.context.recorder
        await Task.detached { await recorder.flush() }.value
    }
}
