/// What kind of reply the desk gives (the `outcome` field of the JSON contract).
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// A card answers the question (`topic` and `card` are set).
    case answer
    /// The desk asks which of `options` (topic ids) was meant.
    case clarify
    /// A flow asks for a fact (`slot` names it).
    case ask
    /// A human advisor is offered or a ticket opened.
    case escalate
    /// Not this desk's field: says so, and points to the right office where known.
    case outOfScope = "out_of_scope"
    /// Greetings, thanks, goodbye.
    case smalltalk
    /// Not understood: asks to rephrase.
    case fallback
}
