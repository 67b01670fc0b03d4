import Foundation
import Testing
import Zhibiao
import ZhibiaoAlign
import ZhibiaoCore
import ZhibiaoTestSupport

/// How often "a match" is said between documents on unrelated topics: the distribution of each
/// parent section's best coverage score against a child on another subject, which the default
/// threshold (``Aligner/Configuration/coverageThreshold``) was set from. Printed; fails when the
/// threshold lets through more than one parent section in eight.
@Suite struct CoverageCalibrationTests {
    /// Parent and child on different subjects (rural policy, AI, digital government, science).
    static let unrelated: [(String, String)] = [
        ("Corpus/000_cd4c2e10bd593054.txt", "pairs/jinan-new-generation-ai-action-plan-2024-2026.txt"),
        ("Corpus/000_cd4c2e10bd593054.txt", "pairs/qingdao-ai-industry-action-plan-2024-2026.txt"),
        ("pairs/cn-national-new-generation-ai-plan-2017.txt", "Corpus/002_113670edcd97c76e.txt"),
        ("pairs/cn-national-new-generation-ai-plan-2017.txt", "pairs/guangdong-rural-revitalization-promotion-regulation-2022.md"),
        ("pairs/shandong-digital-shandong-action-plan-2019.txt", "pairs/beijing-rural-revitalization-promotion-regulation-2024.md"),
        ("pairs/cn-national-rural-revitalization-opinion-2018.txt", "pairs/jinan-sci-tech-innovation-policy-measures-2021.txt"),
        ("pairs/shandong-14th-fyp-sci-tech-innovation-2021.txt", "pairs/huzhou-beautiful-countryside-regulation-2019.md"),
        ("pairs/cn-national-rural-revitalization-promotion-law-2021.md", "pairs/jinan-national-ai-pilot-zone-policies-2020.txt"),
        ("pairs/shandong-ai-industry-sci-tech-action-plan-2025-2027.txt", "pairs/huzhou-beautiful-countryside-regulation-2019.md"),
    ]

    static func path(_ relative: String) -> String {
        relative.hasPrefix("Corpus/") ? RepoPaths.root.appendingPathComponent(relative).path
            : (RepoPaths.sharedCorpus?.appendingPathComponent(relative).path ?? relative)
    }

    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func unrelatedDocumentsRarelyMatch() throws {
        let pipeline = Fixtures.pipeline
        var configuration = pipeline.aligner.configuration
        let threshold = configuration.coverageThreshold
        configuration.coverageThreshold = 1e-9  // every candidate, to see the distribution
        let aligner = Aligner(lexicon: pipeline.resources.align, configuration: configuration)
        var best: [Double] = []
        for (parent, child) in Self.unrelated {
            let alignment = aligner.align(parent: try pipeline.extractDocument(path: Self.path(parent)),
                                          child: try pipeline.extractDocument(path: Self.path(child)))
            best += alignment.coverage.map { $0.matches.first?.score ?? 0 }
        }
        best.sort()
        func quantile(_ q: Double) -> String { String(format: "%.3f", best[min(best.count - 1, Int(Double(best.count) * q))]) }
        let matched = Double(best.filter { $0 >= threshold }.count) / Double(best.count)
        print("calibration: \(best.count) parent sections against unrelated children; best score quantiles 50% \(quantile(0.5)), 75% \(quantile(0.75)), 90% \(quantile(0.9)), 95% \(quantile(0.95)), 99% \(quantile(0.99)); at the threshold \(threshold): \(String(format: "%.1f", matched * 100))% matched")
        #expect(matched <= 0.125)
    }
}
