import Desk
import Dialogue
import Foundation
import Knowledge
import NIOCore
import NIOPosix
import TextAnalysis
import Testing

@testable import ChatServer

/// The real engine on the shipped knowledge base, as of a fixed day; loaded once.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let day = Day(year: 2026, month: 11, day: 29)!
    static let engine: Engine = {
        // A broken shipped knowledge base is a test failure, not something to recover from.
        do {
            return try EngineLoader.load(ProjectLayout(root: root), today: day, useIndex: false).0
        } catch {
            fatalError("the shipped knowledge base does not load: \(error)")
        }
    }()

    /// A configuration for tests: loopback, an ephemeral port, the production limits
    /// unless changed by `adjust`.
    static func configuration(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) -> ServerConfiguration {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        adjust(&configuration)
        return configuration
    }
}

/// A test took too long.
struct TimedOut: Error, CustomStringConvertible {
    let what: String
    let limit: Duration
    var description: String { "\(self.what) did not finish within \(self.limit)" }
}

/// Runs `body`, failing with ``TimedOut`` (and cancelling it) after `limit`.
func withTimeout<T: Sendable>(
    _ limit: Duration, _ what: String = "the test", _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimedOut(what: what, limit: limit)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TimedOut(what: what, limit: limit) }
        return first
    }
}

