import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoTestSupport

/// Corpus documents annotated by hand in `Corpus/shared/` (work reports, a policy address,
/// action plans, pages), scored role-aware: an annotated target counts as found only when it is
/// reported with role target. `derive.py` materializes the texts the annotations point into.
@Suite(.serialized) struct SharedAnnotationTests {
    static let folder = RepoPaths.corpus.appendingPathComponent("shared")

    /// NAME → the derived text, written once per test run by `derive.py`.
    static let derived: [String: URL] = {
        guard let corpus = RepoPaths.sharedCorpus else { return [:] }
        let out = RepoPaths.temporaryDirectory("zhibiao-derived")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", folder.appendingPathComponent("derive.py").path, "--corpus", corpus.path, "--out", out.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [:] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var result: [String: URL] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2 { result[String(parts[0])] = URL(fileURLWithPath: String(parts[1])) }
        }
        return result
    }()

    static var annotated: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".indicators.jsonl") }.map { String($0.dropLast(".indicators.jsonl".count)) }.sorted()
    }

    static func annotations(_ name: String) throws -> [AnnotatedIndicator] {
        try RepoPaths.read(folder.appendingPathComponent(name + ".indicators.jsonl")).split(separator: "\n")
            .map { try JSONDecoder().decode(AnnotatedIndicator.self, from: Data($0.utf8)) }
    }

    @Test func everyAnnotatedDocumentHasASource() throws {
        let sources = try RepoPaths.read(Self.folder.appendingPathComponent("SOURCES.tsv")).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: "\t").first.map(String.init) }
        for name in Self.annotated { #expect(sources.contains(name), "\(name) has annotations but no row in SOURCES.tsv") }
        #expect(Self.annotated.count >= 5)
    }

    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func annotationsPointIntoTheirText() throws {
        for name in Self.annotated {
            let url = try #require(Self.derived[name], "derive.py did not write \(name)")
            // The text offsets count: the file's, or for a page the text Zhibiao extracts.
            let text = try Fixtures.pipeline.normalize(path: url.path).original
            for a in try Self.annotations(name) {
                #expect(a.end <= text.count && String(scalars: text[a.start..<a.end]) == a.surface, "\(name): \(a.surface) [\(a.start)-\(a.end)]")
            }
        }
    }

    /// Floors just under what the linker does today, so that a regression shows; the aims of
    /// issue 9 are higher (0.90 precision and 0.92 recall pooled, 0.85 precision on every report).
    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func targetsAreFoundRoleAware() throws {
        var evaluation = Evaluation()
        for name in Self.annotated {
            let url = try #require(Self.derived[name])
            let (_, tree, indicators) = try Fixtures.pipeline.extract(path: url.path)
            evaluation.add(predicted: indicators, annotated: try Self.annotations(name), document: url.path, tree: tree)
        }
        print(evaluation.targetReport)
        let pooled = evaluation.pooledTargets
        #expect(pooled.counts.precision >= 0.76, "pooled precision \(pooled.counts.precision)")
        #expect(pooled.counts.recall >= 0.88, "pooled recall \(pooled.counts.recall)")
        #expect(pooled.yearAccuracy >= 0.95, "explicit years \(pooled.yearAccuracy)")
        #expect(pooled.metricAgreement >= 0.73, "metric agreement \(pooled.metricAgreement)")
        for (document, score) in evaluation.targetsByDocument where document.contains("-gwr-") {
            #expect(score.counts.precision >= 0.85, "\(document): precision \(score.counts.precision)")
        }
    }
}
