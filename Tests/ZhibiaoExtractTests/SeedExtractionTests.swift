import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoTestSupport

/// The seeds against their hand annotations (Corpus/*.indicators.jsonl).
@Suite struct SeedExtractionTests {
    static let seeds = [RepoPaths.provincialSeed, RepoPaths.districtSeed]

    func annotations(_ seed: String) throws -> [AnnotatedIndicator] {
        let url = RepoPaths.corpusFile((seed as NSString).deletingPathExtension + ".indicators.jsonl")
        return try RepoPaths.read(url).split(separator: "\n").map { try JSONDecoder().decode(AnnotatedIndicator.self, from: Data($0.utf8)) }
    }

    @Test func everyTargetOfBothSeedsIsFoundRight() throws {
        var evaluation = Evaluation()
        for seed in Self.seeds {
            let (_, _, indicators) = try Fixtures.pipeline.extract(path: RepoPaths.corpusFile(seed).path)
            evaluation.add(predicted: indicators, annotated: try annotations(seed), document: seed)
        }
        print(evaluation.report)
        for miss in evaluation.misses { print("eval: \(miss)") }
        // Every target with the right value, base unit, comparator, year and role.
        #expect(evaluation.targets.total >= 70)
        #expect(evaluation.targets.found == evaluation.targets.total)
        // No name, slogan, section number or date reported: nothing extra, nothing missed.
        #expect(evaluation.overall.falsePositives == 0)
        #expect(evaluation.overall.falseNegatives == 0)
        #expect((evaluation.fields["metric"]?.correct ?? 0) * 100 >= (evaluation.fields["metric"]?.total ?? 1) * 90)
    }

    @Test func provenancePointsIntoTheOriginalText() throws {
        for seed in Self.seeds {
            let (document, _, indicators) = try Fixtures.pipeline.extract(path: RepoPaths.corpusFile(seed).path)
            for i in indicators {
                #expect(document.originalString(i.span) == i.surface)
                #expect(document.originalString(i.sentenceSpan) == i.sentence)
                #expect(i.sentenceSpan.contains(i.span))
            }
        }
    }

    @Test func theDistrictSeedKeepsItsScriptInSurfacesAndGivesSimplifiedMetrics() throws {
        let (_, _, indicators) = try Fixtures.pipeline.extract(path: RepoPaths.corpusFile(RepoPaths.districtSeed).path)
        let income = try #require(indicators.first { $0.surface == "5.7萬元" })
        #expect(income.value == DecimalNumber(significand: 57, exponent: -1))
        #expect(income.unit == "萬元" && income.baseValue == DecimalNumber(57000) && income.baseUnit == .yuan)
        #expect(income.metric == "农村居民人均可支配收入" && income.year == 2025 && income.role == .target)
        #expect(income.sentence.contains("農村居民人均可支配收入達到5.7萬元"))
    }

    @Test func traditionalInputGivesTheSameIndicatorsAsItsSimplifiedTwin() throws {
        let path = RepoPaths.corpusFile(RepoPaths.districtSeed).path
        let (_, _, traditional) = try Fixtures.pipeline.extract(path: path)
        // The Simplified twin: the normalized text of the same document, as a file.
        let twin = RepoPaths.temporaryDirectory("zhibiao-twin").appendingPathComponent("twin.txt")
        try String(scalars: Fixtures.pipeline.normalize(path: path).text[...]).write(to: twin, atomically: true, encoding: .utf8)
        let (_, _, simplified) = try Fixtures.pipeline.extract(path: twin.path)
        func key(_ i: Indicator) -> String {
            "\(i.value) \(i.baseValue?.description ?? "-") \(i.baseUnit) \(i.comparator.rawValue) \(i.year ?? 0) \(i.metric ?? "-") \(i.scope ?? "-") \(i.role) \(i.section)"
        }
        #expect(traditional.map(key) == simplified.map(key))
        #expect(traditional.count == simplified.count && traditional.count >= 70)
    }
}
