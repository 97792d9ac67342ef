import Knowledge
import TextAnalysis

/// The dialogue engine: a pure function of (message, conversation state, day) →
/// (reply, next state). It recognises small talk, requests for a human and danger,
/// searches the knowledge base, and decides between answering, asking which topic was
/// meant, saying the subject is out of scope, or asking to rephrase.
public struct Engine: Sendable {
    public let retriever: Retriever
    public let rules: DialogRules
    public let calculators: CalculatorRegistry

    public init(retriever: Retriever, rules: DialogRules, calculators: CalculatorRegistry = CalculatorRegistry()) {
        self.retriever = retriever
        self.rules = rules
        self.calculators = calculators
    }

    var settings: RankingSettings { retriever.settings }

    /// The longest message echoed back in `q`.
    public static let maximumEcho = 2_000
    /// The most characters of earlier questions kept as context for follow-ups.
    static let maximumContext = 400
    /// A follow-up has at most this many content words.
    static let maximumFollowUpWords = 5

    /// Answers one message.
    public func respond(to message: String, state: ConversationState, today: Day) -> (Reply, ConversationState) {
        var next = state
        next.turns += 1
        let text = Engine.sanitize(message)
        let echo = text.utf8.count > Engine.maximumEcho && text.count > Engine.maximumEcho
            ? String(text.prefix(Engine.maximumEcho)) + "…" : text
        let words = Tokenizer.words(text)
        let folded = words.map(\.folded)
        var language = state.language ?? .it
        if !state.languageFixed {
            // The language sticks once guessed: a message switches it only with clear
            // evidence ("ok", "104" or a mixed phrase keep the language in use).
            let (italian, englishScore) = LanguageGuesser.scores(words, vocabulary: retriever.vocabulary)
            if let current = state.language {
                if current == .it && englishScore >= italian + 3 { language = .en }
                if current == .en && italian >= englishScore + 3 { language = .it }
            } else {
                language = englishScore > italian ? .en : .it
            }
            next.language = language
        }
        let english = language == .en
        func reply(_ outcome: Outcome, _ text: String, reason: String? = nil) -> Reply {
            Reply(q: echo, outcome: outcome, lang: language.rawValue, text: text, asOf: today, reason: reason)
        }

        if folded.isEmpty {
            next.fallbacks += 1
            return (
                reply(
                    .fallback,
                    english
                        ? "Please write your question in a few words, for example: \"how long is paternity leave?\""
                        : "Scrivi la tua domanda in poche parole, per esempio: «quanto dura il congedo di paternità?»",
                    reason: "empty"), next
            )
        }

        let danger = rules.safety.occurs(in: folded)
        let turn = TurnInput(
            text: text, echo: echo, words: words, folded: folded,
            entities: EntityExtractor.extract(from: words, today: today), language: language, today: today)
        for entity in turn.entities {
            switch entity.value {
            case .role(let role): next.facts["ruolo"] = role.rawValue
            case .employment(let kind): next.facts["lavoro"] = kind.rawValue
            default: break
            }
        }
        for (audience, phrases) in rules.audience where phrases.occurs(in: folded) {
            next.audience = audience
            break
        }

        // A flow in progress gets the message first.
        if !danger, let active = state.flow, let flowReply = continueFlow(active, turn: turn, state: &next) {
            // "Mi hanno licenziata il …" answers the flow and is a dispute: the calculation,
            // with a human advisor offered.
            if flowReply.outcome == .answer && rules.dispute.occurs(in: folded) {
                var disputed = disputeReply(flowReply, english: english)
                disputed.facts = next.facts
                return (disputed, next)
            }
            return (flowReply, next)
        }
        if !danger, state.flow == nil, let corrected = correctLastFlow(turn: turn, state: &next) {
            return (corrected, next)
        }
        if !danger, let intent = rules.smallTalk.intent(of: folded) {
            next.fallbacks = 0
            return (reply(.smalltalk, english ? intent.replyEn : intent.replyIt), next)
        }
        if !danger && rules.asksForOperator(folded) {
            next.fallbacks = 0
            var offer = reply(.escalate, Engine.operatorOffer(english: english), reason: "operator_requested")
            offer.facts = next.facts
            return (offer, next)
        }

        let analysis = retriever.analyzer.analyze(words: words, language: language, vocabulary: retriever.vocabulary)
        var result = retriever.search(analysis: analysis, audience: next.audience, limit: settings.clarifyOptions + 2)
        var answer: Reply
        let contextBefore = next.context
        if !danger, let rule = firstRule(turn: turn, analysis: analysis, state: next),
            let ruled = apply(rule, turn: turn, result: result, state: &next)
        {
            answer = ruled
            // A calculation set its topic as the context ("ed è retribuito?" reads with it);
            // otherwise the question is the context.
            if answer.outcome == .answer && next.context == contextBefore {
                next.context = String(text.suffix(Engine.maximumContext))
            }
        } else {
            var asked = text
            if let followUp = followUp(words: words, folded: folded, analysis: analysis, alone: result, state: state) {
                result = followUp.result
                asked = followUp.context
            }
            answer = decide(result, echo: echo, language: language, audience: next.audience, today: today, state: &next)
            if answer.outcome == .answer { next.context = String(asked.suffix(Engine.maximumContext)) }
        }
        if !danger && rules.dispute.occurs(in: folded) {
            answer = disputeReply(answer, english: english)
            answer.facts = next.facts
        }
        if answer.outcome == .escalate && answer.facts.isEmpty { answer.facts = next.facts }
        if danger {
            let safety = english ? rules.safetyMessageEn : rules.safetyMessageIt
            answer.text = safety + "\n\n" + answer.text
            if answer.outcome != .answer {
                answer.outcome = .escalate
                answer.reason = "safety"
                answer.options = []
            } else if !answer.text.contains("/operatore") {
                // A person in danger also gets the way to a human, after the answer.
                answer.text += "\n\n" + Engine.operatorOffer(english: english)
            }
        }
        return (answer, next)
    }

