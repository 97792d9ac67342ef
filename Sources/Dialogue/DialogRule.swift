import Knowledge
import TextAnalysis

/// A rule of Dialogs/rules.yaml: when its conditions hold for a message (and the
/// conversation's context), the engine takes its action instead of a plain search.
public struct DialogRule: Sendable {
    /// What a rule does.
    public enum Action: Sendable, Hashable {
        /// Answer with this card (by id; the language version is chosen by the engine).
        case answer(card: String)
        /// Answer with the best card of this topic.
        case topic(String)
        /// Start a flow (slot filling and a calculator).
        case flow(String)
        /// Offer a human advisor, with a reason.
        case escalate(reason: String)
        /// Say the subject is not this desk's, with the subject's referral.
        case outOfScope(subject: String)
        /// Ask which of these topics was meant.
        case clarify([String])
        /// A fixed small-talk reply.
        case smalltalk(it: String, en: String)
    }

    /// Conditions: every one that is set must hold.
    public struct Conditions: Sendable {
        /// All of these concepts are in the message.
        public var concepts: [String] = []
        /// At least one of these concepts is in the message.
        public var anyConcepts: [String] = []
        /// All of these words or phrases (folded) are in the message.
        public var words: [PhraseSet] = []
        /// At least one of these words or phrases is in the message.
        public var anyWords: PhraseSet?
        /// None of these words or phrases is in the message.
        public var notWords: PhraseSet?
        /// Entities of these kinds are in the message ("date", "age", "duration", "hours",
        /// "count", "role", "employment", "number").
        public var entities: [String] = []
        /// The conversation's current topic is one of these.
        public var topics: [String] = []
        /// The conversation's current topic belongs to one of these areas.
        public var areas: [String] = []
        /// The audience stated in the conversation.
        public var audience: Audience?
        /// The message's language.
        public var language: Language?
        /// The message has at most this many content words.
        public var maximumWords: Int?

        /// Whether nothing is required (the rule always fires).
        var isEmpty: Bool {
            concepts.isEmpty && anyConcepts.isEmpty && words.isEmpty && anyWords == nil && notWords == nil
                && entities.isEmpty && topics.isEmpty && areas.isEmpty && audience == nil && language == nil
                && maximumWords == nil
        }
    }

    public let id: String
    public let priority: Int
    public let conditions: Conditions
    public let action: Action
    /// Where the rule is written, for diagnostics.
    public let file: String
    public let line: Int
}

/// What a rule is matched against.
struct RuleInput {
    let folded: [String]
    let concepts: Set<String>
    let entityKinds: Set<String>
    let contentWords: Int
    let topic: String?
    let area: String?
    let audience: Audience?
    let language: Language
}

extension DialogRule {
    /// Whether the rule's conditions hold.
    func matches(_ input: RuleInput) -> Bool {
        let c = conditions
        if !c.concepts.allSatisfy(input.concepts.contains) { return false }
        if !c.anyConcepts.isEmpty && !c.anyConcepts.contains(where: input.concepts.contains) { return false }
        if !c.words.allSatisfy({ $0.occurs(in: input.folded) }) { return false }
        if let any = c.anyWords, !any.occurs(in: input.folded) { return false }
        if let not = c.notWords, not.occurs(in: input.folded) { return false }
        if !c.entities.allSatisfy(input.entityKinds.contains) { return false }
        if !c.topics.isEmpty && !(input.topic.map(c.topics.contains) ?? false) { return false }
        if !c.areas.isEmpty && !(input.area.map(c.areas.contains) ?? false) { return false }
        if let audience = c.audience, input.audience != audience { return false }
        if let language = c.language, input.language != language { return false }
        if let maximum = c.maximumWords, input.contentWords > maximum { return false }
        return true
    }
}
