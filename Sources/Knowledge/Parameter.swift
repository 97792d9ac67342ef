import TextAnalysis
/// A legal number that changes over time, as a dated series (Config/parameters.yaml).
public struct Parameter: Sendable, Hashable, Codable {
    /// One value and the days it applies to.
    public struct Entry: Sendable, Hashable, Codable {
        public let from: Day
        /// Last day (inclusive) for temporary measures; open-ended when nil.
        public let until: Day?
        /// The value as written by the editor ("14", "203,80").
        public let value: String
    }

    public let id: String
    public let description: String
    public let unit: String
    public let source: String
    /// Entries in date order.
    public let series: [Entry]

    /// The entry in force on `day`: the latest one that has started and not ended.
    public func entry(on day: Day) -> Entry? {
        series.last { $0.from <= day && ($0.until.map { day <= $0 } ?? true) }
    }
}
