import Foundation
import Logging
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoGrammar
import ZhibiaoIngest
import ZhibiaoStructure
import ZhibiaoText

/// The facade: from a path to normalized (and, in later stages, structured and extracted)
/// documents. Immutable and shareable across tasks.
public struct Pipeline: Sendable {
    public struct Options: Sendable {
        public var scriptMode: Normalizer.ScriptMode = .hans
        public var encoding: TextEncoding?
        public var lossy = false
        public var format: DocumentFormat?
        public var limits = ReaderLimits()

        public init() {}
    }

    public let resources: Resources
    public let options: Options
    /// The stages, built once (the normalizer's character classes, the noise filter's index).
    public let reader: DocumentReader
    public let normalizer: Normalizer
    public let segmenter: Segmenter
    public let extractor: Extractor

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
        extractor = Extractor(bundle: resources.grammar)
    }

    /// Reads, normalizes, segments and extracts one file.
    public func extract(path: String, logger: Logger = Logger(label: "zhibiao")) throws(IngestError) -> (NormalizedDocument, DocumentTree, [Indicator]) {
        let (document, tree) = try outline(path: path, logger: logger)
        var warnings: [ExtractionWarning] = []
        let indicators = extractor.extract(from: document, tree: tree, warnings: &warnings)
        for warning in warnings.prefix(20) { logger.warning("\(warning)", metadata: ["doc.path": "\(path)"]) }
        if warnings.count > 20 { logger.warning("\(warnings.count - 20) more warnings", metadata: ["doc.path": "\(path)"]) }
        logger.debug("extracted", metadata: ["doc.path": "\(path)", "indicators": "\(indicators.count)"])
        return (document, tree, indicators)
    }

    /// Reads, normalizes, segments and extracts one file, handing each indicator to `each` as it
    /// is made (in document order) instead of keeping them all: memory stays that of the
    /// document, whatever the number of indicators.
    public func extract(path: String, logger: Logger = Logger(label: "zhibiao"),
                        each: (Indicator) -> Void) throws(IngestError) -> (NormalizedDocument, DocumentTree) {
        let (document, tree) = try outline(path: path, logger: logger)
        var warnings: [ExtractionWarning] = []
        var count = 0
        extractor.extract(from: document, tree: tree, warnings: &warnings) { indicator in
            count += 1
            each(indicator)
        }
        for warning in warnings.prefix(20) { logger.warning("\(warning)", metadata: ["doc.path": "\(path)"]) }
        if warnings.count > 20 { logger.warning("\(warnings.count - 20) more warnings", metadata: ["doc.path": "\(path)"]) }
        logger.debug("extracted", metadata: ["doc.path": "\(path)", "indicators": "\(count)"])
        return (document, tree)
    }

    /// Reads, normalizes, segments and extracts one file into one value.
    public func extractDocument(path: String, logger: Logger = Logger(label: "zhibiao")) throws(IngestError) -> ExtractedDocument {
        let (document, tree, indicators) = try extract(path: path, logger: logger)
        return ExtractedDocument(document: document, tree: tree, indicators: indicators)
    }

    /// Reads, normalizes and segments one file.
    public func outline(path: String, logger: Logger = Logger(label: "zhibiao")) throws(IngestError) -> (NormalizedDocument, DocumentTree) {
        let document = try normalize(path: path, logger: logger)
        let tree = segmenter.segment(document)
        logger.debug("segmented", metadata: ["doc.path": "\(path)", "tree.nodes": "\(tree.nodes.count)", "tree.noise": "\(tree.noise.count)"])
        return (document, tree)
    }

    /// Reads and normalizes one file.
    public func normalize(path: String, logger: Logger = Logger(label: "zhibiao")) throws(IngestError) -> NormalizedDocument {
        let document = try reader.read(path: path)
        logger.debug("read", metadata: ["doc.path": "\(path)", "doc.format": "\(document.source.format.rawValue)",
                                        "doc.encoding": "\(document.source.encoding)"])
        let normalized = normalizer.normalize(document)
        logger.debug("normalized", metadata: ["doc.path": "\(path)", "doc.script": "\(normalized.source.script.rawValue)",
                                              "map.runs": "\(normalized.map.runCount)"])
        return normalized
    }
}
