/// Builds FTS5 MATCH expressions from analysed terms. Every term is quoted as an FTS5
/// string, so nothing a person types (`"`, `*`, `NEAR(`, `col:`, `AND`, `^`) can act as
/// query syntax.
public enum FTSQuery {
    /// `"a" OR "b" OR …`; nil when there are no terms.
    public static func anyOf(_ terms: [String]) -> String? {
        var seen: Set<String> = []
        let quoted = terms.filter { !$0.isEmpty && seen.insert($0).inserted }.map(quote)
        return quoted.isEmpty ? nil : quoted.joined(separator: " OR ")
    }

    /// A term as an FTS5 string literal: wrapped in double quotes, inner quotes doubled.
    public static func quote(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
