import Desk
import Dialogue
import Foundation
import Testing

@testable import ChatServer

/// Settings from the configuration file, the environment and the flags (no sockets).
@Suite("Server setup")
struct SetupTests {
    @Test func serverSectionIsRead() throws {
        let text = """
            knowledge:
              index: x.sqlite   # comment
            server:
              host: 0.0.0.0
              port: 7500   # the port
              database: "data/desk.sqlite"
              retention_days: 30
              rate_limit: 12.5

            retrieval:
              port: 1
            """
        let settings = try ServerSettings.parse(text, file: "s.yaml")
        #expect(settings.host == "0.0.0.0")
        #expect(settings.port == 7500)
        #expect(settings.database == "data/desk.sqlite")
        #expect(settings.retentionDays == 30)
        #expect(settings.rateLimit == 12.5)
        #expect(settings.maxConnections == nil)
    }

    @Test func badServerSettingsNameTheirLine() {
        #expect(throws: ServerSettingsError(file: "s.yaml", line: 3, message: "server.port must be a whole number between 0 and 65535 (got \"seventy\")")) {
            try ServerSettings.parse("a: 1\nserver:\n  port: seventy\n", file: "s.yaml")
        }
        #expect(throws: ServerSettingsError.self) { try ServerSettings.parse("server:\n  prot: 1\n", file: "s.yaml") }
        #expect(throws: ServerSettingsError.self) { try ServerSettings.parse("server: {port: 1}\n", file: "s.yaml") }
        #expect(throws: ServerSettingsError.self) { try ServerSettings.parse("server:\n  retention_days: 0\n", file: "s.yaml") }
    }

    @Test func noServerSectionMeansDefaults() throws {
        #expect(try ServerSettings.parse("retrieval:\n  k1: 1.2\n", file: "s.yaml") == ServerSettings())
    }

    /// Flags beat the environment, which beats the file; the database defaults under the root.
    @Test func precedenceAndDefaults() throws {
        var options = ServerSetup.Options()
        options.root = Fixture.root.path
        let defaults = try ServerSetup.resolve(options, environment: [:])
        #expect(defaults.configuration.host == "127.0.0.1")
        #expect(defaults.configuration.port == 7462)
        #expect(defaults.databasePath == Fixture.root.appendingPathComponent(".sportello/desk.sqlite").standardizedFileURL.path)
        #expect(defaults.retentionDays == 180)
        #expect(defaults.configuration.maxLineBytes == 4096)

        let environment = ["SPORTELLO_HOST": "0.0.0.0", "SPORTELLO_PORT": "7999", "SPORTELLO_DATABASE": "/tmp/x.sqlite"]
        let fromEnvironment = try ServerSetup.resolve(options, environment: environment)
        #expect(fromEnvironment.configuration.host == "0.0.0.0")
        #expect(fromEnvironment.configuration.port == 7999)
        #expect(fromEnvironment.databasePath == "/tmp/x.sqlite")

        options.port = 8001
        options.host = "::1"
        options.database = "rel/d.sqlite"
        let fromFlags = try ServerSetup.resolve(options, environment: environment, currentDirectory: "/srv")
        #expect(fromFlags.configuration.port == 8001)
        #expect(fromFlags.configuration.host == "::1")
        #expect(fromFlags.databasePath == "/srv/rel/d.sqlite")
    }

    @Test func refusalsAreOneLine() throws {
        var options = ServerSetup.Options()
        options.root = Fixture.root.path
        let badPort = #expect(throws: ServerSetupError.self) {
            try ServerSetup.resolve(options, environment: ["SPORTELLO_PORT": "http"])
        }
        #expect(badPort?.description.contains("SPORTELLO_PORT") == true)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sportello-setup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.yaml")
        try "server:\n  port: 99999\n".write(to: file, atomically: true, encoding: .utf8)
        options.configurationFile = file.path
        let badFile = #expect(throws: ServerSetupError.self) { try ServerSetup.resolve(options, environment: [:]) }
        #expect(badFile?.description.contains("bad.yaml:2") == true)
        #expect(badFile?.description.contains("\n") == false)

        var missing = ServerSetup.Options()
        missing.root = folder.path
        let noProject = #expect(throws: ServerSetupError.self) { try ServerSetup.resolve(missing, environment: [:]) }
        #expect(noProject?.description.contains("--root") == true)
    }

    /// The root may be given as the KnowledgeBase folder itself.
    @Test func knowledgeBaseFolderAsRoot() throws {
        var options = ServerSetup.Options()
        options.root = Fixture.root.appendingPathComponent("KnowledgeBase").path
        let setup = try ServerSetup.resolve(options, environment: [:])
        #expect(setup.layout.root.standardizedFileURL.path == Fixture.root.standardizedFileURL.path)
    }

    /// The retention service deletes only what is older than the period.
    @Test func retentionPurgesOldTurns() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sportello-retention-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteDeskStore(path: folder.appendingPathComponent("desk.sqlite").path)
        let now = Date()
        try await store.append([
            TranscriptEntry(session: "a", time: now.addingTimeInterval(-40 * 86_400), userText: "old", outcome: "answer", topic: nil),
            TranscriptEntry(session: "a", time: now.addingTimeInterval(-10 * 86_400), userText: "recent", outcome: "answer", topic: nil),
        ])
        let retention = TranscriptRetention(store: store, days: 30)
        #expect(await retention.purgeOnce(now: now) == 1)
        #expect(try await store.transcript(session: "a").map(\.userText) == ["recent"])
    }
}