    private func decide(
        _ result: SearchResult, echo: String, language: Language, audience: Audience?, today: Day,
        state: inout ConversationState
    ) -> Reply {
        let english = language == .en
        let confidence = result.confidence
        let cardMatches = result.matches.filter { if case .card = $0.kind { true } else { false } }
        guard let best = result.matches.first, confidence >= settings.fallbackThreshold else {
            return fallback(echo: echo, language: language, today: today, state: &state, score: confidence)
        }
        if case .outOfScope(let index) = best.kind {
            state.fallbacks = 0
            state.topic = nil
            let subject = retriever.base.outOfScope[index]
            return Reply(
                q: echo, outcome: .outOfScope, score: confidence, lang: language.rawValue,
                text: subject.message(english: english) + "\n\n" + Engine.scopeReminder(english: english),
                asOf: today, reason: subject.id)
        }
        let close = cardMatches.dropFirst().filter { $0.score >= best.score * settings.clarifyRatio }
        let uncertain = confidence < settings.answerThreshold || (!close.isEmpty && confidence < settings.clarifyBelow)
        if uncertain && cardMatches.count >= 2 && best.coverage >= settings.clarifyMinCoverage {
            let options = Array(([best] + (close.isEmpty ? Array(cardMatches.dropFirst().prefix(1)) : Array(close)))
                .prefix(settings.clarifyOptions))
            state.fallbacks = 0
            return clarify(options, echo: echo, language: language, audience: audience, today: today, score: confidence)
        }
        if confidence < settings.answerThreshold {
            return fallback(echo: echo, language: language, today: today, state: &state, score: confidence)
        }
        guard case .card(let index) = best.kind else {
            return fallback(echo: echo, language: language, today: today, state: &state, score: confidence)
        }
        state.fallbacks = 0
        state.topic = best.topic
        let chosen = preferredCard(topic: best.topic, found: index, language: language, audience: audience)
        let reply = answer(card: chosen, echo: echo, language: language, today: today, score: confidence)
        // A second-level card: what it says, and a human offered for the person's case.
        if retriever.base.cards[chosen].level == 2 {
            var offered = reply
            offered.outcome = .escalate
            offered.reason = "second_level"
            offered.text = Engine.operatorOffer(english: language == .en) + "\n\n" + reply.text
            return offered
        }
        return reply
    }