/// Polls `condition` every 20 ms until it holds or `limit` passes; returns whether it held.
func eventually(within limit: Duration = .seconds(5), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// Remembers which sessions wrote transcripts (the ids are random per connection).
actor SessionLog {
    private(set) var sessions: [String] = []

    func add(_ entries: [TranscriptEntry]) {
        for entry in entries where !self.sessions.contains(entry.session) { self.sessions.append(entry.session) }
    }
}

/// The real SQLite store, noting the sessions it sees.
struct SpyStore: DeskStore {
    let base: SQLiteDeskStore
    let log: SessionLog

    func append(_ entries: [TranscriptEntry]) async throws {
        await self.log.add(entries)
        try await self.base.append(entries)
    }
    func transcript(session: String) async throws -> [TranscriptEntry] { try await self.base.transcript(session: session) }
    func forget(session: String) async throws -> Int { try await self.base.forget(session: session) }
    func purge(olderThan date: Date) async throws -> Int { try await self.base.purge(olderThan: date) }
    func count() async throws -> Int { try await self.base.count() }
}

/// A server on an ephemeral port with a real SQLite file in a temporary folder.
struct TestServer: Sendable {
    let server: ChatServer
    let store: SQLiteDeskStore
    let sessions: SessionLog
    let recorder: TranscriptRecorder
    let folder: URL
    let running: Task<Void, any Error>
    /// Tickets and advisors, when the server was started with them.
    let secondLevel: SecondLevel?

    var port: Int { self.server.port }

    /// - Parameters:
    ///   - secondLevel: the second level's settings; nil: a server without tickets and advisors.
    ///   - clock: the second level's clock (tests move it past back-offs).
    static func start(
        _ configuration: ServerConfiguration = Fixture.configuration(), recorderBatch: Int = 256,
        recorderInterval: Duration = .milliseconds(50), secondLevel settings: SecondLevelSettings? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sportello-server-tests-\(UUID().uuidString)")
        let store = try SQLiteDeskStore(path: folder.appendingPathComponent("desk.sqlite").path)
        let sessions = SessionLog()
        let recorder = TranscriptRecorder(
            store: SpyStore(base: store, log: sessions), batchSize: recorderBatch, interval: recorderInterval)
        let secondLevel = settings.map { SecondLevel(store: store, engine: Fixture.engine, settings: $0, clock: clock) }
        let server = try await ChatServer.bind(
            configuration: configuration, engine: Fixture.engine, recorder: recorder, secondLevel: secondLevel,
            today: { Fixture.day })
        let running = Task { try await server.run() }
        return TestServer(
            server: server, store: store, sessions: sessions, recorder: recorder, folder: folder, running: running,
            secondLevel: secondLevel)
    }

    /// Graceful shutdown, bounded: after 10 s the server task is cancelled and the test fails.
    func stop() async {
        self.server.triggerGracefulShutdown()
        do {
            try await withTimeout(.seconds(10), "the graceful shutdown") { try await self.running.value }
        } catch {
            self.running.cancel()
            Issue.record("server did not stop cleanly: \(error)")
        }
        try? FileManager.default.removeItem(at: self.folder)
    }

    /// The stored turns of every session, in the order the sessions first wrote.
    func transcripts() async throws -> [[TranscriptEntry]] {
        await self.recorder.flush()
        var result: [[TranscriptEntry]] = []
        for session in await self.sessions.sessions { result.append(try await self.store.transcript(session: session)) }
        return result
    }
}

/// Starts a server, runs `body` within `limit`, then stops the server (always).
func withServer(
    _ configuration: ServerConfiguration = Fixture.configuration(), limit: Duration = .seconds(60),
    recorderBatch: Int = 256, recorderInterval: Duration = .milliseconds(50),
    _ body: @escaping @Sendable (TestServer) async throws -> Void
) async throws {
    let server = try await TestServer.start(
        configuration, recorderBatch: recorderBatch, recorderInterval: recorderInterval)
    do {
        try await withTimeout(limit) { try await body(server) }
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

typealias ClientChannel = NIOAsyncChannel<ByteBuffer, ByteBuffer>

/// Connects to the server; `receiveBuffer` sets SO_RCVBUF (a small one makes a client
/// that does not read fill up quickly).
func connect(_ port: Int, receiveBuffer: Int? = nil) async throws -> ClientChannel {
    var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    if let receiveBuffer {
        bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBuffer))
    }
    return try await bootstrap.connect(host: "127.0.0.1", port: port) { channel in
        channel.eventLoop.makeCompletedFuture {
            try ClientChannel(
                wrappingChannelSynchronously: channel,
                configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }
}

/// A client session: `body` reads lines and writes bytes; the connection closes after it.
func withClient<T: Sendable>(
    _ port: Int, receiveBuffer: Int? = nil,
    _ body: (inout LineReader, NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws -> T
) async throws -> T {
    let channel = try await connect(port, receiveBuffer: receiveBuffer)
    return try await channel.executeThenClose { inbound, outbound in
        var reader = LineReader(inbound.makeAsyncIterator())
        return try await body(&reader, outbound)
    }
}

extension NIOAsyncChannelOutboundWriter<ByteBuffer> {
    /// Sends `text` followed by LF.
    func send(_ text: String) async throws {
        try await self.write(ByteBuffer(string: text + "\n"))
    }

    /// Sends these bytes as they are.
    func send(bytes: [UInt8]) async throws {
        try await self.write(ByteBuffer(bytes: bytes))
    }
}

/// Reads what the server sends, line by line.
struct LineReader {
    /// The server closed the connection where a line was expected.
    struct Closed: Error, CustomStringConvertible {
        let expecting: String
        var description: String { "the server closed the connection while the test expected \(self.expecting)" }
    }

    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var pending: [UInt8] = []
    private var finished = false

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

    /// The next line without its LF; nil when the server closed the connection.
    mutating func line() async throws -> String? {
        while true {
            if let newline = self.pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: self.pending[..<newline], as: UTF8.self)
                self.pending.removeSubrange(...newline)
                return line
            }
            if self.finished {
                guard !self.pending.isEmpty else { return nil }
                defer { self.pending.removeAll() }
                return String(decoding: self.pending, as: UTF8.self)
            }
            if let buffer = try await self.iterator.next() {
                self.pending.append(contentsOf: buffer.readableBytesView)
            } else {
                self.finished = true
            }
        }
    }

    /// The next line, which must be there.
    mutating func expectLine(_ what: String = "a line") async throws -> String {
        guard let line = try await self.line() else { throw Closed(expecting: what) }
        return line
    }

    /// The first line of a connection (the greeting).
    mutating func greeting() async throws -> String {
        try await self.expectLine("the greeting")
    }

    /// A text-mode block: its lines up to (not including) the `.` line.
    mutating func block() async throws -> [String] {
        var lines: [String] = []
        while true {
            let line = try await self.expectLine("the end of a text reply")
            if line == "." { return lines }
            lines.append(line)
        }
    }

    /// The next line as a JSON object.
    mutating func json() async throws -> [String: any Sendable] {
        let line = try await self.expectLine("a JSON line")
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        guard let dictionary = object as? [String: Any] else {
            throw Closed(expecting: "a JSON object, got \(line)")
        }
        return dictionary.mapValues { Self.sendable($0) }
    }

    /// Everything until the server closes the connection (a reset counts as closed).
    mutating func rest() async -> [String] {
        var lines: [String] = []
        while let line = try? await self.line() { lines.append(line) }
        return lines
    }

    /// A JSON value from JSONSerialization as a Sendable value (numbers as Double).
    static func sendable(_ value: Any) -> any Sendable {
        switch value {
        case is NSNull: JSONNull()
        case let text as String: text
        case let number as NSNumber: number.doubleValue
        case let array as [Any]: array.map { sendable($0) }
        case let dictionary as [String: Any]: dictionary.mapValues { sendable($0) }
        default: "\(value)"
        }
    }
}

/// A JSON `null`.
struct JSONNull: Sendable, Equatable {}

extension Dictionary where Key == String, Value == any Sendable {
    func string(_ key: String) -> String? { self[key] as? String }
    func int(_ key: String) -> Int? { (self[key] as? Double).map { Int($0) } }
}
