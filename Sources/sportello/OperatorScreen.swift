import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operator's terminal: a prompt with a small line editor, and whatever the server
/// pushes printed above it as it arrives, without mixing with what is being typed.
///
/// Standard input is read key by key on a thread of its own; typed lines go to `input`.
/// Everything written to the terminal goes through the lock, so an event and a key press
/// never interleave.
final class OperatorScreen: @unchecked Sendable {
    private let lock = NSLock()
    private var prompt = ""
    private var promptWidth = 0
    private var typed: [Character] = []
    private var history: [String] = []
    private var historyIndex = 0
    private var saved: termios?

    /// Puts the terminal in raw mode and starts reading keys into `input`. The terminal is
    /// put back by ``stop()`` and at exit.
    func start(into input: RemoteChat.Input) {
        lock.lock()
        saved = TerminalMode.current(0)
        if let saved {
            OperatorScreen.restoreAtExit = saved
            atexit { if let settings = OperatorScreen.restoreAtExit { TerminalMode.restore(settings) } }
            TerminalMode.raw(from: saved)
        }
        clear()
        draw()
        lock.unlock()
        let thread = Thread { [self] in self.readKeys(into: input) }
        thread.start()
    }

    /// The terminal settings to put back when the process exits.
    nonisolated(unsafe) private static var restoreAtExit: termios?

    /// Puts the terminal back as it was and leaves the cursor on a fresh line.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        clear()
        if let saved { TerminalMode.restore(saved) }
        saved = nil
    }

    /// Changes the prompt (`giulia [K7M-4QX]> `); `width` is its visible length.
    func setPrompt(_ text: String, width: Int) {
        lock.lock()
        defer { lock.unlock() }
        clear()
        prompt = text
        promptWidth = width
        draw()
    }

    /// Prints `text` above the prompt and draws the prompt and the typed text again.
    func print(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        clear()
        emit(text + "\n")
        draw()
    }

    // MARK: - Drawing (with the lock held)

    private func emit(_ text: String) { Output.prompt(text) }

    /// Erases the prompt line(s) and leaves the cursor at the start.
    private func clear() {
        let visible = promptWidth + typed.count
        let rows = visible > 0 ? (visible - 1) / Output.width : 0
        emit((rows > 0 ? "\u{1B}[\(rows)A" : "") + "\r\u{1B}[J")
    }

    private func draw() {
        emit(prompt + String(typed))
    }

    // MARK: - Keys

    private func readKeys(into input: RemoteChat.Input) {
        var pending: [UInt8] = []  // an incomplete UTF-8 character
        var escape: [UInt8]? = nil  // an escape sequence being read
        var byte: UInt8 = 0
        while true {
            let count = read(0, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            if var sequence = escape {
                sequence.append(byte)
                if sequence.count == 1 && byte != UInt8(ascii: "[") && byte != UInt8(ascii: "O") {
                    escape = nil  // ESC and one key (Alt-key): dropped
                } else if sequence.count > 1 && (0x40...0x7E).contains(byte) {
                    escape = nil
                    key(sequence)
                } else {
                    escape = sequence.count < 16 ? sequence : nil
                }
                continue
            }
            switch byte {
            case 0x1B:
                escape = []
            case 10, 13:
                if let line = enter() { input.push(line) }
            case 0x7F, 0x08:
                edit { if !$0.isEmpty { $0.removeLast() } }
            case 0x03:  // Ctrl-C: clears the line; on an empty line, leaves
                if typedIsEmpty() {
                    input.finish()
                    return
                }
                edit { $0.removeAll() }
            case 0x04:  // Ctrl-D on an empty line: end of input
                if typedIsEmpty() {
                    input.finish()
                    return
                }
            case 0x15:  // Ctrl-U
                edit { $0.removeAll() }
            case 0x17:  // Ctrl-W: the word before the cursor
                edit { typed in
                    while typed.last == " " { typed.removeLast() }
                    while let last = typed.last, last != " " { typed.removeLast() }
                }
            case 0x0C:  // Ctrl-L
                lock.lock()
                emit("\u{1B}[H\u{1B}[2J")
                draw()
                lock.unlock()
            case 0..<0x20:
                break
            default:
                pending.append(byte)
                if let character = String(validating: pending, as: UTF8.self) {
                    pending.removeAll()
                    lock.lock()
                    typed.append(contentsOf: character)
                    emit(character)
                    lock.unlock()
                } else if pending.count >= 4 {
                    pending.removeAll()
                }
            }
        }
        input.finish()
    }

    /// Arrow keys: up and down walk the lines typed before.
    private func key(_ sequence: [UInt8]) {
        guard let last = sequence.last else { return }
        lock.lock()
        defer { lock.unlock() }
        switch last {
        case UInt8(ascii: "A") where historyIndex > 0:
            historyIndex -= 1
        case UInt8(ascii: "B") where historyIndex < history.count:
            historyIndex += 1
        default:
            return
        }
        clear()
        typed = historyIndex < history.count ? Array(history[historyIndex]) : []
        draw()
    }

    private func typedIsEmpty() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return typed.isEmpty
    }

    private func edit(_ change: (inout [Character]) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        clear()
        change(&typed)
        draw()
    }

    /// Enter: the typed line stays on screen above a fresh prompt.
    private func enter() -> String? {
        lock.lock()
        defer { lock.unlock() }
        let line = String(typed)
        typed.removeAll()
        emit("\n")
        draw()
        if !line.trimmed.isEmpty && history.last != line { history.append(line) }
        historyIndex = history.count
        return line
    }
}
