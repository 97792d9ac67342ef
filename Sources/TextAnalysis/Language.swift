/// The languages the desk answers in.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case it
    case en

    /// The language's name in itself, for messages.
    public var name: String { self == .it ? "italiano" : "English" }
}
