#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal settings of standard input, changed for a while and put back.
enum TerminalMode {
    /// Whether standard input and standard output are both terminals.
    static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// The current settings of `descriptor`; nil when it is not a terminal.
    static func current(_ descriptor: Int32 = 0) -> termios? {
        var settings = termios()
        return tcgetattr(descriptor, &settings) == 0 ? settings : nil
    }

    /// Puts back settings read with ``current(_:)``.
    static func restore(_ settings: termios, _ descriptor: Int32 = 0) {
        var settings = settings
        _ = tcsetattr(descriptor, TCSAFLUSH, &settings)
    }

    /// Key by key, without echo or signals: the console's line editor draws the input
    /// itself. Output processing stays on (LF still starts a new line).
    static func raw(from settings: termios, _ descriptor: Int32 = 0) {
        var raw = settings
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON)
        raw.c_iflag |= tcflag_t(ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { characters in
            characters[Int(VMIN)] = 1
            characters[Int(VTIME)] = 0
        }
        _ = tcsetattr(descriptor, TCSAFLUSH, &raw)
    }

    /// Reads one line from the terminal with echo off (for a token); the terminal is put
    /// back as it was, also when reading fails. Nil at end of input.
    static func readHidden(prompt: String) -> String? {
        guard let saved = current(0) else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ICANON)
        _ = tcsetattr(0, TCSAFLUSH, &quiet)
        defer {
            restore(saved)
            Output.errorText("\n")
        }
        Output.errorText(prompt)
        return Self.readLine(endingAt: [10, 13])
    }

    /// Reads one line from the terminal with echo on (for a name). Nil at end of input.
    static func readVisible(prompt: String) -> String? {
        Output.errorText(prompt)
        return Self.readLine(endingAt: [10])
    }

    /// Bytes from standard input up to one of `ends` (not included); nil at end of input
    /// before any byte.
    private static func readLine(endingAt ends: Set<UInt8>) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(0, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if ends.contains(byte) { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
