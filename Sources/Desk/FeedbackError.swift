/// Feedback the store refuses to keep, with what to do about it.
public enum FeedbackError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A rating other than +1 or -1.
    case invalidRating(Int)

    public var description: String {
        switch self {
        case .invalidRating(let rating):
            "a feedback rating must be +1 or -1, got \(rating); map `+` to 1 and `-` to -1 before storing it"
        }
    }
}
