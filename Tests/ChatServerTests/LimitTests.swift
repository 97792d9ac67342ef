import Foundation
import NIOCore
import Testing

@testable import ChatServer

extension ServerTests {
    @Suite("Limits and back-pressure")
    struct LimitTests {
        /// How long a fresh client waits for the reply to one question.
        static func latencyOfOneQuestion(_ port: Int) async throws -> Duration {
            try await Self.measure(port, nil).latency
        }

        /// The latency of one question, and how many connections the server was serving
        /// (this one included) when the reply came.
        static func measure(_ port: Int, _ server: TestServer?) async throws -> (latency: Duration, connections: Int) {
            try await withClient(port) { reader, writer in
                _ = try await reader.greeting()
                try await writer.send("/json")
                _ = try await reader.json()
                let start = ContinuousClock.now
                try await writer.send("Quanto dura il congedo di paternità?")
                let reply = try await reader.json()
                let latency = ContinuousClock.now - start
                #expect(reply.string("topic") == "paternita-congedo-obbligatorio")
                return (latency, await server?.server.activeConnections() ?? 0)
            }
        }

        /// 20,000 lines sent at once by a client that never reads (production limits): it
        /// is a flood, the server closes that connection, and another client is answered
        /// quickly meanwhile.
        @Test func twentyThousandLinesWithoutReading() async throws {
            try await withServer { server in
                let flooder = try await connect(server.port)
                let lines = String(repeating: "Quanto dura il congedo parentale?\n", count: 20_000)
                // Not awaited by the test body: the server may reset the connection mid-write.
                let writing = Task {
                    try? await flooder.executeThenClose { _, outbound in
                        try await outbound.write(ByteBuffer(string: lines))
                        try await Task.sleep(for: .seconds(30))
                    }
                }
                defer { writing.cancel() }
                for _ in 0..<5 {
                    let latency = try await Self.latencyOfOneQuestion(server.port)
                    #expect(latency < .milliseconds(500), "a second client waited \(latency)")
                }
                #expect(try await eventually { await server.server.activeConnections() == 0 })
                writing.cancel()
            }
        }

        /// A client that sends within the rate limit but never reads its replies is closed
        /// once its outbound queue passes the bound; another client is answered quickly.
        @Test func clientThatNeverReadsIsDisconnected() async throws {
            let configuration = Fixture.configuration {
                $0.rateLimit = .init(linesPerSecond: 1_000_000, burst: 1_000_000, disconnectAfter: 1_000_000)
                $0.outboundQueueBytes = 64 << 10
            }
            try await withServer(configuration) { server in
                let sleeper = try await connect(server.port, receiveBuffer: 4096)
                let lines = "/json\n" + String(repeating: "Quanto dura il congedo parentale?\n", count: 20_000)
                let writing = Task {
                    try? await sleeper.executeThenClose { _, outbound in
                        try await outbound.write(ByteBuffer(string: lines))
                        try await Task.sleep(for: .seconds(60))
                    }
                }
                defer { writing.cancel() }
                // (Not waiting for it to show as connected: the server may answer its 20,000
                // lines and cut it within one poll.)
                var measures: [(latency: Duration, connections: Int)] = []
                for _ in 0..<5 { measures.append(try await Self.measure(server.port, server)) }
                #expect(measures.allSatisfy { $0.latency < .milliseconds(500) }, "\(measures)")
                // (The client that does not read may already be gone by the first measure:
                // the server answers its 20,000 lines and passes the bound in milliseconds.)
                #expect(try await eventually(within: .seconds(20)) { await server.server.activeConnections() == 0 })
                writing.cancel()
            }
        }

        /// Lines over the rate get rate_limited replies (the connection stays); a flood
        /// past the bound gets an error event and is closed.
        @Test func rateLimitThenFloodDisconnect() async throws {
            let configuration = Fixture.configuration {
                $0.rateLimit = .init(linesPerSecond: 0.001, burst: 5, disconnectAfter: 10)
            }
            try await withServer(configuration) { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send(bytes: Array(String(repeating: "/json\n", count: 16).utf8))
                    var replies: [[String: any Sendable]] = []
                    for _ in 0..<15 { replies.append(try await reader.json()) }
                    #expect(replies.map { $0.int("seq") } == Array(1...15))
                    #expect(replies[..<5].allSatisfy { $0.string("outcome") == "smalltalk" })
                    #expect(replies[5...].allSatisfy { $0.string("reason") == "rate_limited" })
                    let event = try await reader.json()
                    #expect(event.string("type") == "error")
                    #expect(event.string("reason") == "flood")
                    #expect(event["seq"] == nil)
                    #expect(await reader.rest().isEmpty)
                }
            }
        }

