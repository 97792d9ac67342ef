import Foundation
import Testing

@testable import TextAnalysis

/// Tests for the Snowball Italian and English (Porter2) stemmers.
///
/// The fixtures under `Fixtures/` are spread samples of the official Snowball
/// reference vocabulary (github.com/snowballstem/snowball-data):
///
/// - `italian-stems.tsv`: 2,576 pairs from `italian/diffs.txt` (voc → output),
///   in contiguous runs starting at a, co, g, o–p, s and u–v.
/// - `english-stems.tsv`: 2,370 pairs from `english/voc.txt` + `english/output.txt`
///   (same commit, Snowball 3.x algorithm with the `-ogist` and `past` rules),
///   in contiguous runs starting at a, e–f, pa–pe and un-.
///
/// Each line is `word<TAB>stem`. Every pair was also checked against the
/// Snowball 3.1 generated implementations (Python `snowballstemmer` and C
/// `libstemmer` via PyStemmer). The stemmers must agree with all of them.
@Suite("Snowball stemmers")
struct StemmerTests {

    /// Loads a `word<TAB>stem` fixture next to this source file.
    static func loadFixture(_ name: String) throws -> [(word: String, stem: String)] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        var pairs: [(word: String, stem: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else { continue }
            pairs.append((String(fields[0]), String(fields[1])))
        }
        return pairs
    }

    /// Returns a readable list of the pairs the stemmer gets wrong.
    static func mismatches(
        in pairs: [(word: String, stem: String)], stem: (String) -> String
    ) -> [String] {
        pairs.compactMap { pair in
            let got = stem(pair.word)
            return got == pair.stem ? nil : "\(pair.word) → \(got) (expected \(pair.stem))"
        }
    }

    // MARK: - Reference vocabulary

    @Test("Italian stems agree 100% with the Snowball reference vocabulary")
    func italianReferenceVocabulary() throws {
        let pairs = try Self.loadFixture("italian-stems.tsv")
        #expect(pairs.count >= 2_000)
        let stemmer = ItalianStemmer()
        let wrong = Self.mismatches(in: pairs) { stemmer.stem($0) }
        #expect(wrong.isEmpty, "\(wrong.count) of \(pairs.count) differ: \(wrong.prefix(20).joined(separator: "; "))")
    }

    @Test("English stems agree 100% with the Snowball reference vocabulary")
    func englishReferenceVocabulary() throws {
        let pairs = try Self.loadFixture("english-stems.tsv")
        #expect(pairs.count >= 2_000)
        let stemmer = EnglishStemmer()
        let wrong = Self.mismatches(in: pairs) { stemmer.stem($0) }
        #expect(wrong.isEmpty, "\(wrong.count) of \(pairs.count) differ: \(wrong.prefix(20).joined(separator: "; "))")
    }

    // MARK: - Italian rules

    @Test(
        "Italian: rules of the algorithm",
        arguments: [
            // Standard suffixes (R2) and their follow-ups.
            ("abbandonare", "abbandon"),
            ("abbondantemente", "abbondant"),  // -mente
            ("accoglienza", "accoglient"),  // -enza → -ente
            ("biologia", "biolog"),  // -logia → -log
            ("comunicazione", "comun"),  // -azione, then -ic
            ("abilità", "abil"),  // -ità
            ("prenotazione", "prenot"),
            ("documenti", "document"),
            ("certificato", "certific"),
            ("residenza", "resident"),
            ("cittadinanza", "cittadin"),
            ("identità", "ident"),
            // -amente in R1, -imento/-amento in RV.
            ("gentilmente", "gentil"),
            ("abbattimento", "abbatt"),
            // Verb suffixes in RV.
            ("abbandonerà", "abbandon"),
            ("accompagnavano", "accompagn"),
            ("rinnovare", "rinnov"),
            // Attached pronouns after gerund / infinitive.
            ("mandandoglielo", "mand"),
            ("comprarle", "compr"),
            ("accomodarcisi", "accomodarcis"),
            // Residual vowel, -i, ch/gh.
            ("pagherò", "pagh"),
            ("acciughe", "acciug"),
            ("sanitaria", "sanitar"),
            // Prelude: acute → grave, qu, u/i between vowels.
            ("perché", "perc"),
            ("perchè", "perc"),
            ("questionario", "questionar"),
            ("guaio", "guai"),
            ("aiuola", "aiuol"),
            // RV exception for "divan…".
            ("divano", "divan"),
            ("divo", "div"),
            // Leading elisions.
            ("l'amicizia", "amiciz"),
            ("dell'anagrafe", "anagraf"),
            ("un'assicurazione", "assicur"),
            ("l'", "l'"),
            // Short words and lone accented letters.
            ("a", "a"),
            ("è", "è"),
            ("città", "citt"),
        ]
    )
    func italianRules(word: String, stem: String) {
        #expect(ItalianStemmer().stem(word) == stem)
    }

