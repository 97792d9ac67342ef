/// Why the chat server could not start, with what to do about it.
public struct ChatServerError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, for programs.
    public enum Code: Sendable, Hashable {
        /// Another process listens on the address.
        case addressInUse
        /// The address could not be bound for another reason (bad host, no permission…).
        case cannotBind
    }

    /// What went wrong.
    public let code: Code
    /// One line for a person.
    public let description: String

    static func addressInUse(host: String, port: Int) -> Self {
        ChatServerError(
            code: .addressInUse,
            description:
                "cannot listen on \(host):\(port): the address is already in use (is another sportello-server running? choose another --port)"
        )
    }

    static func cannotBind(host: String, port: Int, reason: String) -> Self {
        ChatServerError(
            code: .cannotBind,
            description: "cannot listen on \(host):\(port): \(reason) (check --host and --port)")
    }
}
