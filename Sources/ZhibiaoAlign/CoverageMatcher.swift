import ZhibiaoCore

/// Task-level alignment: for every parent section and task, the child sections and tasks that
/// address it, with a score and the best pair of sentences; and the child sections that nothing
/// in the parent addresses.
///
/// Every clause of every parent sentence is one BM25 query against the child's sentence index,
/// normalized by its score against itself. A sentence pair counts when its similarity reaches
/// ``Aligner/Configuration/sentenceFloor`` and its raw score ``Aligner/Configuration/minimumEvidence``
/// (below, pairs of unrelated policy texts lie), fully from ``Aligner/Configuration/sentenceFull``,
/// in proportion between. A parent unit's score against a child unit is the weighted share of its
/// own text (sentence weight: the sum of its terms' IDF; a heading at least
/// ``Aligner/Configuration/headingShare``) with a counterpart in the child unit's own text. A
/// section's score, on either side, is the best of its own text's and its parts' (a child section
/// addressing one task of a parent section addresses the section); a section whose own text is only
/// its heading is judged by its parts alone. So 0.5 says that half of what the parent task says has
/// a close counterpart there.
struct CoverageMatcher: Sendable {
    let configuration: Aligner.Configuration

    /// What the indicator matcher reuses.
    struct Result: Sendable {
        var entries: [CoverageEntry]
        var localAdditions: [SectionRef]
        /// Scores, parent unit × child unit (row-major, `childUnits` columns).
        var scores: [Float]
        var childUnits: Int
        /// For each parent sentence, the child sentences whose similarity reaches `storeFloor`.
        var sentenceSimilarity: [[(sentence: Int32, similarity: Float)]]

        func score(parentUnit: Int, childUnit: Int) -> Double {
            Double(scores[parentUnit * childUnits + childUnit])
        }

        func similarity(parentSentence: Int?, childSentence: Int?) -> Double {
            guard let p = parentSentence, let c = childSentence, sentenceSimilarity.indices.contains(p) else { return 0 }
            return Double(sentenceSimilarity[p].first { Int($0.sentence) == c }?.similarity ?? 0)
        }
    }

    /// Similarities kept for the indicator matcher (below this they say nothing).
    static let storeFloor: Float = 0.08

