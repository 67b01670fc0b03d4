import Foundation
import ZhibiaoCore

/// Indicator-level alignment: pairs each parent target with the child targets that measure the
/// same thing, and judges each pair.
///
/// A pair's score (in [0, 1]) weighs five signals:
///
/// | signal | weight | what |
/// | --- | --- | --- |
/// | metric | 0.55 | 1 for the same `metricKey`; 0.9 for a shared `metric` concept of the lexicon (0.75 through a broader one); else the Dice coefficient of the character 2-grams of what the metrics measure (a share's denominator left out), or 0.7 × that of the clauses before the figures |
/// | sentence | 0.15 | BM25 similarity of the two sentences (as for coverage) |
/// | unit | 0.10 | 1 for the same base unit, 0.5 for % against 个百分点, else 0 |
/// | coverage | 0.15 | the coverage score of the child's section for the parent's |
/// | year | 0.05 | 1 for the same year, 0.5 when one is missing, less as they part |
///
/// A pair is kept when its metric signal reaches ``Aligner/Configuration/metricFloor`` (and
/// 0.7 when the base units differ: another measure needs a clearly shared subject) and its score
/// ``Aligner/Configuration/pairThreshold``; for each parent target, at most
/// ``Aligner/Configuration/maxPairsPerIndicator`` within 0.25 of the best, those of the same
/// measure first (another measure of the same subject only when there is none).
struct MetricMatcher: Sendable {
    let configuration: Aligner.Configuration
    let lexicon: AlignLexicon
    let reader: IndicatorReader
    let judge = VerdictJudge()

    /// What is compared of one indicator, computed once.
    struct Features: Sendable {
        var index: Int
        var indicator: Indicator
        var metric: String
        var metricGrams: Set<UInt64>
        var clauseGrams: Set<UInt64>
        var concepts: Set<Int>
        var directConcepts: Set<Int>
        var reading: IndicatorReading
        var unit: Int
        var sentence: Int?
    }

    func features(_ document: PreparedDocument, targetsOnly: Bool = true) -> [Features] {
        var result: [Features] = []
        for (k, indicator) in document.extracted.indicators.enumerated() where !targetsOnly || indicator.role == .target {
            let (clause, start) = IndicatorReader.clause(of: indicator, in: document.document)
            let before = String(scalars: clause[0..<min(start, clause.count)])
            let metric = indicator.metricKey ?? indicator.metric ?? ""
            let reading = reader.read(indicator, clause: clause, quantityStart: start)
            // Concepts and 2-grams of what the metric measures (not of a share's denominator).
            let named = metric.isEmpty ? before : reading.subject
            let hits = lexicon.conceptTokens(in: named).filter { lexicon.concepts[$0.concept].kind == .metric }
            result.append(Features(
                index: k, indicator: indicator, metric: metric, metricGrams: GramTokenizer.bigrams(reading.subject),
                clauseGrams: GramTokenizer.bigrams(before), concepts: Set(hits.map(\.concept)),
                directConcepts: Set(hits.filter(\.isDirect).map(\.concept)),
                reading: reading,
                unit: document.indicatorUnits[k], sentence: document.indicatorSentences[k]))
        }
        return result
    }

