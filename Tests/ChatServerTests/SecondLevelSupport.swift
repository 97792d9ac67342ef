import Desk
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import ChatServer

/// A clock the tests move (past a back-off, say) instead of sleeping.
final class TestClock: Sendable {
    private let now = Mutex(Date())

    func callAsFunction() -> Date { self.now.withLock { $0 } }

    func advance(by seconds: TimeInterval) { self.now.withLock { $0 += seconds } }
}

/// A server with the second level: tickets and advisors over a real SQLite file.
struct DeskServer: Sendable {
    let base: TestServer
    let clock: TestClock

    var port: Int { self.base.port }
    var store: SQLiteDeskStore { self.base.store }
    var secondLevel: SecondLevel { self.base.secondLevel! }

    /// Creates an advisor's account; returns its token.
    func addOperator(_ name: String, role: OperatorAccount.Role = .operator, skills: [String]) async throws -> String {
        try await self.store.addOperator(name: name, role: role, skills: skills)
    }

    /// The stored ticket with this code, which must be there.
    func ticket(_ code: String) async throws -> Ticket {
        try #require(try await self.store.ticket(code: code))
    }

    /// Every stored turn of every session.
    func allTurns() async throws -> [TranscriptEntry] {
        try await self.base.transcripts().flatMap { $0 }
    }
}

/// Starts a server with a second level (`settings`), runs `body` within `limit`, stops it.
func withDesk(
    _ settings: SecondLevelSettings = SecondLevelSettings(), configuration: ServerConfiguration = Fixture.configuration(),
    limit: Duration = .seconds(20), _ body: @escaping @Sendable (DeskServer) async throws -> Void
) async throws {
    let clock = TestClock()
    let base = try await TestServer.start(configuration, secondLevel: settings, clock: { clock() })
    let desk = DeskServer(base: base, clock: clock)
    do {
        try await withTimeout(limit) { try await body(desk) }
    } catch {
        await base.stop()
        throw error
    }
    await base.stop()
}

/// A JSON object the server sent.
typealias Message = [String: any Sendable]

extension Dictionary where Key == String, Value == any Sendable {
    var type: String? { self.string("type") }
    var reason: String? { self.string("reason") }
    func object(_ key: String) -> Message? { self[key] as? Message }
    func array(_ key: String) -> [any Sendable]? { self[key] as? [any Sendable] }
    func bool(_ key: String) -> Bool? { (self[key] as? Double).map { $0 != 0 } ?? (self[key] as? Bool) }
}

/// One client in JSON mode. Replies and pushes may come in any order between them: what
/// is read while looking for something else waits in the inbox for a later look.
final class Peer {
    private var reader: LineReader
    let writer: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Read but not yet asked for, in order.
    private(set) var inbox: [Message] = []
    /// Every line read, as it came.
    private(set) var raw: [String] = []

    fileprivate init(reader: LineReader, writer: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.reader = reader
        self.writer = writer
    }

    func send(_ line: String) async throws { try await self.writer.send(line) }

    /// The first line (not JSON).
    fileprivate func greeting() async throws -> String {
        let line = try await self.reader.greeting()
        self.raw.append(line)
        return line
    }

    /// The first message (in the inbox, then from the socket) for which `matches` holds.
    func next(_ what: String, where matches: (Message) -> Bool) async throws -> Message {
        if let index = self.inbox.firstIndex(where: matches) { return self.inbox.remove(at: index) }
        while true {
            let line = try await self.reader.expectLine(what)
            self.raw.append(line)
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let dictionary = object as? [String: Any] else { throw LineReader.Closed(expecting: "\(what), got \(line)") }
            let message = Self.message(dictionary)
            if matches(message) { return message }
            self.inbox.append(message)
        }
    }

    /// The next reply to one of this client's lines.
    func reply() async throws -> Message { try await self.next("a reply") { $0.type == "reply" } }

    /// Sends a line and returns its reply.
    func ask(_ line: String) async throws -> Message {
        try await self.send(line)
        return try await self.reply()
    }

    /// The next pushed event of this type (and satisfying `matches`).
    func push(_ type: String, where matches: (Message) -> Bool = { _ in true }) async throws -> Message {
        try await self.next("a \(type) event") { $0.type == type && matches($0) }
    }

    /// Pushed events of this type read so far and not yet asked for.
    func pending(_ type: String) -> [Message] { self.inbox.filter { $0.type == type } }

    /// Logs in; the reply must say `logged_in`.
    func login(_ name: String, _ token: String) async throws {
        let reply = try await self.ask("/login \(name) \(token)")
        try #require(reply.reason == "logged_in", "login of \(name): \(reply)")
    }

    /// Asks a question of the desk, then for an operator with `request`; returns the
    /// reply that opened the ticket, and the ticket's code and secret.
    func openTicket(after question: String? = "Quanto dura il congedo di paternità?", _ request: String = "/operatore")
        async throws -> (reply: Message, code: String, secret: String)
    {
        if let question {
            let answer = try await self.ask(question)
            try #require(answer.string("outcome") == "answer", "\(answer)")
        }
        let reply = try await self.ask(request)
        let ticket = try #require(reply.object("ticket"), "no ticket in \(reply)")
        let code = try #require(ticket.string("code"))
        let secret = try #require(ticket.string("secret"))
        return (reply, code, secret)
    }

    private static func message(_ dictionary: [String: Any]) -> Message {
        dictionary.mapValues { LineReader.sendable($0) }
    }
}

/// A client in JSON mode (after the greeting and `/json`); closed after `body`.
func withPeer<T: Sendable>(_ port: Int, _ body: (Peer) async throws -> T) async throws -> T {
    let channel = try await connect(port)
    return try await channel.executeThenClose { inbound, outbound in
        let peer = Peer(reader: LineReader(inbound.makeAsyncIterator()), writer: outbound)
        let greeting = try await peer.greeting()
        try #require(greeting.hasPrefix("SPORTELLO sportello/1 ready"), "greeting: \(greeting)")
        let json = try await peer.ask("/json")
        try #require(json.string("outcome") == "smalltalk")
        return try await body(peer)
    }
}
