import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoTestSupport
@testable import ZhibiaoStructure

/// Citations (根据《…》, 国发〔2021〕4号) in the outline, their resolution against known titles, and
/// every corpus document's citations.
@Suite struct CitationTests {
    static let pipeline = Fixtures.pipeline

    static func outline(_ text: String, name: String = "example.txt") throws -> (NormalizedDocument, DocumentTree) {
        let ingested = try pipeline.reader.read(bytes: Array(text.utf8), path: name)
        let document = pipeline.normalizer.normalize(ingested)
        return (document, pipeline.segmenter.segment(document))
    }

    @Test func everyCitationWordGivesItsExample() {
        let (count, failures) = CitationExamples.run(with: Self.pipeline)
        #expect(count >= 15)
        for failure in failures { Issue.record("\(failure)") }
    }

    @Test func titlesJoinedShareTheVerbAndSelfReferencesAreNoCitations() throws {
        let text = """
            国务院关于印发《新一代人工智能发展规划》的通知
            国发〔2017〕35号
            根据《中华人民共和国科学技术进步法》、《国家中长期科学和技术发展规划纲要(2006-2020年)》和《国务院关于加快培育和发展战略性新兴产业的决定》(国发〔2010〕32号)，制定本规划。
            本《规划》由国务院负责解释。按照国办发〔2019〕4号文件要求做好衔接。
            """
        let (_, tree) = try Self.outline(text)
        let found = tree.citations.map { [$0.verb ?? "-", $0.title ?? "-", $0.docNumber ?? "-"] }
        #expect(found == [
            ["根据", "中华人民共和国科学技术进步法", "-"],
            ["根据", "国家中长期科学和技术发展规划纲要(2006-2020年)", "-"],
            ["根据", "国务院关于加快培育和发展战略性新兴产业的决定", "国发〔2010〕32号"],
            ["按照", "-", "国办发〔2019〕4号"],
        ])
    }

    @Test func citationsAreInTheOutlineJSON() throws {
        let (document, tree) = try Self.outline("为贯彻落实《济南-青岛人工智能创新应用先导区融合发展实施方案》（鲁工信技〔2121〕01号），制定本方案。\n")
        let json = String(decoding: OutlineJSONRenderer.render(document, tree), as: UTF8.self)
        #expect(json.contains(#""citations":[{"title":"济南-青岛人工智能创新应用先导区融合发展实施方案","docNumber":"鲁工信技〔2121〕01号","start":5,"end":46,"verb":"为贯彻落实","text":"《济南-青岛人工智能创新应用先导区融合发展实施方案》（鲁工信技〔2121〕01号）"}]"#))
    }

    @Test(arguments: [
        ("新一代人工智能发展规划", nil as String?, "plan", CitationResolver.Match.title),
        ("国务院关于印发新一代人工智能发展规划的通知", nil, "plan", .title),
        ("某某文件", "国发〔2017〕35号", "plan", .docNumber),
        ("某某文件", "国发[2017]35号", "plan", .docNumber),
        ("中共中央 国务院关于实施乡村振兴战略的意见", nil, "opinion", .title),
        ("国家新一代人工智能创新发展试验区建设工作指引(试行)", nil, "guide", .title),
        ("新一代人工智能创新发展试验区建设工作指引", nil, "guide", .partialTitle),
    ])
    func resolverMatchesTitlesAndNumbers(_ title: String, _ number: String?, _ expected: String, _ match: CitationResolver.Match) {
        let resolver = CitationResolver(documents: [
            KnownDocument(id: "plan", title: "新一代人工智能发展规划（国发〔2017〕35号）", docNumber: nil),
            KnownDocument(id: "opinion", title: "中共中央 国务院关于实施乡村振兴战略的意见（2018年中央一号文件）", docNumber: nil),
            KnownDocument(id: "guide", title: "国家新一代人工智能创新发展试验区建设工作指引", docNumber: nil),
        ])
        let citation = Citation(title: CitationResolver.cleaned(title).map(String.init).joined(), docNumber: number, verb: "根据",
                                span: OriginalSpan(start: 0, end: 1))
        let resolution = resolver.resolve(citation)
        #expect(resolution?.document.id == expected)
        #expect(resolution?.match == match)
        #expect(resolver.resolve(citation, excluding: expected)?.document.id == nil)
    }

    @Test func shortTitlesDoNotMatchPartially() {
        let resolver = CitationResolver(documents: [KnownDocument(id: "a", title: "广州市社会医疗保险办法实施细则", docNumber: nil)])
        #expect(resolver.resolve(Citation(title: "保险办法", docNumber: nil, verb: nil, span: OriginalSpan(start: 0, end: 1))) == nil)
    }

    // MARK: Corpus

    struct ManifestRow { var file: String; var title: String; var parent: String; var notes: String }

    static func manifest() throws -> [ManifestRow] {
        guard let corpus = RepoPaths.sharedCorpus else { return [] }
        let lines = try RepoPaths.read(corpus.appendingPathComponent("MANIFEST.tsv")).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().filter { $0.count >= 14 }.map { ManifestRow(file: $0[0], title: $0[5], parent: $0[12], notes: $0[13]) }
    }

    /// Every corpus document's citations, printed (the documents read as text, HTML or DOCX).
    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func citationsOfEveryCorpusDocument() throws {
        let corpus = try #require(RepoPaths.sharedCorpus)
        var total = 0, documents = 0
        for row in try Self.manifest() where [".txt", ".md", ".html", ".docx"].contains(where: { row.file.hasSuffix($0) }) {
            let path = corpus.appendingPathComponent(row.file).path
            guard let (document, tree) = try? Self.pipeline.outline(path: path) else { continue }
            documents += 1
            var out = "citations \(row.file): \(tree.citations.count)\n"
            for c in tree.citations {
                out += "  \(c.verb ?? "-") 《\(c.title ?? "")》 \(c.docNumber ?? "") [\(c.span)]\n"
                // Provenance: the span is the reference as written.
                let written = document.originalString(c.span)
                #expect(written.hasPrefix("《") || c.title == nil, "\(row.file): \(written)")
                if let number = c.docNumber, c.title == nil { #expect(written.replacingOccurrences(of: " ", with: "").hasSuffix("号"), "\(number)") }
            }
            total += tree.citations.count
            print(out, terminator: "")
        }
        print("citations: \(total) in \(documents) corpus documents")
        #expect(documents >= 40)
        #expect(total >= 100)
    }

    /// The explicit pairs of MANIFEST.tsv: the child cites its parent, and the citation resolves to
    /// the parent's title among all the corpus titles.
    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func explicitPairsFindTheirParent() throws {
        let corpus = try #require(RepoPaths.sharedCorpus)
        let rows = try Self.manifest()
        let known = rows.map { KnownDocument(id: $0.file, title: $0.title, docNumber: nil) }
        let resolver = CitationResolver(documents: known)
        let explicit = rows.filter { !$0.parent.isEmpty && $0.notes.lowercased().contains("explicit") }
        #expect(explicit.count >= 4)
        for child in explicit {
            let (_, tree) = try Self.pipeline.outline(path: corpus.appendingPathComponent(child.file).path)
            let targets = tree.citations.compactMap { resolver.resolve($0, excluding: child.file)?.document.id }
            #expect(targets.contains(child.parent), "\(child.file) cites \(targets), not its parent \(child.parent)")
            print("explicit pair: \(child.file) -> \(child.parent): \(targets.contains(child.parent) ? "found" : "missed")")
        }
    }
}
