import Foundation

/// An inverted index of short texts (a document's sentences) for Okapi BM25 retrieval over the
/// terms of ``GramTokenizer``.
///
/// Built once per child document; every parent sentence is then one query that touches only
/// the postings of its own terms, so aligning costs the sum of those postings, never all pairs
/// of sentences. Inverse document frequencies count the sentences of both documents (a
/// `background` of document frequencies from the other side), so that words common to policy
/// texts (推进, 建设, 机制) weigh little even against a short child.
///
/// Scores are normalized by the query's score against itself (``selfScore(_:)``), which puts
/// them in [0, 1]: the share of the query's weighted terms the sentence holds, saturated and
/// length-normalized as BM25 does.
public struct BM25Index: Sendable {
    public struct Parameters: Sendable, Hashable {
        /// Term-frequency saturation.
        public var k1: Double = 1.2
        /// Length normalization.
        public var b: Double = 0.75
        public init() {}
    }

    public let parameters: Parameters
    /// Number of indexed texts.
    public let documentCount: Int
    /// Texts the inverse document frequencies count (indexed and background).
    public let collectionSize: Int
    public let averageLength: Double

    private let termIndex: [UInt64: Int32]
    private let postingStart: [Int32]
    private let postingDocument: [Int32]
    /// BM25's saturated, length-normalized term frequency of each posting.
    private let postingWeight: [Float]
    private let termIDF: [Float]
    private let background: [UInt64: Int32]

    /// Indexes `documents` (the terms of each text, as ``GramTokenizer/terms(_:_:)`` gives them).
    /// `background` holds document frequencies of `backgroundCount` other texts.
    public init(documents: [[TermCount]], background: [UInt64: Int32] = [:], backgroundCount: Int = 0,
                parameters: Parameters = Parameters()) {
        self.parameters = parameters
        self.background = background
        documentCount = documents.count
        collectionSize = documents.count + backgroundCount
        var lengths: [Int] = []
        lengths.reserveCapacity(documents.count)
        var total = 0
        var triples: [(term: UInt64, document: Int32, count: Int32)] = []
        triples.reserveCapacity(documents.reduce(0) { $0 + $1.count })
        for (d, terms) in documents.enumerated() {
            var length = 0
            for t in terms {
                length += Int(t.count)
                triples.append((t.term.key, Int32(d), t.count))
            }
            lengths.append(length)
            total += length
        }
        averageLength = documents.isEmpty ? 1 : max(1, Double(total) / Double(documents.count))
        triples.sort { $0.term != $1.term ? $0.term < $1.term : $0.document < $1.document }
        var termIndex: [UInt64: Int32] = [:]
        termIndex.reserveCapacity(triples.count / 2)
        var starts: [Int32] = []
        var postingDocument: [Int32] = [], postingWeight: [Float] = []
        postingDocument.reserveCapacity(triples.count)
        postingWeight.reserveCapacity(triples.count)
        let k1 = parameters.k1, b = parameters.b, average = averageLength
        for (k, triple) in triples.enumerated() {
            if k == 0 || triples[k - 1].term != triple.term {
                termIndex[triple.term] = Int32(starts.count)
                starts.append(Int32(k))
            }
            let tf = Double(triple.count)
            let norm = k1 * (1 - b + b * Double(lengths[Int(triple.document)]) / average)
            postingDocument.append(triple.document)
            postingWeight.append(Float(tf * (k1 + 1) / (tf + norm)))
        }
        starts.append(Int32(triples.count))
        var idf: [Float] = []
        idf.reserveCapacity(starts.count)
        let n = Double(collectionSize)
        for term in 0..<(starts.count - 1) {
            let key = triples[Int(starts[term])].term
            let df = Double(starts[term + 1] - starts[term]) + Double(background[key] ?? 0)
            idf.append(Float(log(1 + (n - df + 0.5) / (df + 0.5))))
        }
        self.termIndex = termIndex
        self.postingStart = starts
        self.postingDocument = postingDocument
        self.postingWeight = postingWeight
        self.termIDF = idf
    }

    /// Inverse document frequency of a term over the indexed and background texts.
    public func idf(_ term: Term) -> Double {
        if let index = termIndex[term.key] { return Double(termIDF[Int(index)]) }
        let df = Double(background[term.key] ?? 0)
        return log(1 + (Double(collectionSize) - df + 0.5) / (df + 0.5))
    }

    /// The query's BM25 score against itself as if it were one of the indexed texts.
    public func selfScore(_ query: [TermCount]) -> Double {
        let length = Double(query.reduce(0) { $0 + Int($1.count) })
        let norm = parameters.k1 * (1 - parameters.b + parameters.b * length / averageLength)
        var score = 0.0
        for t in query {
            let tf = Double(t.count)
            score += Double(t.weight) * idf(t.term) * tf * (parameters.k1 + 1) / (tf + norm)
        }
        return score
    }

    /// Information mass of a text: the sum of its terms' weighted inverse document frequencies.
    public func mass(_ terms: [TermCount]) -> Double {
        terms.reduce(0) { $0 + Double($1.weight) * idf($1.term) }
    }

    /// Adds the BM25 score of `query` against every indexed text that shares a term with it to
    /// `scores` (length ``documentCount``); `touched` receives each text scored for the first time.
    public func accumulate(_ query: [TermCount], into scores: inout [Float], touched: inout [Int32]) {
        for t in query {
            guard let index = termIndex[t.term.key] else { continue }
            let weight = t.weight * termIDF[Int(index)]
            for p in Int(postingStart[Int(index)])..<Int(postingStart[Int(index) + 1]) {
                let d = Int(postingDocument[p])
                if scores[d] == 0 { touched.append(Int32(d)) }
                scores[d] += weight * postingWeight[p]
            }
        }
    }
}
