import Yams

/// Parsing YAML with line numbers for diagnostics.
public enum YAMLSupport {
    /// Parses `text`; a syntax error becomes a diagnostic on its line. `lineOffset` is
    /// added to every line (front matter starts below the first `---`).
    public static func compose(_ text: String, file: String, lineOffset: Int = 0) -> Result<Node?, Diagnostic> {
        do {
            return .success(try Yams.compose(yaml: text))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file, lineOffset: lineOffset))
        } catch {
            return .failure(Diagnostic(file: file, line: lineOffset + 1, "cannot read YAML: \(error)"))
        }
    }

    static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return Diagnostic(file: file, line: lineOffset + mark.line, "invalid YAML: \(detail)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(
                file: file, line: lineOffset + context.mark.line,
                "invalid YAML: duplicate key(s) \(duplicates.joined(separator: ", "))")
        default:
            return Diagnostic(file: file, line: lineOffset + 1, "invalid YAML: \(error)")
        }
    }

    /// The 1-based line of a node, shifted by `offset`.
    static func line(_ node: Node?, offset: Int, fallback: Int = 1) -> Int {
        guard let mark = node?.mark else { return offset + fallback }
        return offset + mark.line
    }

    /// The string items of a sequence node, or of a single scalar.
    static func strings(_ node: Node?) -> [String]? {
        guard let node else { return nil }
        switch node {
        case .scalar(let scalar): return scalar.string.isEmpty ? [] : [scalar.string]
        case .sequence(let sequence):
            var result: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else { return nil }
                result.append(scalar.string)
            }
            return result
        default: return nil
        }
    }
}
