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
        /// The words of the phrases.
        public let words: [String]

        public init(id: String, phrases: [String], replyIt: String, replyEn: String) {
            self.id = id
            self.phrases = PhraseSet(phrases)
            self.replyIt = replyIt
            self.replyEn = replyEn
            self.words = phrases.flatMap { Tokenizer.words($0).map(\.folded) }
        }
    }

    public let intents: [Intent]
    let fillers: Set<String>

    /// Every word small talk is made of, for correcting typing errors ("grazei").
    let known: [String: [UInt8]]

    public init(intents: [Intent], fillers: [String]) {
        self.intents = intents
        self.fillers = Set(fillers.map { ICU.fold($0) })
        var known: [String: [UInt8]] = [:]
        for word in self.fillers.union(intents.flatMap(\.words)) { known[word] = Array(word.utf8) }
        self.known = known
    }

    /// `words` with each unknown word of 4+ letters replaced by the small-talk word one
    /// edit away, if there is exactly one.
    func corrected(_ words: [String]) -> [String] {
        words.map { word in
            guard known[word] == nil, word.utf8.count >= 4 else { return word }
            let bytes = Array(word.utf8)
            let close = known.filter { EditDistance.osa(bytes, $0.value, limit: 1) <= 1 }
            return close.count == 1 ? close.keys.first ?? word : word
        }
    }

    /// The intent of a message, if it is small talk only. The last intent recognised
    /// wins ("ok grazie" is thanks).
    public func intent(of typed: [String]) -> Intent? {
        guard !typed.isEmpty, typed.count <= 12 else { return nil }
        // A message with more than two words that small talk does not know is a question:
        // decided before the (costlier) typo correction.
        if typed.lazy.filter({ self.known[$0] == nil }).prefix(3).count > 2 { return nil }
        let words = corrected(typed)
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
