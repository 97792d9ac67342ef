import Foundation
import Yams
import TextAnalysis

/// The legal parameters, and the filling of `{{param:ID}}` placeholders in card text.
public struct ParameterCatalog: Sendable {
    public let parameters: [String: Parameter]

    public init(parameters: [String: Parameter]) { self.parameters = parameters }

    /// Loads Config/parameters.yaml, reporting every problem (bad dates, entries out of
    /// order, missing values).
    public static func load(text: String, file: String) -> (ParameterCatalog, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let root: Node?
        switch YAMLSupport.compose(text, file: file) {
        case .failure(let diagnostic): return (ParameterCatalog(parameters: [:]), [diagnostic])
        case .success(let node): root = node
        }
        guard case .mapping(let mapping)? = root?["parameters"] else {
            return (ParameterCatalog(parameters: [:]), [Diagnostic(file: file, line: 1, "missing `parameters:` mapping")])
        }
        var parameters: [String: Parameter] = [:]
        for (key, node) in mapping {
            let line = YAMLSupport.line(key, offset: 0)
            guard let id = key.string else { continue }
            guard let source = node["source"]?.string, !source.isEmpty else {
                diagnostics.append(Diagnostic(file: file, line: line, "parameter \(id): missing `source`"))
                continue
            }
            var entries: [Parameter.Entry] = []
            let items = node["series"]?.array() ?? []
            if items.isEmpty {
                diagnostics.append(Diagnostic(file: file, line: line, "parameter \(id): empty or missing `series`"))
            }
            for item in items {
                let itemLine = YAMLSupport.line(item, offset: 0)
                guard let fromText = item["from"]?.string, let from = Day(iso: fromText) else {
                    diagnostics.append(
                        Diagnostic(file: file, line: itemLine, "parameter \(id): `from` must be a date YYYY-MM-DD"))
                    continue
                }
                var until: Day?
                if let untilText = item["until"]?.string {
                    guard let day = Day(iso: untilText), day >= from else {
                        diagnostics.append(
                            Diagnostic(
                                file: file, line: itemLine,
                                "parameter \(id): `until` must be a date YYYY-MM-DD not before `from`"))
                        continue
                    }
                    until = day
                }
                guard let value = item["value"]?.string, !value.isEmpty else {
                    diagnostics.append(Diagnostic(file: file, line: itemLine, "parameter \(id): entry without `value`"))
                    continue
                }
                if let previous = entries.last, previous.from >= from {
                    diagnostics.append(
                        Diagnostic(file: file, line: itemLine, "parameter \(id): series not in date order"))
                }
                entries.append(Parameter.Entry(from: from, until: until, value: value))
            }
            if parameters[id] != nil {
                diagnostics.append(Diagnostic(file: file, line: line, "duplicate parameter \(id)"))
            }
            parameters[id] = Parameter(
                id: id, description: node["description"]?.string ?? "", unit: node["unit"]?.string ?? "",
                source: source, series: entries)
        }
        return (ParameterCatalog(parameters: parameters), diagnostics)
    }

    /// A placeholder found in a text.
    public struct Placeholder: Sendable, Hashable {
        public let id: String
        /// `from`: the date the value applies from; nil: the value.
        public let field: String?
        public let range: Range<String.Index>
    }

    /// The `{{param:ID}}` / `{{param:ID|from}}` placeholders of `text`.
    public static func placeholders(in text: String) -> [Placeholder] {
        var result: [Placeholder] = []
        var searchStart = text.startIndex
        while let open = text.range(of: "{{", range: searchStart..<text.endIndex) {
            guard let close = text.range(of: "}}", range: open.upperBound..<text.endIndex) else { break }
            let inside = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if inside.hasPrefix("param:") {
                let spec = inside.dropFirst("param:".count)
                let parts = spec.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                result.append(
                    Placeholder(
                        id: parts.first ?? "", field: parts.count > 1 ? parts[1] : nil,
                        range: open.lowerBound..<close.upperBound))
            }
            searchStart = close.upperBound
        }
        return result
    }

    /// Problems with the placeholders of `text` on `day`: unknown parameter or field,
    /// no value in force.
    public func check(_ text: String, on day: Day) -> [String] {
        ParameterCatalog.placeholders(in: text).compactMap { placeholder in
            guard let parameter = parameters[placeholder.id] else {
                return "unknown parameter `\(placeholder.id)` in placeholder"
            }
            if let field = placeholder.field, field != "from", field != "source", field != "unit" {
                return "unknown placeholder field `\(field)` (use |from, |source or |unit)"
            }
            if parameter.entry(on: day) == nil {
                return "parameter `\(placeholder.id)` has no value in force on \(day.iso)"
            }
            return nil
        }
    }

    /// `text` with every placeholder filled for `day` in `language` style; the ids of
    /// the parameters used are returned too.
    public func render(_ text: String, on day: Day, english: Bool) -> (text: String, used: [String]) {
        Template(text).render(with: self, on: day, english: english)
    }

    /// Numbers in the language's style: "3600" → "3.600" (it) / "3,600" (en); decimals
    /// written with a comma by editors ("17468,51", "2,5") → "17.468,51" / "17,468.51", "2.5".
    static func format(_ value: String, english: Bool) -> String {
        let parts = value.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isNumber),
            parts.count == 1 || parts[1].allSatisfy(\.isNumber)
        else { return value }
        var digits = Array(whole)
        var grouped: [Character] = []
        while digits.count > 3 {
            grouped = [english ? "," : "."] + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let integer = String(digits + grouped)
        guard parts.count == 2 else { return integer }
        return integer + (english ? "." : ",") + parts[1]
    }
}
