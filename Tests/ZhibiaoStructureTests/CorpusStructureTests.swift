import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoTestSupport

/// The outline of every readable document of ../shared/corpus keeps its invariants (no text
/// lost, spans in bounds, paths unique); prints what it found.
@Suite struct CorpusStructureTests {
    static let documents: [URL] = {
        var urls: [URL] = []
        for folder in ["pairs", "hant", "html", "eval", "bulk/national-fyp", "bulk/pkulaw-local-policies"] {
            urls += RepoPaths.sharedFiles(folder, extensions: ["txt", "md", "html", "docx"])
        }
        return urls
    }()

    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func everyDocumentKeepsItsInvariants() throws {
        #expect(Self.documents.count >= 50)
        var totals = (documents: 0, sections: 0, tasks: 0, articles: 0, noise: 0)
        for url in Self.documents {
            let (document, tree) = try Fixtures.pipeline.outline(path: url.path)
            do {
                try tree.checkInvariants(originalCount: document.original.count, isIgnorable: Fixtures.ignorable(document))
            } catch {
                Issue.record("\(url.lastPathComponent): \(error)")
            }
            let sections = tree.nodes.filter { $0.kind == .section }.count
            let tasks = tree.nodes.filter { $0.kind == .task }.count
            let articles = tree.nodes.filter { $0.kind == .article }.count
            print("outline \(url.lastPathComponent): \(sections) sections, \(tasks) tasks, \(articles) articles, \(tree.noise.count) noise blocks, title \(tree.metadata.title?.value ?? "-")")
            totals.documents += 1
            totals.sections += sections
            totals.tasks += tasks
            totals.articles += articles
            totals.noise += tree.noise.count
        }
        print("outline corpus: \(totals.documents) documents, \(totals.sections) sections, \(totals.tasks) tasks, \(totals.articles) articles, \(totals.noise) noise blocks")
    }
}
