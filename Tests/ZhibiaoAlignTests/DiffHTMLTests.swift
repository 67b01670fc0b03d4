import Foundation
import Testing
import Zhibiao
import ZhibiaoAlign
import ZhibiaoCore
import ZhibiaoTestSupport

/// The HTML report: one self-contained file whose links all land, checked in a real headless
/// Chromium when one is installed (`apt-get install chromium fonts-wqy-zenhei`).
@Suite struct DiffHTMLTests {
    static func seedReport() throws -> DiffReport {
        let pipeline = Fixtures.pipeline
        let parent = try pipeline.extractDocument(path: RepoPaths.corpusFile(RepoPaths.provincialSeed).path)
        let child = try pipeline.extractDocument(path: RepoPaths.corpusFile(RepoPaths.districtSeed).path)
        return DiffReport(parent: parent, children: [child], aligner: pipeline.aligner)
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
    }

    @Test func theSeedReportIsSelfContainedAndItsLinksLand() throws {
        let report = try Self.seedReport()
        let html = DiffHTMLRenderer.render(report)
        for external in ["http://", "https://", "src=", "<link", "@import", "url(", "<script", "@font-face"] {
            #expect(!html.contains(external), "external resource: \(external)")
        }
        #expect(html.contains("font-family: \"Noto Sans CJK SC\", \"WenQuanYi Zen Hei\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif"))
        for verdict in Verdict.allCases { #expect(html.contains("badge v-\(verdict.rawValue)\">\(verdict.rawValue)</span>")) }
        let ids = Set(Self.matches("id=\"([^\"]+)\"", in: html))
        let targets = Self.matches("href=\"#([^\"]+)\"", in: html)
        #expect(!targets.isEmpty)
        let dangling = Set(targets).subtracting(ids)
        #expect(dangling.isEmpty, "links to missing anchors: \(dangling.sorted().prefix(10))")
        // Every pair is linked both ways in the side-by-side text.
        let a = report.children[0].alignment
        // Every pair is linked both ways in the side-by-side text: each child figure to its parent
        // figure, each parent figure to one of its child figures (all of them in its tooltip).
        for pair in a.pairs {
            #expect(html.contains("href=\"#k1-p\(pair.parent.span.start)\" id=\"k1-c\(pair.child.span.start)\""))
            let children = a.pairs.filter { $0.parent.id == pair.parent.id }.map(\.child.span.start)
            #expect(children.contains { html.contains("href=\"#k1-c\($0)\" id=\"k1-p\(pair.parent.span.start)\"") })
        }
        // Gaps come before the pairs.
        let gaps = try #require(html.range(of: "<h3>Gaps</h3>")), pairs = try #require(html.range(of: "<h3>Target pairs"))
        #expect(gaps.lowerBound < pairs.lowerBound)
        // The original text is all there, in the child's own script.
        #expect(html.contains("余杭區區域承載能力提升"))
    }

    static let chromium: String? = {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }()

    /// Runs Chromium headless; nil when it did not finish within 60 s.
    static func runChromium(_ arguments: [String]) throws -> Int32? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed: apt-get install chromium fonts-wqy-zenhei"))
    func theSeedReportRendersInHeadlessChromium() throws {
        let directory = RepoPaths.root.appendingPathComponent(".build/zhibiao-diff-html")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let page = directory.appendingPathComponent("seed-diff.html")
        try Data(DiffHTMLRenderer.render(try Self.seedReport()).utf8).write(to: page)
        let screenshot = directory.appendingPathComponent("seed-diff-1280.png")
        try? FileManager.default.removeItem(at: screenshot)
        let status = try Self.runChromium(["--window-size=1280,900", "--screenshot=\(screenshot.path)", page.absoluteString])
        #expect(status == 0)
        let png = try Data(contentsOf: screenshot)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        // Width and height from the IHDR chunk.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1280 && height == 900)
        #expect(png.count > 20_000, "a blank page?")
        let pdf = directory.appendingPathComponent("seed-diff.pdf")
        try? FileManager.default.removeItem(at: pdf)
        #expect(try Self.runChromium(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString]) == 0)
        #expect((try? Data(contentsOf: pdf))?.prefix(5) == Data("%PDF-".utf8))
        print("html: \(page.path) rendered by \(Self.chromium ?? "") to \(screenshot.path) (\(png.count) bytes) and \(pdf.path)")
    }
}
