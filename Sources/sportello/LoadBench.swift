import Foundation
import Histogram
import NIOCore

/// `sportello bench --connect host:port -c N -d S`: N clients in JSON mode, each sending a
/// question and waiting for its reply before the next (closed loop), for S seconds.
struct LoadBench {
    let address: String
    let connections: Int
    let seconds: Double
    let questions: [String]

    /// One client's results.
    struct ClientResult: Sendable {
        var latencies: [UInt64] = []
        var errors = 0
    }

    func run() async throws {
        let (host, port) = try LineConnection.address(address)
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let questions = self.questions
        let started = ContinuousClock.now
        let results = try await withThrowingTaskGroup(of: ClientResult.self) { group in
            for client in 0..<connections {
                group.addTask {
                    var result = ClientResult()
                    let channel: LineConnection.Channel
                    do {
                        channel = try await LineConnection.connect(host: host, port: port)
                    } catch {
                        result.errors += 1
                        return result
                    }
                    try await channel.executeThenClose { inbound, outbound in
                        var reader = inbound.makeAsyncIterator()
                        try await outbound.write(LineConnection.line("/json"))
                        // Skip the handshake and the /json reply.
                        while let buffer = try await reader.next() {
                            if LineConnection.isReply(LineConnection.text(buffer)) { break }
                        }
                        var index = client
                        let clock = ContinuousClock()
                        while ContinuousClock.now < deadline {
                            let begin = clock.now
                            try await outbound.write(LineConnection.line(questions[index % questions.count]))
                            index += 1
                            var answered = false
                            while let buffer = try await reader.next() {
                                let text = LineConnection.text(buffer)
                                if LineConnection.isReply(text) {
                                    answered = true
                                    break
                                }
                            }
                            guard answered else {
                                result.errors += 1
                                break
                            }
                            let elapsed = clock.now - begin
                            result.latencies.append(
                                UInt64(elapsed.components.seconds) * 1_000_000 + UInt64(elapsed.components.attoseconds / 1_000_000_000_000))
                        }
                    }
                    return result
                }
            }
            var all: [ClientResult] = []
            for try await result in group { all.append(result) }
            return all
        }
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
