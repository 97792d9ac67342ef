import Foundation
import Knowledge
import TextAnalysis
import Yams

/// Reads Dialogs/rules.yaml and Dialogs/flows.yaml, and checks them against the
/// knowledge base (every problem with file and line).
enum DialogRuleLoader {
    static func strings(_ node: Node?) -> [String] { node?.array().compactMap(\.string) ?? [] }

    /// The rules, sorted by priority (highest first, then file order).
    static func rules(from root: Node?, file: String, diagnostics: inout [Diagnostic]) -> [DialogRule] {
        var rules: [DialogRule] = []
        var ids: Set<String> = []
        for node in root?["rules"]?.array() ?? [] {
            let line = node.mark?.line ?? 1
            func problem(_ message: String) { diagnostics.append(Diagnostic(file: file, line: line, message)) }
            guard let id = node["id"]?.string, !id.isEmpty else {
                problem("a rule needs an `id`")
                continue
            }
            if !ids.insert(id).inserted { problem("duplicate rule id `\(id)`") }
            var conditions = DialogRule.Conditions()
            if let when = node["when"] {
                conditions.concepts = strings(when["concepts"])
                conditions.anyConcepts = strings(when["any_concepts"])
                conditions.words = strings(when["words"]).map { PhraseSet([$0]) }
                let any = strings(when["any_words"])
                if !any.isEmpty { conditions.anyWords = PhraseSet(any) }
                let not = strings(when["not_words"])
                if !not.isEmpty { conditions.notWords = PhraseSet(not) }
                conditions.entities = strings(when["entities"])
                for kind in conditions.entities where !EntityKinds.all.contains(kind) {
                    problem("rule \(id): unknown entity kind `\(kind)` (\(EntityKinds.all.sorted().joined(separator: ", ")))")
                }
                conditions.topics = strings(when["topic"])
                conditions.areas = strings(when["area"])
                if let audience = when["audience"]?.string {
                    conditions.audience = Audience(rawValue: audience)
                    if conditions.audience == nil { problem("rule \(id): audience must be lavoratore or impresa") }
                }
                if let language = when["language"]?.string {
                    conditions.language = Language(rawValue: language)
                    if conditions.language == nil { problem("rule \(id): language must be it or en") }
                }
                if let maximum = when["max_words"] {
                    conditions.maximumWords = maximum.int
                    if conditions.maximumWords == nil { problem("rule \(id): max_words must be a whole number") }
                }
            }
            guard let then = node["then"], case .mapping(let mapping) = then, mapping.count == 1,
                let key = mapping.first?.key.string, let value = mapping.first?.value
            else {
                problem("rule \(id): `then` must name exactly one action (answer, topic, flow, escalate, out_of_scope, clarify, smalltalk)")
                continue
            }
            let action: DialogRule.Action
            switch key {
            case "answer": action = .answer(card: value.string ?? "")
            case "topic": action = .topic(value.string ?? "")
            case "flow": action = .flow(value.string ?? "")
            case "escalate": action = .escalate(reason: value.string ?? "rule")
            case "out_of_scope": action = .outOfScope(subject: value.string ?? "")
            case "clarify": action = .clarify(strings(value))
            case "smalltalk":
                guard let it = value["it"]?.string, let en = value["en"]?.string else {
                    problem("rule \(id): smalltalk needs `it` and `en` texts")
                    continue
                }
                action = .smalltalk(it: it, en: en)
            default:
                problem("rule \(id): unknown action `\(key)`")
                continue
            }
            rules.append(
                DialogRule(
                    id: id, priority: node["priority"]?.int ?? 0, conditions: conditions, action: action, file: file,
                    line: line))
        }
        return rules.enumerated().sorted { ($0.element.priority, -$0.offset) > ($1.element.priority, -$1.offset) }
            .map(\.element)
    }

