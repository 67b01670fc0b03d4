import Foundation

/// An inverted index of short texts (a document's sentences) for Okapi BM25 retrieval over the
/// terms of ``GramTokenizer``.
///
/// Built once per child document, in linear time (terms numbered through a ``TermTable``, postings
/// placed by counting, no sort); every parent clause is then one query that touches only the
/// postings of its own terms, so aligning costs the sum of those postings, never all pairs of
/// sentences. Inverse document frequencies of query terms count the sentences of both documents
/// (each query term carries its frequency in its own document, ``TermCount/documentFrequency``),
/// so that words common to policy texts (推进, 建设, 机制) weigh little even against a short child.
///
/// Scores are normalized by the query's score against itself (``selfScore(_:)``), which puts
/// them in [0, 1] (clipped): the share of the query's weighted terms the sentence holds, saturated
/// and length-normalized as BM25 does.
public struct BM25Index: Sendable {
    public struct Parameters: Sendable, Hashable {
        /// Term-frequency saturation.
        public var k1: Double = 1.2
        /// Length normalization.
        public var b: Double = 0.75
        public init() {}
    }

    /// A query term looked up once: its posting list (or -1), weighted inverse document frequency
    /// and count.
    public struct ResolvedTerm: Sendable {
        var index: Int32
        /// weight × idf.
        var weightedIDF: Float
        var count: Float
    }

    public let parameters: Parameters
    /// Number of indexed texts.
    public let documentCount: Int
    /// Texts the inverse document frequencies count (indexed and background).
    public let collectionSize: Int
    public let averageLength: Double

    private let table: TermTable
    private let postingStart: [Int32]
    private let postingDocument: [Int32]
    /// BM25's saturated, length-normalized term frequency of each posting.
    private let postingWeight: [Float]
    /// Indexed texts holding each term.
    private let termFrequency: [Int32]
    /// Each indexed text's mass (sum of its terms' weighted inverse document frequencies, counted
    /// over the indexed texts only).
    private let documentMass: [Float]
    /// idf by document frequency, for the small frequencies most terms have.
    private let idfTable: [Float]

    /// Indexes texts given as the terms of each (``GramTokenizer/terms(_:_:)``).
    /// Inverse document frequencies also count `backgroundCount` other texts (the other
    /// document's sentences), in which a query term occurs ``TermCount/documentFrequency`` times.
    public init(documents: [[TermCount]], backgroundCount: Int = 0, parameters: Parameters = Parameters()) {
        var raw: [UInt64] = [], ranges: [Range<Int>] = []
        for terms in documents {
            let start = raw.count
            for t in terms { for _ in 0..<Int(t.count) { raw.append(t.term.key) } }
            ranges.append(start..<raw.count)
        }
        self.init(rawTerms: raw, ranges: ranges, backgroundCount: backgroundCount, parameters: parameters)
    }

