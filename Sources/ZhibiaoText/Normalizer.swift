import CZhibiaoICU
import ZhibiaoCore

/// Turns an original text into the normalized text every later stage reads, with an exact map
/// back to the original.
///
/// In one left-to-right pass: NFKC (full-width digits, letters and ASCII punctuation become
/// half-width, `（一）` becomes `(一)`), except for characters `characters.tsv` keeps; the
/// character table's folds and deletions (dashes, quotes, zero-width characters); layout
/// whitespace (runs of spaces become one, lines are trimmed, CR LF becomes LF, at most one
/// blank line). Then the script: by default what is Traditional becomes Simplified (a
/// Simplified document is left alone, and in a mixed one only the clearly Traditional lines
/// are converted: ``ScriptConverter/convertTraditional(_:detector:)``); conversion never changes
/// a length.
///
/// NFKC comes from a per-character table read from ICU once; ICU itself is called only for a
/// base character followed by combining marks. Runs of characters that nothing changes (most
/// of a Chinese document) are copied in bulk.
public struct Normalizer: Sendable {
    /// What to do with the script.
    public enum ScriptMode: String, Sendable, CaseIterable {
        /// Convert what is Traditional to Simplified (the default).
        case hans
        /// Keep the script as written.
        case keep
        /// Convert what is Simplified to Traditional (ICU's `Simplified-Traditional`).
        case hant
    }

    public var scriptMode: ScriptMode
    public let characters: CharacterTable
    /// Traditional to Simplified: needed when `scriptMode` is `.hans`, and to detect the script.
    public let converter: ScriptConverter?
    /// Simplified to Traditional: needed when `scriptMode` is `.hant`.
    public let traditionalConverter: ScriptConverter?
    private let classes: CharacterClasses

    public init(characters: CharacterTable, converter: ScriptConverter?, scriptMode: ScriptMode = .hans,
                traditionalConverter: ScriptConverter? = nil) {
        self.characters = characters
        self.converter = converter
        self.scriptMode = scriptMode
        self.traditionalConverter = traditionalConverter
        self.classes = CharacterClasses(characters: characters)
    }

    /// The result of normalizing a text.
    public struct Result: Sendable {
        public var text: [Unicode.Scalar]
        public var map: OffsetMap
        /// Script of the input (`.none` when no converter is available to tell).
        public var script: Script
    }

    public func normalize(_ document: IngestedDocument) -> NormalizedDocument {
        let result = normalize(document.text)
        var source = document.source
        source.script = result.script
        return NormalizedDocument(source: source, original: document.text, text: result.text, map: result.map,
                                  blocks: document.blocks, tables: document.tables)
    }

    public func normalize(_ original: [Unicode.Scalar]) -> Result {
        var pass = NormalizationPass(characters: characters, classes: classes, capacity: original.count)
        pass.run(original)
        var text = pass.emitter.output
        let map = pass.emitter.finish()
        var script = Script.none
        if let converter {
            switch scriptMode {
            case .hans:
                script = converter.convertTraditional(&text).script
            case .keep:
                script = converter.counts(text).script
            case .hant:
                if let traditionalConverter {
                    script = traditionalConverter.convertTraditional(&text, detector: converter).script
                } else {
                    script = converter.counts(text).script
                }
            }
        }
        return Result(text: text, map: map, script: script)
    }
}