    /// The flows.
    static func flows(from root: Node?, file: String, diagnostics: inout [Diagnostic]) -> [FlowDefinition] {
        var flows: [FlowDefinition] = []
        var ids: Set<String> = []
        for node in root?["flows"]?.array() ?? [] {
            let line = node.mark?.line ?? 1
            func problem(_ line: Int, _ message: String) { diagnostics.append(Diagnostic(file: file, line: line, message)) }
            guard let id = node["id"]?.string, let topic = node["topic"]?.string,
                let calculator = node["calculator"]?.string
            else {
                problem(line, "a flow needs `id`, `topic` and `calculator`")
                continue
            }
            if !ids.insert(id).inserted { problem(line, "duplicate flow id `\(id)`") }
            var slots: [SlotDefinition] = []
            for slot in node["slots"]?.array() ?? [] {
                let slotLine = slot.mark?.line ?? line
                guard let name = slot["name"]?.string, let kindText = slot["type"]?.string else {
                    problem(slotLine, "flow \(id): a slot needs `name` and `type`")
                    continue
                }
                guard let kind = SlotDefinition.Kind(rawValue: kindText) else {
                    problem(
                        slotLine,
                        "flow \(id): slot \(name) has unknown type `\(kindText)` (\(SlotDefinition.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                    continue
                }
                let askIt = slot["ask_it"]?.string ?? ""
                let askEn = slot["ask_en"]?.string ?? ""
                if askIt.isEmpty || askEn.isEmpty { problem(slotLine, "flow \(id): slot \(name) needs `ask_it` and `ask_en`") }
                var choices: [(String, PhraseSet)] = []
                if case .mapping(let mapping)? = slot["choices"] {
                    for (key, value) in mapping {
                        guard let choice = key.string else { continue }
                        choices.append((choice, PhraseSet(strings(value) + [choice])))
                    }
                }
                if kind == .choice && choices.isEmpty { problem(slotLine, "flow \(id): choice slot \(name) needs `choices`") }
                slots.append(
                    SlotDefinition(
                        name: name, kind: kind, askIt: askIt, askEn: askEn, required: slot["required"]?.bool ?? true,
                        choices: choices, defaultValue: slot["default"]?.string, minimum: slot["min"]?.float,
                        maximum: slot["max"]?.float, cues: strings(slot["cues"]).isEmpty ? nil : PhraseSet(strings(slot["cues"])),
                        none: strings(slot["none"]).isEmpty ? nil : PhraseSet(strings(slot["none"])),
                        unless: strings(slot["unless"]).map(SlotDefinition.Condition.init)))
            }
            if slots.isEmpty { problem(line, "flow \(id): no slots") }
            for slot in slots {
                for condition in slot.unless {
                    guard let other = slots.first(where: { $0.name == condition.slot }) else {
                        problem(line, "flow \(id): slot \(slot.name) has `unless: \(condition.slot)`, which is not a slot of this flow")
                        continue
                    }
                    if condition.value == nil && other.kind != .yesno {
                        problem(line, "flow \(id): slot \(slot.name) has `unless: \(condition.slot)`, which is not a yes/no slot (write \(condition.slot)=VALUE)")
                    }
                }
            }
            flows.append(
                FlowDefinition(
                    id: id, topic: topic, calculator: calculator, slots: slots, introIt: node["intro_it"]?.string ?? "",
                    introEn: node["intro_en"]?.string ?? "", file: file, line: line))
        }
        return flows
    }

    /// Problems with references: unknown concepts, cards, topics, subjects, flows,
    /// calculators; rules that can never fire.
    static func validate(
        rules: [DialogRule], flows: [FlowDefinition], base: KnowledgeBase, calculators: Set<String>
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let concepts = Set(base.concepts.map(\.id))
        let cards = Set(base.cards.map(\.id))
        let topics = Set(base.topics.order)
        let areas = Set(base.topics.areas.keys)
        let subjects = Set(base.outOfScope.map(\.id))
        let flowIds = Set(flows.map(\.id))
        for rule in rules {
            func problem(_ message: String) {
                diagnostics.append(Diagnostic(file: rule.file, line: rule.line, "rule \(rule.id): \(message)"))
            }
            for concept in rule.conditions.concepts + rule.conditions.anyConcepts where !concepts.contains(concept) {
                problem("unknown concept `\(concept)` (see Config/concepts.yaml)")
            }
            for topic in rule.conditions.topics where !topics.contains(topic) { problem("unknown topic `\(topic)`") }
            for area in rule.conditions.areas where !areas.contains(area) { problem("unknown area `\(area)`") }
            switch rule.action {
            case .answer(let card) where !cards.contains(card): problem("unknown card `\(card)`")
            case .topic(let topic) where !topics.contains(topic): problem("unknown topic `\(topic)`")
            case .flow(let flow) where !flowIds.contains(flow): problem("unknown flow `\(flow)` (see Dialogs/flows.yaml)")
            case .outOfScope(let subject) where !subjects.contains(subject):
                problem("unknown out-of-scope subject `\(subject)`")
            case .clarify(let options):
                if options.count < 2 { problem("clarify needs at least two topics") }
                for option in options where !topics.contains(option) { problem("unknown topic `\(option)`") }
            default: break
            }
        }
        // A rule is unreachable when a rule tried before it fires whenever it would.
        for (position, rule) in rules.enumerated() {
            if let shadow = rules[..<position].first(where: { subsumes($0.conditions, rule.conditions) }) {
                diagnostics.append(
                    Diagnostic(
                        file: rule.file, line: rule.line,
                        "rule \(rule.id) can never fire: rule \(shadow.id) (line \(shadow.line)) comes first and matches whenever it does",
                        severity: .warning))
            }
        }
        for flow in flows {
            if !topics.contains(flow.topic) {
                diagnostics.append(Diagnostic(file: flow.file, line: flow.line, "flow \(flow.id): unknown topic `\(flow.topic)`"))
            }
            if !calculators.contains(flow.calculator) {
                diagnostics.append(
                    Diagnostic(
                        file: flow.file, line: flow.line,
                        "flow \(flow.id): unknown calculator `\(flow.calculator)` (\(calculators.sorted().joined(separator: ", ")))"))
            }
        }
        return diagnostics
    }

    /// Whether conditions `a` hold whenever conditions `b` do (a is no stricter than b).
    static func subsumes(_ a: DialogRule.Conditions, _ b: DialogRule.Conditions) -> Bool {
        guard a.words.isEmpty, a.anyWords == nil, a.notWords == nil else { return false }
        if !a.anyConcepts.isEmpty {
            // b guarantees one of a's concepts: by requiring it, or by its own any-list being narrower.
            let guaranteed = !Set(b.concepts).isDisjoint(with: a.anyConcepts)
                || (!b.anyConcepts.isEmpty && Set(b.anyConcepts).isSubset(of: a.anyConcepts))
            if !guaranteed { return false }
        }
        guard Set(a.concepts).isSubset(of: b.concepts), Set(a.entities).isSubset(of: b.entities) else { return false }
        if !a.topics.isEmpty && (b.topics.isEmpty || !Set(b.topics).isSubset(of: a.topics)) { return false }
        if !a.areas.isEmpty && (b.areas.isEmpty || !Set(b.areas).isSubset(of: a.areas)) { return false }
        if let audience = a.audience, b.audience != audience { return false }
        if let language = a.language, b.language != language { return false }
        if let maximum = a.maximumWords, (b.maximumWords ?? Int.max) > maximum { return false }
        return true
    }
}

/// The entity kinds rules may require.
enum EntityKinds {
    static let all: Set<String> = ["date", "age", "duration", "hours", "count", "role", "employment", "number"]
}
