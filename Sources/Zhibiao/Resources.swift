import Foundation
import ZhibiaoCore
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

    /// Loads every data file, failing on the first error with `path:line:col`.
    public init(directory: URL) throws {
        self.directory = directory
        characters = try CharacterTable(file: Self.tsv(directory, "script/characters.tsv"))
        converter = try ScriptConverter(overrides: Self.tsv(directory, "script/t2s-overrides.tsv"))
        boilerplateHints = try BoilerplateHints(file: Self.tsv(directory, "lexicon/html-boilerplate.tsv"))
        structure = try StructureLexicon(
            noise: Self.tsv(directory, "lexicon/noise.tsv"),
            organizationSuffixes: Self.tsv(directory, "lexicon/organization-suffixes.txt"),
            documentTypes: Self.tsv(directory, "lexicon/document-types.txt"),
            labels: Self.tsv(directory, "lexicon/metadata-labels.tsv"),
            timeWords: Self.tsv(directory, "time-words.tsv"))
    }

    static func tsv(_ directory: URL, _ relative: String) throws -> TSVFile {
        let url = directory.appendingPathComponent(relative)
        guard let contents = try? String(contentsOf: url, encoding: .utf8) else {
            throw DataFileError(path: url.path, line: 0, column: 0, message: "cannot read the file")
        }
        return TSVFile(path: url.path, contents: contents)
    }
}
