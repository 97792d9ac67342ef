/// Guesses whether a question is Italian or English from its function words and, when a
/// vocabulary is given, from which language's cards know its words. Italian wins ties:
/// it is the desk's main language.
public enum LanguageGuesser {
    static let englishOnly: Set<String> = Stopwords.english.subtracting(Stopwords.italian)
        .union(["how", "when", "who", "where", "why", "much", "many", "long", "am", "get", "work",
                "job", "leave", "pay", "paid", "child", "baby", "days", "months"])
    static let italianOnly: Set<String> = Stopwords.italian.subtracting(Stopwords.english)
        .union(["quanto", "quanti", "quante", "quanta", "come", "quando", "dove", "chi", "cosa",
                "posso", "devo", "spetta", "spettano", "lavoro", "figlio", "figli", "giorni", "mesi"])

    /// The language of `words`.
    public static func guess(_ words: [Word], vocabulary: Vocabulary? = nil) -> Language {
        let (italian, english) = scores(words, vocabulary: vocabulary)
        return english > italian ? .en : .it
    }

    /// The evidence for each language (higher is stronger).
    public static func scores(_ words: [Word], vocabulary: Vocabulary? = nil) -> (italian: Int, english: Int) {
        var italian = 0
        var english = 0
        for word in words {
            if word.lower != word.folded { italian += 1 }  // accented letters
            if italianOnly.contains(word.folded) { italian += 2 }
            if englishOnly.contains(word.folded) { english += 2 }
            // A content word that only one language's cards use is strong evidence.
            if let entry = vocabulary?[word.folded], !Stopwords.all.contains(word.folded) {
                if entry.english != nil && entry.italian == nil { english += 2 }
                if entry.italian != nil && entry.english == nil { italian += 2 }
            }
        }
        return (italian, english)
    }
}
