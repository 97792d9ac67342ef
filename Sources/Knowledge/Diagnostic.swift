/// A problem found in a knowledge-base or configuration file, with where it is.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How serious a problem is: an error stops the knowledge base from being served.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public let file: String
    public let line: Int
    public let message: String
    public let severity: Severity

    public init(file: String, line: Int, _ message: String, severity: Severity = .error) {
        self.file = file
        self.line = max(line, 1)
        self.message = message
        self.severity = severity
    }

    /// `file:line: error: message`, the form editors and tools understand.
    public var description: String { "\(file):\(line): \(severity.rawValue): \(message)" }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.message) < (rhs.file, rhs.line, rhs.message)
    }
}

/// Raised when a knowledge base cannot be served; carries every problem found.
public struct KnowledgeBaseError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }
        let lines = errors.prefix(20).map(\.description).joined(separator: "\n")
        let more = errors.count > 20 ? "\n… and \(errors.count - 20) more" : ""
        return "the knowledge base has \(errors.count) problem(s); run `sportello kb check` for the full list:\n\(lines)\(more)"
    }
}
