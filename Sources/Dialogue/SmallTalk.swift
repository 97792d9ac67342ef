import TextAnalysis

/// Greetings, thanks and goodbyes: recognised only when the whole message is made of
/// them, so "ciao, quanto dura la paternità?" is still answered as a question.
public struct SmallTalk: Sendable {
    /// One small-talk intent with its replies.
    public struct Intent: Sendable {
        public let id: String
        public let phrases: PhraseSet
        public let replyIt: String
        public let replyEn: String
    }

    public let intents: [Intent]
    let fillers: Set<String>

    public init(intents: [Intent], fillers: [String]) {
        self.intents = intents
        self.fillers = Set(fillers.map { ICU.fold($0) })
    }

    /// The intent of a message, if it is small talk only. The last intent recognised
    /// wins ("ok grazie" is thanks).
    public func intent(of words: [String]) -> Intent? {
        guard !words.isEmpty else { return nil }
        var found: Intent?
        var index = 0
        while index < words.count {
            var best: (length: Int, intent: Intent)?
            for intent in intents {
                if let length = intent.phrases.match(words, at: index), length > (best?.length ?? 0) {
                    best = (length, intent)
                }
            }
            if let best {
                found = best.intent
                index += best.length
            } else if fillers.contains(words[index]) {
                index += 1
            } else {
                return nil
            }
        }
        return found
    }
}