    /// Dice coefficient of two sets of 2-grams, each weighted by `weight` (rarer among the
    /// metrics of the two documents, heavier: 高新技术 tells more than 增加值).
    static func dice(_ a: Set<UInt64>, _ b: Set<UInt64>, _ weight: [UInt64: Double]) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        var shared = 0.0, total = 0.0
        for gram in a {
            let w = weight[gram] ?? 1
            total += w
            if b.contains(gram) { shared += 2 * w }
        }
        for gram in b { total += weight[gram] ?? 1 }
        return total > 0 ? shared / total : 0
    }

    /// The metric signal.
    func metricSimilarity(_ p: Features, _ c: Features, _ weight: [UInt64: Double]) -> Double {
        if !p.metric.isEmpty && p.metric == c.metric { return 1 }
        if !p.directConcepts.isDisjoint(with: c.directConcepts) { return 0.9 }
        if !p.concepts.isDisjoint(with: c.concepts) { return 0.75 }
        let similarity = max(Self.dice(p.metricGrams, c.metricGrams, weight), 0.7 * Self.dice(p.clauseGrams, c.clauseGrams, weight))
        // Both name metrics the lexicon knows, and different ones (城镇居民收入, 农村居民收入).
        if !p.directConcepts.isEmpty && !c.directConcepts.isEmpty { return min(similarity, 0.3) }
        return similarity
    }

    func match(parent: PreparedDocument, child: PreparedDocument, parentFeatures: [Features], coverage: CoverageMatcher.Result)
        -> (pairs: [IndicatorPair], parentOnly: [Indicator], childOnly: [Indicator]) {
        let childFeatures = features(child)
        // Blocking: child targets by the 2-grams of their metric (or clause) and their concepts.
        var postings: [UInt64: [Int]] = [:]
        for (k, f) in childFeatures.enumerated() {
            for gram in f.metricGrams.isEmpty ? f.clauseGrams : f.metricGrams { postings[gram, default: []].append(k) }
            for concept in f.concepts { postings[Term.concept(concept).key, default: []].append(k) }
        }
        // 2-gram weights: inverse frequency among the metrics (and clauses) of both documents.
        var frequency: [UInt64: Int] = [:]
        for f in parentFeatures + childFeatures {
            for gram in f.metricGrams.union(f.clauseGrams) { frequency[gram, default: 0] += 1 }
        }
        let n = Double(parentFeatures.count + childFeatures.count)
        let weight = frequency.mapValues { log(1 + n / Double($0)) }
        var pairs: [IndicatorPair] = []
        var pairedChildren = Set<Int>()
        var parentOnly: [Indicator] = []
        for p in parentFeatures {
            var candidates = Set<Int>()
            for gram in p.metricGrams.union(p.clauseGrams) { candidates.formUnion(postings[gram] ?? []) }
            for concept in p.concepts { candidates.formUnion(postings[Term.concept(concept).key] ?? []) }
            var scored: [(child: Int, score: Double)] = []
            for k in candidates {
                let c = childFeatures[k]
                let metric = metricSimilarity(p, c, weight)
                let sameUnit = p.indicator.baseUnit == c.indicator.baseUnit
                let unit = sameUnit ? 1.0 : (Set([p.indicator.baseUnit, c.indicator.baseUnit]) == [.fraction, .pp] ? 0.5 : 0)
                guard metric >= configuration.metricFloor, sameUnit || metric >= 0.7 else { continue }
                let sentence = coverage.similarity(parentSentence: p.sentence, childSentence: c.sentence)
                var cover = 0.0
                for pu in parent.lineage(of: p.unit) {
                    for cu in child.lineage(of: c.unit) { cover = max(cover, coverage.score(parentUnit: pu, childUnit: cu)) }
                }
                var year = 0.5
                if let py = p.indicator.year, let cy = c.indicator.year { year = max(0, 1 - Double(abs(py - cy)) / 5) }
                let score = 0.55 * metric + 0.15 * sentence + 0.1 * unit + 0.15 * cover + 0.05 * year
                if score >= configuration.pairThreshold { scored.append((k, min(1, score))) }
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.child < $1.child }
            guard let best = scored.first?.score else {
                parentOnly.append(p.indicator)
                continue
            }
            // Child targets measuring the same thing in the same way come first; another measure
            // of the same subject only when there is none.
            let judged = scored.filter { $0.score >= best - 0.25 }.prefix(configuration.maxPairsPerIndicator * 2).map { candidate in
                (candidate, judge.judge(parent: p.indicator, p.reading, child: childFeatures[candidate.child].indicator,
                                        childFeatures[candidate.child].reading))
            }
            let sameMeasure = judged.filter { !$0.1.verdicts.contains(.differentMeasure) }
            for (candidate, judgement) in (sameMeasure.isEmpty ? judged : sameMeasure).prefix(configuration.maxPairsPerIndicator) {
                let c = childFeatures[candidate.child]
                pairs.append(IndicatorPair(parent: p.indicator, child: c.indicator, verdicts: judgement.verdicts,
                                           explanation: judgement.explanation, score: candidate.score, share: judgement.share))
                pairedChildren.insert(candidate.child)
            }
        }
        let childOnly = childFeatures.enumerated().filter { !pairedChildren.contains($0.offset) }.map(\.element.indicator)
        return (pairs, parentOnly, childOnly)
    }
}
