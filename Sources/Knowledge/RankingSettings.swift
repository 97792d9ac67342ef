/// Ranking and decision thresholds (Config/sportello.yaml, `retrieval:`).
public struct RankingSettings: Sendable, Hashable, Codable {
    /// BM25 term-frequency saturation.
    public var k1: Double = 1.2
    /// Field weights: questions, title, keywords, body.
    public var fieldWeights: [Double] = [2.5, 3.0, 2.0, 1.0]
    /// Field length normalisation: questions, title, keywords, body.
    public var fieldB: [Double] = [0.3, 0.5, 0.5, 0.75]
    /// Weight of the best alternate-question similarity in the final score.
    public var questionWeight: Double = 1.0
    /// Weight of the topic classifier's probability in the final score (0: off).
    public var classifierWeight: Double = 1.0
    /// Share of their idf that question words ("quanto", "come", "how") keep.
    public var weakTermWeight: Double = 0.3
    /// Score multiplier for cards in the question's language.
    public var languageBoost: Double = 1.15
    /// Score multiplier for cards of the audience the person stated.
    public var audienceBoost: Double = 1.3
    /// Below this confidence the desk does not answer with a card.
    public var answerThreshold: Double = 0.45
    /// Below this confidence the desk says it did not understand.
    public var fallbackThreshold: Double = 0.25
    /// Another topic within this ratio of the best score makes the answer a `clarify`
    /// when the confidence is below `clarifyBelow`.
    public var clarifyRatio: Double = 0.9
    public var clarifyBelow: Double = 0.7
    /// A clarification needs the best match to cover at least this share of the
    /// question; below it the desk asks to rephrase (or says the subject is not its own).
    public var clarifyMinCoverage: Double = 0.7
    /// A topic whose classifier probability and margin over the next reach these gets at
    /// least `sureTopicConfidence`.
    public var sureTopicProbability: Double = 0.9
    public var sureTopicMargin: Double = 0.4
    public var sureTopicConfidence: Double = 0.5
    /// The most options a clarification offers.
    public var clarifyOptions: Int = 3

    public init() {}
}
