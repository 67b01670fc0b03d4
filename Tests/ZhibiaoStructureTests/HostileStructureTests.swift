import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoTestSupport

/// Every input of Tests/Hostile that reads keeps the outline's and the catalog's invariants,
/// the ones the fuzzers check (Fuzz/ZhibiaoFuzz): the inputs fuzzing found stay fixed.
@Suite struct HostileStructureTests {
    @Test func outlineAndCatalogKeepTheirInvariants() throws {
        let inputs = RepoPaths.hostileInputs
        #expect(inputs.count >= 20)
        for url in inputs {
            guard let (document, tree) = try? Fixtures.pipeline.outline(path: url.path) else { continue }
            do {
                try tree.checkInvariants(originalCount: document.original.count, isIgnorable: Fixtures.ignorable(document))
            } catch {
                Issue.record("\(url.lastPathComponent): \(error)")
                continue
            }
            for indicator in Fixtures.pipeline.extractor.extract(from: document, tree: tree) {
                #expect(document.originalString(indicator.span) == indicator.surface, "\(url.lastPathComponent): \(indicator.surface)")
                #expect(indicator.sentenceSpan.contains(indicator.span), "\(url.lastPathComponent): \(indicator.surface)")
            }
        }
    }

    /// ‼ before a compatibility jamo normalizes to !! and a conjoining jamo, one group: a
    /// sentence break inside it maps both sentences onto ‼ (what the outline fuzzer found).
    @Test func aBreakInsideOneOriginalCharacterKeepsSentencesApart() throws {
        let file = RepoPaths.temporaryDirectory().appendingPathComponent("bang-jamo.txt")
        try "第一句话‼\u{313E}第二句话。第三句话。".write(to: file, atomically: true, encoding: .utf8)
        let (document, tree) = try Fixtures.pipeline.outline(path: file.path)
        try tree.checkInvariants(originalCount: document.original.count, isIgnorable: Fixtures.ignorable(document))
        let sentences = tree.nodes.flatMap(\.sentences).map { document.originalString($0) }
        #expect(sentences.joined() == "第一句话‼\u{313E}第二句话。第三句话。")
        #expect(sentences.last == "第三句话。")
    }
}
