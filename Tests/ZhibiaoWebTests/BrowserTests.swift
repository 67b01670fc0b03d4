import Foundation
import Testing
import ZhibiaoTestSupport

/// The pages in headless Chromium through chromedriver (W3C WebDriver): each page loads, an
/// indicator opens its panel, the diff link leads to a report; screenshots for a person to look
/// at go to `.build/screenshots/web/`. Skipped with the reason when Chromium cannot run.
@Suite(.serialized) struct BrowserTests {
    static let folder: URL = {
        let url = RepoPaths.root.appendingPathComponent(".build/screenshots/web")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Inputs and selects (not hidden) without a label or an aria-label: none should be.
    static let unlabelled = """
        return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
          .filter(function (e) { return (!e.labels || e.labels.length === 0) && !e.getAttribute('aria-label'); })
          .map(function (e) { return e.name || e.id; });
        """

    static func shot(_ driver: WebDriver, _ name: String) throws {
        let url = folder.appendingPathComponent(name + ".png")
        let png = try driver.screenshot(to: url)
        #expect(png.count > 10_000, "\(name): a blank page?")
    }

    @Test(.enabled(if: WebDriver.unavailable == nil, Comment(rawValue: WebDriver.unavailable ?? "")))
    func researchersCanClickThroughEveryPage() throws {
        let server = try ServedCatalog(["--allow-edits"])
        defer { server.stop() }
        let driver = try WebDriver()
        defer { driver.quit() }
        print("web screenshots: \(Self.folder.path)")

        // Library: both seeds, labelled filters; Tab reaches the skip link first.
        try driver.open(server.url)
        #expect(driver.title.contains("文库"))
        #expect(try driver.findAll("table.library tbody tr").count == 2)
        #expect((try driver.script(Self.unlabelled) as? [String]) == [], "library: unlabelled inputs")
        try driver.press("\u{E004}")
        #expect(try driver.script("return document.activeElement.className;") as? String == "skip")
        try Self.shot(driver, "1-library")

        // Search box: the catalog's search.
        try driver.open(server.url + "?q=" + "托位".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        #expect(try !driver.findAll("ol.hits li").isEmpty)
        try Self.shot(driver, "2-library-search")

        // Document: click the first target; its panel shows, with the sentence and the rule.
        try driver.open(server.url)
        try driver.click(try driver.find("a[href='/doc/1']"))
        #expect(driver.currentURL.hasSuffix("/doc/1"))
        let indicators = try driver.findAll("a.ind[data-indicator-id]")
        let panels = try driver.findAll("section.detail")
        #expect(!indicators.isEmpty && indicators.count == panels.count)
        let target = try driver.find("a.ind.r-target")
        let panelID = String(try #require(try driver.attribute(target, "href")).drop { $0 != "#" }.dropFirst())
        let panel = try driver.find("#" + panelID)
        #expect(try !driver.isDisplayed(panel))
        try driver.click(target)
        #expect(try driver.isDisplayed(panel), "the panel opens on click")
        #expect(try driver.text(panel).contains("rule"))
        #expect(try driver.text(panel).contains("metric"))
        #expect((try driver.script(Self.unlabelled) as? [String]) == [], "document: unlabelled inputs")
        try Self.shot(driver, "3-document-clicked")
        // Noise shown on demand.
        try driver.click(try driver.find("label[for=show-noise]"))
        try Self.shot(driver, "4-document-noise")

        // Checklist with its status forms.
        try driver.open(server.url + "doc/2/checklist")
        #expect(try !driver.findAll("table.checklist select[name=status]").isEmpty)
        #expect((try driver.script(Self.unlabelled) as? [String]) == [], "checklist: unlabelled inputs")
        try Self.shot(driver, "5-checklist")

        // Query.
        try driver.open(server.url + "query?role=target&limit=50")
        #expect(try !driver.findAll("table.results tbody tr").isEmpty)
        #expect((try driver.script(Self.unlabelled) as? [String]) == [], "query: unlabelled inputs")
        try Self.shot(driver, "6-query")

        // Diff: from the library's diff link of the district plan, pick the parent, compare.
        try driver.open(server.url)
        try driver.click(try driver.find("a[href='/diff?child=2']"))
        #expect(try driver.attribute(try driver.find("input[name=child][value='2']"), "checked") != nil)
        #expect((try driver.script(Self.unlabelled) as? [String]) == [], "diff picker: unlabelled inputs")
        try Self.shot(driver, "7-diff-picker")
        try driver.click(try driver.find("#parent option[value='1']"))
        try driver.click(try driver.find("#compare"))
        #expect(driver.waitForURL { $0.contains("parent=1") && $0.contains("child=2") }, "\(driver.currentURL)")
        #expect(try !driver.findAll("table.summary").isEmpty)
        try Self.shot(driver, "8-diff-report")

        // An error page.
        try driver.open(server.url + "doc/999")
        #expect(try driver.text(try driver.find("h1")).hasPrefix("404"))
        try Self.shot(driver, "9-not-found")
    }

    /// Without JavaScript the indicator panel still opens (`:target`).
    @Test(.enabled(if: WebDriver.unavailable == nil, Comment(rawValue: WebDriver.unavailable ?? "")))
    func thePanelOpensWithoutJavaScript() throws {
        let server = try ServedCatalog()
        defer { server.stop() }
        let driver = try WebDriver(javascript: false)
        defer { driver.quit() }
        try driver.open(server.url + "doc/2")
        let target = try driver.find("a.ind.r-target")
        let panelID = String(try #require(try driver.attribute(target, "href")).drop { $0 != "#" }.dropFirst())
        try driver.click(target)
        #expect(try driver.isDisplayed(try driver.find("#" + panelID)))
        try Self.shot(driver, "10-document-no-javascript")
    }
}
