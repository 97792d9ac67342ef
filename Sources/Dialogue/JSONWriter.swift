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

    /// A JSON string literal: quotes, backslashes and control characters escaped. Runs of
    /// bytes that need no escape are copied at once.
    static func appendString(_ value: String, to output: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 8)
        bytes.append(34)
        var utf8 = value.utf8.makeIterator()
        var pending: [UInt8] = []  // lead bytes of U+2028 / U+2029 (E2 80 A8/A9)
        while let byte = utf8.next() {
            if !pending.isEmpty {
                pending.append(byte)
                if pending.count == 2 && byte != 0x80 {
                    bytes.append(contentsOf: pending)
                    pending.removeAll()
                } else if pending.count == 3 {
                    if byte == 0xA8 || byte == 0xA9 {
                        bytes.append(contentsOf: Array((byte == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                    } else {
                        bytes.append(contentsOf: pending)
                    }
                    pending.removeAll()
                }
                continue
            }
            switch byte {
            case 34: bytes.append(contentsOf: [92, 34])
            case 92: bytes.append(contentsOf: [92, 92])
            case 10: bytes.append(contentsOf: [92, 110])
            case 13: bytes.append(contentsOf: [92, 114])
            case 9: bytes.append(contentsOf: [92, 116])
            case 0xE2: pending.append(byte)
            case 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(contentsOf: pending)
        bytes.append(34)
        output += String(decoding: bytes, as: UTF8.self)
    }
}
