#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to standard output and error with plain `write(2)`: nothing buffered behind
/// the reader's back, nothing shared between threads.
private let systemWrite: @Sendable (Int32, UnsafeRawPointer?, Int) -> Int = { write($0, $1, $2) }

enum Output {
    /// Writes a line to standard output.
    static func line(_ text: String, flush: Bool = false) {
        write(fd: 1, text + "\n")
    }

    /// Writes a prompt (no newline).
    static func prompt(_ text: String) {
        write(fd: 1, text)
    }

    /// Writes a line to standard error.
    static func error(_ text: String) {
        write(fd: 2, text + "\n")
    }

    /// Writes text to standard error as it is (no newline): prompts for credentials.
    static func errorText(_ text: String) {
        write(fd: 2, text)
    }

    private static func write(fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(fd, base + offset, buffer.count - offset)
            }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                return  // the reader went away: nothing more to do
            }
            offset += written
        }
    }

    /// Whether standard output is a terminal (for colours and the prompt).
    static var isTerminal: Bool { isatty(1) == 1 && isatty(0) == 1 }

    /// The terminal width, 80 when unknown.
    static var width: Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 80
    }
}
