import Knowledge
import TextAnalysis

/// One message, as the flow and rule steps see it.
struct TurnInput {
    let text: String
    let echo: String
    let words: [Word]
    let folded: [String]
    let entities: [Entity]
    let language: Language
    let today: Day

    var english: Bool { language == .en }
}

extension Engine {
    static let yesWords = PhraseSet(["si", "sì", "certo", "esatto", "vero", "confermo", "yes", "yeah", "sure", "correct", "right"])
    static let noWords = PhraseSet(["no", "non", "nope", "not", "nessuno", "nessuna", "mai", "never"])
    static let correctionWords = PhraseSet(["no", "anzi", "scusa", "scusi", "correggo", "mi sono sbagliata", "mi sono sbagliato", "actually", "sorry", "i meant"])
    static let motherWords = PhraseSet(["madre", "mamma", "mother", "mum", "mom"])
    static let fatherWords = PhraseSet(["padre", "papà", "papa", "babbo", "father", "dad"])

    /// Starts `flow` with the facts the message already gives; asks for the first missing
    /// one or answers at once.
    func startFlow(_ flow: FlowDefinition, turn: TurnInput, state: inout ConversationState) -> Reply {
        var active = ActiveFlow(id: flow.id, values: [:], pending: nil)
        // An impossible value in the first message ("ha 50 anni") is said, not silently dropped.
        let problem = fill(flow, &active, turn: turn).problem
        return advance(flow, active, turn: turn, state: &state, intro: true, problem: problem)
    }

    /// "No, ha 5 anni" (or just "1+4") right after a calculation: the same flow again with
    /// the corrected or added fact.
    func correctLastFlow(turn: TurnInput, state: inout ConversationState) -> Reply? {
        // "no, è nato il…", or a short message that only adds a fact ("1+4").
        guard let last = state.lastFlow, let flow = rules.flows[last.id],
            Engine.correctionWords.match(turn.folded, at: 0) != nil || turn.folded.count <= 3
        else { return nil }
        var updated = last
        updated.pending = nil
        let (filled, problem, _) = fill(flow, &updated, turn: turn)
        guard !filled.isEmpty || problem != nil else { return nil }
        return advance(flow, updated, turn: turn, state: &state, intro: false, problem: problem)
    }

    /// A message while a flow runs. Nil when the message leaves the flow (a confident
    /// answer on something else): the caller then answers it normally.
    func continueFlow(_ active: ActiveFlow, turn: TurnInput, state: inout ConversationState) -> Reply? {
        guard let flow = rules.flows[active.id] else {
            state.flow = nil
            return nil
        }
        if rules.cancel.occurs(in: turn.folded) && turn.folded.count <= 6 {
            state.flow = nil
            return Reply(
                q: turn.echo, outcome: .smalltalk, lang: turn.language.rawValue,
                text: turn.english ? "All right, I have stopped the calculation. Ask me anything else." : "Va bene, ho interrotto il calcolo. Chiedimi pure altro.",
                asOf: turn.today, reason: "flow_cancelled")
        }
        var updated = active
        let (filled, problem, negative) = fill(flow, &updated, turn: turn)
        if negative, let pending = active.pending, let slot = flow.slots.first(where: { $0.name == pending }) {
            if let value = slot.defaultValue.flatMap({ parseDefault($0, slot: slot) }) {
                updated.values[slot.name] = value
            } else if slot.required {
                // Without this fact there is no calculation: the general rules instead.
                state.flow = nil
                return generalAnswer(flow, turn: turn, state: &state, missing: slot)
            } else {
                updated.values[slot.name] = .unknown
            }
            return advance(flow, updated, turn: turn, state: &state, intro: false, problem: nil)
        }
        if filled.isEmpty && problem == nil {
            // Nothing for the flow: an answer that is not valid, another question, or nonsense.
            if looksLikeAnAnswer(turn) {
                updated.reasks += 1
                state.flow = updated
                let hint = turn.english
                    ? "That is not a value I can use (check the date or the number)."
                    : "Non è un valore che posso usare (controlla la data o il numero)."
                return advance(flow, updated, turn: turn, state: &state, intro: false, problem: hint)
            }
            let result = retriever.search(turn.text, language: turn.language, audience: state.audience)
            if result.confidence >= settings.answerThreshold || rules.asksForOperator(turn.folded) {
                state.flow = nil
                return nil
            }
            updated.reasks += 1
            if updated.reasks >= 3 {
                state.flow = nil
                return Reply(
                    q: turn.echo, outcome: .fallback, lang: turn.language.rawValue,
                    text: turn.english
                        ? "I could not get the facts I need, so I have stopped the calculation. You can start again, or write /operatore to ask an advisor."
                        : "Non riesco ad avere i dati che mi servono, quindi ho interrotto il calcolo. Puoi ricominciare, oppure scrivere /operatore per chiedere a un consulente.",
                    asOf: turn.today, reason: "flow_abandoned")
            }
            let hint = turn.english ? "I did not get that." : "Non ho capito."
            return advance(flow, updated, turn: turn, state: &state, intro: false, problem: hint)
        }
        updated.reasks = 0
        return advance(flow, updated, turn: turn, state: &state, intro: false, problem: problem)
    }

