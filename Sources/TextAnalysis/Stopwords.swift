/// Function words that carry no topic (folded: lower case, no accents). Question words
/// ("quanto", "come", "quando", "chi", "how", "when") are deliberately kept: they tell
/// "how long" from "how to apply".
public enum Stopwords {
    /// Italian function words (after the Snowball list, without question words) plus
    /// the pieces that elisions leave ("l'", "dell'", "c'").
    public static let italian: Set<String> = [
        "a", "ad", "al", "allo", "ai", "agli", "all", "agl", "alla", "alle", "con", "col", "coi",
        "da", "dal", "dallo", "dai", "dagli", "dall", "dagl", "dalla", "dalle", "di", "del",
        "dello", "dei", "degli", "dell", "degl", "della", "delle", "in", "nel", "nello", "nei",
        "negli", "nell", "negl", "nella", "nelle", "su", "sul", "sullo", "sui", "sugli", "sull",
        "sugl", "sulla", "sulle", "per", "tra", "fra", "contro", "io", "tu", "lui", "lei", "noi",
        "voi", "loro", "mio", "mia", "miei", "mie", "tuo", "tua", "tuoi", "tue", "suo", "sua",
        "suoi", "sue", "nostro", "nostra", "nostri", "nostre", "vostro", "vostra", "vostri",
        "vostre", "mi", "ti", "ci", "vi", "lo", "la", "li", "le", "gli", "ne", "il", "un",
        "uno", "una", "ma", "ed", "se", "perche", "anche", "che", "non", "piu", "quale",
        "quali", "questo", "questa", "questi", "queste", "quest", "quello", "quella", "quelli",
        "quelle", "quell", "si", "e", "o", "l", "d", "c", "s", "m", "t", "v", "n", "po",
        "sono", "sei", "siamo", "siete", "sia", "siano", "ero", "eri", "era", "eravamo",
        "erano", "fui", "fu", "furono", "saro", "sara", "saranno", "sarei", "sarebbe",
        "essere", "ho", "hai", "ha", "abbiamo", "avete",
        "hanno", "abbia", "abbiano", "avevo", "aveva", "avevano", "avro", "avra", "avrei",
        "avrebbe", "avuto", "avere", "faccio", "fa", "fanno", "fare", "sto", "sta", "stanno",
        "stare", "cui", "dunque", "quindi", "allora", "ecco", "gia", "ancora", "molto",
        "tanto", "poi", "adesso", "tutto", "tutti", "tutta", "tutte", "ogni", "qualche",
        "qualcosa", "via", "pure", "cosi", "oppure", "ovvero", "cioe", "nonche", "invece",
        "mentre", "sopra", "sotto", "senza", "verso", "presso", "circa",
        "salve", "buongiorno", "ciao", "grazie", "prego", "gentilmente", "vorrei", "volevo",
        "sapere", "chiedere", "domandare", "informazioni", "informazione", "gentile", "scusi",
        "scusate", "saluti", "cortesemente", "potete", "puoi", "potreste", "dirmi", "spiegarmi",
    ]

    /// English function words (after the Snowball list, without question words).
    public static let english: Set<String> = [
        "i", "me", "my", "myself", "we", "our", "ours", "you", "your", "yours", "he", "him",
        "his", "she", "her", "hers", "it", "its", "they", "them", "their", "this", "that",
        "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have",
        "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but",
        "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with",
        "about", "against", "between", "into", "through", "during",
        "above", "below", "to", "from", "up", "down", "in", "out", "on", "over",
        "under", "again", "further", "then", "once", "here", "there", "all", "any", "both",
        "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only",
        "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don",
        "should", "now", "m", "re", "ve", "ll", "d", "would", "could", "please", "hello", "hi",
        "thanks", "thank", "know", "want", "like", "tell", "get", "got", "which", "what",
    ]

    /// Months and weekdays: a date in a question is a fact of the person's case (read by
    /// the entity extractor), not a word about the subject.
    public static let calendar: Set<String> = [
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
        "novembre", "dicembre", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica",
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    /// Both lists: questions mix languages ("smart working" in Italian), and a stop word
    /// of one language is almost never a content word of the other.
    public static let all: Set<String> = italian.union(english).union(calendar)
}
