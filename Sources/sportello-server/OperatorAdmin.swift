import ArgumentParser
import ChatServer
import Desk
import Foundation
import Knowledge

/// `sportello-server operator add|list|disable|enable`: the advisors' accounts, in the
/// desk database the server uses.
struct OperatorAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "Manage the advisors' (operators') accounts.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetToken.self]
    )

    /// Where the database is: the same flags and settings as the server.
    struct Location: ParsableArguments {
        @Option(name: .long, help: "The desk's SQLite file (default: as the server: SPORTELLO_DATABASE, then server.database).")
        var database: String?

        @Option(name: .long, help: "Configuration file (default Config/sportello.yaml under the project root).")
        var config: String?

        @Option(
            name: [.customLong("root"), .customLong("knowledge-base")],
            help: "Project folder with KnowledgeBase/, Dialogs/ and Config/.")
        var root: String?

        func open() throws -> SQLiteDeskStore {
            do {
                return try SQLiteDeskStore(path: self.setup().databasePath)
            } catch {
                throw Serve.refuse("\(error)")
            }
        }

        func setup() throws -> ServerSetup {
            var options = ServerSetup.Options()
            options.database = self.database
            options.configurationFile = self.config
            options.root = self.root
            do {
                return try ServerSetup.resolve(options, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw Serve.refuse("\(error)")
            }
        }

        /// The skills an advisor can have: the areas of KnowledgeBase/topics.yaml, and `en`.
        func knownSkills() throws -> Set<String> {
            let file = try self.setup().layout.content.knowledgeBase.appendingPathComponent("topics.yaml")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw Serve.refuse("cannot read \(file.path) to check the skills")
            }
            let (catalog, _) = TopicCatalog.load(text: text, file: file.path)
            return Set(catalog.areas.keys).union(["en"])
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account and print its token (shown once: give it to the advisor).")

        @Argument(help: "The advisor's name (2 to 32 letters, digits, '.', '_' or '-').")
        var name: String

        @Option(name: .long, help: "Comma-separated areas of topics.yaml the advisor covers, and `en` for English.")
        var skills: String = ""

        @Option(name: .long, help: "operator or supervisor (sees and reassigns every queue).")
        var role: String = "operator"

        @OptionGroup var location: Location

        func run() async throws {
            guard let role = OperatorAccount.Role(rawValue: self.role) else {
                throw Serve.refuse("--role must be operator or supervisor (got \(self.role))")
            }
            let skills = self.skills.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let known = try self.location.knownSkills()
            if let unknown = skills.first(where: { !known.contains($0) }) {
                throw Serve.refuse(
                    "\(unknown) is not a skill: use the areas of KnowledgeBase/topics.yaml (\(known.sorted().joined(separator: ", ")))")
            }
            let store = try self.location.open()
            do {
                let token = try await store.addOperator(name: self.name, role: role, skills: skills)
                print("operator \(self.name) (\(role.rawValue); skills: \(skills.isEmpty ? "none" : skills.joined(separator: ","))) created")
                print("token (shown only now; log in with /login \(self.name) TOKEN):")
                print(token)
            } catch {
                throw Serve.refuse("\(error)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts (never the tokens).")

        @OptionGroup var location: Location

        func run() async throws {
            let store = try self.location.open()
            let accounts = try await store.operators()
            if accounts.isEmpty {
                print("no operators yet: sportello-server operator add NAME --skills AREA,…")
                return
            }
            let width = max(4, accounts.map(\.name.count).max() ?? 4)
            print("NAME".padding(toLength: width, withPad: " ", startingAt: 0) + "  ROLE        STATE     SKILLS")
            for account in accounts {
                let state = account.disabled ? "disabled" : (account.lockedUntil.map { $0 > Date() } == true ? "locked" : "active")
                let name = account.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let role = account.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                let shownState = state.padding(toLength: 8, withPad: " ", startingAt: 0)
                let skills: String = account.skills.isEmpty ? "-" : account.skills.joined(separator: ",")
                print("\(name)  \(role)  \(shownState)  \(skills)")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account (its token stops working).")

        @Argument(help: "The advisor's name.")
        var name: String

        @OptionGroup var location: Location

        func run() async throws {
            do {
                try await self.location.open().setOperator(self.name, disabled: true)
                print("operator \(self.name) disabled")
            } catch let error as TicketStoreError {
                throw Serve.refuse("\(error)")
            }
        }
    }

    struct ResetToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-token",
            abstract: "Give an account a new token (the old one stops working; a lockout is lifted).")

        @Argument(help: "The advisor's name.")
        var name: String

        @OptionGroup var location: Location

        func run() async throws {
            do {
                let token = try await self.location.open().resetToken(of: self.name)
                print("new token for \(self.name) (shown only now; log in with /login \(self.name) TOKEN):")
                print(token)
            } catch let error as TicketStoreError {
                throw Serve.refuse("\(error)")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again (and lift a lockout).")

        @Argument(help: "The advisor's name.")
        var name: String

        @OptionGroup var location: Location

        func run() async throws {
            do {
                try await self.location.open().setOperator(self.name, disabled: false)
                print("operator \(self.name) enabled")
            } catch let error as TicketStoreError {
                throw Serve.refuse("\(error)")
            }
        }
    }
}
