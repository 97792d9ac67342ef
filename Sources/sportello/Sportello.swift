import ArgumentParser

/// The Sportello command line: the desk in a terminal, and the editors' tools.
@main
struct Sportello: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sportello",
        abstract: "Sportello — the virtual help desk on work–family balance of the Città metropolitana di Milano.",
        subcommands: [
            ChatCommand.self, AskCommand.self, KBCommand.self, EvalCommand.self, BenchCommand.self, OperatorCommand.self,
            ReportCommand.self,
        ],
        defaultSubcommand: ChatCommand.self
    )
}
