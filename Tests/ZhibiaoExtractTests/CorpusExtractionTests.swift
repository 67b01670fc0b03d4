import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoTestSupport

/// Extraction over every readable document of ../shared/corpus keeps its invariants; prints the
/// counts per kind.
@Suite struct CorpusExtractionTests {
    static let documents: [URL] = {
        var urls: [URL] = []
        for folder in ["pairs", "hant", "html", "eval", "bulk/national-fyp", "bulk/pkulaw-local-policies"] {
            urls += RepoPaths.sharedFiles(folder, extensions: ["txt", "md", "html", "docx"])
        }
        return urls
    }()

    /// The base units a kind may have.
    static let bases: [QuantityKind: Set<BaseUnit>] = [
        .money: [.yuan, .hkd, .usd, .twd, .eur, .jpy, .gbp], .percentage: [.fraction], .pp: [.pp], .count: [.count], .area: [.m2], .mass: [.kg],
        .length: [.m], .duration: [.minute], .ratio: [.ratio, .fraction], .multiple: [.multiple], .other: [.other],
        .computing: [.flops], .data: [.byte], .power: [.w], .energy: [.kwh, .tce], .emission: [.tco2], .volume: [.m3],
        .frequency: [.perYear], .speed: [.bps],
    ]

    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func everyIndicatorKeepsItsInvariants() throws {
        #expect(Self.documents.count >= 50)
        var kinds: [QuantityKind: Int] = [:], roles: [Role: Int] = [:], total = 0, overflow = 0
        for url in Self.documents {
            let (document, tree, indicators) = try Fixtures.pipeline.extract(path: url.path)
            let name = url.lastPathComponent
            let paths = Set(tree.nodes.map(\.path))
            var ids = Set<String>()
            for i in indicators {
                #expect(i.span.start >= 0 && i.span.end <= document.original.count && i.span.start < i.span.end, "\(name) \(i.id)")
                #expect(document.originalString(i.span) == i.surface, "\(name): surface \(i.surface)")
                #expect(document.originalString(i.sentenceSpan) == i.sentence && i.sentenceSpan.contains(i.span), "\(name): sentence of \(i.surface)")
                #expect(ids.insert(i.id).inserted, "\(name): duplicate id \(i.id)")
                #expect(paths.contains(i.section), "\(name): section \(i.section)")
                #expect(Self.bases[i.kind]?.contains(i.baseUnit) ?? false, "\(name): \(i.surface) is \(i.kind) in \(i.baseUnit)")
                if let low = i.low, let high = i.high { #expect(low <= high, "\(name): \(i.surface) low \(low) high \(high)") }
                if let year = i.year { #expect((1900...2100).contains(year), "\(name): \(i.surface) year \(year)") }
                if i.baseValue == nil { overflow += 1 }
                #expect(!i.rules.isEmpty)
                kinds[i.kind, default: 0] += 1
                roles[i.role, default: 0] += 1
            }
            total += indicators.count
            print("extract \(name): \(indicators.count) indicators, \(indicators.filter { $0.role == .target }.count) targets")
        }
        #expect(overflow * 1000 <= total, "\(overflow) of \(total) base values overflow")
        let byKind = QuantityKind.allCases.map { "\($0.rawValue) \(kinds[$0] ?? 0)" }.joined(separator: ", ")
        print("extract corpus: \(Self.documents.count) documents, \(total) indicators (\(roles[.target] ?? 0) targets, \(roles[.fact] ?? 0) facts): \(byKind)")
        #expect(total > 1000)
    }

    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func aBareYuanInHongKongAndTaiwanIsTheLocalCurrency() throws {
        let hk = RepoPaths.sharedFiles("hant", extensions: ["txt"]).filter { $0.lastPathComponent.hasPrefix("hk-") }
        let tw = RepoPaths.sharedFiles("hant", extensions: ["md"]).filter { $0.lastPathComponent.hasPrefix("tw-") }
        #expect(!hk.isEmpty && !tw.isEmpty)
        for (urls, currency) in [(hk, BaseUnit.hkd), (tw, .twd)] {
            for url in urls {
                let (_, _, indicators) = try Fixtures.pipeline.extract(path: url.path)
                let money = indicators.filter { $0.kind == .money }
                let local = money.filter { $0.baseUnit == currency }.count
                #expect(local * 10 >= money.count * 8, "\(url.lastPathComponent): \(local) of \(money.count) in \(currency)")
            }
        }
    }
}
