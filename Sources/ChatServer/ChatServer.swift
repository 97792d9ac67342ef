import Desk
import Dialogue
import Logging
import NIOConcurrencyHelpers
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
/// Each connection is a pipeline of channel handlers on one event loop: the limits, the
/// framing (``LineFramer``) and a ``ConnectionHandler`` that holds its
/// ``Dialogue/ChatSession``; every turn is queued in the ``Desk/TranscriptRecorder``,
/// which redacts and writes it off the event loop.
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
    private let serverChannel: any Channel
    private let quiescing: ServerQuiescingHelper
    private let shared: ConnectionShared
    private let logger: Logger
    /// Succeeded when the listening socket and every connection are closed.
    private let stopped: EventLoopPromise<Void>
    private let shutdownStarted: NIOLockedValueBox<Bool>

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
    ///   - secondLevel: tickets and advisors; without it their commands answer `not_available`.
    ///   - logger: one line per connection event at `info`, nothing personal (default: silent).
    ///   - today: the day answers are computed for (tests fix it).
    ///   - eventLoopGroup: the NIO threads.
    /// - Throws: ``ChatServerError`` when the address is in use or cannot be bound.
    public static func bind(
        configuration: ServerConfiguration,
        engine: Engine,
        recorder: TranscriptRecorder,
        secondLevel: SecondLevel? = nil,
        logger: Logger = Logger(label: "sportello.chat-server", factory: { _ in SwiftLogNoOpLogHandler() }),
        today: @escaping @Sendable () -> Day = { Day.today() },
        eventLoopGroup: MultiThreadedEventLoopGroup = .singleton
    ) async throws(ChatServerError) -> ChatServer {
        let quiescing = ServerQuiescingHelper(group: eventLoopGroup)
        let queue = max(configuration.outboundQueueBytes, 2)
        let shared = ConnectionShared(
            configuration: configuration, engine: engine, recorder: recorder,
            limiter: ConnectionLimiter(maximum: configuration.maxConnections), today: today, secondLevel: secondLevel)
        let channel: any Channel
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
                .childChannelInitializer { child in
                    child.eventLoop.makeCompletedFuture {
                        let id = ConnectionHandler.makeID()
                        var connectionLogger = logger
                        connectionLogger[metadataKey: "connection"] = "\(id.prefix(12))"
                        let pipeline = child.pipeline.syncOperations
                        try pipeline.addHandler(OutboundQueueLimit(logger: connectionLogger))
                        try LineFramer.install(
                            on: pipeline, maxLineBytes: configuration.maxLineBytes, idleTimeout: configuration.idleTimeout)
                        try pipeline.addHandler(ConnectionHandler(id: id, logger: connectionLogger, shared: shared))
                    }
                }
                .bind(host: configuration.host, port: configuration.port).get()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw .addressInUse(host: configuration.host, port: configuration.port)
        } catch {
            throw .cannotBind(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        guard let address = channel.localAddress else {
            channel.close(promise: nil)
            throw .cannotBind(host: configuration.host, port: configuration.port, reason: "no local address")
        }
        return ChatServer(
            configuration: configuration, localAddress: address, serverChannel: channel, quiescing: quiescing,
            shared: shared, logger: logger)
    }

    private init(
        configuration: ServerConfiguration, localAddress: SocketAddress, serverChannel: any Channel,
        quiescing: ServerQuiescingHelper, shared: ConnectionShared, logger: Logger
    ) {
        self.configuration = configuration
        self.localAddress = localAddress
        self.serverChannel = serverChannel
        self.quiescing = quiescing
        self.shared = shared
        self.logger = logger
        self.stopped = serverChannel.eventLoop.makePromise(of: Void.self)
        self.shutdownStarted = NIOLockedValueBox(false)
    }

    /// Serves connections until the graceful shutdown, then waits for the connections to
    /// end and flushes the transcript recorder. Call it once.
    ///
    /// Graceful shutdown (SIGTERM/SIGINT in a `ServiceGroup`, or ``triggerGracefulShutdown()``):
    /// the listening socket closes; every connection finishes the line it is answering and
    /// the lines already received, gets a `shutdown` notice and is closed; the recorder
    /// writes what it holds. Cancelling the task starts the same shutdown.
    public func run() async throws {
        self.logger.info("server running", metadata: ["address": "\(self.localAddress)"])
        let stopped = self.stopped.futureResult
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await stopped.get()
            } onCancel: {
                self.triggerGracefulShutdown()
            }
        } onGracefulShutdown: {
            self.triggerGracefulShutdown()
        }
        await self.flushRecorder()
        self.logger.info("server stopped")
    }

    /// Starts the graceful shutdown: stop accepting, tell every connection, let them end.
    /// ``run()`` returns once they all have. Safe to call from any thread, more than once.
    public func triggerGracefulShutdown() {
        let first = self.shutdownStarted.withLockedValue { started in
            defer { started = true }
            return !started
        }
        guard first else { return }
        self.logger.info("shutting down")
        self.quiescing.initiateShutdown(promise: self.stopped)
    }

    /// The connections being served now.
    public func activeConnections() async -> Int {
        self.shared.limiter.active
    }

    /// Writes the recorder's queued turns, even when the task was cancelled.
    private func flushRecorder() async {
        let recorder = self.shared.recorder
        await Task.detached { await recorder.flush() }.value
    }
}
