import Foundation
import ZhibiaoCore
import ZhibiaoIngest
import ZhibiaoText

/// The data files a pipeline needs, loaded once from `Grammars/` and shared.
public struct Resources: Sendable {
    public let directory: URL
    public let characters: CharacterTable
    public let converter: ScriptConverter
    public let boilerplateHints: BoilerplateHints

    /// Loads every data file, failing on the first error with `path:line:col`.
    public init(directory: URL) throws {
        self.directory = directory
        characters = try CharacterTable(file: Self.tsv(directory, "script/characters.tsv"))
        converter = try ScriptConverter(overrides: Self.tsv(directory, "script/t2s-overrides.tsv"))
        boilerplateHints = try BoilerplateHints(file: Self.tsv(directory, "lexicon/html-boilerplate.tsv"))
    }

    static func tsv(_ directory: URL, _ relative: String) throws -> TSVFile {
        let url = directory.appendingPathComponent(relative)
        guard let contents = try? String(contentsOf: url, encoding: .utf8) else {
            throw DataFileError(path: url.path, line: 0, column: 0, message: "cannot read the file")
        }
        return TSVFile(path: url.path, contents: contents)
    }
}
