import Foundation
import Logging
import ZhibiaoAlign
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoGrammar
import ZhibiaoIngest
import ZhibiaoStructure
import ZhibiaoText

/// The facade: from a file, bytes or a `String` to a document's outline and indicators.
///
/// Build one pipeline and reuse it: loading the grammar set and building the stages is the
/// expensive part, and a pipeline is immutable and `Sendable`, so tasks and threads can share it.
///
/// ```swift
/// import Zhibiao
///
/// let pipeline = try Pipeline()  // the grammar set bundled with the package
/// let document = try pipeline.extractDocument(text: "到2025年，全省建设200个重点村。", name: "example")
/// for target in document.targets {
///     print(target.metric ?? "", target.comparator.rawValue, target.value, target.unit, target.year ?? 0)
/// }
/// ```
///
/// Offsets in everything returned (`start`/`end` of indicators, spans of the outline) are
/// Unicode scalars of the original decoded text (``ExtractedDocument/document``'s `original`),
/// end exclusive.
///
/// ## Topics
/// ### Creating a pipeline
/// - ``init(options:)``
/// - ``init(resources:options:)``
/// - ``Options``
/// ### Whole documents
/// - ``extractDocument(contentsOf:logger:)``
/// - ``extractDocument(bytes:name:logger:)``
/// - ``extractDocument(text:name:logger:)``
/// - ``DocumentError``
/// ### Stage by stage
/// - ``read(path:)``
/// - ``read(bytes:name:)``
/// - ``normalize(_:logger:)``
/// - ``outline(_:logger:)``
/// - ``extract(_:tree:logger:)``
public struct Pipeline: Sendable {
    /// How documents are read and normalized.
    public struct Options: Sendable {
        /// `.hans` converts Traditional script to Simplified for matching (the original text is
        /// kept and reported as written); `.keep` leaves the script as written.
        public var scriptMode: Normalizer.ScriptMode = .hans
        /// Decode text and HTML with this encoding instead of detecting it.
        public var encoding: TextEncoding?
        /// Replace undecodable bytes with U+FFFD instead of refusing the document.
        public var lossy = false
        /// Read every input as this format instead of telling it from the bytes and the name.
        public var format: DocumentFormat?
        /// Size, nesting and zip limits that keep hostile input from exhausting the machine.
        public var limits = ReaderLimits()

        public init() {}
    }

    /// The loaded grammar set.
    public let resources: Resources
    public let options: Options
    /// The stages, built once (the normalizer's character classes, the noise filter's index).
    public let reader: DocumentReader
    public let normalizer: Normalizer
    public let segmenter: Segmenter
    public let extractor: Extractor
    /// Aligns a child plan with its parent (`zhibiao diff`).
    public let aligner: Aligner

    /// A pipeline over loaded resources.
    public init(resources: Resources, options: Options = Options()) {
        self.resources = resources
        self.options = options
        reader = DocumentReader(limits: options.limits, encoding: options.encoding, lossy: options.lossy,
                                format: options.format, hints: resources.boilerplateHints)
        // Simplified to Traditional is read from ICU only when asked for (it costs as much to
        // load as the other way); should ICU lack it, the script is kept.
        let toTraditional = options.scriptMode == .hant ? try? ScriptConverter(overrides: nil, direction: .simplifiedToTraditional) : nil
        normalizer = Normalizer(characters: resources.characters, converter: resources.converter, scriptMode: options.scriptMode,
                                traditionalConverter: toTraditional)
        segmenter = Segmenter(lexicon: resources.structure)
        extractor = Extractor(bundle: resources.grammar, tableVocabulary: resources.tableVocabulary)
        aligner = Aligner(lexicon: resources.align)
    }

    /// A pipeline over the grammar set that ships with the package (or the one
    /// `ZHIBIAO_GRAMMARS` names; see ``GrammarLocator``).
    ///
    /// Throws ``ResourceError`` when no grammar set is found or a file of it is invalid.
    public init(options: Options = Options()) throws(ResourceError) {
        self.init(resources: try Resources.bundled(), options: options)
    }

    /// Runs rule and linker examples the way documents are read: normalized, and segmented when
    /// an example holds a heading above its sentence.
    public func exampleRunner() -> ExampleRunner {
        let normalizer = self.normalizer, segmenter = self.segmenter
        return ExampleRunner(extractor: extractor, normalize: { text in
            let result = normalizer.normalize(text)
            return (result.text, result.map)
        }, segment: { document in segmenter.segment(document) })
    }

    // MARK: Whole documents

    /// Reads the file at `url` and returns its texts, outline and indicators.
    ///
    /// The format (plain text, HTML, DOCX) is told from the bytes and the extension unless
    /// ``Options/format`` forces it; the encoding of text and HTML is detected unless
    /// ``Options/encoding`` forces it.
    public func extractDocument(contentsOf url: URL, logger: Logger = Pipeline.silentLogger) throws(DocumentError) -> ExtractedDocument {
        let path = url.isFileURL ? url.path : url.absoluteString
        do {
            return extractDocument(try read(path: path), logger: logger)
        } catch {
            throw DocumentError(document: path, reason: error)
        }
    }

    /// Reads a document held in memory (a file's bytes: text in any supported encoding, HTML or
    /// DOCX). `name` stands for its path in the output (the indicators' `doc`) and its
    /// extension, if any, helps tell the format.
    public func extractDocument(bytes: [UInt8], name: String, logger: Logger = Pipeline.silentLogger) throws(DocumentError) -> ExtractedDocument {
        do {
            return extractDocument(try read(bytes: bytes, name: name), logger: logger)
        } catch {
            throw DocumentError(document: name, reason: error)
        }
    }