    /// Indexes texts given as their terms as they come (``GramTokenizer/appendTerms(_:_:to:)``):
    /// text `d` is `rawTerms[ranges[d]]`, unsorted, a term as often as it occurs. Two passes
    /// over the terms, no sort.
    public init(rawTerms: [UInt64], ranges: [Range<Int>], backgroundCount: Int = 0, parameters: Parameters = Parameters()) {
        self.parameters = parameters
        documentCount = ranges.count
        collectionSize = ranges.count + backgroundCount
        averageLength = ranges.isEmpty ? 1 : max(1, Double(rawTerms.count) / Double(ranges.count))
        let n = Double(collectionSize)
        var idfTable: [Float] = []
        for df in 0..<256 { idfTable.append(Float(log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5)))) }
        // Pass 1: number the terms, count the texts holding each.
        // (Buffers sized for the worst case, every term distinct, and written through pointers:
        // this loop runs once per term of every child.)
        var table = TermTable(capacity: max(16, rawTerms.count / 2))
        var ids = [Int32](repeating: 0, count: rawTerms.count)
        var frequency = [Int32](repeating: 0, count: rawTerms.count)
        var lastDocument = [Int32](repeating: -1, count: rawTerms.count)
        rawTerms.withUnsafeBufferPointer { raw in
            ids.withUnsafeMutableBufferPointer { ids in
                frequency.withUnsafeMutableBufferPointer { frequency in
                    lastDocument.withUnsafeMutableBufferPointer { lastDocument in
                        for (d, range) in ranges.enumerated() {
                            let document = Int32(d)
                            for p in range {
                                let id = Int(table.insert(raw[p]))
                                if lastDocument[id] != document {
                                    lastDocument[id] = document
                                    frequency[id] += 1
                                }
                                ids[p] = Int32(id)
                            }
                        }
                    }
                }
            }
        }
        frequency.removeLast(frequency.count - table.count)
        var starts = [Int32](repeating: 0, count: frequency.count + 1)
        for (k, f) in frequency.enumerated() { starts[k + 1] = starts[k] + f }
        // Pass 2: postings in text order, a term's repeats counted in its posting.
        let postings = Int(starts[frequency.count])
        var fill = starts
        var lastSlot = [Int32](repeating: -1, count: frequency.count)
        var postingDocument = [Int32](repeating: 0, count: postings)
        var postingCount = [Float](repeating: 0, count: postings)
        var documentMass = [Float](repeating: 0, count: ranges.count)
        ids.withUnsafeBufferPointer { ids in
            frequency.withUnsafeBufferPointer { frequency in
                fill.withUnsafeMutableBufferPointer { fill in
                    lastSlot.withUnsafeMutableBufferPointer { lastSlot in
                        postingDocument.withUnsafeMutableBufferPointer { postingDocument in
                            postingCount.withUnsafeMutableBufferPointer { postingCount in
                                for (d, range) in ranges.enumerated() {
                                    var mass: Float = 0
                                    for p in range {
                                        let id = Int(ids[p])
                                        let last = Int(lastSlot[id])
                                        if last >= 0 && postingDocument[last] == Int32(d) {
                                            postingCount[last] += 1
                                        } else {
                                            let slot = Int(fill[id])
                                            fill[id] += 1
                                            lastSlot[id] = Int32(slot)
                                            postingDocument[slot] = Int32(d)
                                            postingCount[slot] = 1
                                            let df = Int(frequency[id])
                                            mass += df < idfTable.count ? idfTable[df] : Float(log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5)))
                                        }
                                    }
                                    documentMass[d] = mass
                                }
                            }
                        }
                    }
                }
            }
        }
        // BM25's saturated, length-normalized term frequency of each posting.
        let k1 = Float(parameters.k1), b = Float(parameters.b), average = Float(averageLength)
        let norms = ranges.map { k1 * (1 - b + b * Float($0.count) / average) }
        var postingWeight = postingCount
        for slot in 0..<postings {
            let tf = postingCount[slot]
            postingWeight[slot] = tf * (k1 + 1) / (tf + norms[Int(postingDocument[slot])])
        }
        self.table = table
        self.postingStart = starts
        self.postingDocument = postingDocument
        self.postingWeight = postingWeight
        self.termFrequency = frequency
        self.documentMass = documentMass
        self.idfTable = idfTable
    }

    /// Inverse document frequency of a term held by `df` texts of the collection.
    @inline(__always) func idf(documentFrequency df: Int32) -> Float {
        if df >= 0 && Int(df) < idfTable.count { return idfTable[Int(df)] }
        let n = Double(collectionSize), d = Double(df)
        return Float(log(1 + (n - d + 0.5) / (d + 0.5)))
    }

    /// Many queries looked up at once: their terms resolved one after the other, with each
    /// query's self-score and mass.
    public struct Queries: Sendable {
        var terms: [ResolvedTerm]
        var ranges: [Range<Int>]
        /// Each query's BM25 score against itself as one of the indexed texts.
        public var selfScores: [Float]
        /// Each query's sum of weighted inverse document frequencies.
        public var masses: [Float]
        public var count: Int { ranges.count }
    }

    /// Looks the terms of every query up once (`ranges` into `terms`), and computes their
    /// self-scores and masses.
    public func resolve(_ terms: [TermCount], ranges: [Range<Int>]) -> Queries {
        var resolved = [ResolvedTerm](repeating: ResolvedTerm(index: -1, weightedIDF: 0, count: 0), count: terms.count)
        var selfScores = [Float](repeating: 0, count: ranges.count), masses = [Float](repeating: 0, count: ranges.count)
        let k1 = Float(parameters.k1), b = Float(parameters.b), average = Float(averageLength)
        terms.withUnsafeBufferPointer { source in
            resolved.withUnsafeMutableBufferPointer { target in
                for (q, range) in ranges.enumerated() {
                    var length: Float = 0, mass: Float = 0
                    for k in range {
                        let t = source[k]
                        let index = table.find(t.term.key)
                        let idf = idf(documentFrequency: t.documentFrequency + (index >= 0 ? termFrequency[Int(index)] : 0))
                        let weighted = t.weight * idf
                        target[k] = ResolvedTerm(index: index, weightedIDF: weighted, count: Float(t.count))
                        length += Float(t.count)
                        mass += weighted
                    }
                    let norm = k1 * (1 - b + b * length / average)
                    var selfScore: Float = 0
                    for k in range { selfScore += target[k].weightedIDF * target[k].count * (k1 + 1) / (target[k].count + norm) }
                    selfScores[q] = selfScore
                    masses[q] = mass
                }
            }
        }
        return Queries(terms: resolved, ranges: ranges, selfScores: selfScores, masses: masses)
    }

    /// The query's BM25 score against itself as if it were one of the indexed texts.
    public func selfScore(_ terms: [TermCount]) -> Double { Double(resolve(terms, ranges: [terms.indices]).selfScores[0]) }

    /// Information mass of a text: the sum of its terms' weighted inverse document frequencies.
    public func mass(_ terms: [TermCount]) -> Double { Double(resolve(terms, ranges: [terms.indices]).masses[0]) }

    /// The mass of indexed text `document`.
    public func mass(ofDocument document: Int) -> Double { Double(documentMass[document]) }

    /// Adds the BM25 score of query `query` of `queries` against every indexed text that shares a
    /// term with it to `scores` (length ``documentCount``); `touched` receives each text scored
    /// for the first time.
    public func accumulate(_ queries: Queries, _ query: Int, into scores: inout [Float], touched: inout [Int32]) {
        postingStart.withUnsafeBufferPointer { starts in
            postingDocument.withUnsafeBufferPointer { documents in
                postingWeight.withUnsafeBufferPointer { weights in
                    scores.withUnsafeMutableBufferPointer { scores in
                        for k in queries.ranges[query] {
                            let t = queries.terms[k]
                            guard t.index >= 0 else { continue }
                            let index = Int(t.index)
                            let weight = t.weightedIDF
                            for p in Int(starts[index])..<Int(starts[index + 1]) {
                                let d = Int(documents[p])
                                if scores[d] == 0 { touched.append(Int32(d)) }
                                scores[d] += weight * weights[p]
                            }
                        }
                    }
                }
            }
        }
    }

    public func accumulate(_ terms: [TermCount], into scores: inout [Float], touched: inout [Int32]) {
        accumulate(resolve(terms, ranges: [terms.indices]), 0, into: &scores, touched: &touched)
    }
}