    /// The card of `topic` in the question's language and for the stated audience, if
    /// there is one; otherwise the card that was found (positions in the card list).
    func preferredCard(topic: String, found: Int, language: Language, audience: Audience?) -> Int {
        let cards = retriever.base.cards
        let card = cards[found]
        if card.lang == language.rawValue && (audience == nil || card.audience == audience || card.audience == .tutti) {
            return found
        }
        let candidates = (retriever.cardsByTopic[topic] ?? []).filter { cards[$0].lang == language.rawValue }
        if let audience, let fit = candidates.first(where: { cards[$0].audience == audience }) { return fit }
        if card.lang == language.rawValue { return found }
        return candidates.first(where: { cards[$0].id == card.id }) ?? candidates.first ?? found
    }

    /// A card rendered for `today`: placeholders filled, the dates stated.
    public func answer(card position: Int, echo: String, language: Language, today: Day, score: Double) -> Reply {
        let card = retriever.base.cards[position]
        let english = card.lang == "en"
        let parameters = retriever.base.parameters
        let (body, used) = retriever.templates[position].render(with: parameters, on: today, english: english)
        var validFrom = card.validFrom
        for id in used {
            if let from = parameters.parameters[id]?.entry(on: today)?.from, from > validFrom { validFrom = from }
        }
        var text = language == .en && card.lang != "en" ? "(This answer is available in Italian only.)\n\n" + body : body
        text += "\n\n"
        text += english
            ? "Rules in force from \(validFrom.spelled(english: true)); answer valid on \(today.spelled(english: true))."
            : "Regole in vigore dal \(validFrom.spelled(english: false)); risposta valida al \(today.spelled(english: false))."
        return Reply(
            q: echo, outcome: .answer, topic: card.topic, card: card.reference, score: score, lang: language.rawValue,
            text: text, sources: card.sources, title: card.title, validFrom: validFrom, asOf: today)
    }

    func clarify(
        _ options: [SearchMatch], echo: String, language: Language, audience: Audience?, today: Day, score: Double
    ) -> Reply {
        let english = language == .en
        var lines: [String] = []
        for option in options {
            if case .card(let index) = option.kind {
                let position = preferredCard(topic: option.topic, found: index, language: language, audience: audience)
                lines.append("- " + retriever.base.cards[position].title)
            }
        }
        let text = (english
            ? "Your question may concern more than one subject:\n"
            : "La tua domanda può riguardare più argomenti:\n")
            + lines.joined(separator: "\n")
            + (english ? "\nWhich one do you mean?" : "\nQuale ti interessa?")
        return Reply(
            q: echo, outcome: .clarify, score: score, lang: language.rawValue, text: text,
            options: options.map(\.topic), asOf: today)
    }

    private func fallback(echo: String, language: Language, today: Day, state: inout ConversationState, score: Double)
        -> Reply
    {
        state.fallbacks += 1
        state.topic = nil
        let english = language == .en
        if state.fallbacks >= 2 {
            state.fallbacks = 0
            return Reply(
                q: echo, outcome: .escalate, score: score, lang: language.rawValue,
                text: (english
                    ? "I could not find an answer to this in my knowledge base. "
                    : "Non ho trovato una risposta a questa domanda nelle mie schede. ")
                    + Engine.operatorOffer(english: english),
                asOf: today, reason: "repeated_fallback")
        }
        let text = english
            ? "I'm not sure I understood. Could you rephrase with a few more words? For example: \"how long is parental leave?\" or \"how do I ask for smart working?\". I answer on parental leave, permits, part-time, smart working, employers' duties and AFOL Metropolitana's services."
            : "Non sono sicuro di aver capito. Puoi riformulare la domanda con qualche parola in più? Per esempio: «quanto dura il congedo parentale?» oppure «come si chiede lo smart working?». Rispondo su congedi e permessi per genitori, part-time, smart working, adempimenti delle imprese e servizi di AFOL Metropolitana."
        return Reply(q: echo, outcome: .fallback, score: score, lang: language.rawValue, text: text, asOf: today)
    }

