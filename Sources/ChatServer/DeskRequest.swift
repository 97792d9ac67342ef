import Desk
import Dialogue

/// What a connection asks of the second level (``SecondLevel``). Each is answered with a
/// ``DeskAnswer`` (or nil when a user's line is for the desk's engine after all).
enum DeskRequest: Sendable, Hashable {
    // A user's requests.
    /// Open a ticket (or reopen the one this connection holds, when answered or closed).
    case openTicket(TicketContext)
    /// `/ticket CODE SECRET`: come back to a ticket.
    case resumeTicket(code: String, secret: String)
    /// `/ticket` alone: the status of the ticket this connection holds.
    case ticketStatus
    /// A line from a user holding a ticket: relayed when an advisor is with them, else
    /// noted in the ticket (and the engine answers it).
    case userLine(String)
    /// `/feedback +|- [comment]` on the last answer.
    case feedback(FeedbackEntry)
    /// `/forget`: delete the data of the ticket this connection holds.
    case forgetTicket

    // An advisor's requests.
    case login(name: String, token: String)
    case logout
    case queue
    case take(code: String)
    case show(code: String)
    case say(String)
    case release
    case close(resolution: String)
    case attach(card: String)
    case knowledgeGap
    case assign(code: String, to: String)
}

/// What the dialogue knew when the user asked for a person.
struct TicketContext: Sendable, Hashable {
    var reason: String
    var topic: String?
    var card: String?
    var lang: String
    var facts: [String: String]
    var excerpt: [ExcerptLine]
    var session: String
    /// What the user wrote after `/operatore`, if anything.
    var note: String?
}

/// The second level's answer to a request: the reply to the line (its `q` is set by the
/// connection), members for the JSON object, and what changes for the connection.
struct DeskAnswer: Sendable, Hashable {
    var reply: Reply
    var extra: [JSONValue.Member] = []
    var change: Change? = nil
    /// Whether the line and its reply go to the transcript (not for advisors' commands).
    var recorded = true
    /// For a user's ticket: whether an advisor is with them now (nil: unchanged).
    var live: Bool? = nil

    /// How the connection's role changes.
    enum Change: Sendable, Hashable {
        /// The connection now holds this ticket (its lines go to the second level first).
        case holdsTicket(String)
        /// It no longer holds a ticket.
        case dropsTicket
        /// An advisor logged in: their plain lines go to the ticket they hold.
        case loggedIn(String)
        case loggedOut
    }
}
