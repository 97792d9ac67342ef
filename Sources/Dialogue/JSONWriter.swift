/// Writes one JSON object with fields in a fixed order (JSONEncoder does not keep
/// order, and the contract's readers like to see `q` first).
struct JSONWriter {
    /// The object so far, as UTF-8 (one String is made at the end).
    private var output: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    init() {
        output.reserveCapacity(2048)
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { JSONWriter.appendString(value, to: &output) } else { append("null") }
    }

    mutating func field(_ name: String, _ value: Double) {
        key(name)
        if value.isFinite {
            append(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
        } else {
            append("0")
        }
    }

    mutating func field(_ name: String, _ values: [String]) {
        key(name)
        output.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { append(", ") }
            JSONWriter.appendString(value, to: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    mutating func field(_ name: String, _ values: [String: String]) {
        key(name)
        output.append(UInt8(ascii: "{"))
        for (index, pair) in values.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { append(", ") }
            JSONWriter.appendString(pair.key, to: &output)
            append(": ")
            JSONWriter.appendString(pair.value, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    mutating func finish() -> String {
        output.append(UInt8(ascii: "}"))
        return String(decoding: output, as: UTF8.self)
    }

    private mutating func key(_ name: String) {
        if !first { append(", ") }
        first = false
        JSONWriter.appendString(name, to: &output)
        append(": ")
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    /// A JSON string literal appended to `output`, as a String.
    static func appendString(_ value: String, to output: inout String) {
        var bytes: [UInt8] = []
        appendString(value, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// A JSON string literal: quotes, backslashes, control characters and U+2028/U+2029
    /// escaped. Runs of bytes that need no escape are copied at once.
    static func appendString(_ value: String, to output: inout [UInt8]) {
        var value = value
        value.withUTF8 { source in
            output.append(34)
            var runStart = 0
            var index = 0
            let count = source.count
            while index < count {
                let byte = source[index]
                var escape: (UInt8, UInt8)? = nil
                var width = 1
                switch byte {
                case 34: escape = (92, 34)
                case 92: escape = (92, 92)
                case 10: escape = (92, 110)
                case 13: escape = (92, 114)
                case 9: escape = (92, 116)
                case 0..<32: escape = (0, byte)
                case 0xE2 where index + 2 < count && source[index + 1] == 0x80
                    && (source[index + 2] == 0xA8 || source[index + 2] == 0xA9):
                    escape = (1, source[index + 2])
                    width = 3
                default:
                    index += 1
                    continue
                }
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index])) }
                if let (first, second) = escape {
                    switch first {
                    case 0:
                        let hex = Array("0123456789abcdef".utf8)
                        output.append(contentsOf: [92, 117, 48, 48, hex[Int(second >> 4)], hex[Int(second & 15)]])
                    case 1:
                        output.append(contentsOf: (second == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    default:
                        output.append(first)
                        output.append(second)
                    }
                }
                index += width
                runStart = index
            }
            if runStart < count { output.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count])) }
            output.append(34)
        }
    }
}
