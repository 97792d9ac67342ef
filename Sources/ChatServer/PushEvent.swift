/// Something the server sends a connection on its own, not as the reply to one of its
/// lines: a ticket's status or queue position, an advisor's line, a user's line (to the
/// advisor), a change in the queue (to advisors). In JSON mode it is one object whose `type`
/// is `kind` and that has no `seq`; in text mode it is a `!` block.
struct PushEvent: Sendable, Hashable {
    /// The `type` field: `ticket`, `operator`, `user`, `queue`, `notice`.
    let kind: String
    /// The other members, in order (after `type`).
    let members: [JSONValue.Member]
    /// What a person reads in text mode.
    let text: String
    /// The first line in text mode: `! kind label:`.
    let label: String
    /// For a user's connection: whether an advisor is now with them on their ticket (their
    /// lines are then relayed); nil: unchanged. Not sent.
    let live: Bool?

    init(kind: String, label: String, members: [JSONValue.Member], text: String, live: Bool? = nil) {
        self.kind = kind
        self.label = label
        self.members = members
        self.text = text
        self.live = live
    }
}
