import Foundation
import Testing

/// `sportello operator` against a real `sportello-server` process, as `RemoteChatTests`
/// does for `sportello chat --connect`: the account made with `sportello-server operator
/// add`, the ticket opened by `sportello chat`, the answer found again with `/ticket`.
@Suite("Operator console against the server")
struct OperatorServerTests {
    /// A `sportello-server` on a free port with its own database; `stop()` ends it.
    struct ServerProcess {
        let process: Process
        let port: Int

        static func start(database: URL) throws -> ServerProcess {
            let server = Process()
            server.executableURL = RemoteChatTests.serverBinary
            server.arguments = ["--root", CLITests.root.path, "--port", "0", "--database", database.path]
            let output = Pipe()
            server.standardOutput = output
            server.standardError = FileHandle.nullDevice
            try server.run()
            // The server says where it listens.
            var port: Int?
            var seen = ""
            let deadline = Date().addingTimeInterval(30)
            while port == nil && Date() < deadline {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                seen += String(decoding: data, as: UTF8.self)
                if let range = seen.range(of: "listening on ") {
                    let rest = seen[range.upperBound...].prefix { !$0.isNewline }
                    port = rest.split(separator: ":").last.flatMap { Int($0) }
                }
            }
            guard let port else {
                server.terminate()
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no 'listening on' line: \(seen)"])
            }
            return ServerProcess(process: server, port: port)
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Creates an operator account in `database` with `sportello-server operator add` and
    /// returns its token (the last line it prints).
    static func addOperator(_ name: String, role: String, skills: String, database: URL) throws -> String {
        let process = Process()
        process.executableURL = RemoteChatTests.serverBinary
        process.arguments = [
            "operator", "add", name, "--role", role, "--skills", skills, "--database", database.path, "--root",
            CLITests.root.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard process.terminationStatus == 0, let token = lines.last?.split(separator: " ").last else {
            throw CocoaError(.fileWriteUnknown)
        }
        return String(token)
    }

    /// Skills are the areas of topics.yaml (and `en`): a typo is refused with the list.
    @Test
    func anUnknownSkillIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("operator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = RemoteChatTests.serverBinary
        process.arguments = [
            "operator", "add", "marco", "--skills", "congedi", "--database", folder.appendingPathComponent("d.sqlite").path,
            "--root", CLITests.root.path,
        ]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(message.hasPrefix("sportello-server: congedi is not a skill"))
        #expect(message.contains("congedo-parentale") && message.contains("en"))
    }

    @Test
    func operatorTakesATicketAndTalksToItsUser() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("operator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("desk.sqlite")
        let token = try Self.addOperator("giulia", role: "supervisor", skills: "tutele,congedo-parentale,en", database: database)
        let server = try ServerProcess.start(database: database)
        defer { server.stop() }
        let address = "127.0.0.1:\(server.port)"

        // A person asks for an operator.
        let user = try CLITests.run(
            ["chat", "--json", "--connect", address],
            input: Data("Quanto dura il congedo parentale?\n/operatore vorrei parlare con una persona\n".utf8))
        #expect(user.status == 0, "\(user.stderr)")
        let opened = try CLITests.objects(user).last { $0["ticket"] != nil }
        let ticket = try #require(opened?["ticket"] as? [String: Any])
        let code = try #require(ticket["code"] as? String)
        let secret = try #require(ticket["secret"] as? String)
        #expect(ticket["status"] as? String == "queued")

        // The operator sees it in the queue, takes it with its case sheet, writes, releases.
        let script = "queue\ntake \(code)\nBuongiorno, sono Giulia: ho letto la sua domanda.\nrelease\nquit\n"
        let run = try OperatorProcessTests.run(
            ["--connect", address, "--name", "giulia", "--json"], input: script, token: token)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains(token))
        let replies = try CLITests.objects(run).filter { $0["type"] as? String == "reply" }
        let byCommand = Dictionary(
            replies.compactMap { reply in
                (reply["q"] as? String).flatMap { $0.split(separator: " ").first.map { (String($0), reply) } }
            }, uniquingKeysWith: { first, _ in first })
        #expect(byCommand["/login"]?["reason"] as? String == "logged_in")
        let queue = try #require(byCommand["/queue"]?["tickets"] as? [[String: Any]])
        #expect(queue.contains { $0["code"] as? String == code })
        let taken = try #require(byCommand["/take"]?["ticket"] as? [String: Any])
        #expect(taken["code"] as? String == code)
        #expect((taken["excerpt"] as? [Any])?.isEmpty == false)
        // The person has left: the line waits for them.
        #expect(byCommand["/say"]?["reason"] as? String == "stored")
        #expect(byCommand["/release"]?["reason"] as? String == "released")

        // The person comes back with the code and the secret and reads it.
        let back = try CLITests.run(
            ["chat", "--json", "--connect", address], input: Data("/ticket \(code) \(secret)\n".utf8))
        #expect(back.status == 0, "\(back.stderr)")
        let found = try CLITests.objects(back).first { $0["reason"] as? String == "ticket_found" }
        let messages = try #require(found?["messages"] as? [[String: Any]], "\(back.stdout)")
        #expect(messages.map { $0["text"] as? String } == ["Buongiorno, sono Giulia: ho letto la sua domanda."])
        #expect(messages.first?["operator"] as? String == "giulia")
        #expect((found?["ticket"] as? [String: Any])?["status"] as? String == "queued")

        // The same queue as a person reads it.
        let table = try OperatorProcessTests.run(["--connect", address, "--name", "giulia"], input: "queue\n", token: token)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("CODE"))
        #expect(table.stdout.contains(code))

        // A wrong token: exit status 1 and one line.
        let refused = try OperatorProcessTests.run(
            ["--connect", address, "--name", "giulia"], input: "queue\n", token: "wrong-token")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("login_failed"))
    }
}
