import Foundation

/// A JSON value read leniently from the server: the console never fails on a field of an
/// unexpected type, it just sees `nil` where it expected something else.
enum ConsoleJSON: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ConsoleJSON])
    case object([String: ConsoleJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ConsoleJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ConsoleJSON].self))
        }
    }

    /// Parses one line; nil when it is not JSON.
    static func parse(_ line: String) -> ConsoleJSON? {
        try? JSONDecoder().decode(ConsoleJSON.self, from: Data(line.utf8))
    }

    /// The member `key` of an object; nil for other values and missing keys.
    subscript(_ key: String) -> ConsoleJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The text of a string; nil for anything else.
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of a number; nil for anything else.
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The value of a boolean; nil for anything else.
    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements of an array; nil for anything else.
    var array: [ConsoleJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members of an object; nil for anything else.
    var object: [String: ConsoleJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The value as a person reads it: strings as they are, whole numbers without a
    /// decimal point, lists joined with commas, nested objects as `key=value` pairs.
    var displayText: String {
        switch self {
        case .null: return "—"
        case .bool(let value): return value ? "yes" : "no"
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .string(let text): return text
        case .array(let elements): return elements.map(\.displayText).joined(separator: ", ")
        case .object(let members):
            return members.keys.sorted().map { "\($0)=\(members[$0]?.displayText ?? "")" }.joined(separator: ", ")
        }
    }
}
