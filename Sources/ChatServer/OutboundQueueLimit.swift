import Logging
import NIOCore

/// Closes a connection whose outbound queue outgrows its bound.
///
/// The channel's write-buffer high watermark is set to the bound
/// (``ServerConfiguration/outboundQueueBytes``): the channel turns unwritable only when
/// that many bytes wait in the server for a client that does not read (the kernel's
/// socket buffers are already full). Waiting would stall the connection's task and keep
/// its memory; the client is not reading anyway, so the connection is closed at once.
/// Nothing else is shared between connections, so other sessions are unaffected.
final class OutboundQueueLimit: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    private let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if !context.channel.isWritable {
            self.logger.info("closing a connection that does not read its replies")
            context.close(promise: nil)
        }
        context.fireChannelWritabilityChanged()
    }
}

@available(*, unavailable)
extension OutboundQueueLimit: Sendable {}
