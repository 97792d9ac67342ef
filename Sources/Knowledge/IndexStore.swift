import Foundation
import GRDB
import TextAnalysis

/// Problems with the index file, with what to do about them.
public enum IndexStoreError: Error, Sendable, CustomStringConvertible {
    case noFTS5
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .noFTS5:
            "this SQLite library has no FTS5 full-text search; install a build with FTS5 (Debian: libsqlite3-dev)"
        case .unreadable(let path, let reason):
            "cannot read the index \(path): \(reason); rebuild it with `sportello kb build`"
        case .unwritable(let path, let reason):
            "cannot write the index \(path): \(reason); check the folder exists and is writable"
        }
    }
}

/// The knowledge index on disk: an SQLite file with an FTS5 table over the analysed
/// card fields, the vocabulary, and the loaded knowledge base, so that `ask` and the
/// server start without parsing YAML when the index is fresh.
public enum IndexStore {
    private struct Payload: Codable {
        var areas: [String: String]
        var topics: [Topic]
        var cards: [Card]
        var parameters: [Parameter]
        var concepts: [Concept]
        var outOfScope: [OutOfScopeSubject]
    }

    /// Writes the index for `base` to `url` (atomically: a temporary file renamed).
    public static func write(base: KnowledgeBase, to url: URL) throws {
        let analyzer = Analyzer(concepts: base.concepts)
        let (documents, vocabulary) = DocumentBuilder(analyzer: analyzer).build(for: base)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try? FileManager.default.removeItem(at: temporary)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // A scratch file renamed into place at the end: no journal or fsync needed
            // while it is written, a crash leaves only the temporary file behind.
            var configuration = Configuration()
            configuration.journalMode = .default
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            }
            let queue = try DatabaseQueue(path: temporary.path, configuration: configuration)
            try queue.write { db in
                try requireFTS5(db)
                try db.execute(sql: "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                try db.execute(sql: "CREATE TABLE documents(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, position INTEGER NOT NULL)")
                try db.execute(
                    sql: """
                        CREATE VIRTUAL TABLE doc_fts USING fts5(
                            questions, title, keywords, body, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'")
                        """)
                try db.execute(sql: "CREATE TABLE question_terms(document INTEGER NOT NULL, position INTEGER NOT NULL, terms TEXT NOT NULL)")
                try db.execute(
                    sql: "CREATE TABLE vocabulary(word TEXT PRIMARY KEY, italian TEXT, english TEXT, frequency INTEGER NOT NULL)")
                let payload = Payload(
                    areas: base.topics.areas, topics: base.topics.order.compactMap { base.topics.topics[$0] },
                    cards: base.cards, parameters: Array(base.parameters.parameters.values).sorted { $0.id < $1.id },
                    concepts: base.concepts, outOfScope: base.outOfScope)
                let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
                try db.execute(sql: "INSERT INTO meta VALUES ('fingerprint', ?), ('format', ?), ('payload', ?)",
                    arguments: [base.fingerprint, KnowledgeBase.formatVersion, json])
                // Prepared once, run for every row.
                let insertDocument = try db.cachedStatement(sql: "INSERT INTO documents(id, kind, position) VALUES (?, ?, ?)")
                let insertText = try db.cachedStatement(
                    sql: "INSERT INTO doc_fts(rowid, questions, title, keywords, body) VALUES (?, ?, ?, ?, ?)")
                let insertQuestion = try db.cachedStatement(sql: "INSERT INTO question_terms VALUES (?, ?, ?)")
                let insertWord = try db.cachedStatement(sql: "INSERT INTO vocabulary VALUES (?, ?, ?, ?)")
                for (rowid, document) in documents.enumerated() {
                    let (kind, position): (String, Int) =
                        switch document.kind {
                        case .card(let index): ("card", index)
                        case .outOfScope(let index): ("oos", index)
                        }
                    try insertDocument.execute(arguments: [rowid + 1, kind, position])
                    let fields = document.fields.map { $0.joined(separator: " ") }
                    try insertText.execute(arguments: [rowid + 1, fields[0], fields[1], fields[2], fields[3]])
                    for (position, terms) in document.questionTerms.enumerated() {
                        try insertQuestion.execute(arguments: [rowid + 1, position, terms.joined(separator: " ")])
                    }
                }
                for (word, entry) in vocabulary {
                    try insertWord.execute(arguments: [word, entry.italian, entry.english, entry.frequency])
                }
            }
            try queue.close()
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch let error as IndexStoreError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw IndexStoreError.unwritable(path: url.path, reason: "\(error)")
        }
    }

    /// The fingerprint the index at `url` was built from, or nil if there is no readable index.
    public static func fingerprint(at url: URL) -> String? {
        guard FileManager.default.fileExists(atPath: url.path),
            let queue = try? DatabaseQueue(path: url.path, configuration: readOnly())
        else { return nil }
        let value = try? queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'")
        }
        try? queue.close()
        return value ?? nil
    }

    /// Reads the index at `url` into a retriever.
    public static func read(from url: URL, settings: RankingSettings, dictionary: Set<String> = []) throws -> Retriever {
        do {
            let queue = try DatabaseQueue(path: url.path, configuration: readOnly())
            defer { try? queue.close() }
            return try queue.read { db in
                try requireFTS5(db)
                guard let json = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'payload'"),
                    let fingerprint = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'")
                else { throw IndexStoreError.unreadable(path: url.path, reason: "no knowledge payload") }
                let payload = try JSONDecoder().decode(Payload.self, from: Data(json.utf8))
                let base = KnowledgeBase(
                    topics: TopicCatalog(areas: payload.areas, topics: payload.topics), cards: payload.cards,
                    parameters: ParameterCatalog(
                        parameters: Dictionary(payload.parameters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })),
                    concepts: payload.concepts, outOfScope: payload.outOfScope, fingerprint: fingerprint)

                var entries: [String: Vocabulary.Entry] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT word, italian, english, frequency FROM vocabulary") {
                    entries[row["word"]] = Vocabulary.Entry(
                        italian: row["italian"], english: row["english"], frequency: row["frequency"])
                }

                let kinds = try Row.fetchAll(db, sql: "SELECT id, kind, position FROM documents ORDER BY id")
                var documents: [IndexedDocument] = kinds.map { row in
                    let position: Int = row["position"]
                    let kind: DocumentKind = (row["kind"] as String) == "card" ? .card(position) : .outOfScope(position)
                    return IndexedDocument(kind: kind, fields: [[], [], [], []], questionTerms: [])
                }
                // The terms of each field come back from the FTS5 index itself.
                try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.doc_terms USING fts5vocab(main, 'doc_fts', 'instance')")
                let columns = Dictionary(
                    uniqueKeysWithValues: IndexedDocument.Field.allCases.map { ($0.column, $0.rawValue) })
                let cursor = try Row.fetchCursor(db, sql: "SELECT term, doc, col FROM temp.doc_terms")
                while let row = try cursor.next() {
                    let document: Int = row["doc"]
                    let column: String = row["col"]
                    guard document >= 1, document <= documents.count, let field = columns[column] else { continue }
                    documents[document - 1].fields[field].append(row["term"])
                }
                for row in try Row.fetchAll(db, sql: "SELECT document, terms FROM question_terms ORDER BY document, position") {
                    let document: Int = row["document"]
                    guard document >= 1, document <= documents.count else { continue }
                    let terms: String = row["terms"]
                    documents[document - 1].questionTerms.append(terms.split(separator: " ").map(String.init))
                }
                return Retriever(
                    base: base, analyzer: Analyzer(concepts: base.concepts), vocabulary: Vocabulary(entries: entries, dictionary: dictionary),
                    documents: documents, settings: settings)
            }
        } catch let error as IndexStoreError {
            throw error
        } catch {
            throw IndexStoreError.unreadable(path: url.path, reason: "\(error)")
        }
    }

    /// Plain FTS5 ranking (`bm25()` with the field weights) for analysed terms: the
    /// baseline the in-memory layer is measured against. Returns document row ids, best first.
    public static func ftsSearch(_ db: Database, terms: [String], weights: [Double], limit: Int = 5) throws -> [Int64] {
        guard let match = FTSQuery.anyOf(terms) else { return [] }
        let weightList = weights.map { String($0) }.joined(separator: ", ")
        return try Int64.fetchAll(
            db, sql: "SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? ORDER BY bm25(doc_fts, \(weightList)) LIMIT ?",
            arguments: [match, limit])
    }

    static func readOnly() -> Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }

    static func requireFTS5(_ db: Database) throws {
        let enabled = try Bool.fetchOne(db, sql: "SELECT sqlite_compileoption_used('ENABLE_FTS5')") ?? false
        if !enabled {
            // Some builds enable FTS5 without the compile option being listed: try it.
            do {
                try db.execute(sql: "CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
                try db.execute(sql: "DROP TABLE temp.fts5_probe")
            } catch {
                throw IndexStoreError.noFTS5
            }
        }
    }
}

extension IndexStore {
    /// Times plain FTS5 ranking of each query (analysed terms) on the index at `url`:
    /// the baseline for the in-memory scoring layer. Returns seconds per query.
    public static func timeFTSQueries(at url: URL, queries: [[String]], weights: [Double]) throws -> [Double] {
        let queue = try DatabaseQueue(path: url.path, configuration: readOnly())
        defer { try? queue.close() }
        return try queue.read { db in
            var times: [Double] = []
            times.reserveCapacity(queries.count)
            let clock = ContinuousClock()
            for terms in queries {
                let start = clock.now
                _ = try ftsSearch(db, terms: terms, weights: weights)
                let elapsed = clock.now - start
                times.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
            }
            return times
        }
    }
}
