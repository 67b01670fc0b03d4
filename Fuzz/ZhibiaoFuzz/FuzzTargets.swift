import Foundation
import Zhibiao
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoGrammar
import ZhibiaoIngest
import ZhibiaoText

/// One fuzz target: a stage fed arbitrary bytes, with its invariants checked. A broken
/// invariant traps, and libFuzzer keeps the input that broke it.
struct FuzzTarget: Sendable {
    var name: String
    var run: @Sendable ([UInt8]) -> Void
}

/// Stops the process on a broken invariant, naming it.
func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant broken: \(message())") }
}

enum FuzzTargets {
    static let pipeline: Pipeline = {
        do {
            return Pipeline(resources: try Resources(directory: try GrammarLocator.locate()))
        } catch {
            fatalError("Grammars/ does not load: \(error)")
        }
    }()

    static let all: [FuzzTarget] = [
        FuzzTarget(name: "decode", run: decode),
        FuzzTarget(name: "html", run: html),
        FuzzTarget(name: "docx", run: docx),
        FuzzTarget(name: "normalize", run: normalize),
        FuzzTarget(name: "outline", run: outline),
        FuzzTarget(name: "extract", run: extract),
        FuzzTarget(name: "grammar", run: grammar),
    ]

    /// Encoding detection and decoding: a strict decode that succeeds gives the bytes back when
    /// re-encoded; a lossy decode never fails on detected text.
    static func decode(_ bytes: [UInt8]) {
        guard let detection = try? CharsetDetector().detect(bytes) else { return }
        let body = Array(bytes[min(detection.bomLength, bytes.count)...])
        if let text = try? TextDecoder(lossy: false).decode(body, as: detection.encoding), detection.encoding == .utf8 {
            invariant(UTF8Encoding.encode(text) == body, "UTF-8 round trip")
        }
        _ = try? TextDecoder(lossy: true).decode(body, as: detection.encoding)
        _ = try? pipeline.reader.read(bytes: bytes, path: "fuzz.txt")
    }

    static func checkBlocks(_ document: IngestedDocument) {
        var previous = 0
        for block in document.blocks {
            invariant(block.span.start >= previous && block.span.end <= document.text.count && block.span.start <= block.span.end,
                      "block \(block.span) after \(previous) in \(document.text.count)")
            previous = block.span.end
        }
        checkTables(document.tables, count: document.text.count)
    }

    /// Tables: rows in order and in bounds, each cell inside its row, spans of at least 1; the
    /// grid either lays the table out or refuses it.
    static func checkTables(_ tables: [SourceTable], count: Int) {
        var previous = 0
        for table in tables {
            invariant(table.span.start >= previous && table.span.end <= count, "table \(table.span) after \(previous) in \(count)")
            previous = table.span.end
            for row in table.rows {
                invariant(row.span.start >= table.span.start && row.span.end <= table.span.end, "row \(row.span) outside \(table.span)")
                for cell in row.cells {
                    invariant(row.span.contains(cell.span) || (cell.span.isEmpty && cell.span.start == row.span.end),
                              "cell \(cell.span) outside its row \(row.span)")
                    invariant(cell.rowSpan >= 1 && cell.columnSpan >= 1, "cell spans")
                }
            }
            if let grid = TableGrid(table) { invariant(grid.rowCount == table.rows.count, "grid rows") }
        }
    }

    static func html(_ bytes: [UInt8]) {
        guard let document = try? pipeline.reader.read(bytes: bytes, path: "fuzz.html") else { return }
        checkBlocks(document)
        checkDocument(pipeline.normalizer.normalize(document))
    }

    static func docx(_ bytes: [UInt8]) {
        guard let document = try? pipeline.reader.read(bytes: bytes, path: "fuzz.docx") else { return }
        checkBlocks(document)
        checkDocument(pipeline.normalizer.normalize(document))
    }

    /// Normalization: the offset map tiles both texts; normalizing twice changes nothing.
    static func normalize(_ bytes: [UInt8]) {
        let text = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        let once = pipeline.normalizer.normalize(text)
        do { try once.map.checkInvariants() } catch { invariant(false, "offset map: \(error)") }
        invariant(once.map.originalCount == text.count && once.map.normalizedCount == once.text.count, "map counts")
        let twice = pipeline.normalizer.normalize(once.text)
        invariant(twice.text == once.text, "normalization is not idempotent")
    }

    static func checkDocument(_ document: NormalizedDocument) {
        do { try document.map.checkInvariants() } catch { invariant(false, "offset map: \(error)") }
    }

    static func document(_ bytes: [UInt8]) -> NormalizedDocument? {
        guard let ingested = try? pipeline.reader.read(bytes: bytes, path: "fuzz.txt") else { return nil }
        return pipeline.normalizer.normalize(ingested)
    }

    /// Outline: every body character in one node, spans in bounds and ordered.
    static func outline(_ bytes: [UInt8]) {
        guard let document = document(bytes) else { return }
        let tree = pipeline.segmenter.segment(document)
        let ignorable = document.ignorableOriginalOffsets()
        do { try tree.checkInvariants(originalCount: document.original.count) { ignorable[$0] } } catch {
            invariant(false, "tree: \(error)")
        }
    }

    /// Extraction: every indicator's surface and sentence are its spans in the original text.
    static func extract(_ bytes: [UInt8]) {
        guard let document = document(bytes) else { return }
        let tree = pipeline.segmenter.segment(document)
        for i in pipeline.extractor.extract(from: document, tree: tree) {
            invariant(i.span.start >= 0 && i.span.start < i.span.end && i.span.end <= document.original.count, "span \(i.span)")
            invariant(document.originalString(i.span) == i.surface, "surface \(i.surface) at \(i.span)")
            invariant(i.sentenceSpan.contains(i.span) && document.originalString(i.sentenceSpan) == i.sentence, "sentence of \(i.surface)")
            if let low = i.low, let high = i.high { invariant(low <= high, "low \(low) above high \(high)") }
            if let cell = i.cell { invariant(cell.table >= 1 && cell.row >= 1 && cell.column >= 1, "cell \(cell)") }
        }
        checkTables(document.tables, count: document.original.count)
        _ = IndicatorJSONRenderer.jsonLines([])
    }

    /// Grammar files: any text either loads or is refused with a located error; what loads runs
    /// on a sentence without trouble.
    static let sentence = Array("到2025年，全省建设200个重点村组团片区，农村居民人均可支配收入达到5.7万元以上，比2022年提高20%。".unicodeScalars)

    static func grammar(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lexicon = pipeline.resources.grammar.lexicon
        do {
            let rules = try GrammarLoader(lexicon: lexicon).load(path: "fuzz.rules", contents: text)
            let engine = GrammarEngine(grammar: Grammar(rules: rules), lexicon: lexicon)
            _ = engine.run(sentence, range: 0..<sentence.count)
        } catch {
            invariant(error.line >= 0 && error.path == "fuzz.rules", "error location \(error)")
        }
        // The same text as a unit table.
        var units = Lexicon()
        _ = try? units.loadUnits(TSVFile(path: "fuzz.tsv", contents: text))
    }
}
