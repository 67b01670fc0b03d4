import Foundation
import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoIngest
import ZhibiaoTestSupport

/// The library as a package depending on Zhibiao uses it: the bundled grammar set, documents
/// from a file, bytes or a string, typed errors that say what failed while doing what.
@Suite struct PipelineAPITests {
    static let sentence = "到2025年，全省建设200个重点村组团片区，农村居民人均可支配收入达到5.7万元以上。"

    @Test func theBundledGrammarSetIsFoundWithNoEnvironment() throws {
        // SwiftPM copied Grammars/ into the library's resource bundle, next to the test binary.
        let bundled = try #require(GrammarLocator.bundled())
        #expect(bundled.path.hasSuffix("_Zhibiao.resources/Grammars"), "\(bundled.path)")
        let resources = try Resources.load(directory: bundled)
        // The copy is the repository's grammar set, file for file.
        #expect(resources.digest == (try Resources.load(directory: RepoPaths.grammars)).digest)
        let document = try Pipeline(resources: resources).extractDocument(text: Self.sentence, name: "example")
        #expect(document.targets.map(\.surface) == ["200个", "5.7万元"])
        // With no environment at all the locator still finds a grammar set.
        let location = try GrammarLocator.find(environment: [:])
        #expect(GrammarLocator.isGrammarDirectory(location.directory))
    }

    @Test func aFileItsBytesAndItsTextGiveTheSameDocument() throws {
        let pipeline = try Pipeline()
        let url = RepoPaths.corpusFile(RepoPaths.provincialSeed)
        let fromFile = try pipeline.extractDocument(contentsOf: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        let fromBytes = try pipeline.extractDocument(bytes: bytes, name: url.path)
        let fromText = try pipeline.extractDocument(text: try RepoPaths.read(url), name: url.path)
        #expect(fromFile.indicators == fromBytes.indicators)
        #expect(fromFile.indicators == fromText.indicators)
        #expect(fromFile.targets.count == 9 && fromFile.path == url.path)
        #expect(fromFile.tree.metadata.title != nil && !fromFile.tree.sections.isEmpty)
        // Offsets point into the original text.
        for indicator in fromFile.indicators {
            #expect(fromFile.document.originalString(indicator.span) == indicator.surface)
        }
    }

    @Test func optionsAreApplied() throws {
        var options = Pipeline.Options()
        options.limits.maxInputBytes = 10
        let pipeline = try Pipeline(options: options)
        #expect(throws: DocumentError.self) { try pipeline.extractDocument(text: Self.sentence, name: "long") }
        options = Pipeline.Options()
        options.format = .html
        let html = try Pipeline(options: options).extractDocument(text: "<p>\(Self.sentence)</p>", name: "page")
        #expect(html.document.source.format == .html && html.targets.count == 2)
    }

    @Test func documentErrorsSayWhatFailedWhileDoingWhat() throws {
        let pipeline = try Pipeline()
        do {
            _ = try pipeline.extractDocument(contentsOf: URL(fileURLWithPath: "/no/such/plan.docx"))
            Issue.record("a missing file was read")
        } catch {
            #expect(error.description == "reading /no/such/plan.docx: file does not exist")
            #expect(error.reason == .notFound)
        }
        do {
            _ = try pipeline.extractDocument(bytes: [0x50, 0x4B, 0x03, 0x04, 0, 0], name: "plan.docx")
            Issue.record("a damaged DOCX was read")
        } catch {
            #expect(error.description.hasPrefix("reading plan.docx: not a DOCX file: "), "\(error)")
        }
        do {
            _ = try pipeline.extractDocument(text: "  \n", name: "blank")
            Issue.record("white space was read")
        } catch {
            #expect(error.description == "reading blank: no text found (the file holds only white space)")
        }
    }

    @Test func resourceErrorsSayWhatFailedWhileDoingWhat() throws {
        do {
            _ = try Resources.load(directory: URL(fileURLWithPath: "/no/such/Grammars"))
            Issue.record("a missing grammar directory was loaded")
        } catch {
            #expect(error == .notAGrammarDirectory(path: "/no/such/Grammars"))
        }
        let overlay = RepoPaths.temporaryDirectory("zhibiao-api-grammar")
        defer { try? FileManager.default.removeItem(at: overlay) }
        try "rule broken\n  stage quantity\n  pattern number:n @no.such.class\n  produce value=$n\n"
            .write(to: overlay.appendingPathComponent("broken.rules"), atomically: true, encoding: .utf8)
        do {
            _ = try Resources.load(directory: RepoPaths.grammars, overlays: [overlay])
            Issue.record("a broken rule was loaded")
        } catch {
            #expect(error.description.hasPrefix("loading the grammar set: \(overlay.path)/broken.rules:3:"), "\(error)")
            #expect(error.description.contains("unknown word class '@no.such.class'"))
        }
        do {
            _ = try GrammarLocator.locate(environment: ["ZHIBIAO_GRAMMARS": "/no/such"])
        } catch {
            Issue.record("the other places are still searched: \(error)")
        }
    }

    @Test func theDigestNamesTheGrammarSet() throws {
        let base = try Resources.load(directory: RepoPaths.grammars)
        #expect(base.digest.count == 64 && base.digest.allSatisfy(\.isHexDigit))
        let overlay = RepoPaths.temporaryDirectory("zhibiao-api-digest")
        defer { try? FileManager.default.removeItem(at: overlay) }
        try "# nothing\n".write(to: overlay.appendingPathComponent("extra.rules"), atomically: true, encoding: .utf8)
        #expect(try Resources.load(directory: RepoPaths.grammars, overlays: [overlay]).digest != base.digest)
    }
}
