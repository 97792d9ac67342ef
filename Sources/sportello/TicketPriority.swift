/// How urgent a ticket is, as the server names it (`urgent`, `high`, `normal`).
enum TicketPriority: Sendable, Equatable {
    case urgent
    case high
    case normal
    /// A name this console does not know; shown as it came.
    case other(String)

    init(_ name: String?) {
        switch name?.lowercased() {
        case "urgent", "0": self = .urgent
        case "high", "1": self = .high
        case "normal", "2", nil: self = .normal
        case let name?: self = .other(name)
        }
    }

    /// The name shown in the console.
    var name: String {
        switch self {
        case .urgent: "urgent"
        case .high: "high"
        case .normal: "normal"
        case .other(let name): name
        }
    }
}
