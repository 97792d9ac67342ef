import Desk
import Dialogue
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import TextAnalysis

/// Serves one connection on its event loop: frames in (from ``LineFramer``), replies out,
/// strictly in order.
///
/// The engine runs right here, on the event loop: it is synchronous, never blocks (no I/O,
/// no locks held for long) and answers in tens of microseconds (`sportello bench`: p99
/// about 0.1 ms, a 4 KiB line of noise under 1 ms), far less than a hop to another thread
/// would cost. What can block (the database) runs in tasks: a transcript turn is only
/// queued in the ``Desk/TranscriptRecorder``; a `/forget` is sent to the store and, until
/// its answer comes back, the following frames of this connection wait in order (other
/// connections go on). Replies written while reading are flushed once per read.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = InboundFrame
    typealias OutboundOut = ByteBuffer

    private let id: String
    private let logger: Logger
    private let shared: ConnectionShared
    private var state: ConnectionState
    private var admitted = false
    private var closing = false
    private var closeReason = "client closed"
    private var inputClosed = false
    /// Waiting for the store (`/forget`): frames received meanwhile wait here, in order.
    private var busy = false
    private var backlog = CircularBuffer<InboundFrame>()
    private var needsFlush = false
    /// Set while the handler is in a pipeline (pushes from the second level need it).
    private var context: ChannelHandlerContext?
    /// The connection's language, readable from the second level's thread.
    private let language = NIOLockedValueBox("it")
    /// Whether the connection is open, readable from the second level's thread: it is
    /// false before the second level hears of the disconnection.
    private let open = NIOLockedValueBox(true)

    init(id: String, logger: Logger, shared: ConnectionShared) {
        self.id = id
        self.logger = logger
        self.shared = shared
        self.state = ConnectionState(
            engine: shared.engine, configuration: shared.configuration, sessionID: id,
            secondLevel: shared.secondLevel != nil)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

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

    func channelActive(context: ChannelHandlerContext) {
        guard self.shared.limiter.admit() else {
            self.logger.info("connection refused: too many connections")
            self.closing = true
            self.closeReason = "too many connections"
            self.writeThenClose(context: context, ServerMessages.busy() + "\n")
            return
        }
        self.admitted = true
        self.logger.info("connection opened")
        // The client's address is personal data: only at debug level.
        if self.logger.logLevel <= .debug {
            let peer = context.channel.remoteAddress.map { "\($0)" } ?? "unknown"
            self.logger.debug("connection peer", metadata: ["peer": "\(peer)"])
        }
        context.writeAndFlush(Self.wrapOutboundOut(ByteBuffer(string: ServerMessages.greeting() + "\n")), promise: nil)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if self.admitted {
            self.admitted = false
            self.shared.limiter.release()
            self.open.withLockedValue { $0 = false }
            if let secondLevel = self.shared.secondLevel {
                let id = self.id
                Task { await secondLevel.disconnected(id) }
            }
            self.logger.info(
                "connection closed", metadata: ["reason": "\(self.closeReason)", "lines": "\(self.state.lines)"])
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = Self.unwrapInboundIn(data)
        guard !self.closing else { return }
        if self.busy {
            self.backlog.append(frame)
            return
        }
        self.handle(frame, context: context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.flushIfNeeded(context: context)
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            // The client half-closed: answer what it sent, then close.
            self.inputClosed = true
            if !self.busy && !self.closing { self.finish(context: context, reason: "client closed") }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !self.closing {
            self.closing = true
            self.closeReason = "error: \(error)"
        }
        context.close(promise: nil)
    }

    // MARK: - Frames and actions

    private func handle(_ frame: InboundFrame, context: ChannelHandlerContext) {
        let actions = self.state.receive(frame, now: .now, today: self.shared.today())
        self.perform(actions, context: context)
    }

    private func perform(_ actions: [ConnectionState.Action], context: ChannelHandlerContext) {
        for action in actions {
            switch action {
            case .send(let text):
                context.write(Self.wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
                self.needsFlush = true
            case .record(let userText, let reply, let seq):
                self.shared.recorder.enqueue(
                    TranscriptEntry(
                        session: self.id, time: Date(), userText: userText, outcome: reply.outcome.rawValue,
                        topic: reply.topic, seq: seq, card: reply.card, score: reply.score, lang: reply.lang,
                        reason: reply.reason))
            case .forget(let request):
                self.startForget(request, context: context)
            case .desk(let request, let pending):
                self.startDesk(request, pending: pending, context: context)
            case .close(let reason):
                self.finish(context: context, reason: reason.rawValue)
                return
            }
        }
    }

    /// Asks the second level; the connection's next frames wait for the answer.
    private func startDesk(_ request: DeskRequest, pending: ConnectionState.PendingLine, context: ChannelHandlerContext) {
        guard let secondLevel = self.shared.secondLevel else { return }
        self.busy = true
        self.flushIfNeeded(context: context)
        let link = self.link(context: context)
        let lang = self.state.language.rawValue
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        Task {
            let answer = await secondLevel.handle(request, from: link, lang: lang)
            loop.execute {
                let (handler, context) = bound.value
                guard context.channel.isActive, !handler.closing else { return }
                handler.busy = false
                let today = handler.shared.today()
                handler.perform(handler.state.deskAnswered(answer, for: pending, today: today), context: context)
                handler.drainBacklog(context: context)
            }
        }
    }

    /// How the second level reaches this connection: pushes are written on its event loop,
    /// in the connection's current mode.
    private func link(context: ChannelHandlerContext) -> ConnectionLink {
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        let language = self.language
        let open = self.open
        language.withLockedValue { $0 = self.state.language.rawValue }
        return ConnectionLink(
            id: self.id, lang: { language.withLockedValue { $0 } },
            push: { event in
                loop.execute { bound.value.push(event) }
            },
            isOpen: { open.withLockedValue { $0 } })
    }

    private func push(_ event: PushEvent) {
        guard let context = self.context, context.channel.isActive, !self.closing else { return }
        if let live = event.live { self.state.setTicketLive(live) }
        context.writeAndFlush(Self.wrapOutboundOut(ByteBuffer(string: self.state.render(event))), promise: nil)
    }

    private func startForget(_ request: ConnectionState.ForgetRequest, context: ChannelHandlerContext) {
        self.busy = true
        self.flushIfNeeded(context: context)
        let recorder = self.shared.recorder
        let session = self.id
        let logger = self.logger
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        Task {
            var count: Int?
            do {
                count = try await recorder.forget(session: session)
            } catch {
                logger.error("cannot delete a transcript", metadata: ["error": "\(error)"])
            }
            let deleted = count
            loop.execute {
                let (handler, context) = bound.value
                handler.forgetDone(request, count: deleted, context: context)
            }
        }
    }

    private func forgetDone(_ request: ConnectionState.ForgetRequest, count: Int?, context: ChannelHandlerContext) {
        guard context.channel.isActive, !self.closing else { return }
        self.busy = false
        context.write(
            Self.wrapOutboundOut(ByteBuffer(string: self.state.forgotten(request, count: count, today: self.shared.today()))),
            promise: nil)
        self.needsFlush = true
        self.drainBacklog(context: context)
    }

    /// The frames that came meanwhile, in order, until one needs to wait again.
    private func drainBacklog(context: ChannelHandlerContext) {
        while !self.busy, !self.closing, let frame = self.backlog.popFirst() {
            self.handle(frame, context: context)
        }
        self.flushIfNeeded(context: context)
        if !self.busy, !self.closing, self.inputClosed { self.finish(context: context, reason: "client closed") }
    }

    private func flushIfNeeded(context: ChannelHandlerContext) {
        guard self.needsFlush else { return }
        self.needsFlush = false
        context.flush()
    }

    /// Sends what is written, then closes.
    private func finish(context: ChannelHandlerContext, reason: String) {
        guard !self.closing else { return }
        self.closing = true
        self.closeReason = reason
        self.backlog.removeAll()
        self.needsFlush = false
        self.writeThenClose(context: context, nil)
    }

    private func writeThenClose(context: ChannelHandlerContext, _ text: String?) {
        let promise = context.eventLoop.makePromise(of: Void.self)
        if let text {
            context.writeAndFlush(Self.wrapOutboundOut(ByteBuffer(string: text)), promise: promise)
        } else {
            // An empty write completes after everything written before it.
            context.writeAndFlush(Self.wrapOutboundOut(ByteBuffer()), promise: promise)
        }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        promise.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
    }
}

@available(*, unavailable)
extension ConnectionHandler: Sendable {}

/// What every connection shares: values and thread-safe objects.
struct ConnectionShared: Sendable {
    let configuration: ServerConfiguration
    let engine: Engine
    let recorder: TranscriptRecorder
    let limiter: ConnectionLimiter
    let today: @Sendable () -> Day
    /// Tickets and advisors (nil: the server answers that they are not available).
    let secondLevel: SecondLevel?
}
