#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads standard input line by line as bytes, so that invalid UTF-8 and over-long
/// lines are reported per line instead of stopping the program.
struct LineReader {
    /// A line as read.
    enum Line {
        case text(String)
        case invalidUTF8(String)
        case tooLong(prefix: String, bytes: Int)
    }

    let maximumBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(maximumBytes: Int = 1 << 20) { self.maximumBytes = maximumBytes }

    /// The next line, without its LF or CRLF; nil at end of input.
    mutating func next() -> Line? {
        var discarding = 0
        while true {
            if let newline = buffer[start...].firstIndex(of: 10) {
                var line = Array(buffer[start..<newline])
                start = newline + 1
                compact()
                if discarding > 0 {
                    return .tooLong(prefix: "", bytes: discarding + line.count)
                }
                if line.last == 13 { line.removeLast() }
                return decode(line)
            }
            if buffer.count - start > maximumBytes {
                // Keep only a prefix for the echo; skip the rest of the line.
                discarding += buffer.count - start
                let prefix = String(decoding: buffer[start..<start + 200], as: UTF8.self)
                buffer.removeAll(keepingCapacity: true)
                start = 0
                if !skipToNewline(&discarding) {
                    return .tooLong(prefix: prefix, bytes: discarding)
                }
                return .tooLong(prefix: prefix, bytes: discarding)
            }
            if finished {
                guard start < buffer.count else { return nil }
                var line = Array(buffer[start...])
                buffer.removeAll()
                start = 0
                if line.last == 13 { line.removeLast() }
                return decode(line)
            }
            fill()
        }
    }

    private func decode(_ bytes: [UInt8]) -> Line {
        if let text = String(validating: bytes, as: UTF8.self) { return .text(text) }
        return .invalidUTF8(String(decoding: bytes, as: UTF8.self))
    }

    /// Reads and drops bytes up to and including the next LF; false at end of input.
    private mutating func skipToNewline(_ count: inout Int) -> Bool {
        while true {
            fill()
            if let newline = buffer.firstIndex(of: 10) {
                count += newline
                buffer.removeSubrange(0...newline)
                start = 0
                return true
            }
            count += buffer.count
            buffer.removeAll(keepingCapacity: true)
            if finished { return false }
        }
    }

    private mutating func compact() {
        if start > 65_536 && start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    private mutating func fill() {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if count <= 0 {
            finished = true
        } else {
            buffer.append(contentsOf: chunk[0..<count])
        }
    }
}