    static func operatorOffer(english: Bool) -> String {
        english
            ? "A human advisor of the desk (second level) can follow your case: write /operatore to open a request. You will get a code to find the answer again, even later."
            : "Un operatore dello sportello (secondo livello) può seguire il tuo caso: scrivi /operatore per aprire una richiesta. Riceverai un codice per ritrovare la risposta, anche più tardi."
    }

    static func scopeReminder(english: Bool) -> String {
        english
            ? "This desk answers on work–family balance: parental leave, permits, part-time, smart working, employers' duties, AFOL Metropolitana's services."
            : "Questo sportello risponde sulla conciliazione vita-lavoro: congedi e permessi, part-time, smart working, adempimenti delle imprese, servizi di AFOL Metropolitana."
    }

    /// Control characters become spaces, surrounding space is trimmed.
    static func sanitize(_ text: String) -> String {
        // Fast path: printable text without the replacement character needs only trimming.
        let clean = text.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x7F && $0 != 0xEF }
        if clean {
            let utf8 = text.utf8
            if utf8.first != 0x20 && utf8.last != 0x20 { return text }
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{FFFD}" {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        var result = String(scalars)
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return result
    }

    /// An elliptic follow-up read with the conversation's context: "ed è retribuito?"
    /// after a question on paternity leave. Used when the message is short and either
    /// opens with a continuation word or does not find a confident answer alone.
    func followUp(words: [Word], folded: [String], analysis: Analysis, alone: SearchResult, state: ConversationState)
        -> (result: SearchResult, context: String)?
    {
        guard let context = state.context, analysis.contentWordCount <= Engine.maximumFollowUpWords else { return nil }
        let continues = rules.continuation.match(folded, at: 0) != nil
        guard continues || alone.confidence < settings.answerThreshold else { return nil }
        // Words no card knows ("blorp fizz") are not a follow-up: they stay a fallback.
        guard continues || analysis.unknown.count < analysis.contentWordCount else { return nil }
        let combined = context + " " + words.map(\.lower).joined(separator: " ")
        // "e per le aziende?": the employer's side for this search only.
        let audience: Audience? =
            analysis.concepts.contains("datore-lavoro") ? .impresa : (state.audience ?? nil)
        let result = retriever.search(
            analysis: retriever.analyzer.analyze(
                combined, language: analysis.language, vocabulary: retriever.vocabulary),
            audience: audience, limit: settings.clarifyOptions + 2)
        guard result.confidence >= settings.answerThreshold,
            let best = result.matches.first, !best.topic.hasPrefix("out_of_scope:")
        else { return nil }
        // A confident answer on its own to another subject is a change of topic, not a follow-up.
        if !continues, alone.confidence >= settings.fallbackThreshold, alone.matches.first?.topic != best.topic,
            alone.confidence >= result.confidence
        {
            return nil
        }
        return (result, combined)
    }

    /// A dispute: what the knowledge base says, and a human advisor offered.
    func disputeReply(_ answer: Reply, english: Bool) -> Reply {
        var reply = answer
        let offer = english
            ? "This sounds like a situation that an advisor should look at with you. "
            : "Questa sembra una situazione da esaminare con un consulente. "
        reply.text = offer + Engine.operatorOffer(english: english)
            + (answer.outcome == .answer ? "\n\n" + answer.text : "")
        // The topic and card stay on the reply: the advisor and the person see what the
        // knowledge base says about the case.
        reply.outcome = .escalate
        reply.reason = "dispute"
        reply.options = []
        return reply
    }
}
