import Knowledge
import TextAnalysis

/// What the desk remembers of a conversation between turns. The engine never mutates
/// it in place: each turn returns the next state.
public struct ConversationState: Sendable, Hashable {
    /// The language chosen with `/lang`, or guessed and kept.
    public var language: Language?
    /// Whether the language was chosen explicitly (then it is not re-guessed).
    public var languageFixed: Bool = false
    /// The audience the person stated.
    public var audience: Audience?
    /// The topic of the last answer.
    public var topic: String?
    /// The question(s) the last answer was about, read together with an elliptic
    /// follow-up ("ed è retribuito?").
    public var context: String?
    /// The flow in progress, if any.
    public var flow: ActiveFlow?
    /// The last flow that answered, kept so that a correction ("no, è nato il…") can
    /// compute it again.
    public var lastFlow: ActiveFlow?
    /// Facts the person gave so far (slot name → value), attached to an escalation.
    public var facts: [String: String] = [:]
    /// Fallbacks in a row.
    public var fallbacks: Int = 0
    /// Turns so far.
    public var turns: Int = 0

    public init(language: Language? = nil, languageFixed: Bool = false) {
        self.language = language
        self.languageFixed = languageFixed
    }
}
