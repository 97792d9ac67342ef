import Foundation
import Histogram
import NIOCore

/// `sportello bench --connect … --escalations N --operator NAME`: the second level's round
/// trip, measured while the chat load runs. Each round: a new user connection asks for a
/// person (`/operatore`), an advisor's connection takes the ticket (`/take`) and writes a
/// line (`/say`); the time runs from the user's request to the advisor's line arriving at
/// the user as an `operator` event. The ticket is then closed.
struct EscalationBench {
    let address: String
    let rounds: Int
    let operatorName: String
    let token: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The round-trip latencies in microseconds.
    func run() async throws -> [UInt64] {
        let (host, port) = try LineConnection.address(address)
        let advisor = try await LineConnection.connect(host: host, port: port)
        return try await advisor.executeThenClose { advisorInbound, advisorOutbound in
            var advisorLines = advisorInbound.makeAsyncIterator()
            try await advisorOutbound.write(LineConnection.line("/json"))
            _ = try await Self.nextReply(&advisorLines)
            try await advisorOutbound.write(LineConnection.line("/login \(self.operatorName) \(self.token)"))
            let login = try await Self.nextReply(&advisorLines)
            guard login.contains("\"reason\": \"logged_in\"") else {
                throw Failure(description: "the advisor's login was refused: \(Self.field("text", in: login) ?? login)")
            }
            var latencies: [UInt64] = []
            let clock = ContinuousClock()
            for _ in 0..<self.rounds {
                let user = try await LineConnection.connect(host: host, port: port)
                let latency: Duration = try await user.executeThenClose { userInbound, userOutbound in
                    var userLines = userInbound.makeAsyncIterator()
                    try await userOutbound.write(LineConnection.line("/json"))
                    _ = try await Self.nextReply(&userLines)
                    let start = clock.now
                    try await userOutbound.write(LineConnection.line("/operatore"))
                    let opened = try await Self.nextReply(&userLines)
                    guard let code = Self.ticketCode(in: opened) else {
                        throw Failure(description: "no ticket was opened: \(Self.field("text", in: opened) ?? opened)")
                    }
                    try await advisorOutbound.write(LineConnection.line("/take \(code)"))
                    _ = try await Self.nextReply(&advisorLines)
                    try await advisorOutbound.write(LineConnection.line("/say buongiorno, sono l'operatore"))
                    // The user's connection: the `ticket` push (taken), then the advisor's line.
                    while let buffer = try await userLines.next() {
                        if LineConnection.text(buffer).contains("\"type\": \"operator\"") { break }
                    }
                    let elapsed = clock.now - start
                    _ = try await Self.nextReply(&advisorLines)
                    try await advisorOutbound.write(LineConnection.line("/close misura del tempo di risposta"))
                    _ = try await Self.nextReply(&advisorLines)
                    return elapsed
                }
                latencies.append(
                    UInt64(latency.components.seconds) * 1_000_000 + UInt64(latency.components.attoseconds / 1_000_000_000_000))
            }
            return latencies
        }
    }

    /// Prints the percentiles of `latencies` (microseconds).
    static func report(_ latencies: [UInt64], chatting: Int) {
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        for latency in latencies { _ = histogram.record(max(latency, 1)) }
        Output.line(
            String(
                format: "escalation round trip (%d rounds, %d users chatting): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                latencies.count, chatting, Double(histogram.valueAtPercentile(50)) / 1000,
                Double(histogram.valueAtPercentile(90)) / 1000, Double(histogram.valueAtPercentile(99)) / 1000,
                Double(histogram.max) / 1000))
    }

    /// The next `reply` line (pushed events before it are skipped).
    private static func nextReply(
        _ lines: inout NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    ) async throws -> String {
        while let buffer = try await lines.next() {
            let text = LineConnection.text(buffer)
            if LineConnection.isReply(text) { return text }
        }
        throw Failure(description: "the server closed the connection")
    }

    private static func ticketCode(in line: String) -> String? {
        guard let range = line.range(of: "\"ticket\": {\"code\": \"") else { return nil }
        return String(line[range.upperBound...].prefix(7))
    }

    private static func field(_ name: String, in line: String) -> String? {
        guard let data = line.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object[name] as? String
    }
}
