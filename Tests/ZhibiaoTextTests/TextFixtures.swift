import Foundation
import ZhibiaoCore
import ZhibiaoTestSupport
@testable import ZhibiaoText

/// Tables loaded once from the repository's Grammars/.
enum TextFixtures {
    static let characters: CharacterTable = {
        let url = RepoPaths.grammars.appendingPathComponent("script/characters.tsv")
        return try! CharacterTable(file: TSVFile(path: url.path, contents: try! RepoPaths.read(url)))
    }()

    static let converter: ScriptConverter = {
        let url = RepoPaths.grammars.appendingPathComponent("script/t2s-overrides.tsv")
        return try! ScriptConverter(overrides: TSVFile(path: url.path, contents: try! RepoPaths.read(url)))
    }()

    static func normalizer(_ mode: Normalizer.ScriptMode = .hans) -> Normalizer {
        Normalizer(characters: characters, converter: converter, scriptMode: mode)
    }

    static func normalize(_ text: String, _ mode: Normalizer.ScriptMode = .hans) -> String {
        String(scalars: normalizer(mode).normalize(Array(text.unicodeScalars)).text)
    }

    static func seed(_ name: String) throws -> String {
        try RepoPaths.read(RepoPaths.corpusFile(name))
    }
}
