import ArgumentParser
import Foundation

/// `sportello operator`: the second-level operators' console against `sportello-server`.
struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "The operators' console: the ticket queue, taking tickets, talking to their users.",
        discussion: """
            The token comes from --token-file, else from $SPORTELLO_OPERATOR_TOKEN, else it is asked on \
            the terminal without echo. When standard input is not a terminal, commands are read line by \
            line (no prompt, no colours); --json then prints every event from the server as a JSON line. \
            Exit status: 0 at the end of input or after quit, 1 when the connection or the login fails. \
            See docs/OPERATORS.md.
            """
    )

    /// The environment variable that may hold the token.
    static let tokenVariable = "SPORTELLO_OPERATOR_TOKEN"

    @Option(name: .long, help: ArgumentHelp("The sportello-server to work on.", valueName: "host:port"))
    var connect: String

    @Option(name: .long, help: ArgumentHelp("Your operator name (asked on the terminal when missing).", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("A file holding your token (only its first line is read).", valueName: "path"))
    var tokenFile: String?

    @Flag(name: .long, help: "Print every event from the server as a raw JSON line (scripts).")
    var json = false

    func run() async throws {
        let interactive = TerminalMode.isInteractive && !json
        let host: String
        let port: Int
        let operatorName: String
        let token: String
        do {
            (host, port) = try LineConnection.address(connect)
            operatorName = try resolveName()
            token = try resolveToken(for: operatorName)
        } catch {
            Output.error("sportello operator: \(error)")
            throw ExitCode(1)
        }
        let console = OperatorConsole(
            host: host, port: port, name: operatorName, token: token,
            mode: interactive ? .interactive : .script(json: json))
        switch await console.run() {
        case .finished:
            return
        case .failed(let reason):
            Output.error("sportello operator: \(reason)")
            throw ExitCode(1)
        }
    }

    /// Why the credentials could not be had.
    struct CredentialError: Error, CustomStringConvertible {
        let description: String
    }

    /// The operator name: `--name`, else asked on the terminal.
    func resolveName() throws -> String {
        if let name = name?.trimmed, !name.isEmpty { return try Self.checked(name: name) }
        guard TerminalMode.isInteractive, let typed = TerminalMode.readVisible(prompt: "operator name: ")?.trimmed,
            !typed.isEmpty
        else {
            throw CredentialError(description: "no operator name: give it with --name NAME")
        }
        return try Self.checked(name: typed)
    }

    /// The token: `--token-file`, else the environment, else asked without echo.
    func resolveToken(for operatorName: String) throws -> String {
        if let tokenFile {
            let url = URL(fileURLWithPath: tokenFile)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw CredentialError(description: "cannot read the token file \(tokenFile)")
            }
            let firstLine = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            guard let token = firstLine.map({ String($0).trimmed }), !token.isEmpty else {
                throw CredentialError(description: "the token file \(tokenFile) is empty")
            }
            if Self.isReadableByOthers(url.path) {
                Output.error("sportello operator: warning: \(tokenFile) can be read by other users (chmod 600 it)")
            }
            return try Self.checked(token: token)
        }
        if let token = ProcessInfo.processInfo.environment[Self.tokenVariable]?.trimmed, !token.isEmpty {
            return try Self.checked(token: token)
        }
        guard TerminalMode.isInteractive else {
            throw CredentialError(
                description: "no token: give --token-file PATH or set \(Self.tokenVariable) (standard input is not a terminal)")
        }
        guard let typed = TerminalMode.readHidden(prompt: "token for \(operatorName): ")?.trimmed, !typed.isEmpty
        else {
            throw CredentialError(description: "no token given")
        }
        return try Self.checked(token: typed)
    }

    /// A name is one word: it is sent as `/login NAME TOKEN`.
    static func checked(name: String) throws -> String {
        guard !name.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw CredentialError(description: "the operator name must be one word (got \"\(name)\")")
        }
        return name
    }

    /// A token is one word without control characters (never shown in the message).
    static func checked(token: String) throws -> String {
        guard !token.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " })
        else {
            throw CredentialError(description: "the token must be one word without spaces or control characters")
        }
        return token
    }

    private static func isReadableByOthers(_ path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? NSNumber
        else { return false }
        return permissions.intValue & 0o044 != 0
    }
}
