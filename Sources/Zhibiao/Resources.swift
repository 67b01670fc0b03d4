import Foundation
import ZhibiaoCore
import ZhibiaoExtract
import ZhibiaoGrammar
import ZhibiaoIngest
import ZhibiaoStructure
import ZhibiaoText

/// The data files a pipeline needs, loaded once from `Grammars/` and shared.
public struct Resources: Sendable {
    public let directory: URL
    public let characters: CharacterTable
    public let converter: ScriptConverter
    public let boilerplateHints: BoilerplateHints
    public let structure: StructureLexicon
    public let grammar: GrammarBundle
    /// The words of indicator tables (`tables/vocabulary.tsv`, overlays after it).
    public let tableVocabulary: TableVocabulary
    /// Extra grammar directories layered over `directory` (`--grammars`).
    public let overlays: [URL]

    /// Loads every data file, failing on the first error with `path:line:col`.
    public init(directory: URL, overlays: [URL] = []) throws {
        self.directory = directory
        self.overlays = overlays
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
            ruleFiles: { layer in Self.ruleFiles(in: layers[layer]) })
    }

    /// The `*.rules` files of a directory, sorted by name.
    static func ruleFiles(in directory: URL) -> [(path: String, contents: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".rules") }.sorted().compactMap { name in
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