    /// Asks for the next missing fact, or computes the answer when all are known.
    private func advance(
        _ flow: FlowDefinition, _ active: ActiveFlow, turn: TurnInput, state: inout ConversationState, intro: Bool,
        problem: String?
    ) -> Reply {
        var active = active
        let english = turn.english
        for (name, value) in active.values { state.facts[name] = value.description }
        if let slot = flow.nextMissing(active.values) {
            active.pending = slot.name
            state.flow = active
            state.topic = flow.topic
            var parts: [String] = []
            if intro, !(english ? flow.introEn : flow.introIt).isEmpty { parts.append(english ? flow.introEn : flow.introIt) }
            if let problem { parts.append(problem) }
            parts.append(english ? slot.askEn : slot.askIt)
            var reply = Reply(
                q: turn.echo, outcome: .ask, topic: flow.topic, lang: turn.language.rawValue,
                text: parts.joined(separator: " "), slot: slot.name, asOf: turn.today)
            reply.facts = state.facts
            return reply
        }
        do {
            let result = try calculators.compute(
                flow.calculator, values: active.values, parameters: retriever.base.parameters, today: turn.today)
            state.flow = nil
            state.lastFlow = active
            state.topic = flow.topic
            state.fallbacks = 0
            // A follow-up after a calculation ("ed è retribuito?") reads with its topic.
            if let first = retriever.cardsByTopic[flow.topic]?.first {
                state.context = retriever.base.cards[first].title
            }
            var text = (problem.map { $0 + "\n\n" } ?? "") + result.text(english: english)
            text += "\n\n" + (english
                ? "Figures in force from \(result.validFrom.spelled(english: true)); answer valid on \(turn.today.spelled(english: true))."
                : "Valori in vigore dal \(result.validFrom.spelled(english: false)); risposta valida al \(turn.today.spelled(english: false)).")
            let card = retriever.cardsByTopic[flow.topic]?.first.map {
                preferredCard(topic: flow.topic, found: $0, language: turn.language, audience: state.audience)
            }
            var reply = Reply(
                q: turn.echo, outcome: .answer, topic: flow.topic, card: card.map { retriever.base.cards[$0].reference },
                score: 1, lang: turn.language.rawValue, text: text, sources: result.sources,
                title: card.map { retriever.base.cards[$0].title }, validFrom: result.validFrom, asOf: turn.today)
            reply.facts = state.facts
            return reply
        } catch {
            // An impossible combination (e.g. more months used than the law allows): say
            // why and ask again for the numbers.
            let slot = flow.slots.first { [.duration, .number, .count, .hours, .age].contains($0.kind) && active.values[$0.name] != nil }
                ?? flow.slots.first { $0.required }
            if let slot { active.values[slot.name] = nil }
            active.pending = slot?.name
            state.flow = slot == nil ? nil : active
            var reply = Reply(
                q: turn.echo, outcome: slot == nil ? .fallback : .ask, topic: flow.topic, lang: turn.language.rawValue,
                text: error.description + (slot.map { " " + (english ? $0.askEn : $0.askIt) } ?? ""), slot: slot?.name,
                asOf: turn.today, reason: "invalid_input")
            reply.facts = state.facts
            return reply
        }
    }

    /// The flow's topic card when a required fact is unknown.
    private func generalAnswer(_ flow: FlowDefinition, turn: TurnInput, state: inout ConversationState, missing: SlotDefinition)
        -> Reply
    {
        guard let first = retriever.cardsByTopic[flow.topic]?.first else {
            return Reply(q: turn.echo, outcome: .fallback, lang: turn.language.rawValue, text: "", asOf: turn.today)
        }
        let position = preferredCard(topic: flow.topic, found: first, language: turn.language, audience: state.audience)
        var reply = answer(card: position, echo: turn.echo, language: turn.language, today: turn.today, score: 1)
        reply.text = (turn.english
            ? "Without that I cannot do the calculation for your case; here are the general rules."
            : "Senza questo dato non posso fare il calcolo per il tuo caso: ecco le regole generali.") + "\n\n" + reply.text
        state.topic = flow.topic
        return reply
    }

