import Foundation
import Knowledge
import TextAnalysis
import Yams

/// The rule files under Dialogs/: small talk and the signals looked for before search
/// (stated audience, request for a human, danger).
public struct DialogRules: Sendable {
    public let smallTalk: SmallTalk
    public let audience: [(Audience, PhraseSet)]
    public let operatorRequest: PhraseSet
    public let operatorWords: PhraseSet
    public let requestWords: PhraseSet
    public let notOperator: PhraseSet
    public let safety: PhraseSet
    public let safetyMessageIt: String
    public let safetyMessageEn: String
    /// A dispute the desk should not settle alone ("mi hanno licenziata"): a human is offered.
    public let dispute: PhraseSet
    /// Words that open an elliptic follow-up ("e per il padre?", "and if…").
    public let continuation: PhraseSet
    /// Words that leave a flow ("annulla", "lascia stare").
    public let cancel: PhraseSet
    /// The rules of Dialogs/rules.yaml, highest priority first.
    public let rules: [DialogRule]
    /// The flows of Dialogs/flows.yaml, by id.
    public let flows: [String: FlowDefinition]

    /// Whether a message (folded words) asks for a human advisor now.
    public func asksForOperator(_ words: [String]) -> Bool {
        if operatorRequest.occurs(in: words) { return true }
        var rest: [String] = []
        var index = 0
        while index < words.count {
            if let length = notOperator.match(words, at: index) {
                index += length
            } else {
                rest.append(words[index])
                index += 1
            }
        }
        guard operatorWords.occurs(in: rest) else { return false }
        return requestWords.occurs(in: rest) || rest.count <= 4
    }

    /// Loads Dialogs/smalltalk.yaml and Dialogs/signals.yaml, reporting every problem.
    public static func load(from folder: URL) -> (DialogRules, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func node(_ name: String) -> (Node?, String) {
            let url = folder.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(Diagnostic(file: url.path, line: 1, "cannot read the file (missing or not UTF-8)"))
                return (nil, url.path)
            }
            switch YAMLSupport.compose(text, file: url.path) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return (nil, url.path)
            case .success(let root): return (root, url.path)
            }
        }
        let (talk, talkFile) = node("smalltalk.yaml")
        var intents: [SmallTalk.Intent] = []
        for item in talk?["intents"]?.array() ?? [] {
            let line = item.mark?.line ?? 1
            guard let id = item["id"]?.string, let phrases = item["phrases"]?.array().compactMap(\.string),
                !phrases.isEmpty, let it = item["reply_it"]?.string, let en = item["reply_en"]?.string
            else {
                diagnostics.append(
                    Diagnostic(file: talkFile, line: line, "a small-talk intent needs id, phrases, reply_it and reply_en"))
                continue
            }
            intents.append(SmallTalk.Intent(id: id, phrases: phrases, replyIt: it, replyEn: en))
        }
        if talk != nil && intents.isEmpty {
            diagnostics.append(Diagnostic(file: talkFile, line: 1, "no small-talk intents"))
        }
        let fillers = talk?["fillers"]?.array().compactMap(\.string) ?? []

        let (signals, signalsFile) = node("signals.yaml")
        var audience: [(Audience, PhraseSet)] = []
        if case .mapping(let mapping)? = signals?["audience"] {
            for (key, value) in mapping {
                guard let name = key.string, let kind = Audience(rawValue: name) else {
                    diagnostics.append(
                        Diagnostic(
                            file: signalsFile, line: key.mark?.line ?? 1,
                            "unknown audience `\(key.string ?? "?")` (lavoratore or impresa)"))
                    continue
                }
                audience.append((kind, PhraseSet(value.array().compactMap(\.string))))
            }
        }
        func phrases(_ key: String) -> PhraseSet {
            let list = signals?[key]?.array().compactMap(\.string) ?? []
            if signals != nil && list.isEmpty {
                diagnostics.append(Diagnostic(file: signalsFile, line: 1, "missing or empty `\(key)` list"))
            }
            return PhraseSet(list)
        }
        let (rulesRoot, rulesFile) = node("rules.yaml")
        let dialogRules = DialogRuleLoader.rules(from: rulesRoot, file: rulesFile, diagnostics: &diagnostics)
        let (flowsRoot, flowsFile) = node("flows.yaml")
        let flowList = DialogRuleLoader.flows(from: flowsRoot, file: flowsFile, diagnostics: &diagnostics)
        let rules = DialogRules(
            smallTalk: SmallTalk(intents: intents, fillers: fillers), audience: audience,
            operatorRequest: phrases("operator_request"), operatorWords: phrases("operator_words"),
            requestWords: phrases("request_words"), notOperator: phrases("not_operator"), safety: phrases("safety"),
            safetyMessageIt: signals?["safety_message_it"]?.string ?? "",
            safetyMessageEn: signals?["safety_message_en"]?.string ?? "", dispute: phrases("dispute"),
            continuation: phrases("continuation"), cancel: phrases("cancel"), rules: dialogRules,
            flows: Dictionary(flowList.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
        if signals != nil && (rules.safetyMessageIt.isEmpty || rules.safetyMessageEn.isEmpty) {
            diagnostics.append(
                Diagnostic(file: signalsFile, line: 1, "`safety_message_it` and `safety_message_en` are required"))
        }
        return (rules, diagnostics)
    }
}
