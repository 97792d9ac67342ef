import Knowledge
import TextAnalysis

extension Engine {
    /// The first rule of Dialogs/rules.yaml whose conditions hold, if any.
    func firstRule(turn: TurnInput, analysis: Analysis, state: ConversationState) -> DialogRule? {
        guard !rules.rules.isEmpty else { return nil }
        let input = RuleInput(
            folded: turn.folded, concepts: analysis.concepts, entityKinds: Set(turn.entities.map(\.kindName)),
            contentWords: analysis.contentWordCount, topic: state.topic,
            area: state.topic.flatMap { retriever.base.topics.topics[$0]?.area }, audience: state.audience,
            language: turn.language)
        return rules.rules.first { $0.matches(input) }
    }

    /// Carries out a rule's action.
    func apply(_ rule: DialogRule, turn: TurnInput, result: SearchResult, state: inout ConversationState) -> Reply? {
        let english = turn.english
        switch rule.action {
        case .flow(let id):
            guard let flow = rules.flows[id] else { return nil }
            return startFlow(flow, turn: turn, state: &state)
        case .answer(let cardId):
            guard let position = retriever.base.cards.firstIndex(where: { $0.id == cardId }) else { return nil }
            let card = retriever.base.cards[position]
            let chosen = preferredCard(topic: card.topic, found: position, language: turn.language, audience: state.audience)
            state.topic = card.topic
            state.fallbacks = 0
            return answer(card: chosen, echo: turn.echo, language: turn.language, today: turn.today, score: 1)
        case .topic(let topic):
            let found: Int? = result.matches.lazy.compactMap { match -> Int? in
                if case .card(let position) = match.kind, match.topic == topic { return position }
                return nil
            }.first ?? retriever.cardsByTopic[topic]?.first
            guard let found else { return nil }
            let chosen = preferredCard(topic: topic, found: found, language: turn.language, audience: state.audience)
            state.topic = topic
            state.fallbacks = 0
            return answer(card: chosen, echo: turn.echo, language: turn.language, today: turn.today, score: max(result.confidence, 0.5))
        case .escalate(let reason):
            var reply = Reply(
                q: turn.echo, outcome: .escalate, lang: turn.language.rawValue,
                text: Engine.operatorOffer(english: english), asOf: turn.today, reason: reason)
            reply.facts = state.facts
            return reply
        case .outOfScope(let subjectId):
            guard let subject = retriever.base.outOfScope.first(where: { $0.id == subjectId }) else { return nil }
            state.topic = nil
            return Reply(
                q: turn.echo, outcome: .outOfScope, lang: turn.language.rawValue,
                text: subject.message(english: english) + "\n\n" + Engine.scopeReminder(english: english), asOf: turn.today,
                reason: subject.id)
        case .clarify(let topics):
            let options = topics.compactMap { topic -> SearchMatch? in
                guard let position = retriever.cardsByTopic[topic]?.first else { return nil }
                return SearchMatch(kind: .card(position), topic: topic, score: 0, coverage: 0, questionSimilarity: 0, probability: 0)
            }
            return clarify(options, echo: turn.echo, language: turn.language, audience: state.audience, today: turn.today, score: result.confidence)
        case .smalltalk(let it, let en):
            return Reply(q: turn.echo, outcome: .smalltalk, lang: turn.language.rawValue, text: english ? en : it, asOf: turn.today)
        }
    }
}

extension Entity {
    /// The kind's name in rule conditions.
    var kindName: String {
        switch value {
        case .date: "date"
        case .duration: "duration"
        case .age: "age"
        case .hoursPerDay: "hours"
        case .count: "count"
        case .role: "role"
        case .employment: "employment"
        case .number: "number"
        case .negative: "negative"
        }
    }
}
