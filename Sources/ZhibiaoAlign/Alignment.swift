import ZhibiaoCore

/// How a child document (municipal, county, district) takes up what its parent (provincial,
/// national) asked: task coverage, indicator pairs with verdicts, gaps and local additions.
///
/// Every span is in Unicode scalars of the original text of its own document.
///
/// ## Topics
/// - ``coverage``, ``localAdditions``
/// - ``pairs``, ``parentOnly``, ``childOnly``
/// - ``summary``
public struct Alignment: Sendable {
    /// The parent's path as given.
    public var parentPath: String
    /// The child's path as given.
    public var childPath: String
    /// One entry per parent section and task (level > 0), in document order.
    public var coverage: [CoverageEntry]
    /// Child sections and tasks that no parent text addresses, outermost only.
    public var localAdditions: [SectionRef]
    /// Parent targets paired with the child targets that measure the same thing.
    public var pairs: [IndicatorPair]
    /// Parent targets with no counterpart in the child (the gaps), in document order.
    public var parentOnly: [Indicator]
    /// Child targets with no counterpart in the parent, in document order.
    public var childOnly: [Indicator]
    /// Why the alignment is empty or partial, when it is (a child without sections, without
    /// targets, the parent itself…).
    public var notes: [String]

    public init(parentPath: String, childPath: String, coverage: [CoverageEntry], localAdditions: [SectionRef],
                pairs: [IndicatorPair], parentOnly: [Indicator], childOnly: [Indicator], notes: [String] = []) {
        self.parentPath = parentPath
        self.childPath = childPath
        self.coverage = coverage
        self.localAdditions = localAdditions
        self.pairs = pairs
        self.parentOnly = parentOnly
        self.childOnly = childOnly
        self.notes = notes
    }

    public var summary: AlignmentSummary { AlignmentSummary(self) }
}

/// A section or task of a document.
public struct SectionRef: Sendable, Hashable {
    /// The node's path (`二/(一)/1`).
    public var path: String
    public var heading: String?
    public var kind: NodeKind
    /// The node's span, children included.
    public var span: OriginalSpan

    public init(path: String, heading: String?, kind: NodeKind, span: OriginalSpan) {
        self.path = path
        self.heading = heading
        self.kind = kind
        self.span = span
    }
}

/// A parent section or task, with the child sections and tasks that address it, best first.
public struct CoverageEntry: Sendable, Hashable {
    public var section: SectionRef
    /// Sorted by score, best first; empty when nothing in the child comes close (a gap).
    public var matches: [CoverageMatch]

    public init(section: SectionRef, matches: [CoverageMatch]) {
        self.section = section
        self.matches = matches
    }

    public var isGap: Bool { matches.isEmpty }
}

/// A child section or task that addresses a parent one, with the best pair of sentences.
public struct CoverageMatch: Sendable, Hashable {
    public var section: SectionRef
    /// In [0, 1]: the share of the parent text's weight found in the child section, sentence
    /// by sentence (see ``Aligner/Configuration``).
    public var score: Double
    /// The parent sentence of the best sentence pair.
    public var parentEvidence: OriginalSpan
    /// The child sentence of the best sentence pair.
    public var childEvidence: OriginalSpan

    public init(section: SectionRef, score: Double, parentEvidence: OriginalSpan, childEvidence: OriginalSpan) {
        self.section = section
        self.score = score
        self.parentEvidence = parentEvidence
        self.childEvidence = childEvidence
    }
}

/// A parent indicator and a child indicator that measure the same thing, with the verdicts.
public struct IndicatorPair: Sendable, Hashable {
    public var parent: Indicator
    public var child: Indicator
    /// The headline verdict: the first of `verdicts` that is not `equal`, else `equal`.
    public var verdict: Verdict
    /// The value's verdict first (equal, stricter, looser, contributes, different-measure), then
    /// the deadline's (earlier, later), when there is one.
    public var verdicts: [Verdict]
    /// One line a researcher can read: the two figures and why the verdict.
    public var explanation: String
    /// How sure the pairing is, in [0, 1].
    public var score: Double
    /// For `contributes`: the child's figure as a share of the parent's (0.072 for 36 of 500).
    public var share: Double?

    public init(parent: Indicator, child: Indicator, verdicts: [Verdict], explanation: String, score: Double, share: Double? = nil) {
        self.parent = parent
        self.child = child
        self.verdicts = verdicts
        self.verdict = verdicts.first { $0 != .equal } ?? .equal
        self.explanation = explanation
        self.score = score
        self.share = share
    }
}

/// The counts of the summary table, one row per child.
///
/// Parent targets fall in exactly one of `adopted` (a counterpart measures the same thing),
/// `differentMeasure` (only counterparts of another measure) and `missing` (none). The verdict
/// counts are of the adopted targets' best counterparts (a pair can count as stricter and later).
public struct AlignmentSummary: Sendable, Hashable {
    public var parentTargets: Int
    public var adopted: Int
    public var equal: Int
    public var stricter: Int
    public var looser: Int
    public var later: Int
    public var earlier: Int
    public var contributes: Int
    /// Parent targets whose only counterparts measure something else.
    public var differentMeasure: Int
    /// Parent targets without a counterpart (`parentOnly`).
    public var missing: Int
    /// Child targets without a counterpart.
    public var childOnly: Int
    /// Parent sections and tasks.
    public var sections: Int
    /// Parent sections and tasks some child section addresses.
    public var covered: Int
    /// `covered / sections`, in [0, 1] (0 when the parent has no sections).
    public var coverage: Double { sections == 0 ? 0 : Double(covered) / Double(sections) }

    public init(_ alignment: Alignment) {
        // The best counterpart of each parent target, one of the same measure when there is one.
        var best: [String: IndicatorPair] = [:]
        func rank(_ pair: IndicatorPair) -> (Int, Double) { (pair.verdicts.contains(.differentMeasure) ? 0 : 1, pair.score) }
        for pair in alignment.pairs {
            if let current = best[pair.parent.id], rank(current) >= rank(pair) { continue }
            best[pair.parent.id] = pair
        }
        let same = best.values.filter { !$0.verdicts.contains(.differentMeasure) }
        adopted = same.count
        differentMeasure = best.count - same.count
        missing = alignment.parentOnly.count
        parentTargets = best.count + missing
        func count(_ verdict: Verdict) -> Int { same.filter { $0.verdicts.contains(verdict) }.count }
        equal = count(.equal)
        stricter = count(.stricter)
        looser = count(.looser)
        later = count(.later)
        earlier = count(.earlier)
        contributes = count(.contributes)
        childOnly = alignment.childOnly.count
        sections = alignment.coverage.count
        covered = alignment.coverage.filter { !$0.isGap }.count
    }
}
