import ArgumentParser
import Foundation
import Logging
import Zhibiao
import ZhibiaoGrammar
import ZhibiaoIngest

/// What every command sets up: logging, the grammar resources, the pipeline, the console.
struct CommandContext {
    let console = Console()
    let logger: Logger
    let pipeline: Pipeline

    init(global: GlobalOptions, input: InputOptions?, configure: (inout Pipeline.Options) -> Void = { _ in }) throws {
        let level: Logger.Level = global.verbose ? .debug : (global.quiet ? .error : .warning)
        LoggingSystem.bootstrap { _ in ConsoleLogHandler(logLevel: level) }
        logger = Logger(label: "zhibiao")
        let resources: Resources
        do {
            let directory = try GrammarLocator.locate()
            let overlays = global.grammars.map { [URL(fileURLWithPath: $0)] } ?? []
            for overlay in overlays where !FileManager.default.fileExists(atPath: overlay.path) {
                console.error("\(overlay.path): grammar directory does not exist")
                throw ExitStatus.noInput.code
            }
            resources = try Resources(directory: directory, overlays: overlays)
        } catch let error as ExitCode {
            throw error
        } catch let error as GrammarError {
            console.error(error.detailed)
            throw ExitStatus.dataError.code
        } catch {
            console.error("\(error)")
            throw ExitStatus.software.code
        }
        var options = Pipeline.Options()
        input?.apply(to: &options)
        configure(&options)
        pipeline = Pipeline(resources: resources, options: options)
    }

    /// Runs `body` for every input, reporting each failure on one line and going on.
    ///
    /// Exit: 0 when all succeed, 3 (partial) when some fail, and the failure's own code when
    /// every input fails.
    func forEachInput(_ paths: [String], _ body: (String) throws -> Void) throws {
        var failures: [ExitStatus] = []
        for path in paths {
            do {
                try body(path)
            } catch let error as IngestError {
                console.error("\(path): \(error)")
                failures.append(ExitStatus(error))
            } catch let error as ExitCode {
                throw error
            } catch {
                console.error("\(path): \(error)")
                failures.append(.dataError)
            }
        }
        console.flush()
        if failures.isEmpty { return }
        if paths.count > 1 {
            console.note("zhibiao: \(paths.count - failures.count) of \(paths.count) inputs processed, \(failures.count) failed")
        }
        if failures.count < paths.count { throw ExitStatus.partial.code }
        throw failures[0].code
    }
}
