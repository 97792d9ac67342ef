import Foundation
import NIOCore
import Testing

@testable import ChatServer

extension ServerTests {
    @Suite("Protocol")
    struct ProtocolTests {
        /// The first line names the protocol version.
        @Test func greetingNamesTheProtocol() async throws {
            try await withServer { server in
                let greeting = try await withClient(server.port) { reader, _ in try await reader.greeting() }
                #expect(greeting.hasPrefix("SPORTELLO sportello/1 ready"))
            }
        }

        /// In JSON mode every line gets exactly one reply whose seq counts the client's
        /// lines from 1, the /json line included; the other fields are the contract's.
        @Test func jsonModeNumbersEveryLine() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    for line in ["/json", "ciao", "", "Quanto dura il congedo di paternità?", "/boh"] {
                        try await writer.send(line)
                    }
                    var replies: [[String: any Sendable]] = []
                    for _ in 0..<5 { replies.append(try await reader.json()) }
                    #expect(replies.map { $0.int("seq") } == [1, 2, 3, 4, 5])
                    #expect(replies.allSatisfy { $0.string("type") == "reply" })
                    for reply in replies {
                        for key in ["q", "outcome", "topic", "card", "score", "lang", "text", "sources", "options"] {
                            #expect(reply[key] != nil, "missing \(key) in \(reply)")
                        }
                    }
                    #expect(replies[0].string("q") == "/json")
                    #expect(replies[1].string("outcome") == "smalltalk")
                    #expect(replies[2].string("reason") == "empty_line")
                    #expect(replies[3].string("outcome") == "answer")
                    #expect(replies[3].string("topic") == "paternita-congedo-obbligatorio")
                    #expect(replies[4].string("reason") == "unknown_command")
                }
            }
        }

        /// seq counts every line of the connection, also those sent before /json.
        @Test func seqCountsLinesBeforeJSON() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("ciao")
                    _ = try await reader.block()
                    try await writer.send("/json")
                    let reply = try await reader.json()
                    #expect(reply.int("seq") == 2)
                    // The /text reply is already in text, like the /json reply is in JSON.
                    try await writer.send("/text")
                    let back = try await reader.block()
                    #expect(back.first?.hasPrefix("Modalità testo") == true)
                    try await writer.send("grazie")
                    let text = try await reader.block()
                    #expect(!text.isEmpty)
                }
            }
        }

        /// Text mode: each reply ends with a line holding a single "."; sources are listed.
        @Test func textModeEndsEachReplyWithADot() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("ciao")
                    try await writer.send("Quanto dura il congedo di maternità?")
                    let hello = try await reader.block()
                    let answer = try await reader.block()
                    #expect(!hello.isEmpty)
                    #expect(answer.contains { $0.contains("5 mesi") })
                    #expect(answer.contains { $0.hasPrefix("Fonti: ") })
                }
            }
        }

        /// Dot-stuffing: a body line starting with "." or "!" gets one more "." in front.
        @Test func textBlocksAreDotStuffed() {
            #expect(WireMode.block("a\n.\n.b\n!c\r\nd\re\u{2028}f") == "a\n..\n..b\n.!c\nd\ne\nf\n.\n")
        }

        /// The conversation has context over the socket: follow-ups and a flow.
        @Test func conversationKeepsContext() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    let turns = [
                        "Quanto dura il congedo di maternità?", "ed è retribuito?", "e per il padre?",
                        "Calcolami il congedo di paternità", "il 2/04/2027",
                    ]
                    var replies: [[String: any Sendable]] = []
                    for turn in turns {
                        try await writer.send(turn)
                        replies.append(try await reader.json())
                    }
                    #expect(replies[0].string("topic") == "maternita-congedo-obbligatorio")
                    #expect(replies[1].string("topic") == "maternita-congedo-obbligatorio")
                    #expect(replies[1].string("text")?.contains("80%") == true)
                    #expect(replies[2].string("topic") == "paternita-congedo-obbligatorio")
                    #expect(replies[3].string("outcome") == "ask")
                    #expect(replies[3].string("slot") == "data_presunta")
                    #expect(replies[4].string("outcome") == "answer")
                    #expect(replies[4].string("topic") == "paternita-congedo-obbligatorio")
                }
            }
        }

        /// Tickets, feedback, the operator and operator commands come with a later
        /// version: the server says so and fakes nothing.
        @Test func laterFeaturesAreNotAvailable() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    let commands = [
                        "/ticket AB12CD", "/feedback + utile", "/feedback - non chiaro", "/operatore", "/login anna",
                        "/queue", "/take 3",
                    ]
                    for command in commands {
                        try await writer.send(command)
                        let reply = try await reader.json()
                        #expect(reply.string("outcome") == "fallback", "\(command)")
                        #expect(reply.string("reason") == "not_available", "\(command)")
                        #expect(reply.string("text")?.contains("non ") == true, "\(command)")
                    }
                }
            }
        }

        /// An unknown command, /help (with the server's commands), /lang, /reset.
        @Test func sessionCommands() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    try await writer.send("/frobnicate now")
                    #expect(try await reader.json().string("reason") == "unknown_command")
                    try await writer.send("/help")
                    let help = try await reader.json()
                    #expect(help.string("text")?.contains("/json") == true)
                    #expect(help.string("text")?.contains("/forget") == true)
                    try await writer.send("/lang en")
                    #expect(try await reader.json().string("lang") == "en")
                    try await writer.send("/ticket X")
                    #expect(try await reader.json().string("text")?.contains("not available") == true)
                    try await writer.send("/reset")
                    #expect(try await reader.json().string("outcome") == "smalltalk")
                }
            }
        }

        /// Empty lines get a reply of their own; CRLF is accepted (the CR is not part of the line).
        @Test func emptyLinesAndCRLF() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send(bytes: Array("/json\r\nciao\r\n\r\n\n   \r\n".utf8))
                    var replies: [[String: any Sendable]] = []
                    for _ in 0..<5 { replies.append(try await reader.json()) }
                    #expect(replies.map { $0.int("seq") } == [1, 2, 3, 4, 5])
                    #expect(replies[1].string("q") == "ciao")
                    #expect(replies[1].string("outcome") == "smalltalk")
                    #expect(replies[2...].allSatisfy { $0.string("reason") == "empty_line" })
                }
            }
        }

        /// /quit: the reply, then the server closes.
        @Test func quitClosesAfterTheReply() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("/quit")
                    let goodbye = try await reader.block()
                    #expect(goodbye.first?.contains("Arrivederci") == true)
                    #expect(try await reader.line() == nil)
                }
            }
        }
    }
}
