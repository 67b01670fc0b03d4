import Foundation
import ZhibiaoAlign
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoGrammar
import ZhibiaoIngest
import ZhibiaoStructure
import ZhibiaoText

/// The data files a pipeline needs, loaded once from a grammar set (`Grammars/`) and shared.
///
/// Load the grammar set that ships with the package with ``bundled(overlays:)``, or a directory
/// of your own with ``load(directory:overlays:)``. Loading checks every file up front and fails
/// with the file, line and column of the first problem.
///
/// ## Topics
/// - ``bundled(overlays:)``
/// - ``load(directory:overlays:)``
/// - ``digest``
public struct Resources: Sendable {
    /// The grammar directory the data was loaded from.
    public let directory: URL
    public let characters: CharacterTable
    public let converter: ScriptConverter
    public let boilerplateHints: BoilerplateHints
    public let structure: StructureLexicon
    public let grammar: GrammarBundle
    /// The aligner's lexicon (`align/`): concepts, direction and measure words.
    public let align: AlignLexicon
    /// The words of indicator tables (`tables/vocabulary.tsv`, overlays after it).
    public let tableVocabulary: TableVocabulary
    /// Extra grammar directories layered over `directory` (`--grammars`).
    public let overlays: [URL]
    /// SHA-256 (lowercase hex) of every data file of the directory and its overlays, in order:
    /// it names the grammar set that produced an output (`zhibiao --version`).
    public let digest: String

    /// The grammar set found by ``GrammarLocator`` (with no environment, the copy bundled with
    /// the package), with `overlays` layered over it.
    public static func bundled(overlays: [URL] = []) throws(ResourceError) -> Resources {
        try load(directory: GrammarLocator.locate(), overlays: overlays)
    }

    /// Loads the grammar set in `directory`, with `overlays` layered over it.
    public static func load(directory: URL, overlays: [URL] = []) throws(ResourceError) -> Resources {
        for url in [directory] + overlays {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .notAGrammarDirectory(path: url.path)
            }
        }
        do {
            return try Resources(directory: directory, overlays: overlays)
        } catch let error as GrammarError {
            throw .invalid(error)
        } catch let error as DataFileError {
            throw .invalid(GrammarError(error))
        } catch {
            throw .invalid(GrammarError(path: directory.path, line: 0, column: 0, message: "\(error)"))
        }
    }

    /// Loads every data file, failing on the first error with `path:line:col` (a
    /// `GrammarError` or a `DataFileError`); ``load(directory:overlays:)`` throws one typed error.
    public init(directory: URL, overlays: [URL] = []) throws {
        self.directory = directory
        self.overlays = overlays
        digest = Self.digest(of: [directory] + overlays)
        characters = try CharacterTable(file: Self.tsv(directory, "script/characters.tsv"))
        converter = try ScriptConverter(overrides: Self.tsv(directory, "script/t2s-overrides.tsv"))
        boilerplateHints = try BoilerplateHints(file: Self.tsv(directory, "lexicon/html-boilerplate.tsv"))
        structure = try StructureLexicon(
            noise: Self.tsv(directory, "lexicon/noise.tsv"),
            organizationSuffixes: Self.tsv(directory, "lexicon/organization-suffixes.txt"),
            documentTypes: Self.tsv(directory, "lexicon/document-types.txt"),
            labels: Self.tsv(directory, "lexicon/metadata-labels.tsv"),
            timeWords: Self.tsv(directory, "time-words.tsv"),
            citations: Self.tsv(directory, "lexicon/citations.tsv"))
        let layers = [directory] + overlays
        align = try Self.alignLexicon(layers)
        let normalizer = Normalizer(characters: characters, converter: converter)
        tableVocabulary = try TableVocabulary(files: [Self.tsv(directory, "tables/vocabulary.tsv")]
            + overlays.compactMap { overlay in try? Self.tsv(overlay, "tables/vocabulary.tsv") },
            normalize: { normalizer.normalize($0).text })
        grammar = try GrammarBundle.load(
            layers: layers.count,
            read: { layer, relative in
                let url = layers[layer].appendingPathComponent(relative)
                guard let contents = try? String(contentsOf: url, encoding: .utf8) else { return nil }
                return (url.path, contents)
            },
            ruleFiles: { layer in Self.files(in: layers[layer], extension: ".rules") },
            exampleFiles: { layer in Self.files(in: layers[layer], extension: ".examples") })
    }

    /// SHA-256 over the data files of each layer (README.md and hidden files left out): for
    /// each file in path order, its relative path, a NUL, its size, a NUL and its bytes.
    static func digest(of layers: [URL]) -> String {
        var input: [UInt8] = []
        for (index, layer) in layers.enumerated() {
            input.append(contentsOf: "layer \(index)\n".utf8)
            let root = layer.standardizedFileURL.path
            var files: [String] = []
            if let enumerator = FileManager.default.enumerator(atPath: root) {
                while let relative = enumerator.nextObject() as? String {
                    let name = (relative as NSString).lastPathComponent
                    if name.hasPrefix(".") || name == "README.md" { continue }
                    var isDirectory: ObjCBool = false
                    let full = (root as NSString).appendingPathComponent(relative)
                    if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                        files.append(relative)
                    }
                }
            }
            for relative in files.sorted() {
                let bytes = FileManager.default.contents(atPath: (root as NSString).appendingPathComponent(relative)).map { [UInt8]($0) } ?? []
                input.append(contentsOf: relative.utf8)
                input.append(0)
                input.append(contentsOf: String(bytes.count).utf8)
                input.append(0)
                input.append(contentsOf: bytes)
            }
        }
        return SHA256.hex(input)
    }

    /// Loads `align/synonyms.txt`, `align/directions.tsv` and `align/measures.tsv`, each from the
    /// last layer that has it.
    static func alignLexicon(_ layers: [URL]) throws -> AlignLexicon {
        func source(_ relative: String) throws -> AlignLexiconLoader.Source {
            for layer in layers.reversed() {
                let url = layer.appendingPathComponent(relative)
                if let contents = try? String(contentsOf: url, encoding: .utf8) { return (url.path, contents) }
            }
            throw DataFileError(path: layers[0].appendingPathComponent(relative).path, line: 0, column: 0, message: "cannot read the file")
        }
        return try AlignLexiconLoader.load(synonyms: source("align/synonyms.txt"), directions: source("align/directions.tsv"),
                                           measures: source("align/measures.tsv"))
    }

    /// The files of a directory with a name ending (`.rules`, `.examples`), sorted by name.
    static func files(in directory: URL, extension ending: String) -> [(path: String, contents: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(ending) }.sorted().compactMap { name in
            let url = directory.appendingPathComponent(name)
            return (try? String(contentsOf: url, encoding: .utf8)).map { (url.path, $0) }
        }
    }

    static func tsv(_ directory: URL, _ relative: String) throws -> TSVFile {
        let url = directory.appendingPathComponent(relative)
        guard let contents = try? String(contentsOf: url, encoding: .utf8) else {
            throw DataFileError(path: url.path, line: 0, column: 0, message: "cannot read the file")
        }
        return TSVFile(path: url.path, contents: contents)
    }
}
