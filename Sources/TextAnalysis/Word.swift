/// One word of a text after segmentation and elision splitting.
public struct Word: Sendable, Hashable {
    /// Lower case, accents kept ("maternità"): what the stemmers expect.
    public let lower: String
    /// Lower case without accents ("maternita"): what lists and the vocabulary match on.
    public let folded: String

    public init(lower: String, folded: String) {
        self.lower = lower
        self.folded = folded
    }

    /// Whether the word is made of digits only ("104", "2026").
    public var isNumber: Bool { !folded.isEmpty && folded.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
}
