import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoTestSupport

/// Every document of Corpus/ with an `.outline.json` annotation beside it gives exactly the
/// annotated metadata, sections, tasks and noise.
@Suite struct AnnotationTests {
    static let annotated: [String] = {
        var documents: [String] = []
        let fm = FileManager.default
        for folder in ["", "mini"] {
            let directory = RepoPaths.corpus.appendingPathComponent(folder)
            for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasSuffix(".outline.json") {
                let stem = String(name.dropLast(".outline.json".count))
                let candidates = (try? fm.contentsOfDirectory(atPath: directory.path))?.filter {
                    $0.hasPrefix(stem + ".") && !$0.contains(".outline.") && !$0.contains(".indicators.") && !$0.contains(".alignment.")
                } ?? []
                if let document = candidates.first { documents.append(folder.isEmpty ? document : folder + "/" + document) }
            }
        }
        return documents.sorted()
    }()

    struct Annotation: Decodable {
        struct Field: Decodable, Equatable { var value: String; var text: String }
        struct Metadata: Decodable {
            var title: Field?
            var issuers: [Field]
            var docNumber: Field?
            var addressees: [Field]
            var date: Field?
            var published: Field?
            var modified: Field?
            var attachments: [Field]
            var period: Field?
        }
        struct Node: Decodable, Equatable { var path: String; var kind: String; var heading: String? }
        struct Noise: Decodable, Equatable { var reason: String; var text: String }
        var metadata: Metadata
        var nodes: [Node]
        var noise: [Noise]
    }

    @Test func everySeedAndMiniDocumentIsAnnotated() {
        #expect(Self.annotated.contains(RepoPaths.provincialSeed))
        #expect(Self.annotated.contains(RepoPaths.districtSeed))
        #expect(Self.annotated.filter { $0.hasPrefix("mini/") }.count >= 4)
    }

    @Test(arguments: annotated)
    func matchesItsAnnotation(_ name: String) throws {
        let url = RepoPaths.corpus.appendingPathComponent(name)
        let stem = url.deletingPathExtension()
        let annotation = try JSONDecoder().decode(Annotation.self, from: Data(contentsOf: stem.appendingPathExtension("outline.json")))
        let (document, tree) = try Fixtures.pipeline.outline(path: url.path)
        func field(_ f: MetadataField?) -> Annotation.Field? { f.map { .init(value: $0.value, text: $0.text) } }
        func fields(_ f: [MetadataField]) -> [Annotation.Field] { f.map { .init(value: $0.value, text: $0.text) } }
        let m = tree.metadata
        #expect(field(m.title) == annotation.metadata.title, "title")
        #expect(fields(m.issuers) == annotation.metadata.issuers, "issuers")
        #expect(field(m.docNumber) == annotation.metadata.docNumber, "docNumber")
        #expect(fields(m.addressees) == annotation.metadata.addressees, "addressees")
        #expect(field(m.date) == annotation.metadata.date, "date")
        #expect(field(m.published) == annotation.metadata.published, "published")
        #expect(field(m.modified) == annotation.metadata.modified, "modified")
        #expect(fields(m.attachments) == annotation.metadata.attachments, "attachments")
        #expect(field(m.period) == annotation.metadata.period, "period")
        // Every metadata span holds exactly its text.
        for f in [m.title, m.docNumber, m.date, m.published, m.modified, m.period].compactMap({ $0 }) + m.issuers + m.addressees + m.attachments {
            #expect(document.originalString(f.span) == f.text)
        }

        let nodes = tree.nodes.dropFirst().map { Annotation.Node(path: $0.path, kind: $0.kind.rawValue, heading: $0.heading) }
        #expect(nodes == annotation.nodes)
        for (got, want) in zip(nodes, annotation.nodes) where got != want {
            Issue.record("first difference: got \(got), annotated \(want)")
            break
        }
        // A node's span starts at its marker as written.
        for node in tree.nodes.dropFirst() {
            let start = document.originalString(OriginalSpan(start: node.span.start, end: min(node.span.end, node.span.start + 8)))
            #expect(!start.isEmpty && start.first != " " && start.first != "\n", "node \(node.path) starts at white space")
        }
        #expect(tree.noise.map { Annotation.Noise(reason: $0.reason.rawValue, text: document.originalString($0.span)) } == annotation.noise)
        try tree.checkInvariants(originalCount: document.original.count, isIgnorable: Fixtures.ignorable(document))
    }
}
