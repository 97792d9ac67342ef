import TextAnalysis

/// Finds the cards that answer a question: analysis through the knowledge base's
/// vocabulary, BM25F over the in-memory index, a boost for the question's language and
/// the stated audience, re-ranking by similarity to the cards' alternate questions, and
/// a confidence from coverage, similarity and the margin to the next topic.
public struct Retriever: Sendable {
    public let base: KnowledgeBase
    public let analyzer: Analyzer
    public let vocabulary: Vocabulary
    public let index: SearchIndex
    public let settings: RankingSettings
    /// Card bodies parsed once for rendering, by card position.
    public let templates: [Template]
    /// Card positions by topic, Italian cards first.
    public let cardsByTopic: [String: [Int]]
    /// Topic probabilities learnt from the cards' phrasings.
    let classifier: TopicClassifier
    /// Each card's language and audience, read on every search without copying the card.
    let cardTraits: [(Language, Audience)]
    /// Each index entry's topic (`out_of_scope:<id>` for subjects).
    let documentTopics: [String]

    /// Builds everything in memory from a loaded knowledge base.
    /// `dictionary`: real words (folded) that typo correction must leave alone.
    public init(base: KnowledgeBase, settings: RankingSettings = RankingSettings(), dictionary: Set<String> = []) {
        let analyzer = Analyzer(concepts: base.concepts)
        let (documents, vocabulary) = DocumentBuilder(analyzer: analyzer).build(for: base)
        self.init(
            base: base, analyzer: analyzer, vocabulary: Vocabulary(entries: vocabulary, dictionary: dictionary),
            documents: documents, settings: settings)
    }

    /// Assembles a retriever from parts already built (e.g. read from an index file).
    public init(
        base: KnowledgeBase, analyzer: Analyzer, vocabulary: Vocabulary, documents: [IndexedDocument],
        settings: RankingSettings
    ) {
        self.base = base
        self.analyzer = analyzer
        self.vocabulary = vocabulary
        self.index = SearchIndex(documents: documents, settings: settings)
        self.settings = settings
        self.templates = base.cards.map { Template($0.body) }
        self.cardTraits = base.cards.map { ($0.lang == "en" ? .en : .it, $0.audience) }
        self.documentTopics = documents.map { document in
            switch document.kind {
            case .card(let position): base.cards[position].topic
            case .outOfScope(let position): "out_of_scope:" + base.outOfScope[position].id
            }
        }
        var byTopic: [String: [Int]] = [:]
        for (position, card) in base.cards.enumerated() { byTopic[card.topic, default: []].append(position) }
        self.cardsByTopic = byTopic
        let index = self.index
        var examples: [(String, [Int32])] = []
        for document in documents {
            let name: String
            switch document.kind {
            case .card(let position): name = base.cards[position].topic
            case .outOfScope(let position): name = "out_of_scope:" + base.outOfScope[position].id
            }
            for question in document.questionTerms {
                examples.append((name, question.compactMap { index.termId($0) }))
            }
            examples.append((name, document.fields[IndexedDocument.Field.keywords.rawValue].compactMap { index.termId($0) }))
        }
        self.classifier = TopicClassifier(examples: examples)
    }

    /// The topic of an index entry.
    public func topic(of kind: DocumentKind) -> String {
        switch kind {
        case .card(let index): base.cards[index].topic
        case .outOfScope(let index): "out_of_scope:" + base.outOfScope[index].id
        }
    }

    /// Searches for `question`. `language` forces the analysis language (otherwise it is
    /// guessed); `audience` is the one the person stated, if any.
    public func search(_ question: String, language: Language? = nil, audience: Audience? = nil, limit: Int = 5)
        -> SearchResult
    {
        let analysis = analyzer.analyze(question, language: language, vocabulary: vocabulary)
        return search(analysis: analysis, audience: audience, limit: limit)
    }

