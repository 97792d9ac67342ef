import Foundation

/// A multinomial naive Bayes classifier over the index terms, trained on the cards' own
/// alternate questions, titles and keywords (and the out-of-scope subjects' terms): the
/// probability that a question is about each topic. It complements BM25F, which scores
/// cards one by one, with evidence pooled over all the phrasings of a topic.
public struct TopicClassifier: Sendable {
    /// Class names: topic ids and `out_of_scope:<id>`.
    public let classes: [String]
    private let classIndex: [String: Int]
    /// log P(term | class) for the terms seen in a class, by term id.
    private let logLikelihood: [Int32: [(Int32, Float)]]
    /// log P(unseen term | class), per class.
    private let logUnseen: [Float]
    /// log P(class).
    private let logPrior: [Float]

    /// Trains on `examples`: (class, terms) pairs. `termIds` maps terms to ids.
    init(examples: [(String, [Int32])], smoothing: Float = 0.1) {
        var classes: [String] = []
        var classIndex: [String: Int] = [:]
        var counts: [[Int32: Float]] = []
        var totals: [Float] = []
        var exampleCounts: [Float] = []
        var vocabulary: Set<Int32> = []
        for (name, terms) in examples {
            let index: Int
            if let known = classIndex[name] {
                index = known
            } else {
                index = classes.count
                classIndex[name] = index
                classes.append(name)
                counts.append([:])
                totals.append(0)
                exampleCounts.append(0)
            }
            exampleCounts[index] += 1
            for term in Set(terms) {
                counts[index][term, default: 0] += 1
                totals[index] += 1
                vocabulary.insert(term)
            }
        }
        let size = Float(max(vocabulary.count, 1))
        var likelihood: [Int32: [(Int32, Float)]] = [:]
        var unseen: [Float] = []
        for index in classes.indices {
            let denominator = totals[index] + smoothing * size
            unseen.append(log(smoothing / denominator))
            for (term, count) in counts[index] {
                likelihood[term, default: []].append((Int32(index), log((count + smoothing) / denominator)))
            }
        }
        let allExamples = exampleCounts.reduce(0, +)
        self.classes = classes
        self.classIndex = classIndex
        self.logLikelihood = likelihood
        self.logUnseen = unseen
        // A flat prior: topics with many phrasings should not win by count alone.
        self.logPrior = exampleCounts.map { _ in log(1 / Float(max(classes.count, 1))) }
        _ = allExamples
    }

    /// The probability of each class for a question's term ids (known terms only).
    func posterior(_ terms: [Int32]) -> [Float] {
        var scores = logPrior
        for index in scores.indices { scores[index] += logUnseen[index] * Float(terms.count) }
        for term in terms {
            guard let entries = logLikelihood[term] else { continue }
            for (index, value) in entries { scores[Int(index)] += value - logUnseen[Int(index)] }
        }
        let best = scores.max() ?? 0
        var sum: Float = 0
        for index in scores.indices {
            scores[index] = exp(scores[index] - best)
            sum += scores[index]
        }
        return scores.map { $0 / max(sum, .leastNormalMagnitude) }
    }

    /// The position of a class.
    func index(of name: String) -> Int? { classIndex[name] }
}