    func match(parent: PreparedDocument, child: PreparedDocument) -> Result {
        let index = child.rawRanges.count == child.sentences.count
            ? BM25Index(rawTerms: child.rawTerms, ranges: child.rawRanges, backgroundCount: parent.sentences.count, parameters: configuration.bm25)
            : BM25Index(documents: child.sentences.map(\.terms), backgroundCount: parent.sentences.count, parameters: configuration.bm25)
        let nP = parent.units.count, nC = child.units.count
        var sums = [Float](repeating: 0, count: nP * nC)
        var evidence = [Int64](repeating: -1, count: nP * nC)
        var evidenceSimilarity = [Float](repeating: 0, count: nP * nC)
        let floor = Float(configuration.sentenceFloor)
        let full = Float(max(configuration.sentenceFull, configuration.sentenceFloor + 0.01))
        let childHasSections = child.units.contains { $0.node.level > 0 }

        // The child unit a child sentence stands for: the unit whose own text holds it (the
        // root only when the child has no sections at all). Sections get their parts' scores below.
        let childOwners: [Int] = child.sentences.map { sentence in
            let level = child.units[sentence.unit].node.level
            return level > 0 || !childHasSections ? sentence.unit : -1
        }
        var childBest = [Float](repeating: 0, count: child.sentences.count)
        var scores = [Float](repeating: 0, count: child.sentences.count)
        var touched: [Int32] = []
        var unitBest = [Float](repeating: 0, count: nC)
        var unitSentence = [Int32](repeating: -1, count: nC)
        var unitSimilarity = [Float](repeating: 0, count: nC)
        var touchedUnits: [Int] = []
        var stored: [[(sentence: Int32, similarity: Float)]] = Array(repeating: [], count: parent.sentences.count)

        // Sentence weights: the information mass of each parent sentence; a heading weighs at
        // least `headingShare` of its unit's own text, since it names what the unit is about.
        // Every parent query looked up at once, and each sentence's weight (the mass of its queries).
        let queries = index.resolve(parent.queryTerms, ranges: parent.queries)
        var parentWeights = parent.sentences.map { sentence in sentence.queries.reduce(0.0) { $0 + Double(queries.masses[$1]) } }
        var ownTotals = [Double](repeating: 0, count: nP)
        for (s, sentence) in parent.sentences.enumerated() { ownTotals[sentence.unit] += parentWeights[s] }
        let share = min(0.9, max(0, configuration.headingShare))
        for (s, sentence) in parent.sentences.enumerated() {
            guard let heading = parent.units[sentence.unit].node.headingSpan, heading.overlaps(sentence.span) else { continue }
            let rest = ownTotals[sentence.unit] - parentWeights[s]
            let boosted = max(parentWeights[s], share / (1 - share) * rest)
            ownTotals[sentence.unit] += boosted - parentWeights[s]
            parentWeights[s] = boosted
        }
        let minimumEvidence = Float(configuration.minimumEvidence)
        let storeScore = min(Self.storeFloor, floor)

        var clauseBest = [Float](repeating: 0, count: nC)
        var touchedInClause: [Int] = []
        var sentenceSimilarity = [Float](repeating: 0, count: child.sentences.count)
        var touchedSentences: [Int32] = []
        for (s, sentence) in parent.sentences.enumerated() {
            let owner = sentence.unit
            let counts = parent.units[owner].node.level > 0
            // Each clause is a query; the sentence's credit for a child unit is the clauses'
            // credits weighted by their mass.
            let totalMass = sentence.queries.reduce(0.0) { $0 + Double(queries.masses[$1]) }
            for query in sentence.queries {
                let selfScore = queries.selfScores[query]
                guard selfScore > 0, totalMass > 0 else { continue }
                let share = Float(Double(queries.masses[query]) / totalMass)
                touched.removeAll(keepingCapacity: true)
                index.accumulate(queries, query, into: &scores, touched: &touched)
                for t32 in touched {
                    let t = Int(t32)
                    let raw = scores[t]
                    scores[t] = 0
                    // Most sentences a query touches share a word or two: nothing to keep.
                    if raw < storeScore * selfScore { continue }
                    let similarity = min(1, raw / selfScore)
                    if similarity > sentenceSimilarity[t] {
                        if sentenceSimilarity[t] == 0 { touchedSentences.append(t32) }
                        sentenceSimilarity[t] = similarity
                    }
                    guard similarity >= floor, raw >= minimumEvidence else { continue }
                    if similarity > childBest[t] { childBest[t] = similarity }
                    guard counts else { continue }
                    let credit = min(1, (similarity - floor) / (full - floor))
                    let c = childOwners[t]
                    if c >= 0 {
                        if clauseBest[c] == 0 && credit > 0 { touchedInClause.append(c) }
                        if credit > clauseBest[c] { clauseBest[c] = credit }
                        if unitSentence[c] < 0 { touchedUnits.append(c) }
                        if similarity > unitSimilarity[c] {
                            unitSimilarity[c] = similarity
                            unitSentence[c] = t32
                        }
                    }
                }
                for c in touchedInClause {
                    unitBest[c] += share * clauseBest[c]
                    clauseBest[c] = 0
                }
                touchedInClause.removeAll(keepingCapacity: true)
            }
            for t32 in touchedSentences {
                let t = Int(t32)
                if sentenceSimilarity[t] >= Self.storeFloor { stored[s].append((t32, sentenceSimilarity[t])) }
                sentenceSimilarity[t] = 0
            }
            touchedSentences.removeAll(keepingCapacity: true)
            let weight = Float(parentWeights[s])
            for c in touchedUnits {
                let cell = owner * nC + c
                sums[cell] += weight * unitBest[c]
                if unitSimilarity[c] > evidenceSimilarity[cell] {
                    evidenceSimilarity[cell] = unitSimilarity[c]
                    evidence[cell] = Int64(s) << 32 | Int64(unitSentence[c])
                }
                unitBest[c] = 0
                unitSentence[c] = -1
                unitSimilarity[c] = 0
            }
            touchedUnits.removeAll(keepingCapacity: true)
        }

        // A section whose own text is only its heading ((七)推进服务共享) is judged by its parts:
        // a child list item that repeats the heading's words does not address it.
        var hasParts = [Bool](repeating: false, count: nP), hasBody = [Bool](repeating: false, count: nP)
        for unit in parent.units { if let p = unit.parent { hasParts[p] = true } }
        for sentence in parent.sentences {
            let heading = parent.units[sentence.unit].node.headingSpan
            if heading == nil || !heading!.overlaps(sentence.span) { hasBody[sentence.unit] = true }
        }
        var scoresMatrix = [Float](repeating: 0, count: nP * nC)
        for p in 0..<nP where ownTotals[p] > 0 && (hasBody[p] || !hasParts[p]) {
            for c in 0..<nC { scoresMatrix[p * nC + c] = min(1, sums[p * nC + c] / Float(ownTotals[p])) }
        }
        // Child sections: the best of their own text and their parts (innermost first).
        for q in stride(from: nC - 1, through: 0, by: -1) {
            guard let c = child.units[q].parent, child.units[c].node.level > 0 else { continue }
            for p in 0..<nP where scoresMatrix[p * nC + q] > scoresMatrix[p * nC + c] {
                scoresMatrix[p * nC + c] = scoresMatrix[p * nC + q]
                evidence[p * nC + c] = evidence[p * nC + q]
            }
        }
        // Parent sections likewise.
        for q in stride(from: nP - 1, through: 0, by: -1) {
            guard let p = parent.units[q].parent, parent.units[p].node.level > 0 else { continue }
            for c in 0..<nC where scoresMatrix[q * nC + c] > scoresMatrix[p * nC + c] {
                scoresMatrix[p * nC + c] = scoresMatrix[q * nC + c]
                evidence[p * nC + c] = evidence[q * nC + c]
            }
        }

        var entries: [CoverageEntry] = []
        for (p, unit) in parent.units.enumerated() where unit.node.level > 0 {
            var candidates: [(unit: Int, score: Double)] = []
            for c in 0..<nC {
                let cell = p * nC + c
                let score = Double(scoresMatrix[cell])
                if score >= configuration.coverageThreshold && evidence[cell] >= 0 { candidates.append((c, score)) }
            }
            candidates.sort { a, b in
                if a.score != b.score { return a.score > b.score }
                let la = child.units[a.unit].node.level, lb = child.units[b.unit].node.level
                return la != lb ? la > lb : a.unit < b.unit
            }
            // An enclosing section is listed only when it covers more than its best listed part.
            var kept: [(unit: Int, score: Double)] = []
            for candidate in candidates {
                let redundant = candidates.contains { other in
                    other.unit != candidate.unit && child.isWithin(other.unit, candidate.unit)
                        && candidate.score < other.score * (1 + configuration.ancestorMargin)
                }
                if !redundant { kept.append(candidate) }
                if kept.count == configuration.maxMatches { break }
            }
            let matches = kept.map { candidate -> CoverageMatch in
                let packed = evidence[p * nC + candidate.unit]
                let ps = Int(packed >> 32), cs = Int(packed & 0xFFFF_FFFF)
                return CoverageMatch(section: Self.ref(child.units[candidate.unit].node), score: candidate.score,
                                     parentEvidence: parent.sentences[ps].span, childEvidence: child.sentences[cs].span)
            }
            entries.append(CoverageEntry(section: Self.ref(unit.node), matches: matches))
        }

        // Local additions: child units none of whose text comes close to the parent's.
        var matched = [Bool](repeating: false, count: nC)
        for entry in entries {
            for match in entry.matches {
                if let c = child.units.firstIndex(where: { $0.node.path == match.section.path && $0.node.span == match.section.span }) {
                    var current: Int? = c
                    while let u = current { matched[u] = true; current = child.units[u].parent }
                }
            }
        }
        var local = [Bool](repeating: false, count: nC)
        var additions: [SectionRef] = []
        for (c, unit) in child.units.enumerated() where unit.node.level > 0 && !matched[c] {
            var total = 0.0, credit = 0.0
            for t in unit.sentences {
                let weight = index.mass(ofDocument: t)
                total += weight
                let similarity = childBest[t]
                if similarity >= floor { credit += weight * Double(min(1, (similarity - floor) / (full - floor))) }
            }
            let reverse = total > 0 ? credit / total : 0
            guard reverse < configuration.localAdditionThreshold else { continue }
            local[c] = true
            if let up = unit.parent, local[up] { continue }
            additions.append(Self.ref(unit.node))
        }
        return Result(entries: entries, localAdditions: additions, scores: scoresMatrix, childUnits: nC,
                      sentenceSimilarity: stored)
    }

    static func ref(_ node: StructureNode) -> SectionRef {
        SectionRef(path: node.path, heading: node.heading, kind: node.kind, span: node.span)
    }
}
