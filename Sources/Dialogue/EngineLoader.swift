import Foundation
import Knowledge
import TextAnalysis

/// Why the engine could not start, with what to do.
public enum EngineLoadError: Error, Sendable, CustomStringConvertible {
    case invalidContent([Diagnostic])
    case index(IndexStoreError)

    public var description: String {
        switch self {
        case .invalidContent(let diagnostics): KnowledgeBaseError(diagnostics: diagnostics).description
        case .index(let error): error.description
        }
    }
}

/// Loads everything the engine needs, from a fresh index file when there is one.
public enum EngineLoader {
    /// Where the knowledge came from.
    public enum Origin: String, Sendable {
        /// The index file was fresh and was read.
        case indexFile = "index file"
        /// The content files were parsed and indexed in memory.
        case memory = "built in memory"
    }

    /// Every problem in the content, rules and configuration (what `kb check` prints).
    public static func check(_ layout: ProjectLayout, today: Day) -> (KnowledgeBase, [Diagnostic]) {
        let (configuration, configurationProblems) = DeskConfiguration.load(from: layout.configurationFile)
        let (base, contentProblems) = KnowledgeBase.load(from: layout.content, today: today)
        let (dialogRules, loadProblems) = DialogRules.load(from: layout.dialogs)
        let ruleProblems = loadProblems + DialogRuleLoader.validate(
            rules: dialogRules.rules, flows: Array(dialogRules.flows.values), base: base,
            calculators: CalculatorRegistry().ids)
        let missing = configuration.loadDictionaries(root: layout.root).missing.map {
            Diagnostic(
                file: layout.configurationFile.path, line: 1,
                "word list \($0) not found: typo correction may change real words (Debian: apt-get install witalian wamerican)",
                severity: .warning)
        }
        return (base, (configurationProblems + contentProblems + ruleProblems + missing).sorted())
    }

    /// The engine for `layout`. The index file is used when it was built from the
    /// current content; otherwise the content is checked and indexed in memory. Any error
    /// in the content, rules or configuration refuses the start.
    public static func load(_ layout: ProjectLayout, today: Day, useIndex: Bool = true) throws(EngineLoadError)
        -> (Engine, Origin)
    {
        let (configuration, configurationProblems) = DeskConfiguration.load(from: layout.configurationFile)
        let (rules, ruleProblems) = DialogRules.load(from: layout.dialogs)
        let early = (configurationProblems + ruleProblems).filter { $0.severity == .error }
        if !early.isEmpty { throw .invalidContent(early.sorted()) }
        let dictionary = configuration.loadDictionaries(root: layout.root).words
        let indexFile = layout.indexFile(configuration)
        if useIndex, let stored = IndexStore.fingerprint(at: indexFile),
            stored == KnowledgeBase.fingerprint(of: layout.content)
        {
            do {
                let retriever = try IndexStore.read(
                    from: indexFile, settings: configuration.ranking, dictionary: dictionary)
                return (Engine(retriever: retriever, rules: rules), .indexFile)
            } catch {
                // A damaged index is not fatal: the content files are the truth.
            }
        }
        let (base, problems) = KnowledgeBase.load(from: layout.content, today: today)
        let errors = problems.filter { $0.severity == .error }
        if !errors.isEmpty { throw .invalidContent(errors) }
        return (Engine(retriever: Retriever(base: base, settings: configuration.ranking, dictionary: dictionary), rules: rules), .memory)
    }

    /// Checks the content and writes the index file; returns the file and the warnings.
    public static func build(_ layout: ProjectLayout, today: Day) throws(EngineLoadError) -> (URL, [Diagnostic]) {
        let (configuration, _) = DeskConfiguration.load(from: layout.configurationFile)
        let (base, problems) = check(layout, today: today)
        if problems.contains(where: { $0.severity == .error }) { throw .invalidContent(problems) }
        let file = layout.indexFile(configuration)
        do {
            try IndexStore.write(base: base, to: file)
        } catch let error as IndexStoreError {
            throw .index(error)
        } catch {
            throw .index(.unwritable(path: file.path, reason: "\(error)"))
        }
        return (file, problems)
    }
}
