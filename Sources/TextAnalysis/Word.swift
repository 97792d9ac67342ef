/// One word of a text after segmentation and elision splitting.
public struct Word: Sendable, Hashable {
    /// Lower case, accents kept ("maternità"): what the stemmers expect.
    public let lower: String
    /// Lower case without accents ("maternita"): what lists and the vocabulary match on.
    public let folded: String

    /// The value of a decimal number as written ("7,5" → 7.5, whose word is "7"), when
    /// the text had one; whole numbers are read from `folded`.
    public let decimal: Double?

    public init(lower: String, folded: String, decimal: Double? = nil) {
        self.lower = lower
        self.folded = folded
        self.decimal = decimal
    }

    /// Whether the word is made of digits only ("104", "2026").
    public var isNumber: Bool { !folded.isEmpty && folded.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
}
