import ArgumentParser
import Foundation
import Zhibiao

/// `zhibiao --version`: the version, and the digest and place of the grammar set in use (the
/// same Zhibiao with other grammars gives other output).
struct VersionOptions: ParsableArguments {
    @Flag(help: "Print the version and the digest of the grammar set in use.")
    var version = false

    func printVersion() throws {
        let location: GrammarLocator.Location
        do {
            location = try GrammarLocator.find()
        } catch {
            print("zhibiao \(ZhibiaoVersion.current)")
            FileHandle.standardError.write(Data("zhibiao: \(error)\n".utf8))
            throw ExitStatus.software.code
        }
        let resources: Resources
        do {
            resources = try Resources.load(directory: location.directory)
        } catch {
            print("zhibiao \(ZhibiaoVersion.current)")
            FileHandle.standardError.write(Data("zhibiao: \(error.detailed)\n".utf8))
            throw ExitStatus.dataError.code
        }
        print("zhibiao \(ZhibiaoVersion.current)")
        print("grammars sha256:\(resources.digest) (\(location.source.rawValue): \(location.directory.path))")
    }
}
