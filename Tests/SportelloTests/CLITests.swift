import Foundation
import Testing

/// The `sportello` executable, run as a real process on the shipped knowledge base.
@Suite("Command line")
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary built beside the test bundle.
    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("sportello")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return root.appendingPathComponent(".build/debug/sportello")
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    static func run(_ arguments: [String], input: Data = Data(), root: URL = CLITests.root) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + ["--root", root.path, "--today", "2026-11-29"]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// A copy of the project's content folders in a temporary folder.
    static func copyOfProject() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sportello-cli-\(UUID().uuidString)")
        for folder in ["KnowledgeBase", "Config", "Dialogs"] {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        return copy
    }

    static func objects(_ run: Run) throws -> [[String: Any]] {
        try run.lines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CocoaError(.coderInvalidValue)
            }
            return object
        }
    }

    @Test func askJSONAnswersEveryLineInOrder() throws {
        let input = "Quanto dura il congedo di paternità?\nsalve\nCome si paga la TARI?\n"
        let run = try Self.run(["ask", "--json"], input: Data(input.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let objects = try Self.objects(run)
        #expect(objects.count == 3)
        #expect(objects[0]["outcome"] as? String == "answer")
        #expect(objects[0]["topic"] as? String == "paternita-congedo-obbligatorio")
        #expect((objects[0]["sources"] as? [String])?.isEmpty == false)
        #expect(objects[1]["outcome"] as? String == "smalltalk")
        #expect(objects[2]["outcome"] as? String == "out_of_scope")
        for object in objects {
            for key in ["q", "outcome", "topic", "card", "score", "lang", "text", "sources", "options"] {
                #expect(object.keys.contains(key), "missing \(key)")
            }
        }
    }

    @Test func badBytesGetAClearReplyAndNothingIsLost() throws {
        var input = Data("prima domanda sul congedo parentale\n".utf8)
        input.append(contentsOf: [0x66, 0x6F, 0xFF, 0xFE, 0x0A])  // invalid UTF-8
        input.append(Data(String(repeating: "x", count: 2 << 20).utf8))  // a 2 MiB line
        input.append(Data("\n\u{0}\u{1B}[2J\n\n\"NEAR(congedo* col:title\nultima domanda sul bonus nido".utf8))
        let run = try Self.run(["ask", "--json"], input: input)
        #expect(run.status == 0, "\(run.stderr)")
        let objects = try Self.objects(run)
        #expect(objects.count == 7)  // the empty line gets its own reply too
        #expect(objects[1]["reason"] as? String == "invalid_utf8")
        #expect(objects[2]["reason"] as? String == "line_too_long")
        #expect(objects[6]["topic"] as? String == "bonus-asilo-nido")
    }

    @Test func chatJSONKeepsOneSession() throws {
        let input = "/lang en\nquanto dura il congedo di paternità?\n/reset\n"
        let run = try Self.run(["chat", "--json"], input: Data(input.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let objects = try Self.objects(run)
        #expect(objects.count == 3)
        #expect(objects[1]["lang"] as? String == "en")
    }

    @Test func kbCheckFailsOnABrokenCardAndNamesIt() throws {
        let copy = try Self.copyOfProject()
        defer { try? FileManager.default.removeItem(at: copy) }
        let ok = try Self.run(["kb", "check"], root: copy)
        #expect(ok.status == 0, "\(ok.stdout)")
        try "---\nid: rotta\ntopic: nessuno\n---\n".write(
            to: copy.appendingPathComponent("KnowledgeBase/maternita/rotta.md"), atomically: true, encoding: .utf8)
        let broken = try Self.run(["kb", "check"], root: copy)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("rotta.md:"))
        #expect(broken.stdout.contains("missing field `title`"))
        // The desk refuses to serve a broken knowledge base.
        let ask = try Self.run(["ask", "ciao"], root: copy)
        #expect(ask.status != 0)
        #expect(ask.stderr.contains("kb check"))
    }

    @Test func kbBuildWritesAFreshIndexThatAskUses() throws {
        let copy = try Self.copyOfProject()
        defer { try? FileManager.default.removeItem(at: copy) }
        let build = try Self.run(["kb", "build"], root: copy)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: copy.appendingPathComponent(".sportello/knowledge-index.sqlite").path))
        let stats = try Self.run(["kb", "stats"], root: copy)
        #expect(stats.stdout.contains("index file"))
        let ask = try Self.run(["ask", "--json", "quanto dura il congedo parentale"], root: copy)
        #expect(ask.stdout.contains("congedo-parentale-durata"))
    }
}

/// `sportello chat --connect` against a real `sportello-server` process.
@Suite("Command line against the server")
struct RemoteChatTests {
    static var serverBinary: URL {
        CLITests.binary.deletingLastPathComponent().appendingPathComponent("sportello-server")
    }

    @Test func chatConnectKeepsOneConversationOverTheSocket() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("remote-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try OperatorServerTests.ServerProcess.start(database: folder.appendingPathComponent("desk.sqlite"))
        defer { server.stop() }
        let bound = server.port
        let run = try CLITests.run(
            ["chat", "--json", "--connect", "127.0.0.1:\(bound)"],
            input: Data("Quanto dura il congedo di paternità?\ned è retribuito?\n".utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let replies = try CLITests.objects(run).filter { ($0["type"] as? String) == "reply" }
        #expect(replies.count == 2)
        #expect(replies.allSatisfy { ($0["topic"] as? String) == "paternita-congedo-obbligatorio" })
    }
}
