import Foundation
import Testing
import Zhibiao
import ZhibiaoAlign
import ZhibiaoCore
import ZhibiaoTestSupport

/// The diff of the two seeds against the hand annotation `Corpus/002_113670edcd97c76e.alignment.json`
/// (which provincial sections and tasks the Yuhang plan addresses and where, which targets relate
/// and how). Prints the agreement; fails below the measured level.
@Suite struct SeedAlignmentTests {
    struct Annotation {
        struct Entry { var path: String; var expected: Set<String>; var acceptable: Set<String> }
        var coverage: [Entry]
        var pairs: [(parent: Int, child: Int, verdicts: [String])]
        var parentOnly: [Int]
    }

    static func annotation() throws -> Annotation {
        let url = RepoPaths.corpusFile("002_113670edcd97c76e.alignment.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let coverage = (json["coverage"] as? [[String: Any]] ?? []).map {
            Annotation.Entry(path: $0["path"] as? String ?? "", expected: Set($0["expected"] as? [String] ?? []),
                             acceptable: Set($0["acceptable"] as? [String] ?? []))
        }
        let pairs = (json["pairs"] as? [[String: Any]] ?? []).map {
            ((($0["parent"] as? [String: Any])?["start"] as? Int) ?? -1, (($0["child"] as? [String: Any])?["start"] as? Int) ?? -1,
             $0["verdicts"] as? [String] ?? [])
        }
        let parentOnly = (json["parentOnly"] as? [[String: Any]] ?? []).map { $0["start"] as? Int ?? -1 }
        return Annotation(coverage: coverage, pairs: pairs, parentOnly: parentOnly)
    }

    static func seedAlignment() throws -> Alignment {
        let pipeline = Fixtures.pipeline
        let parent = try pipeline.extractDocument(path: RepoPaths.corpusFile(RepoPaths.provincialSeed).path)
        let child = try pipeline.extractDocument(path: RepoPaths.corpusFile(RepoPaths.districtSeed).path)
        return pipeline.aligner.align(parent: parent, child: child)
    }

    struct CoverageAgreement {
        var predicted = 0, correct = 0, expected = 0, found = 0, top1 = 0, withExpected = 0, gaps = 0, gapsAgreed = 0
        var disagreements: [String] = []
        var precision: Double { Double(correct) / Double(max(1, predicted)) }
        var recall: Double { Double(found) / Double(max(1, expected)) }
        var summary: String {
            String(format: "precision %.2f (%d/%d listed), recall %.2f (%d/%d expected), top-1 %d/%d, gaps agreed %d/%d",
                   precision, correct, predicted, recall, found, expected, top1, withExpected, gapsAgreed, gaps)
        }
    }

    /// Agreement of the coverage with the annotation. A section is addressed by whatever
    /// addresses one of its parts (its score is the best of its parts'), and a child task inside
    /// an annotated child section is in it.
    static func agreement(_ alignment: Alignment, _ annotation: Annotation) -> CoverageAgreement {
        var a = CoverageAgreement()
        // `x` is `y` or lies inside it.
        func within(_ x: String, _ y: String) -> Bool { x == y || x.hasPrefix(y + "/") }
        for entry in annotation.coverage {
            guard let got = alignment.coverage.first(where: { $0.section.path == entry.path }) else { continue }
            let paths = got.matches.map(\.section.path)
            a.predicted += paths.count
            var allowed = entry.expected.union(entry.acceptable)
            for part in annotation.coverage where part.path.hasPrefix(entry.path + "/") {
                allowed.formUnion(part.expected.union(part.acceptable))
            }
            let ok = { (path: String) in allowed.contains { within(path, $0) } }
            a.correct += paths.filter(ok).count
            a.expected += entry.expected.count
            let missed = entry.expected.filter { e in !paths.contains { within($0, e) } }
            a.found += entry.expected.count - missed.count
            if entry.expected.isEmpty {
                a.gaps += 1
                if paths.allSatisfy(ok) { a.gapsAgreed += 1 }
            } else {
                a.withExpected += 1
                if let first = paths.first, ok(first) { a.top1 += 1 }
            }
            let wrong = paths.filter { !ok($0) }
            if !wrong.isEmpty || !missed.isEmpty {
                a.disagreements.append("\(entry.path): listed \(paths), not annotated \(wrong), missed \(missed.sorted())")
            }
        }
        return a
    }

    @Test func coverageAgreesWithTheAnnotation() throws {
        let annotation = try Self.annotation()
        let alignment = try Self.seedAlignment()
        #expect(alignment.coverage.map(\.section.path) == annotation.coverage.map(\.path), "one coverage entry per annotated parent section and task")
        let a = Self.agreement(alignment, annotation)
        print("seed coverage: " + a.summary)
        for line in a.disagreements { print("  " + line) }
        #expect(a.precision >= 0.85)
        #expect(a.recall >= 0.75)
        #expect(a.top1 * 10 >= a.withExpected * 9)
        #expect(a.gapsAgreed == a.gaps)
    }

    @Test func pairsAgreeWithTheAnnotation() throws {
        let annotation = try Self.annotation()
        let alignment = try Self.seedAlignment()
        let got = alignment.pairs.map { (parent: $0.parent.span.start, child: $0.child.span.start, verdicts: $0.verdicts.map(\.rawValue)) }
        var found = 0, verdictsAgree = 0
        for pair in annotation.pairs {
            guard let match = got.first(where: { $0.parent == pair.parent && $0.child == pair.child }) else {
                print("  missed pair \(pair.parent) ~ \(pair.child)")
                continue
            }
            found += 1
            if match.verdicts == pair.verdicts { verdictsAgree += 1 } else { print("  verdicts \(match.verdicts), annotated \(pair.verdicts)") }
        }
        let extra = got.filter { g in !annotation.pairs.contains { $0.parent == g.parent && $0.child == g.child } }
        for pair in extra { print("  extra pair \(pair.parent) ~ \(pair.child) \(pair.verdicts)") }
        let onlyGot = Set(alignment.parentOnly.map(\.span.start)), onlyWant = Set(annotation.parentOnly)
        print("seed pairs: \(found)/\(annotation.pairs.count) annotated pairs found, \(extra.count) extra, verdicts agree on \(verdictsAgree)/\(found); parentOnly agree on \(onlyGot.intersection(onlyWant).count)/\(onlyWant.count), \(onlyGot.subtracting(onlyWant).count) extra")
        #expect(found == annotation.pairs.count)
        #expect(verdictsAgree == found)
        #expect(extra.count <= 1)
        #expect(onlyGot == onlyWant)
    }
}
