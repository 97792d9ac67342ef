import Foundation
import Histogram
import NIOCore
import NIOExtras
import NIOPosix

/// `sportello bench --connect host:port -c N -d S`: N clients in JSON mode, each sending a
/// question and waiting for its reply before the next (closed loop), for S seconds.
struct LoadBench {
    let address: String
    let connections: Int
    let seconds: Double
    let questions: [String]
    /// Lines per second per connection (0: closed loop, as fast as replies come).
    var rate: Double = 0

    /// One client's results.
    struct ClientResult: Sendable {
        var latencies: [UInt64] = []
        var errors = 0
    }

    func run() async throws {
        let (host, port) = try LineConnection.address(address)
        let questions = self.questions
        let started = ContinuousClock.now
        let deadline = NIODeadline.now() + .milliseconds(Int64(seconds * 1000))
        let group = MultiThreadedEventLoopGroup.singleton
        let interval: TimeAmount = self.rate > 0 ? .nanoseconds(Int64(1e9 / self.rate)) : .zero
        var futures: [EventLoopFuture<LoadClientHandler.Result>] = []
        var refused = 0
        for client in 0..<connections {
            let loop = group.next()
            let promise = loop.makePromise(of: LoadClientHandler.Result.self)
            do {
                _ = try await ClientBootstrap(group: loop)
                    .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(
                                ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize: 4 << 20))
                            try channel.pipeline.syncOperations.addHandler(
                                LoadClientHandler(
                                    questions: questions, first: client, deadline: deadline, interval: interval,
                                    promise: promise))
                        }
                    }
                    .connect(host: host, port: port).get()
                futures.append(promise.futureResult)
            } catch {
                promise.succeed(LoadClientHandler.Result(errors: 1))
                refused += 1
            }
        }
        if refused == connections {
            throw LineConnection.Failure(description: "cannot connect to \(host):\(port); is sportello-server running there?")
        }
        var results: [LoadClientHandler.Result] = []
        for future in futures { results.append(try await future.get()) }
        results.append(LoadClientHandler.Result(errors: refused))
        let elapsed = ContinuousClock.now - started
        let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var count = 0
        for result in results {
            for latency in result.latencies { _ = histogram.record(max(latency, 1)) }
            count += result.latencies.count
        }
        let errors = results.reduce(0) { $0 + $1.errors }
        Output.line(
            String(
                format: "%d connections, %.1f s: %d replies, %.0f replies/s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors",
                connections, total, count, Double(count) / total, Double(histogram.valueAtPercentile(50)) / 1000,
                Double(histogram.valueAtPercentile(90)) / 1000, Double(histogram.valueAtPercentile(99)) / 1000,
                Double(histogram.max) / 1000, errors))
    }
}
