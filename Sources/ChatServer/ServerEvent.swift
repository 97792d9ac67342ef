/// Something the server pushes that is not the reply to a line: a notice (idle timeout,
/// shutdown) or an error that ends the connection (flood, too many long lines). In JSON
/// mode it is `{"type": "notice"|"error", "reason": …, "lang": …, "text": …}`, without `seq`.
struct ServerEvent: Sendable, Hashable {
    /// The `type` field.
    enum Kind: String, Sendable {
        case notice
        case error
    }

    let kind: Kind
    /// A stable code for programs (`shutdown`, `idle_timeout`, `flood`…).
    let reason: String
    /// The language of `text`.
    let lang: String
    /// The message for a person.
    let text: String
}
