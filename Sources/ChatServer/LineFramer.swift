import NIOCore
import NIOExtras

/// Line framing for one connection, with a hard limit on the length of a line.
///
/// `LineBasedFrameDecoder` has no maximum line length, and the `maximumBufferSize` of
/// `ByteToMessageHandler` only bounds the unterminated remainder of a read (a long line
/// that arrives whole in one read slips past it); when it does trip, the handler is
/// left in an error state and the connection must close. So the framer is three handlers:
///
/// 1. ``LengthGuard`` (raw bytes): forwards at most `maxLineBytes + 2` bytes of any line
///    and drops the rest up to its LF, so nothing downstream ever buffers more than that;
///    at end of input it terminates a partial line so that it is still answered.
/// 2. `ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize:)`: splits on LF,
///    drops a CR before it (CRLF accepted); the bound is the belt to the guard's braces.
/// 3. ``Splitter``: checks each complete line's length (an over-long line becomes
///    ``InboundFrame/tooLong(prefix:)`` and the connection goes on), and turns the idle
///    timer and the server's quiesce event into frames, in order with the lines.
enum LineFramer {
    /// Adds the three handlers to a child channel's pipeline (on its event loop).
    static func install(
        on pipeline: ChannelPipeline.SynchronousOperations, maxLineBytes: Int, idleTimeout: Duration
    ) throws {
        let forwarded = maxLineBytes + 2
        try pipeline.addHandler(LengthGuard(limit: forwarded))
        try pipeline.addHandler(ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize: forwarded))
        try pipeline.addHandler(Splitter(maxLineBytes: maxLineBytes, idleTimeout: TimeAmount(idleTimeout)))
    }

    /// Forwards at most `limit` bytes of each line (the LF excluded) and drops the rest
    /// of an over-long line, so that the decoder's buffer stays bounded.
    final class LengthGuard: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer

        private let limit: Int
        /// Bytes of the current (unterminated) line forwarded so far.
        private var lineLength = 0
        /// Whether the current line is over the limit and its bytes are being dropped.
        private var discarding = false

        init(limit: Int) { self.limit = limit }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = Self.unwrapInboundIn(data)
            let view = buffer.readableBytesView
            let newline = UInt8(ascii: "\n")
            // Fast path: no line in this read goes over the limit; forward it unchanged.
            if !self.discarding {
                var length = self.lineLength
                var start = view.startIndex
                var fits = true
                while start < view.endIndex {
                    if let end = view[start...].firstIndex(of: newline) {
                        if length + (end - start) > self.limit {
                            fits = false
                            break
                        }
                        length = 0
                        start = end + 1
                    } else {
                        length += view.endIndex - start
                        fits = length <= self.limit
                        break
                    }
                }
                if fits {
                    self.lineLength = length
                    context.fireChannelRead(Self.wrapInboundOut(buffer))
                    return
                }
            }
            // Slow path: copy what fits, drop the tails of over-long lines.
            var output = context.channel.allocator.buffer(capacity: min(buffer.readableBytes, 4 * self.limit))
            var start = view.startIndex
            while start < view.endIndex {
                let end = view[start...].firstIndex(of: newline)
                let segmentEnd = end ?? view.endIndex
                if !self.discarding {
                    let room = self.limit - self.lineLength
                    let length = segmentEnd - start
                    if length <= room {
                        output.writeBytes(view[start..<segmentEnd])
                        self.lineLength += length
                    } else {
                        output.writeBytes(view[start..<(start + room)])
                        self.lineLength = self.limit
                        self.discarding = true
                    }
                }
                if let end {
                    output.writeInteger(newline)
                    self.lineLength = 0
                    self.discarding = false
                    start = end + 1
                } else {
                    start = segmentEnd
                }
            }
            if output.readableBytes > 0 { context.fireChannelRead(Self.wrapInboundOut(output)) }
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case ChannelEvent.inputClosed = event, self.lineLength > 0 || self.discarding {
                // The client half-closed after a partial line: end it, so that it is answered.
                self.lineLength = 0
                self.discarding = false
                var newline = context.channel.allocator.buffer(capacity: 1)
                newline.writeInteger(UInt8(ascii: "\n"))
                context.fireChannelRead(Self.wrapInboundOut(newline))
                context.fireChannelReadComplete()
            }
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// Turns complete lines into frames (checking their length), and the idle timer and
    /// the quiesce event into frames too.
    final class Splitter: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = InboundFrame

        private let maxLineBytes: Int
        private let idleTimeout: TimeAmount
        private var lastLine = NIODeadline.now()
        private var timer: Scheduled<Void>?
        private var idleReported = false

        init(maxLineBytes: Int, idleTimeout: TimeAmount) {
            self.maxLineBytes = maxLineBytes
            self.idleTimeout = idleTimeout
        }

        func handlerAdded(context: ChannelHandlerContext) {
            self.lastLine = .now()
            self.schedule(context: context, at: self.lastLine + self.idleTimeout)
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            self.timer?.cancel()
            self.timer = nil
        }

        func channelInactive(context: ChannelHandlerContext) {
            self.timer?.cancel()
            self.timer = nil
            context.fireChannelInactive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let line = Self.unwrapInboundIn(data)
            self.lastLine = .now()
            if line.readableBytes > self.maxLineBytes {
                let prefix = line.getSlice(at: line.readerIndex, length: min(line.readableBytes, 80)) ?? ByteBuffer()
                context.fireChannelRead(Self.wrapInboundOut(.tooLong(prefix: prefix)))
            } else {
                context.fireChannelRead(Self.wrapInboundOut(.line(line)))
            }
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if event is ChannelShouldQuiesceEvent {
                // Reads are delivered to the connection's task on read-complete.
                context.fireChannelRead(Self.wrapInboundOut(.shutdown))
                context.fireChannelReadComplete()
                return
            }
            context.fireUserInboundEventTriggered(event)
        }

        /// One timer per connection, moved forward lazily: when it fires early (lines came
        /// in meanwhile) it is scheduled again for the new deadline.
        private func schedule(context: ChannelHandlerContext, at deadline: NIODeadline) {
            self.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
                self?.timerFired(context: context)
            }
        }

        private func timerFired(context: ChannelHandlerContext) {
            self.timer = nil
            guard !self.idleReported, context.channel.isActive else { return }
            let deadline = self.lastLine + self.idleTimeout
            if deadline > .now() {
                self.schedule(context: context, at: deadline)
                return
            }
            self.idleReported = true
            context.fireChannelRead(Self.wrapInboundOut(.idleTimeout))
            context.fireChannelReadComplete()
        }
    }
}

@available(*, unavailable)
extension LineFramer.LengthGuard: Sendable {}

@available(*, unavailable)
extension LineFramer.Splitter: Sendable {}
