import NIOCore

/// One closed-loop load client, on its event loop: after the greeting it switches to JSON,
/// then sends a question, waits for its `reply` event, records the latency and sends the
/// next, until the deadline. Everything happens in the channel's handler: no task hops,
/// so the tool measures the server rather than itself.
final class LoadClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What one client measured.
    struct Result: Sendable {
        var latencies: [UInt64] = []
        var errors = 0
    }

    private enum Phase {
        case greeting
        case switching
        case running
        case done
    }

    private let questions: [String]
    private let deadline: NIODeadline
    /// Time between two questions (a user typing); zero: the next one as soon as the reply comes.
    private let interval: TimeAmount
    private let promise: EventLoopPromise<Result>
    private var phase = Phase.greeting
    private var index: Int
    private var sentAt = NIODeadline.now()
    private var result = Result()

    init(
        questions: [String], first: Int, deadline: NIODeadline, interval: TimeAmount = .zero,
        promise: EventLoopPromise<Result>
    ) {
        self.questions = questions
        self.interval = interval
        self.index = first
        self.deadline = deadline
        self.promise = promise
        self.result.latencies.reserveCapacity(4096)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = Self.unwrapInboundIn(data)
        switch self.phase {
        case .greeting:
            self.phase = .switching
            self.send("/json", context: context)
        case .switching:
            guard Self.isReply(line) else { return }
            self.phase = .running
            self.sendQuestion(context: context)
        case .running:
            guard Self.isReply(line) else { return }  // pushed events are not replies
            let elapsed = NIODeadline.now() - self.sentAt
            self.result.latencies.append(UInt64(max(elapsed.nanoseconds / 1000, 1)))
            let next = self.sentAt + self.interval
            if next >= self.deadline {
                self.phase = .done
                self.promise.succeed(self.result)
                context.close(promise: nil)
            } else if self.interval > .zero && next > .now() {
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(deadline: next) {
                    let (handler, context) = bound.value
                    guard handler.phase == .running, context.channel.isActive else { return }
                    handler.sendQuestion(context: context)
                }
            } else if NIODeadline.now() < self.deadline {
                self.sendQuestion(context: context)
            } else {
                self.phase = .done
                self.promise.succeed(self.result)
                context.close(promise: nil)
            }
        case .done:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if self.phase != .done {
            self.phase = .done
            self.result.errors += 1
            self.promise.succeed(self.result)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func sendQuestion(context: ChannelHandlerContext) {
        let question = self.questions[self.index % self.questions.count]
        self.index += 1
        self.sentAt = .now()
        self.send(question, context: context)
    }

    private func send(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(Self.wrapOutboundOut(LineConnection.line(text)), promise: nil)
    }

    /// Whether a line is a `reply` event (`{"type": "reply", …`).
    private static func isReply(_ line: ByteBuffer) -> Bool {
        let prefix = #"{"type": "reply""#.utf8
        return line.readableBytes >= prefix.count && line.readableBytesView.starts(with: prefix)
    }
}

@available(*, unavailable)
extension LoadClientHandler: Sendable {}