    /// Puts the message's facts into the flow's slots: the slot just asked first, then
    /// empty slots of the right kind, then (after "no", "anzi"…) a correction of a filled
    /// one. Returns the slots filled, a problem to tell the person, and whether they said
    /// they do not know.
    func fill(_ flow: FlowDefinition, _ active: inout ActiveFlow, turn: TurnInput) -> (filled: [String], problem: String?, negative: Bool) {
        var filled: [String] = []
        var problem: String?
        var negative = false
        let correcting = Engine.correctionWords.match(turn.folded, at: 0) != nil
        let pending = active.pending.flatMap { name in flow.slots.first { $0.name == name } }
        var order = flow.slots
        if let pending { order = [pending] + order.filter { $0.name != pending.name } }

        func target(for value: (SlotDefinition) -> SlotValue?, explicit: Bool) -> (SlotDefinition, SlotValue)? {
            let open = order.filter { !filled.contains($0.name) }
            // "no, è nato il…": a correction replaces a fact already given.
            if correcting, let slot = open.first(where: { active.values[$0.name] != nil && value($0) != nil }),
                let converted = value(slot)
            {
                return (slot, converted)
            }
            if let pending, open.contains(where: { $0.name == pending.name }), let converted = value(pending) {
                return (pending, converted)
            }
            // Then the facts still missing; an optional one only when the value says
            // unmistakably what it is (a role, "gemelli"), never a bare date or number.
            for slot in open where active.values[slot.name] == nil && (slot.required || explicit) {
                if let converted = value(slot) { return (slot, converted) }
            }
            return nil
        }

        // "ho usato 2 mesi e la madre 4": a bare number after a duration takes its unit.
        var items: [(value: EntityValue, words: Range<Int>)] = []
        var lastUnit: TimeUnit?
        for entity in turn.entities {
            switch entity.value {
            case .duration(let quantity):
                lastUnit = quantity.unit
                items.append((entity.value, entity.words))
            case .number(let number) where lastUnit != nil:
                items.append((.duration(Quantity(value: number, unit: lastUnit ?? .month)), entity.words))
            default:
                items.append((entity.value, entity.words))
            }
        }
        if Engine.hasNegativeNumber(turn.text) {
            let message = turn.english ? "Negative numbers are not possible here." : "Qui non sono possibili numeri negativi."
            return ([], message, false)
        }
        for (entityValue, range) in items {
            if case .negative = entityValue {
                negative = true
                continue
            }
            // "ho usato 3 mesi, non 2": a value right after "non" is the one being taken back.
            if range.lowerBound > 0, range.lowerBound <= turn.folded.count,
                ["non", "not", "no"].contains(turn.folded[range.lowerBound - 1]), correcting || active.pending != nil
            {
                continue
            }
            // The words just before a value can say which fact it is ("nato il …").
            let window = Array(turn.folded[max(0, range.lowerBound - 5)..<min(range.lowerBound, turn.folded.count)])
            // The cue nearest to the value decides ("sono il padre, ho già usato 2 mesi").
            let cuedSlots = flow.slots.compactMap { slot -> (SlotDefinition, Int)? in
                guard !filled.contains(slot.name), let end = slot.cues?.lastMatchEnd(in: window),
                    self.convert(entityValue, to: slot, pending: true) != nil
                else { return nil }
                return (slot, end)
            }
            if let cued = cuedSlots.max(by: { $0.1 < $1.1 })?.0, let value = convert(entityValue, to: cued, pending: true) {
                if let message = validate(value, slot: cued, today: turn.today, english: turn.english) {
                    problem = message
                } else {
                    active.values[cued.name] = value
                    filled.append(cued.name)
                }
                continue
            }
            let explicit: Bool
            switch entityValue {
            case .role, .employment, .count: explicit = true
            default: explicit = false
            }
            guard
                let (slot, value) = target(
                    for: { slot in self.convert(entityValue, to: slot, pending: slot.name == pending?.name) },
                    explicit: explicit)
            else { continue }
            if let message = validate(value, slot: slot, today: turn.today, english: turn.english) {
                problem = message
                continue
            }
            active.values[slot.name] = value
            filled.append(slot.name)
        }
        // Words for choices, yes/no and roles, and words that mean zero.
        for slot in order where !filled.contains(slot.name) {
            var value: SlotValue?
            if let none = slot.none, active.values[slot.name] == nil || correcting, none.occurs(in: turn.folded) {
                value = parseDefault("0", slot: slot)
            }
            switch slot.kind {
            case .choice:
                value = slot.choices.first { $0.phrases.occurs(in: turn.folded) }.map { .choice($0.value) }
            case .yesno:
                if slot.cues?.occurs(in: turn.folded) == true {
                    value = .yes(true)
                } else if slot.name == pending?.name {
                    if Engine.yesWords.match(turn.folded, at: 0) != nil { value = .yes(true) }
                    else if Engine.noWords.match(turn.folded, at: 0) != nil { value = .yes(false) }
                }
            case .role where slot.name == pending?.name || active.values[slot.name] == nil:
                let mother = Engine.motherWords.occurs(in: turn.folded)
                let father = Engine.fatherWords.occurs(in: turn.folded)
                if slot.name == pending?.name && mother != father { value = .role(mother ? .mother : .father) }
            default: break
            }
            if let value {
                active.values[slot.name] = value
                filled.append(slot.name)
                if slot.name == pending?.name { negative = false }
            }
        }
        if !filled.isEmpty { negative = false }
        return (filled, problem, negative)
    }

