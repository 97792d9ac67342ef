/// Writes one JSON object with fields in a fixed order (JSONEncoder does not keep
/// order, and the contract's readers like to see `q` first).
struct JSONWriter {
    private var output = "{"
    private var first = true

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { JSONWriter.appendString(value, to: &output) } else { output += "null" }
    }

    mutating func field(_ name: String, _ value: Double) {
        key(name)
        if value.isFinite {
            output += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        } else {
            output += "0"
        }
    }

    mutating func field(_ name: String, _ values: [String]) {
        key(name)
        output += "["
        for (index, value) in values.enumerated() {
            if index > 0 { output += ", " }
            JSONWriter.appendString(value, to: &output)
        }
        output += "]"
    }

    mutating func field(_ name: String, _ values: [String: String]) {
        key(name)
        output += "{"
        for (index, pair) in values.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { output += ", " }
            JSONWriter.appendString(pair.key, to: &output)
            output += ": "
            JSONWriter.appendString(pair.value, to: &output)
        }
        output += "}"
    }

    mutating func finish() -> String {
        output += "}"
        return output
    }

    private mutating func key(_ name: String) {
        if !first { output += ", " }
        first = false
        JSONWriter.appendString(name, to: &output)
        output += ": "
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
