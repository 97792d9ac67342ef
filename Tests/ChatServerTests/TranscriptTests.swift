import Desk
import Foundation
import Testing

@testable import ChatServer

extension ServerTests {
    @Suite("Transcripts")
    struct TranscriptTests {
        /// Every turn is stored, redacted: a codice fiscale becomes [codice fiscale].
        @Test func turnsAreStoredRedacted() async throws {
            try await withServer { server in
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("Il mio codice fiscale è RSSMRA85T10F205Z, quanto dura il congedo di paternità?")
                    _ = try await reader.block()
                    try await writer.send("scrivetemi a mario.rossi@example.com")
                    _ = try await reader.block()
                }
                let sessions = try await server.transcripts()
                #expect(sessions.count == 1)
                let turns = sessions.first ?? []
                #expect(turns.count == 2)
                #expect(turns.first?.userText.contains("[codice fiscale]") == true)
                #expect(turns.allSatisfy { !$0.userText.contains("RSSMRA85T10F205Z") })
                #expect(turns.first?.topic == "paternita-congedo-obbligatorio")
                #expect(turns.first?.outcome == "answer")
                #expect(turns.last?.userText.contains("[email]") == true)
            }
        }

        /// Each connection is its own session, with its own random id.
        @Test func eachConnectionIsASession() async throws {
            try await withServer { server in
                for _ in 0..<3 {
                    try await withClient(server.port) { reader, writer in
                        _ = try await reader.greeting()
                        try await writer.send("ciao")
                        _ = try await reader.block()
                    }
                }
                let sessions = try await server.transcripts()
                #expect(sessions.count == 3)
                #expect(Set(sessions.compactMap { $0.first?.session }).count == 3)
            }
        }

        /// /forget deletes this session's turns (queued or stored) and says how many;
        /// other sessions keep theirs; later turns are recorded again.
        @Test func forgetDeletesTheSessionsTranscript() async throws {
            try await withServer { server in
                // Another session, which must survive.
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("ciao")
                    _ = try await reader.block()
                }
                try await withClient(server.port) { reader, writer in
                    _ = try await reader.greeting()
                    try await writer.send("Quanto dura il congedo di maternità?")
                    _ = try await reader.block()
                    await server.recorder.flush()  // one turn stored…
                    try await writer.send("ed è retribuito?")  // …one still queued
                    _ = try await reader.block()
                    try await writer.send("/json")
                    _ = try await reader.json()
                    try await writer.send("/forget")
                    let reply = try await reader.json()
                    #expect(reply.int("seq") == 4)
                    #expect(reply.string("text")?.contains("3 turni") == true)
                    try await writer.send("grazie")
                    _ = try await reader.json()
                }
                let sessions = try await server.transcripts()
                #expect(sessions.count == 2)
                #expect(sessions[0].count == 1)
                #expect(sessions[1].map(\.userText) == ["grazie"])
            }
        }
    }

    @Suite("Shutdown")
    struct ShutdownTests {
        /// Graceful shutdown: connected clients get a notice (no seq), the connections
        /// close, run() returns, the recorder's queued turns are written, no new connection.
        @Test func gracefulShutdownNotifiesAndFlushes() async throws {
            // A recorder that would only write after an hour: the shutdown must flush it.
            let server = try await TestServer.start(recorderBatch: 100_000, recorderInterval: .seconds(3600))
            do {
                try await withTimeout(.seconds(30)) {
                    try await withClient(server.port) { reader, writer in
                        _ = try await reader.greeting()
                        try await writer.send("/json")
                        _ = try await reader.json()
                        try await writer.send("Quanto dura il congedo di paternità?")
                        _ = try await reader.json()
                        #expect(try await server.store.count() == 0)
                        server.server.triggerGracefulShutdown()
                        let notice = try await reader.json()
                        #expect(notice.string("type") == "notice")
                        #expect(notice.string("reason") == "shutdown")
                        #expect(notice["seq"] == nil)
                        #expect(try await reader.line() == nil)
                    }
                    try await server.running.value
                    #expect(try await server.store.count() == 2)
                    await #expect(throws: (any Error).self) { _ = try await connect(server.port) }
                }
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }

        /// A text client gets the notice as a "!" block.
        @Test func shutdownNoticeInTextMode() async throws {
            let server = try await TestServer.start()
            do {
                try await withTimeout(.seconds(30)) {
                    try await withClient(server.port) { reader, _ in
                        _ = try await reader.greeting()
                        server.server.triggerGracefulShutdown()
                        let notice = try await reader.block()
                        #expect(notice.first?.hasPrefix("! notice shutdown: ") == true)
                        #expect(try await reader.line() == nil)
                    }
                }
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }
    }
}
