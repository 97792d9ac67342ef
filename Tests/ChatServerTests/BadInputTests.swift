import Foundation
import NIOCore
import Testing

@testable import ChatServer

#if canImport(Glibc)
import Glibc
#endif

extension ServerTests {
    @Suite("Bad input")
    struct BadInputTests {
        /// A 1 MiB line gets a line_too_long reply and the session goes on.
        @Test func overLongLineThenTheSessionGoesOn() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    // Whole, in one write…
                    try await writer.send(String(repeating: "a", count: 1 << 20))
                    // …and in pieces, with a CRLF at the end.
                    for _ in 0..<16 { try await writer.send(bytes: Array(repeating: UInt8(ascii: "b"), count: 64 << 10)) }
                    try await writer.send(bytes: Array("\r\n".utf8))
                    try await writer.send("Quanto dura il congedo di paternità?")
                    let first = try await reader.json()
                    let second = try await reader.json()
                    let answer = try await reader.json()
                    #expect(first.int("seq") == 2)
                    #expect(first.string("reason") == "line_too_long")
                    #expect((first.string("q")?.count ?? .max) < 100)
                    #expect(second.int("seq") == 3)
                    #expect(second.string("reason") == "line_too_long")
                    #expect(answer.int("seq") == 4)
                    #expect(answer.string("topic") == "paternita-congedo-obbligatorio")
                }
            }
        }

        /// The limit is exact: maxLineBytes passes (also with CRLF), one more does not.
        @Test func lineLimitIsExact() async throws {
            try await withServer(Fixture.configuration { $0.maxLineBytes = 64 }) { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    let fits = String(repeating: "x", count: 64)
                    try await writer.send(bytes: Array((fits + "\n" + fits + "\r\n" + fits + "y\n" + fits + "\r\r\n").utf8))
                    var reasons: [String?] = []
                    for _ in 0..<4 { reasons.append(try await reader.json().string("reason")) }
                    #expect(reasons[0] != "line_too_long")
                    #expect(reasons[1] != "line_too_long")
                    #expect(reasons[2] == "line_too_long")
                    #expect(reasons[3] == "line_too_long")
                }
            }
        }

        /// Repeated over-long lines are abuse: an error event, then the server closes.
        @Test func repeatedOverLongLinesClose() async throws {
            let configuration = Fixture.configuration {
                $0.maxLineBytes = 100
                $0.maxOverlongLines = 3
            }
            try await withServer(configuration) { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    for _ in 0..<4 { try await writer.send(String(repeating: "z", count: 500)) }
                    for seq in 2...5 {
                        let reply = try await reader.json()
                        #expect(reply.int("seq") == seq)
                        #expect(reply.string("reason") == "line_too_long")
                    }
                    let event = try await reader.json()
                    #expect(event.string("type") == "error")
                    #expect(event.string("reason") == "too_many_long_lines")
                    #expect(event["seq"] == nil)
                    #expect(await reader.rest().isEmpty)
                }
            }
        }

        /// Invalid UTF-8 gets invalid_utf8 and the session goes on.
        @Test func invalidUTF8() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    let bad: [[UInt8]] = [
                        [0xFF, 0xFE, 0x61], [0x63, 0x69, 0x61, 0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
                    ]
                    for bytes in bad { try await writer.send(bytes: bytes + [0x0A]) }
                    for _ in bad {
                        let reply = try await reader.json()
                        #expect(reply.string("reason") == "invalid_utf8")
                        #expect(reply.string("outcome") == "fallback")
                    }
                    try await writer.send("ciao")
                    #expect(try await reader.json().string("outcome") == "smalltalk")
                }
            }
        }

        /// NUL, other control characters and ANSI escapes: control_characters, in text mode too.
        @Test func controlCharactersAndANSIEscapes() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("ciao\u{0}mondo")
                    let text = try await reader.block()
                    #expect(text.joined().contains("caratteri di controllo"))
                    try await writer.send("/json")
                    _ = try await reader.json()
                    for line in ["\u{1B}[31mrosso\u{1B}[0m", "a\u{7}b", "x\u{7F}y", "c\u{85}d", "a\rb"] {
                        try await writer.send(line)
                        let reply = try await reader.json()
                        #expect(reply.string("reason") == "control_characters", "\(line.debugDescription)")
                    }
                    try await writer.send("congedo\tparentale")
                    #expect(try await reader.json().string("reason") != "control_characters")
                }
            }
        }

        /// FTS5 query syntax and SQL fragments are just text: answered, nothing breaks.
        @Test func ftsAndSQLSyntaxIsJustText() async throws {
            try await withServer { server in
                let lines = [
                    "\"congedo", "congedo*", "NEAR(congedo paternità)", "title:congedo", "congedo AND OR NOT",
                    "'; DROP TABLE transcript; --", "\") OR 1=1 --", "*", "^congedo", "{title body}: congedo",
                    "congedo parentale\" OR \"", "SELECT * FROM sqlite_master",
                ]
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    let outcomes = Set(["answer", "clarify", "ask", "escalate", "out_of_scope", "smalltalk", "fallback"])
                    for line in lines {
                        try await writer.send(line)
                        let reply = try await reader.json()
                        #expect(outcomes.contains(reply.string("outcome") ?? ""), "\(line)")
                        #expect(reply.string("q") == line)
                    }
                    try await writer.send("Quanto dura il congedo di paternità?")
                    #expect(try await reader.json().string("topic") == "paternita-congedo-obbligatorio")
                }
                let stored = try await server.transcripts().flatMap { $0 }
                #expect(stored.map(\.userText).contains("'; DROP TABLE transcript; --"))
                #expect(try await server.store.count() == lines.count + 2)
            }
        }

        /// A line sent in pieces is one line.
        @Test func partialLinesAreJoined() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    try await writer.send(bytes: Array("Quanto dura il con".utf8))
                    try await Task.sleep(for: .milliseconds(100))
                    try await writer.send(bytes: Array("gedo di paternit".utf8))
                    try await Task.sleep(for: .milliseconds(100))
                    try await writer.send(bytes: Array("à?\n".utf8))
                    let reply = try await reader.json()
                    #expect(reply.int("seq") == 2)
                    #expect(reply.string("topic") == "paternita-congedo-obbligatorio")
                }
            }
        }

        /// A client that half-closes after its lines (the last one without LF) still gets
        /// every reply, then the server closes.
        @Test func halfCloseAfterAPartialLine() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    try await writer.send("ciao")
                    try await writer.send(bytes: Array("Quanto dura il congedo di paternità?".utf8))
                    writer.finish()
                    let replies = await reader.rest()
                    #expect(replies.count == 3)
                    #expect(replies.last?.contains("paternita-congedo-obbligatorio") == true)
                }
            }
        }

        /// A half-open connection that says nothing gets the idle notice (text), then is closed.
        @Test func idleConnectionGetsANoticeThenIsClosed() async throws {
            try await withServer(Fixture.configuration { $0.idleTimeout = .seconds(1) }) { server in
                let started = ContinuousClock.now
                try await withClient(server.port) { reader, _ in
                    _ = try await reader.greeting()
                    let notice = try await reader.block()
                    #expect(notice.count == 1)
                    #expect(notice.first?.hasPrefix("! notice idle_timeout: ") == true)
                    #expect(try await reader.line() == nil)
                }
                #expect(ContinuousClock.now - started >= .milliseconds(900))
            }
        }

        /// The idle timer restarts with every line; in JSON mode the notice has no seq.
        @Test func idleNoticeInJSONMode() async throws {
            try await withServer(Fixture.configuration { $0.idleTimeout = .milliseconds(800) }) { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    for _ in 0..<3 {
                        try await Task.sleep(for: .milliseconds(400))
                        try await writer.send("ciao")
                        #expect(try await reader.json().string("type") == "reply")
                    }
                    let notice = try await reader.json()
                    #expect(notice.string("type") == "notice")
                    #expect(notice.string("reason") == "idle_timeout")
                    #expect(notice["seq"] == nil)
                    #expect(try await reader.line() == nil)
                }
            }
        }

        /// Clients that vanish in the middle of their replies (reset or plain close) harm
        /// nobody: the server goes on and frees their places.
        @Test func clientsVanishingMidReply() async throws {
            try await withServer(Fixture.configuration { $0.rateLimit.burst = 1000 }) { server in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            let channel = try await connect(server.port)
                            let questions = String(repeating: "Quanto dura il congedo parentale?\n", count: 200)
                            try await channel.executeThenClose { _, outbound in
                                try await outbound.write(ByteBuffer(string: "/json\n" + questions))
                                try await Task.sleep(for: .milliseconds(20))
                                if index.isMultiple(of: 2) {
                                    // SO_LINGER 0: the close sends a reset at once.
                                    let provider = channel.channel as? any SocketOptionProvider
                                    try await provider?.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    try await writer.send("ciao")
                    #expect(try await reader.json().string("outcome") == "smalltalk")
                }
                #expect(try await eventually { await server.server.activeConnections() == 0 })
            }
        }
    }
}
