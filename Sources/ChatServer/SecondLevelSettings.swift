import Desk

/// The second level's settings (`server:` keys `sla_urgent_minutes`, `sla_high_minutes`,
/// `sla_normal_minutes`, `tickets_per_connection`).
public struct SecondLevelSettings: Sendable, Hashable {
    /// Minutes within which a ticket of each priority should get an advisor's first line.
    public var slaMinutes: [TicketPriority: Int]
    /// Tickets one connection may open (abuse bound).
    public var ticketsPerConnection: Int
    /// New tickets per minute on the whole server (a flood from many connections); 0: no
    /// bound. Tickets for a person in danger are always opened.
    public var ticketsPerMinute: Int
    /// Lines of a user stored in one ticket at most (a flood is not stored).
    public var notesPerTicket: Int
    /// Wrong `/ticket` or `/login` attempts on one connection before it must wait.
    public var freeAttempts: Int

    public init(
        slaMinutes: [TicketPriority: Int] = [.urgent: 15, .high: 60, .normal: 480], ticketsPerConnection: Int = 3,
        notesPerTicket: Int = 200, freeAttempts: Int = 3, ticketsPerMinute: Int = 0
    ) {
        self.ticketsPerMinute = ticketsPerMinute
        self.slaMinutes = slaMinutes
        self.ticketsPerConnection = ticketsPerConnection
        self.notesPerTicket = notesPerTicket
        self.freeAttempts = freeAttempts
    }

    /// The SLA of a priority, in minutes.
    public func sla(_ priority: TicketPriority) -> Int { self.slaMinutes[priority] ?? 480 }
}
