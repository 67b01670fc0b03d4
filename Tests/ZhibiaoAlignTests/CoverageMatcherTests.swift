import Foundation
import Testing
import Zhibiao
import ZhibiaoAlign
import ZhibiaoCore
import ZhibiaoTestSupport

/// Task-level alignment of the fixture plans, where it is unambiguous which child task takes up
/// which parent task, which parent tasks are gaps and which child task is a local addition.
@Suite struct CoverageMatcherTests {
    static let alignment: Alignment = {
        let child = try? AlignFixtures.extract(AlignFixtures.childText(goals: ["到2025年,全区农村居民人均可支配收入达到3.5万元。"]))
        return Fixtures.pipeline.aligner.align(parent: AlignFixtures.parent, child: child!)  // test setup
    }()

    func matches(_ path: String) -> [String] {
        Self.alignment.coverage.first { $0.section.path == path }?.matches.map(\.section.path) ?? ["(no entry)"]
    }

    @Test func addressedTasksAreFoundAndGapsSaid() {
        #expect(matches("二/(一)/1").first == "二/(一)/1")   // 做大优势产业 ← 加快乡村产业融合发展
        #expect(matches("二/(二)/4").first == "二/(一)/2")   // 引导人才向片区流动 ← 推进两进两回
        #expect(matches("二/(二)/3") == [])                  // 深化党建联建: nothing in the child
        #expect(matches("二/(一)/2") == [])                  // 培育新型业态: nothing in the child
        #expect(matches("三").first == "三")                 // 保障措施 ← 保障措施
        // A section is addressed by what addresses one of its tasks.
        #expect(matches("二/(一)").contains("二/(一)/1"))
    }

    @Test func theUnrelatedChildTaskIsALocalAddition() {
        #expect(Self.alignment.localAdditions.map(\.path) == ["二/(二)"])
    }

    @Test func evidenceIsTheBestSentencePair() throws {
        let entry = try #require(Self.alignment.coverage.first { $0.section.path == "二/(一)/1" })
        let match = try #require(entry.matches.first)
        let parent = AlignFixtures.parent
        let parentText = DiffReport.text(parent, match.parentEvidence)
        #expect(parentText.contains("农业龙头企业"), "\(parentText)")
        #expect(match.score > 0.3 && match.score <= 1)
    }

    @Test func anUnrelatedChildGetsNoMatch() throws {
        let parent = AlignFixtures.parent
        let child = try AlignFixtures.extract("""
            某市关于加快人工智能产业发展的行动计划

            一、发展目标
            到2026年,人工智能核心产业规模突破600亿元,培育行业大模型10个以上。

            二、重点任务
            1.建设智能算力中心。建设城市级智算中心,算力规模达到5000PFlops。
            2.打造开源社区。支持企业参与开源框架建设,发展大模型开源生态。
            """, name: "ai.txt")
        let alignment = Fixtures.pipeline.aligner.align(parent: parent, child: child)
        let tasks = alignment.coverage.filter { $0.section.kind == .task }
        let allGaps = tasks.allSatisfy { $0.isGap }
        #expect(allGaps, "\(tasks.filter { !$0.isGap }.map { "\($0.section.path) → \($0.matches.map(\.section.path))" })")
        #expect(alignment.pairs.isEmpty)
        CorpusPairsTests.checkInvariants(alignment, parent: parent, child: child)
    }

    @Test func bm25ScoresAreNormalizedByTheQuery() {
        let tokenizer = GramTokenizer(lexicon: .empty)
        func terms(_ s: String) -> [TermCount] { let a = Array(s.unicodeScalars); return tokenizer.terms(a, 0..<a.count) }
        let documents = ["推进农村电网改造提升", "加快燃气管网向片区延伸覆盖", "建立片区各村之间高效衔接的道路网"].map(terms)
        let index = BM25Index(documents: documents)
        var scores = [Float](repeating: 0, count: documents.count), touched: [Int32] = []
        let query = terms("农村电网改造")
        index.accumulate(query, into: &scores, touched: &touched)
        #expect(touched == [0])
        let similarity = Double(scores[0]) / index.selfScore(query)
        #expect(similarity > 0.8 && similarity <= 1.2)
        // Digits and punctuation break the runs that n-grams are made of.
        #expect(terms("5G基站").count == 3 && terms("2025年").isEmpty)
    }
}