        /// The bucket refills: after a pause, lines are read again.
        @Test func rateLimitRefills() async throws {
            let configuration = Fixture.configuration { $0.rateLimit = .init(linesPerSecond: 10, burst: 3) }
            try await withServer(configuration) { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send(bytes: Array(String(repeating: "/json\n", count: 5).utf8))
                    var reasons: [String?] = []
                    for _ in 0..<5 { reasons.append(try await reader.json().string("reason")) }
                    #expect(reasons.prefix(3).allSatisfy { $0 == nil })
                    #expect(reasons.suffix(2).allSatisfy { $0 == "rate_limited" })
                    try await Task.sleep(for: .milliseconds(300))
                    try await writer.send("ciao")
                    #expect(try await reader.json().string("outcome") == "smalltalk")
                }
            }
        }

        /// The token bucket itself, with a fixed clock.
        @Test func tokenBucket() {
            var limiter = RateLimiter(.init(linesPerSecond: 2, burst: 3))
            let start = ContinuousClock.now
            #expect((0..<5).map { _ in limiter.admit(at: start) } == [true, true, true, false, false])
            #expect(limiter.admit(at: start + .milliseconds(400)) == false)
            #expect(limiter.admit(at: start + .milliseconds(500)) == true)
            #expect(limiter.admit(at: start + .seconds(10)) == true)
            #expect(limiter.admit(at: start + .seconds(10)) == true)
            #expect(limiter.admit(at: start + .seconds(10)) == true)
            #expect(limiter.admit(at: start + .seconds(10)) == false)
        }

        /// 2,000 connections at once against a maximum of 1,500: exactly 500 get the error
        /// line and are closed; the others are served; afterwards every place is free.
        @Test func twoThousandConnectionsAreBounded() async throws {
            let total = 2000
            try await withServer(Fixture.configuration { $0.maxConnections = 1500 }, limit: .seconds(100)) { server in
                let gate = Gate(expected: total)
                let firstLines = try await withThrowingTaskGroup(of: String.self, returning: [String].self) { group in
                    for index in 0..<total {
                        // Connect in waves, not to overrun the listen backlog.
                        if index.isMultiple(of: 100) { try await Task.sleep(for: .milliseconds(5)) }
                        group.addTask {
                            try await withClient(server.port) { reader, writer in
                                let first = try await reader.greeting()
                                let served = first.hasPrefix("SPORTELLO sportello/1 ready")
                                if served && index.isMultiple(of: 100) {
                                    try await writer.send("/json")
                                    _ = try await reader.json()
                                    try await writer.send("Quanto dura il congedo di paternità?")
                                    #expect(try await reader.json().string("topic") == "paternita-congedo-obbligatorio")
                                }
                                await gate.arrive()
                                // A served client holds its place until every client has its first line.
                                if served { try await gate.wait() } else { #expect(await reader.rest().isEmpty) }
                                return first
                            }
                        }
                    }
                    var lines: [String] = []
                    for try await line in group { lines.append(line) }
                    return lines
                }
                let served = firstLines.filter { $0.hasPrefix("SPORTELLO sportello/1 ready") }.count
                let refused = firstLines.filter {
                    $0.hasPrefix("SPORTELLO sportello/1 error too_many_connections")
                }.count
                #expect(served == 1500)
                #expect(refused == 500)
                #expect(try await eventually { await server.server.activeConnections() == 0 })
                _ = try await Self.latencyOfOneQuestion(server.port)
            }
        }
    }
}

/// Lets waiting clients go once `expected` clients arrived.
actor Gate {
    private let expected: Int
    private var arrived = 0

    init(expected: Int) { self.expected = expected }

    func arrive() { self.arrived += 1 }

    var isOpen: Bool { self.arrived >= self.expected }

    /// Waits (cancellably) until the gate opens.
    nonisolated func wait() async throws {
        while !(await self.isOpen) { try await Task.sleep(for: .milliseconds(50)) }
    }
}