    // MARK: - English rules

    @Test(
        "English: rules of the algorithm and exceptional forms",
        arguments: [
            // Exceptional forms.
            ("skies", "sky"), ("skis", "ski"), ("sky", "sky"), ("news", "news"),
            ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"), ("bias", "bias"),
            ("andes", "andes"), ("early", "earli"), ("gently", "gentl"), ("idly", "idl"),
            ("only", "onli"), ("singly", "singl"), ("ugly", "ugli"),
            // -ying after one consonant, invariant -ing/-eed words.
            ("dying", "die"), ("lying", "lie"), ("tying", "tie"),
            ("succeed", "succeed"), ("proceeded", "proceed"), ("exceeding", "exceed"),
            ("inning", "inning"), ("innings", "inning"), ("outing", "outing"),
            ("canning", "canning"), ("herring", "herring"), ("earring", "earring"),
            ("evening", "evening"),
            // Special R1 prefixes.
            ("generously", "generous"), ("generate", "generat"), ("communication", "communic"),
            ("universal", "universal"), ("arsenal", "arsenal"), ("emergency", "emergenc"),
            ("organization", "organiz"), ("pasted", "paste"), ("pasting", "paste"),
            // -ogist.
            ("geologist", "geolog"), ("biologist", "biolog"),
            // Step 1a: possessives and plurals.
            ("dog's", "dog"), ("dogs'", "dog"), ("'tis", "tis"), ("caresses", "caress"),
            ("ponies", "poni"), ("ties", "tie"), ("cries", "cri"), ("gas", "gas"),
            ("gaps", "gap"), ("kiwis", "kiwi"),
            // Step 1b: -ed/-ing with undoubling and restored e.
            ("agreed", "agre"), ("feed", "feed"), ("hopping", "hop"), ("hoping", "hope"),
            ("filing", "file"), ("controlling", "control"), ("rolling", "roll"),
            ("fitted", "fit"), ("luxuriating", "luxuri"),
            // Steps 2–5.
            ("relational", "relat"), ("conditional", "condit"), ("rational", "ration"),
            ("valency", "valenc"), ("hesitancy", "hesit"), ("digitizer", "digit"),
            ("conformably", "conform"), ("differently", "differ"), ("vilely", "vile"),
            ("analogously", "analog"), ("vietnamization", "vietnam"), ("predication", "predic"),
            ("operator", "oper"), ("feudalism", "feudal"), ("decisiveness", "decis"),
            ("hopefulness", "hope"), ("callousness", "callous"), ("formality", "formal"),
            ("sensitivity", "sensit"), ("sensibility", "sensibl"), ("happiness", "happi"),
            ("appointment", "appoint"), ("residence", "resid"), ("identity", "ident"),
            // Consonantal y.
            ("says", "say"), ("eyed", "eye"), ("youth", "youth"), ("boyish", "boyish"),
            ("cry", "cri"), ("enjoying", "enjoy"),
            // Words shorter than three letters are left alone.
            ("by", "by"), ("a", "a"), ("'s", "'s"),
        ]
    )
    func englishRules(word: String, stem: String) {
        #expect(EnglishStemmer().stem(word) == stem)
    }

    // MARK: - Robustness

    @Test("Empty input and non-Latin text pass through without trapping")
    func robustness() {
        let italian = ItalianStemmer()
        let english = EnglishStemmer()
        #expect(italian.stem("") == "")
        #expect(english.stem("") == "")
        #expect(italian.stem("日本語") == "日本語")
        #expect(english.stem("日本語") == "日本語")
        #expect(english.stem("naïveté") == "naïveté")
        #expect(italian.stem("123") == "123")
        #expect(english.stem("2024") == "2024")
    }
}