    /// Reads a document given as text (plain text, or an HTML page as a string).
    ///
    /// Throws when the text is empty or only white space (there is nothing to read).
    public func extractDocument(text: String, name: String = "text", logger: Logger = Pipeline.silentLogger) throws(DocumentError) -> ExtractedDocument {
        var reader = self.reader
        reader.encoding = .utf8
        do {
            return extractDocument(try reader.read(bytes: Array(text.utf8), path: name), logger: logger)
        } catch {
            throw DocumentError(document: name, reason: error)
        }
    }

    /// Normalizes, segments and extracts a document already read.
    public func extractDocument(_ document: IngestedDocument, logger: Logger = Pipeline.silentLogger) -> ExtractedDocument {
        let normalized = normalize(document, logger: logger)
        let tree = outline(normalized, logger: logger)
        return ExtractedDocument(document: normalized, tree: tree, indicators: extract(normalized, tree: tree, logger: logger))
    }

    // MARK: Stage by stage

    /// Reads the file at `path` (recorded as given in the document).
    public func read(path: String) throws(IngestError) -> IngestedDocument {
        try reader.read(path: path)
    }

    /// Reads a document held in memory; `name` stands for its path.
    public func read(bytes: [UInt8], name: String) throws(IngestError) -> IngestedDocument {
        try reader.read(bytes: bytes, path: name)
    }

    /// NFKC, unified punctuation and spaces, and (with ``Options/scriptMode`` `.hans`) Simplified
    /// script, with the offset map back to the original.
    public func normalize(_ document: IngestedDocument, logger: Logger = Pipeline.silentLogger) -> NormalizedDocument {
        let path = document.source.path
        logger.debug("read", metadata: ["doc.path": "\(path)", "doc.format": "\(document.source.format.rawValue)",
                                        "doc.encoding": "\(document.source.encoding)"])
        let normalized = normalizer.normalize(document)
        logger.debug("normalized", metadata: ["doc.path": "\(path)", "doc.script": "\(normalized.source.script.rawValue)",
                                              "map.runs": "\(normalized.map.runCount)"])
        return normalized
    }

    /// Metadata, sections, tasks, sentences and the noise taken out.
    public func outline(_ document: NormalizedDocument, logger: Logger = Pipeline.silentLogger) -> DocumentTree {
        let tree = segmenter.segment(document)
        logger.debug("segmented", metadata: ["doc.path": "\(document.source.path)", "tree.nodes": "\(tree.nodes.count)",
                                             "tree.noise": "\(tree.noise.count)"])
        return tree
    }

    /// Every quantity of every sentence, with what governs it. Numbers too long to read and
    /// sentences read in pieces are logged as warnings (at most 20, then a count).
    public func extract(_ document: NormalizedDocument, tree: DocumentTree, logger: Logger = Pipeline.silentLogger) -> [Indicator] {
        var indicators: [Indicator] = []
        extract(document, tree: tree, logger: logger) { indicators.append($0) }
        return indicators
    }

    /// The same, handing each indicator to `each` as it is made (in document order) instead of
    /// keeping them all: memory stays that of the document, whatever the number of indicators.
    public func extract(_ document: NormalizedDocument, tree: DocumentTree, logger: Logger = Pipeline.silentLogger,
                        each: (Indicator) -> Void) {
        let path = document.source.path
        var warnings: [ExtractionWarning] = []
        var count = 0
        extractor.extract(from: document, tree: tree, warnings: &warnings) { indicator in
            count += 1
            each(indicator)
        }
        for warning in warnings.prefix(20) { logger.warning("\(warning)", metadata: ["doc.path": "\(path)"]) }
        if warnings.count > 20 { logger.warning("\(warnings.count - 20) more warnings", metadata: ["doc.path": "\(path)"]) }
        logger.debug("extracted", metadata: ["doc.path": "\(path)", "indicators": "\(count)"])
    }

    // MARK: By path (the command-line tool's entry points)

    /// Reads, normalizes, segments and extracts one file.
    public func extract(path: String, logger: Logger = Pipeline.silentLogger) throws(IngestError) -> (NormalizedDocument, DocumentTree, [Indicator]) {
        let (document, tree) = try outline(path: path, logger: logger)
        return (document, tree, extract(document, tree: tree, logger: logger))
    }

    /// Reads, normalizes, segments and extracts one file into one value.
    public func extractDocument(path: String, logger: Logger = Pipeline.silentLogger) throws(IngestError) -> ExtractedDocument {
        extractDocument(try read(path: path), logger: logger)
    }

    /// Reads, normalizes and segments one file.
    public func outline(path: String, logger: Logger = Pipeline.silentLogger) throws(IngestError) -> (NormalizedDocument, DocumentTree) {
        let document = try normalize(path: path, logger: logger)
        return (document, outline(document, logger: logger))
    }

    /// Reads and normalizes one file.
    public func normalize(path: String, logger: Logger = Pipeline.silentLogger) throws(IngestError) -> NormalizedDocument {
        normalize(try read(path: path), logger: logger)
    }

    /// A logger that drops every message: the default of the document methods, so that the
    /// library prints nothing unless the caller passes a logger.
    public static var silentLogger: Logger { Logger(label: "zhibiao", factory: { _ in SwiftLogNoOpLogHandler() }) }
}
