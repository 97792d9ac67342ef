import Foundation
import Testing

@testable import sportello

/// `sportello operator` as a real process, against a stand-in server (``FakeDesk``) that
/// answers with the brief's sample lines: the script mode, `--json`, and the exit statuses.
@Suite("Operator console: the process")
struct OperatorProcessTests {
    static let token = "s3cret-token"

    /// Runs `sportello operator` with these arguments and this standard input. The
    /// token variable comes only from `token` (never from the test's own environment).
    static func run(_ arguments: [String], input: String, token: String? = nil) throws -> CLITests.Run {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["operator"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment[OperatorCommand.tokenVariable] = token
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLITests.Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// A desk that knows giulia's token, the three sample tickets, and that marco holds B2T-9LZ.
    static func desk() throws -> FakeDesk {
        try FakeDesk { line, seq in
            let word = line.split(separator: " ").first.map(String.init) ?? ""
            switch word {
            case "/login":
                return [line == "/login giulia \(token)" ? ConsoleSamples.loginOK : ConsoleSamples.loginFailed]
            case "/queue":
                return [ConsoleSamples.queueReply]
            case "/take":
                if line == "/take K7M-4QX" { return [ConsoleSamples.takeReply, ConsoleSamples.userLine] }
                return [ConsoleSamples.alreadyTaken]
            case "/say":
                return [
                    ConsoleSamples.reply(SecretMask.jsonEscaped(line), text: "Inviato."), ConsoleSamples.newTicket,
                    ConsoleSamples.mystery,
                ]
            default:
                return [ConsoleSamples.reply(SecretMask.jsonEscaped(line), text: "seq \(seq)")]
            }
        }
    }

    @Test func scriptFollowsTheHeldTicketLineByLine() throws {
        let desk = try Self.desk()
        defer { desk.stop() }
        let input = "queue\ntake k7m-4qx\nBuongiorno, sono Giulia.\ntake B2T-9LZ\nrelease\nciao\n"
        let run = try Self.run(["--connect", "127.0.0.1:\(desk.port)", "--name", "giulia"], input: input, token: Self.token)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            desk.lines == [
                "/json", "/login giulia \(Self.token)", "/queue", "/take K7M-4QX", "/say Buongiorno, sono Giulia.",
                "/take B2T-9LZ", "/release",
            ])
        #expect(run.stdout.contains("K7M-4QX  urgent    queued    tutele"))
        #expect(run.stdout.contains("  employer:         privato"))
        #expect(run.stdout.contains("[K7M-4QX] utente: c'è qualcuno?"))
        #expect(run.stdout.contains("▸ new ticket Z9Z-1AA (URGENT, tutele)"))
        #expect(run.stdout.contains("✗ already_taken: Il ticket B2T-9LZ è già di marco."))
        // After the release, "ciao" has no ticket to go to.
        #expect(run.stdout.hasSuffix("(help for the commands).\n"))
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(!run.stdout.contains(Self.token))
        #expect(run.stderr.isEmpty)
    }

    @Test func jsonPrintsEveryEventAsItCame() throws {
        let desk = try Self.desk()
        defer { desk.stop() }
        let run = try Self.run(
            ["--connect", "127.0.0.1:\(desk.port)", "--name", "giulia", "--json"],
            input: "take K7M-4QX\nciao\nbah bah\nquit\n", token: Self.token)
        #expect(run.status == 0, "\(run.stderr)")
        let objects = try CLITests.objects(run)
        let types = objects.map { $0["type"] as? String ?? "?" }
        #expect(
            types == ["reply", "reply", "reply", "user", "reply", "queue", "weather", "reply", "queue", "weather", "reply"])
        #expect(objects[1]["q"] as? String == "/login giulia [token]")
        #expect(!run.stdout.contains(Self.token))
        #expect(desk.lines.last == "/quit")
        #expect(desk.lines.contains("/say bah bah"))
    }

    @Test func aRefusedLoginIsOneLineOnStandardError() throws {
        let desk = try Self.desk()
        defer { desk.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try "wrong-token\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Self.run(
            ["--connect", "127.0.0.1:\(desk.port)", "--name", "giulia", "--token-file", file.path], input: "queue\n",
            token: Self.token)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "sportello operator: login refused (login_failed): Nome o token non validi.\n")
        #expect(desk.lines == ["/json", "/login giulia wrong-token"])  // the file wins over the variable
    }

    @Test func noServerOrNoTokenIsOneLineOnStandardError() throws {
        let desk = try Self.desk()
        let port = desk.port
        desk.stop()
        let refused = try Self.run(["--connect", "127.0.0.1:\(port)", "--name", "giulia"], input: "", token: Self.token)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("sportello operator: cannot connect to 127.0.0.1:\(port)"))
        #expect(refused.stderr.split(separator: "\n").count == 1)

        let noToken = try Self.run(["--connect", "127.0.0.1:\(port)", "--name", "giulia"], input: "queue\n")
        #expect(noToken.status == 1)
        #expect(noToken.stderr.contains("SPORTELLO_OPERATOR_TOKEN"))
        #expect(noToken.stderr.split(separator: "\n").count == 1)

        let badAddress = try Self.run(["--connect", "nowhere", "--name", "giulia"], input: "", token: Self.token)
        #expect(badAddress.status == 1)
        #expect(badAddress.stderr.contains("host:port"))
    }

    @Test func aFullServerIsAFailure() throws {
        let desk = try FakeDesk(greeting: ConsoleSamples.full) { _, _ in [] }
        defer { desk.stop() }
        let run = try Self.run(["--connect", "127.0.0.1:\(desk.port)", "--name", "giulia"], input: "", token: Self.token)
        #expect(run.status == 1)
        #expect(run.stderr.contains("refused the connection: Lo sportello è al completo."))
    }
}
