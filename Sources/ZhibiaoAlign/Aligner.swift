import ZhibiaoCore

/// Aligns a child document (district, county, municipal plan) with its parent (provincial,
/// national): which parent sections and tasks the child addresses and where, which parent
/// targets it takes up and how (equal, stricter, looser, later…), what it leaves out and what
/// it adds.
///
/// Works on ``ExtractedDocument`` values only, so stored catalog rows align as easily as fresh
/// extractions. The lexical model (BM25 over character 2- and 3-grams, concepts of the lexicon)
/// needs no downloaded weights. Time is linear in the texts' sizes times the postings each query
/// touches: the child's sentences are indexed once and every parent sentence is one query.
///
/// ## Topics
/// - ``align(parent:child:)``, ``prepare(_:)``
/// - ``Configuration``
public struct Aligner: Sendable {
    /// Thresholds, measured on the corpus (see README, "zhibiao diff": calibration).
    public struct Configuration: Sendable, Hashable {
        /// Normalized BM25 similarity (of a parent clause against a child sentence) under which a
        /// sentence pair says nothing.
        public var sentenceFloor = 0.12
        /// Similarity from which a parent sentence counts as fully addressed; between the floor
        /// and this, it counts in proportion.
        public var sentenceFull = 0.40
        /// Coverage score under which a child section is not listed for a parent one ("no
        /// match"): the 90th percentile of the best child section's score for parent sections of
        /// documents on unrelated subjects (`CoverageCalibrationTests`).
        public var coverageThreshold = 0.10
        /// A child section whose text has less than this share close to the parent's is a local
        /// addition.
        public var localAdditionThreshold = 0.10
        /// Child sections listed per parent section or task.
        public var maxMatches = 5
        /// An enclosing child section is listed beside its part only when it scores this share more.
        public var ancestorMargin = 0.25
        /// A heading weighs at least this share of its unit's own text.
        public var headingShare = 0.15
        /// Raw BM25 score a sentence pair needs besides its normalized similarity: about three
        /// shared terms of ordinary weight, so that a short heading sharing one word (组织) is no match.
        public var minimumEvidence = 8.0
        /// Metric signal a pair needs (see ``MetricMatcher``).
        public var metricFloor = 0.6
        /// Pair score a pair needs.
        public var pairThreshold = 0.45
        /// Child indicators paired with one parent indicator.
        public var maxPairsPerIndicator = 3
        public var bm25 = BM25Index.Parameters()

        public init() {}
    }

    public let lexicon: AlignLexicon
    public let configuration: Configuration
    public let tokenizer: GramTokenizer
    public let reader: IndicatorReader

    public init(lexicon: AlignLexicon, configuration: Configuration = Configuration()) {
        self.lexicon = lexicon
        self.configuration = configuration
        tokenizer = GramTokenizer(lexicon: lexicon)
        reader = IndicatorReader(lexicon: lexicon)
    }

    /// Tokenizes a document's sentences once, to align it with many others.
    public func prepare(_ document: ExtractedDocument) -> PreparedDocument {
        PreparedDocument(document, tokenizer: tokenizer)
    }

    public func align(parent: ExtractedDocument, child: ExtractedDocument) -> Alignment {
        align(parent: prepare(parent), child: prepareChild(child))
    }

    /// Prepares a document that will only be a child (its clauses are never queries).
    public func prepareChild(_ document: ExtractedDocument) -> PreparedDocument {
        PreparedDocument(document, tokenizer: tokenizer, clauses: false)
    }

    public func align(parent: PreparedDocument, child: PreparedDocument) -> Alignment {
        let metricMatcher = MetricMatcher(configuration: configuration, lexicon: lexicon, reader: reader)
        return align(parent: parent, parentFeatures: metricMatcher.features(parent), child: child)
    }

    /// A parent tokenized and its targets read once, to align with children one at a time (on
    /// any thread).
    public struct PreparedParent: Sendable {
        public let document: PreparedDocument
        let features: [MetricMatcher.Features]
    }

    /// Prepares a parent for ``align(parent:child:)-(PreparedParent,_)``.
    public func prepareParent(_ document: ExtractedDocument) -> PreparedParent {
        let prepared = prepare(document)
        let metricMatcher = MetricMatcher(configuration: configuration, lexicon: lexicon, reader: reader)
        return PreparedParent(document: prepared, features: metricMatcher.features(prepared))
    }

    /// Aligns one child with a prepared parent: the same as ``align(parent:children:)`` gives it.
    public func align(parent: PreparedParent, child: ExtractedDocument) -> Alignment {
        align(parent: parent.document, parentFeatures: parent.features, child: prepareChild(child))
    }

    /// Aligns many children with one parent, preparing the parent once.
    public func align(parent: ExtractedDocument, children: [ExtractedDocument]) -> [Alignment] {
        let preparedParent = prepare(parent)
        let metricMatcher = MetricMatcher(configuration: configuration, lexicon: lexicon, reader: reader)
        let features = metricMatcher.features(preparedParent)
        return children.map { align(parent: preparedParent, parentFeatures: features, child: prepareChild($0)) }
    }

    func align(parent: PreparedDocument, parentFeatures: [MetricMatcher.Features], child: PreparedDocument) -> Alignment {
        let coverage = CoverageMatcher(configuration: configuration).match(parent: parent, child: child)
        let metricMatcher = MetricMatcher(configuration: configuration, lexicon: lexicon, reader: reader)
        let (pairs, parentOnly, childOnly) = metricMatcher.match(parent: parent, child: child, parentFeatures: parentFeatures,
                                                                 coverage: coverage)
        var notes: [String] = []
        if parent.document.source.sha256 == child.document.source.sha256 && !parent.document.source.sha256.isEmpty {
            notes.append("the child is the parent itself (same content)")
        }
        if !parent.units.contains(where: { $0.node.level > 0 }) {
            notes.append("the parent has no numbered sections or tasks: there is no task coverage to report")
        }
        if !child.units.contains(where: { $0.node.level > 0 }) {
            notes.append("the child has no numbered sections or tasks: its text outside sections stands for it")
        }
        if child.sentences.isEmpty {
            notes.append("the child has no sentences")
        }
        if parentFeatures.isEmpty {
            notes.append("the parent states no targets")
        }
        if !child.extracted.indicators.contains(where: { $0.role == .target }) {
            notes.append("the child states no targets")
        }
        return Alignment(parentPath: parent.path, childPath: child.path, coverage: coverage.entries,
                         localAdditions: coverage.localAdditions, pairs: pairs, parentOnly: parentOnly, childOnly: childOnly,
                         notes: notes)
    }
}
