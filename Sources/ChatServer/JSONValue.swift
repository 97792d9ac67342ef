import Foundation

/// A JSON value for the fields that events and operator replies add to the contract's
/// objects (`ticket`, `tickets`, `position`…); members keep their order.
indirect enum JSONValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([Member])

    /// A named member of an object.
    struct Member: Sendable, Hashable {
        let name: String
        let value: JSONValue

        init(_ name: String, _ value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// A string, or null.
    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    /// An integer, or null.
    static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    /// A date as ISO 8601 (UTC, seconds), or null.
    static func date(_ value: Date?) -> JSONValue {
        guard let value else { return .null }
        return .string(ISO8601DateFormatter.string(from: value, timeZone: .gmt, formatOptions: [.withInternetDateTime]))
    }

    /// The value as JSON text.
    var rendered: String {
        var output = ""
        self.render(into: &output)
        return output
    }

    func render(into output: inout String) {
        switch self {
        case .string(let value): output += JSONString.quoted(value)
        case .int(let value): output += String(value)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += ", " }
                value.render(into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            Self.render(members: members, into: &output)
            output += "}"
        }
    }

    /// `"a": 1, "b": 2` (no braces).
    static func render(members: [Member], into output: inout String) {
        for (index, member) in members.enumerated() {
            if index > 0 { output += ", " }
            output += JSONString.quoted(member.name)
            output += ": "
            member.value.render(into: &output)
        }
    }
}
