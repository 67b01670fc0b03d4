import Foundation
import Testing
import Zhibiao
import ZhibiaoAlign
import ZhibiaoCore
import ZhibiaoTestSupport

/// The diff over every parent/child pair of `../shared/corpus/MANIFEST.tsv` (column `parent`):
/// invariants, and the summary printed.
@Suite struct CorpusPairsTests {
    static func manifestPairs() -> [(parent: URL, child: URL)] {
        guard let corpus = RepoPaths.sharedCorpus,
              let manifest = try? String(contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8) else { return [] }
        let lines = manifest.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, let file = header.firstIndex(of: "file"), let parent = header.firstIndex(of: "parent") else { return [] }
        return lines.dropFirst().compactMap { row in
            guard row.count > max(file, parent), !row[parent].isEmpty else { return nil }
            return (corpus.appendingPathComponent(row[parent]), corpus.appendingPathComponent(row[file]))
        }
    }

    /// Invariants of an alignment: one coverage entry per parent section and task, spans in
    /// bounds, scores in [0, 1] and sorted, every target either paired or listed as a gap or an addition.
    static func checkInvariants(_ a: Alignment, parent: ExtractedDocument, child: ExtractedDocument) {
        let name = "\(parent.path) <- \(child.path)"
        #expect(a.coverage.map(\.section.path) == parent.tree.nodes.filter { $0.level > 0 }.map(\.path), "\(name): coverage entries")
        let p = parent.document.original.count, c = child.document.original.count
        for entry in a.coverage {
            #expect(entry.section.span.end <= p)
            #expect(entry.matches.count <= 5)
            #expect(zip(entry.matches, entry.matches.dropFirst()).allSatisfy { $0.score >= $1.score }, "\(name): \(entry.section.path) not sorted")
            for match in entry.matches {
                #expect(match.score >= 0 && match.score <= 1, "\(name): score \(match.score)")
                #expect(match.section.span.end <= c && match.childEvidence.end <= c && match.parentEvidence.end <= p)
                #expect(entry.section.span.contains(match.parentEvidence), "\(name): parent evidence outside \(entry.section.path)")
                #expect(match.section.span.contains(match.childEvidence), "\(name): child evidence outside \(match.section.path)")
            }
        }
        for pair in a.pairs {
            #expect(pair.score >= 0 && pair.score <= 1)
            #expect(!pair.verdicts.isEmpty && pair.verdicts.contains(pair.verdict))
            #expect(pair.verdicts.filter(\.isValueVerdict).count == 1)
            #expect(pair.parent.doc == parent.path && pair.child.doc == child.path)
            #expect(pair.parent.role == .target && pair.child.role == .target)
        }
        let pairedParents = Set(a.pairs.map(\.parent.id)), pairedChildren = Set(a.pairs.map(\.child.id))
        #expect(Set(a.parentOnly.map(\.id)).isDisjoint(with: pairedParents))
        #expect(pairedParents.count + a.parentOnly.count == parent.targets.count)
        #expect(pairedChildren.count + a.childOnly.count == child.targets.count)
        for section in a.localAdditions { #expect(section.span.end <= c) }
    }

    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func everyManifestPairAligns() throws {
        let pairs = Self.manifestPairs()
        #expect(pairs.count >= 10)
        let pipeline = Fixtures.pipeline
        var rows: [String] = []
        let clock = ContinuousClock()
        let start = clock.now
        for (parentURL, childURL) in pairs {
            let parent = try pipeline.extractDocument(path: parentURL.path)
            let child = try pipeline.extractDocument(path: childURL.path)
            let alignment = pipeline.aligner.align(parent: parent, child: child)
            Self.checkInvariants(alignment, parent: parent, child: child)
            let json = DiffJSONRenderer.render(DiffReport(parent: parent, children: [DiffReport.Child(document: child, alignment: alignment)]))
            #expect((try? JSONSerialization.jsonObject(with: Data(json))) != nil, "JSON of \(childURL.lastPathComponent)")
            let s = alignment.summary
            rows.append(String(format: "%-62@ %4d %4d %4d %4d %4d %4d %4d %4d %4d %5.0f%% (%d/%d) %3d",
                               "\(parentURL.lastPathComponent.prefix(28)) <- \(childURL.lastPathComponent.prefix(30))" as NSString,
                               s.parentTargets, s.adopted, s.equal, s.stricter, s.looser, s.later, s.contributes, s.differentMeasure,
                               s.missing, s.coverage * 100, s.covered, s.sections, alignment.localAdditions.count))
        }
        print("corpus pairs: \(pairs.count) in \(clock.now - start) (extraction included)")
        print("pair                                                           ptgt adop  eq  str loos late cont othr miss  task coverage   local")
        for row in rows { print(row) }
    }
}
