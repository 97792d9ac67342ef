import ArgumentParser
import Dialogue
import Knowledge
import TextAnalysis

/// Options every command shares: where the content is and which day to answer for.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Project folder with KnowledgeBase/, Dialogs/ and Config/ (default: found from the current folder or $SPORTELLO_ROOT).")
    var root: String?

    @Option(name: .long, help: "Answer as of this day (YYYY-MM-DD) instead of today.")
    var today: String?

    func layout() throws -> ProjectLayout {
        guard let layout = ProjectLayout.locate(explicit: root) else {
            throw ValidationError(
                root.map { "\($0) has no KnowledgeBase/topics.yaml: give the Sportello project folder with --root" }
                    ?? "cannot find the Sportello project (a folder with KnowledgeBase/topics.yaml): run from it or give --root")
        }
        return layout
    }

    func day() throws -> Day {
        guard let today else { return Day.today() }
        guard let day = Day(iso: today) else { throw ValidationError("--today must be a real date YYYY-MM-DD, got \(today)") }
        return day
    }

    func engine(useIndex: Bool = true) throws -> (Engine, EngineLoader.Origin) {
        let layout = try layout()
        let today = try day()
        do {
            return try EngineLoader.load(layout, today: today, useIndex: useIndex)
        } catch {
            Output.error("sportello: \(error.description)")
            throw ExitCode(2)
        }
    }
}
