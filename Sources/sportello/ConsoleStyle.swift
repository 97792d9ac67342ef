import Foundation

/// How the console writes: colours only on a terminal, the width to wrap at, and the
/// time zone for message times.
struct ConsoleStyle: Sendable {
    var color: Bool
    var width: Int
    var timeZone: TimeZone

    init(color: Bool, width: Int = 80, timeZone: TimeZone = .current) {
        self.color = color
        self.width = max(40, width)
        self.timeZone = timeZone
    }

    /// Plain text, 80 columns, UTC: for scripts and tests.
    static let plain = ConsoleStyle(color: false, width: 80, timeZone: TimeZone(identifier: "UTC") ?? .current)

    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func red(_ text: String) -> String { paint(text, "31") }
    func boldRed(_ text: String) -> String { paint(text, "1;31") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func green(_ text: String) -> String { paint(text, "32") }
    func cyan(_ text: String) -> String { paint(text, "36") }
    func magenta(_ text: String) -> String { paint(text, "35") }

    private func paint(_ text: String, _ code: String) -> String {
        color && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
