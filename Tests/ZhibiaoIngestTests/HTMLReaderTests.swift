import Foundation
import Testing
import ZhibiaoCore
import ZhibiaoTestSupport
@testable import ZhibiaoIngest
@testable import ZhibiaoText

@Suite struct HTMLReaderTests {
    static let hints: BoilerplateHints = {
        let url = RepoPaths.grammars.appendingPathComponent("lexicon/html-boilerplate.tsv")
        return try! BoilerplateHints(file: TSVFile(path: url.path, contents: try! RepoPaths.read(url)))
    }()

    func read(_ bytes: [UInt8], limits: ReaderLimits = ReaderLimits()) throws -> (lines: [String], blocks: [SourceBlock], text: [Unicode.Scalar], encoding: TextEncoding, source: CharsetDetector.Source) {
        let result = try HTMLReader(limits: limits, hints: Self.hints).read(bytes)
        let lines = result.blocks.map { String(scalars: result.text[$0.span.range]) }
        return (lines, result.blocks, result.text, result.encoding, result.encodingSource)
    }

    func body(_ result: (lines: [String], blocks: [SourceBlock], text: [Unicode.Scalar], encoding: TextEncoding, source: CharsetDetector.Source)) -> [String] {
        zip(result.lines, result.blocks).filter { $0.1.boilerplate == nil }.map(\.0)
    }

    @Test func gbkPageOfTheProvincialSeed() throws {
        // The seed's document text, without its own web leftovers, on a GBK page.
        let paragraphs = Array(try IngestFixtures.seedLines(RepoPaths.provincialSeed)[4..<30])
        let table = [["指标", "2025年", "2027年"], ["重点村组团片区(个)", "200", "500"]]
        let html = IngestFixtures.page(paragraphs: paragraphs, charset: "gbk", table: table)
        let result = try read(IngestFixtures.encode(html, "GB18030"))
        #expect(result.encoding == .gb18030)
        #expect(result.source == .declared)
        #expect(body(result) == paragraphs + ["指标\t2025年\t2027年", "重点村组团片区(个)\t200\t500"])
        let text = String(scalars: result.text)
        #expect(!text.contains("脚本里的段落"))
        #expect(!text.contains("写入的文字"))
        let reasons = Dictionary(zip(result.lines, result.blocks).compactMap { line, block in block.boilerplate.map { (line, $0) } },
                                 uniquingKeysWith: { a, _ in a })
        #expect(reasons["首页"] == .navigation)
        #expect(reasons["当前位置:首页 > 政策文件"] ?? reasons["当前位置：首页 > 政策文件"] == .breadcrumb)
        #expect(reasons["分享到:微信微博"] ?? reasons["分享到：微信微博"] == .share)
        #expect(reasons["相关文章"] == .related)
        #expect(reasons["主办单位：某某人民政府办公室 版权所有 网站标识码1234567890"] == .footer)
    }

    @Test func staleCharsetDeclarationOnUTF8Bytes() throws {
        let html = IngestFixtures.page(paragraphs: ["农村居民人均可支配收入达到5.7万元。", "集体经济年经营性收入150万元以上行政村占比达到100%。"], charset: "gbk")
        let result = try read(Array(html.utf8))
        #expect(result.encoding == .utf8)
        #expect(body(result) == ["农村居民人均可支配收入达到5.7万元。", "集体经济年经营性收入150万元以上行政村占比达到100%。"])
    }

    @Test func layoutTablesAreReadAsBlocks() throws {
        let html = """
            <html><body><table><tr><td><table><tr><td>索引号:</td><td>000014349/2019-00005</td></tr></table></td></tr>
            <tr><td><p>国务院关于印发国家职业教育改革</p><p>实施方案的通知</p><p>国发〔2019〕4号</p>
            <p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p><p>现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。</p></td></tr></table></body></html>
            """
        let result = try read(Array(html.utf8))
        #expect(result.lines.contains("国发〔2019〕4号"))
        #expect(result.lines.contains("索引号:\t000014349/2019-00005"))
    }

    @Test func brAndPreKeepLines() throws {
        let html = "<html><body><div>杭州市余杭区人民政府<br>2023年9月20日</div><pre>一行\n二行</pre></body></html>"
        #expect(try read(Array(html.utf8)).lines == ["杭州市余杭区人民政府", "2023年9月20日", "一行", "二行"])
    }

    @Test func deepNestingIsRefused() {
        let html = "<html><body>" + String(repeating: "<div>", count: 10_000) + "文字" + String(repeating: "</div>", count: 10_000) + "</body></html>"
        #expect(throws: IngestError.tooDeep(limit: 1_000)) { try read(Array(html.utf8)) }
    }

    @Test func pageOfScriptsHasNoText() {
        let html = "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script><style>p{}</style></body></html>"
        #expect(throws: IngestError.noText("the page has no visible text; is it all script?")) { try read(Array(html.utf8)) }
    }

    /// Every published page of the shared corpus yields a body with its document in it.
    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func sharedCorpusPages() throws {
        let pages = RepoPaths.sharedFiles("html", extensions: ["html"])
        #expect(pages.count >= 10)
        for url in pages {
            let result = try read([UInt8](try Data(contentsOf: url)))
            let lines = body(result)
            #expect(lines.count >= 10, "\(url.lastPathComponent): \(lines.count) body lines")
            if !url.lastPathComponent.hasPrefix("gd-medical") {  // a news article: no document number
                #expect(lines.contains { $0.contains("号") }, "\(url.lastPathComponent): no document number line in the body")
            }
        }
        // The family-doctor plan: its targets are in the body, its site furniture is not.
        let plan = RepoPaths.sharedCorpus!.appendingPathComponent("html/gz-wjw-family-doctor-implementation-plan-2023.html")
        let lines = body(try read([UInt8](try Data(contentsOf: plan))))
        #expect(lines.contains { $0.contains("到2035年，签约服务覆盖率达到75%以上") })
        #expect(!lines.contains { $0.contains("无障碍") })
    }
}
