import Desk
import Foundation
import Testing

@testable import ChatServer

#if canImport(Glibc)
import Glibc
#endif

/// The `sportello-server` executable, run as a process (built next to the tests).
@Suite("sportello-server executable", .serialized, .timeLimit(.minutes(3)), .enabled(if: ServerBinary.url != nil))
struct ExecutableTests {
    static var binary: URL? { ServerBinary.url }
}

/// Where the built `sportello-server` is (next to the test bundle), if it was built.
enum ServerBinary {
    static let url: URL? = {
        let manager = FileManager.default
        var candidates = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
                .appendingPathComponent("sportello-server")
        ]
        if let main = Bundle.main.executableURL {
            candidates.append(main.deletingLastPathComponent().appendingPathComponent("sportello-server"))
        }
        return candidates.first { manager.isExecutableFile(atPath: $0.path) }
    }()
}

extension ExecutableTests {
    /// A started process with its output as lines.
    struct Server {
        let process: Process
        let output: AsyncStream<String>
        let errors: AsyncStream<String>
    }

    static func launch(_ arguments: [String]) throws -> Server {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return Server(process: process, output: Self.lines(output), errors: Self.lines(errors))
    }

    static func lines(_ pipe: Pipe) -> AsyncStream<String> {
        AsyncStream { continuation in
            let buffer = LineBuffer()
            pipe.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if data.isEmpty {
                    handle.readabilityHandler = nil
                    for line in buffer.finish() { continuation.yield(line) }
                    continuation.finish()
                } else {
                    for line in buffer.add(data) { continuation.yield(line) }
                }
            }
        }
    }

    /// Waits for the process to end (polling, so that it can be cancelled); its status.
    static func exitStatus(_ process: Process, within limit: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw TimedOut(what: "sportello-server's exit", limit: limit)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sportello-exe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Starts, prints "listening on", answers, and on SIGTERM stops with status 0 after
    /// writing the transcript.
    @Test func servesAndStopsGracefullyOnSIGTERM() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("desk.sqlite").path
        let server = try Self.launch([
            "--port", "0", "--database", database, "--root", Fixture.root.path, "--log-level", "warning",
        ])
        defer { if server.process.isRunning { server.process.terminate() } }
        let listening = try await withTimeout(.seconds(120), "the listening line") {
            for await line in server.output where line.hasPrefix("listening on ") { return line }
            throw TimedOut(what: "the listening line (the server exited)", limit: .seconds(120))
        }
        let port = try #require(listening.split(separator: ":").last.flatMap { Int($0) })
        #expect(listening == "listening on 127.0.0.1:\(port)")
        try await withTimeout(.seconds(20)) {
            try await withClient(port) { reader, writer in
                _ = try await reader.greeting()
                try await writer.send("/json")
                _ = try await reader.json()
                try await writer.send("Quanto dura il congedo di paternità?")
                #expect(try await reader.json().string("outcome") == "answer")
                kill(server.process.processIdentifier, SIGTERM)
                let notice = try await reader.json()
                #expect(notice.string("reason") == "shutdown")
            }
        }
        #expect(try await Self.exitStatus(server.process) == 0)
        #expect(try await SQLiteDeskStore(path: database).count() == 2)
    }

    /// A port in use: one line on standard error, status 1.
    @Test func refusesAPortInUse() async throws {
        try await withServer { inProcess in
            let folder = try Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let server = try Self.launch([
                "--port", "\(inProcess.port)", "--database", folder.appendingPathComponent("d.sqlite").path,
                "--root", Fixture.root.path,
            ])
            #expect(try await Self.exitStatus(server.process, within: .seconds(120)) == 1)
            let errors = await Array(server.errors)
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix("sportello-server: cannot listen on 127.0.0.1:\(inProcess.port)") == true)
            #expect(errors.first?.contains("already in use") == true)
        }
    }

    /// A bad configuration file: one line naming the file and line, status 1.
    @Test func refusesABadConfiguration() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sportello.yaml")
        try "server:\n  port: seventy\n".write(to: file, atomically: true, encoding: .utf8)
        let server = try Self.launch(["--config", file.path, "--root", Fixture.root.path])
        #expect(try await Self.exitStatus(server.process) == 1)
        let errors = await Array(server.errors)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("sportello.yaml:2: server.port") == true)
    }

    /// An invalid knowledge base: the server refuses to serve half of it.
    @Test func refusesAnInvalidKnowledgeBase() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manager = FileManager.default
        for item in ["Config", "Dialogs", "KnowledgeBase"] {
            try manager.copyItem(at: Fixture.root.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        let broken = folder.appendingPathComponent("KnowledgeBase/broken-card.md")
        try "---\nid: [unclosed\ntitle: x\n---\nbody\n".write(to: broken, atomically: true, encoding: .utf8)
        let server = try Self.launch(["--root", folder.path, "--port", "0"])
        #expect(try await Self.exitStatus(server.process, within: .seconds(120)) == 1)
        let errors = await Array(server.errors)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("knowledge base") == true)
    }
}

/// Splits bytes from a pipe into lines (called from the pipe's reading thread only).
final class LineBuffer: @unchecked Sendable {
    // Only the pipe's readability handler touches it, one call at a time.
    private var pending = Data()

    func add(_ data: Data) -> [String] {
        self.pending.append(data)
        var lines: [String] = []
        while let newline = self.pending.firstIndex(of: 0x0A) {
            lines.append(String(decoding: self.pending[self.pending.startIndex..<newline], as: UTF8.self))
            self.pending.removeSubrange(self.pending.startIndex...newline)
        }
        return lines
    }

    func finish() -> [String] {
        defer { self.pending.removeAll() }
        return self.pending.isEmpty ? [] : [String(decoding: self.pending, as: UTF8.self)]
    }
}

extension Array where Element == String {
    init(_ stream: AsyncStream<String>) async {
        var lines: [String] = []
        for await line in stream { lines.append(line) }
        self = lines
    }
}