    /// Whether a message that filled nothing was meant as an answer: digits, a month name,
    /// or a very short message ("31 febbraio", "-5", "1850").
    func looksLikeAnAnswer(_ turn: TurnInput) -> Bool {
        if turn.folded.contains(where: { $0.first?.isNumber == true }) { return true }
        return turn.folded.contains(where: Engine.monthNames.contains)
    }

    static let monthNames: Set<String> = [
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
        "novembre", "dicembre", "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]

    /// Whether the text writes a negative number ("-5", "meno 3").
    static func hasNegativeNumber(_ text: String) -> Bool {
        var previous: Character = " "
        var beforePrevious: Character = " "
        for character in text {
            if character.isNumber && previous == "-" && !beforePrevious.isNumber && !beforePrevious.isLetter { return true }
            beforePrevious = previous
            previous = character
        }
        return false
    }

    /// An entity as the value of `slot`, if it fits. Bare numbers fit only the slot just asked.
    func convert(_ value: EntityValue, to slot: SlotDefinition, pending: Bool) -> SlotValue? {
        switch (slot.kind, value) {
        case (.date, .date(let day)): return .date(day)
        case (.birth, .date(let day)): return .date(day)
        case (.birth, .age(let quantity)), (.age, .age(let quantity)): return .quantity(quantity)
        case (.birth, .duration(let quantity)) where pending && (quantity.unit == .year || quantity.unit == .month):
            return .quantity(quantity)
        case (.age, .duration(let quantity)) where pending && (quantity.unit == .year || quantity.unit == .month):
            return .quantity(quantity)
        case (.birth, .number(let number)) where pending, (.age, .number(let number)) where pending:
            return .quantity(Quantity(value: number, unit: .year))
        case (.duration, .duration(let quantity)) where quantity.unit != .hour: return .quantity(quantity)
        case (.duration, .number(let number)) where pending: return .quantity(Quantity(value: number, unit: .month))
        case (.hours, .hoursPerDay(let hours)): return .number(hours)
        case (.hours, .number(let number)) where pending: return .number(number)
        case (.hours, .duration(let quantity)) where pending && quantity.unit == .hour: return .number(quantity.value)
        case (.count, .count(let count, _)): return .number(Double(count))
        case (.count, .number(let number)) where pending: return .number(number)
        case (.role, .role(let role)): return .role(role)
        case (.employment, .employment(let kind)): return .employment(kind)
        case (.number, .number(let number)): return .number(number)
        default: return nil
        }
    }

    /// Why a value cannot be right, or nil.
    func validate(_ value: SlotValue, slot: SlotDefinition, today: Day, english: Bool) -> String? {
        var number: Double?
        switch value {
        case .number(let value): number = value
        case .quantity(let quantity): number = quantity.value
        case .date(let day):
            let years = Double(day.year)
            if years < (slot.minimum ?? 1900) || years > (slot.maximum ?? 2100) {
                return english ? "That date does not look right (\(day.spelled(english: true)))." : "Quella data non mi sembra giusta (\(day.spelled(english: false)))."
            }
            if slot.kind == .birth && day > today {
                return english ? "A date of birth cannot be in the future." : "La data di nascita non può essere nel futuro."
            }
        default: break
        }
        if let number {
            let minimum = slot.minimum ?? 0
            let maximum = slot.maximum ?? (slot.kind == .birth || slot.kind == .age ? 30 : 1_000)
            if number < minimum || number > maximum || !number.isFinite {
                let shown = ReplyFormat.number(number)
                return english ? "\(shown) is not a possible value here." : "\(shown) non è un valore possibile qui."
            }
        }
        return nil
    }

    /// A slot's `default:` as a value.
    func parseDefault(_ text: String, slot: SlotDefinition) -> SlotValue? {
        switch slot.kind {
        case .choice: return .choice(text)
        case .yesno: return .yes(["yes", "si", "sì", "true"].contains(text.lowercased()))
        case .role: return ParentRole(rawValue: text).map(SlotValue.role)
        case .employment: return EmploymentKind(rawValue: text).map(SlotValue.employment)
        case .date, .birth: return Day(iso: text).map(SlotValue.date)
        default: return Double(text).map(SlotValue.number)
        }
    }
}