    /// Searches for an analysed question.
    public func search(analysis: Analysis, audience: Audience?, limit: Int = 5) -> SearchResult {
        var queryIds: [Int32] = []
        var queryWeight: Float = 0
        var seen: Set<String> = []
        for term in analysis.terms where seen.insert(term).inserted {
            let id = index.termId(term)
            // A word no card knows still counts against coverage, but less than a
            // known rare word: it is as likely a plain word as a foreign subject.
            let weight = id == nil ? 0.5 * index.maximumIDF : index.inverseFrequency(id)
            queryWeight += weight
            if let id { queryIds.append(id) }
        }
        guard !queryIds.isEmpty, queryWeight > 0 else {
            return SearchResult(analysis: analysis, matches: [], confidence: 0)
        }
        var scores = [Float](repeating: 0, count: index.count)
        var matched = [Float](repeating: 0, count: index.count)
        var touched: [Int32] = []
        index.score(queryIds, into: &scores, matched: &matched, touched: &touched)

        // The strongest candidates by BM25F go on to the finer re-ranking.
        let shortlistSize = 16
        let shortlist = touched.count <= shortlistSize
            ? touched : Array(touched.sorted { scores[Int($0)] > scores[Int($1)] }.prefix(shortlistSize))
        let posterior = settings.classifierWeight > 0 ? classifier.posterior(queryIds) : []
        let sortedQuery = queryIds.sorted()
        var ranked: [SearchMatch] = []
        ranked.reserveCapacity(shortlist.count)
        for document in shortlist.map(Int.init) {
            let kind = index.kinds[document]
            var score = Double(scores[document])
            let similarity = Double(index.questionSimilarity(sortedQuery, queryWeight: queryWeight, document: document))
            score *= 1 + settings.questionWeight * similarity
            var probability = 0.0
            if !posterior.isEmpty, let position = classifier.index(of: documentTopics[document]) {
                probability = Double(posterior[position])
                score *= 1 + settings.classifierWeight * probability
            }
            if case .card(let cardIndex) = kind {
                let (lang, cardAudience) = cardTraits[cardIndex]
                if lang == analysis.language { score *= settings.languageBoost }
                if let audience, audience != .tutti {
                    if cardAudience == audience {
                        score *= settings.audienceBoost
                    } else if cardAudience != .tutti {
                        score /= settings.audienceBoost
                    }
                }
            }
            ranked.append(
                SearchMatch(
                    kind: kind, topic: documentTopics[document], score: score,
                    coverage: Double(matched[document] / queryWeight), questionSimilarity: similarity,
                    probability: probability))
        }
        ranked.sort { $0.score > $1.score || ($0.score == $1.score && $0.topic < $1.topic) }
        var perTopic: [SearchMatch] = []
        var topics: Set<String> = []
        for match in ranked where topics.insert(match.topic).inserted {
            perTopic.append(match)
            if perTopic.count == limit { break }
        }
        return SearchResult(
            analysis: analysis, matches: perTopic, confidence: confidence(perTopic, distinctTerms: queryIds.count))
    }

    /// Coverage and question similarity of the best match, discounted when the next
    /// topic scores almost as well.
    func confidence(_ matches: [SearchMatch], distinctTerms: Int) -> Double {
        guard let best = matches.first, best.score > 0 else { return 0 }
        let evidence = 0.5 * best.coverage + 0.5 * best.questionSimilarity
        let runnerUp = matches.count > 1 ? matches[1].score : 0
        let margin = 1 - runnerUp / best.score
        let marginFactor = 0.6 + 0.4 * min(1, margin / 0.35)
        var confidence = min(1, evidence * marginFactor)
        // A long message about the person's case matches few words of any card, but when
        // the classifier is sure of the topic and it is far ahead of the next, the answer
        // is still the right one.
        if distinctTerms >= 3 && best.probability >= settings.sureTopicProbability && margin >= settings.sureTopicMargin {
            confidence = max(confidence, settings.sureTopicConfidence)
        }
        return confidence
    }
}
