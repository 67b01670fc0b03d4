import ArgumentParser
import Foundation
import Logging
import Zhibiao
import ZhibiaoGrammar
import ZhibiaoIngest

// How a command reads documents and writes its output (adopt this in a new command):
//
//     struct FooCommand: ParsableCommand {
//         @OptionGroup var input: InputOptions    // paths, `-`/piped stdin, --encoding …, --jobs, --progress
//         @OptionGroup var output: OutputOptions  // -o/--output FILE, written atomically
//         @OptionGroup var global: GlobalOptions  // --grammars, -v, -q
//
//         func run() throws {
//             let context = try CommandContext(global: global, input: input, output: output)
//             let run = try context.forEachDocument(input.inputs(console: context.console)) { pipeline, input, logger in
//                 // On a worker thread: read, extract, render. Return what to write (Sendable).
//                 let document = pipeline.extractDocument(try input.read(with: pipeline), logger: logger)
//                 return FooRenderer.render(document)
//             } emit: { input, bytes in
//                 // On the calling thread, in input order: write it.
//                 context.console.write(bytes: bytes)
//             }
//             try context.finish(run)  // flush, put -o in place, summary, exit code 0/3/…
//         }
//     }
//
// - Partial output: a failing input is reported on stderr (`zhibiao: PATH: PROBLEM`) in its turn
//   and the others are written; `finish` exits 3 (partial) when some failed, or with the failure's
//   own code when all did. Write headers before the loop and trailers after it, so that every
//   format keeps the good documents' output.
// - Order: `work` runs on `--jobs` threads (default: the number of cores); `emit` gets results in
//   input order, so the output is byte for byte the same as with `--jobs 1`. Log through the
//   `logger` given to `work`: its lines are printed in input order too.
// - `-o FILE`: `context.console` writes to a temporary file that `finish` renames over FILE (and
//   discards when every input failed, leaving FILE as it was).
// - Progress (documents done/total, MB/s) is drawn on stderr when it is a terminal (or with
//   `--progress`), and erased before every diagnostic written through `context.console`.
// - Commands that do not read documents pass `input: nil`; they may still take `OutputOptions`
//   and call `finish(.empty)` at the end.

/// What every command sets up: logging, the grammar resources, the pipeline, the console; and
/// the loop over a run's inputs (in parallel, output in order, failures reported and counted).
struct CommandContext {
    let console: Console
    let logger: Logger
    let pipeline: Pipeline
    /// Threads that read documents (`--jobs`).
    let jobs: Int
    /// Whether to draw the progress line.
    let showsProgress: Bool
    /// Seconds before the progress line is first drawn: none when asked for with `--progress`.
    let progressDelay: Double
    let logLevel: Logger.Level

    init(global: GlobalOptions, input: InputOptions?, output: OutputOptions? = nil,
         configure: (inout Pipeline.Options) -> Void = { _ in }) throws {
        let level: Logger.Level = global.verbose ? .debug : (global.quiet ? .error : .warning)
        logLevel = level
        LoggingSystem.bootstrap { _ in ConsoleLogHandler(logLevel: level) }
        logger = Logger(label: "zhibiao")
        jobs = input?.threads ?? 1
        showsProgress = !global.quiet && (input?.progress ?? (isatty(2) != 0))
        progressDelay = input?.progress == true ? 0 : 0.5
        let resources: Resources
        do {
            let overlays = global.grammars.map { [URL(fileURLWithPath: $0)] } ?? []
            resources = try Resources.load(directory: GrammarLocator.locate(), overlays: overlays)
        } catch {
            let status: ExitStatus
            switch error {
            case .notFound: status = .software
            case .notAGrammarDirectory: status = .noInput
            case .invalid: status = .dataError
            }
            FileHandle.standardError.write(Data("zhibiao: \(error.detailed)\n".utf8))
            throw status.code
        }
        do {
            console = try Console(output: output?.output)
        } catch {
            FileHandle.standardError.write(Data("zhibiao: \(error)\n".utf8))
            throw ExitStatus.ioError.code
        }
        var options = Pipeline.Options()
        input?.apply(to: &options)
        configure(&options)
        pipeline = Pipeline(resources: resources, options: options)
    }

    /// How a run over inputs went: how many, and the status of each that failed.
    struct RunSummary {
        var inputs: Int
        var failures: [ExitStatus]

        /// No inputs, no failures (for commands that do not read documents).
        static let empty = RunSummary(inputs: 0, failures: [])
    }

    /// Runs `work` for every input on up to `--jobs` threads and `emit` for each result in input
    /// order on this thread; reports each failure on one line in its turn and goes on.
    ///
    /// `work` gets the pipeline, the input and a logger whose lines are printed before the
    /// input's result. It may throw an `IngestError` (or any error) to fail the input.
    func forEachDocument<Output: Sendable>(
        _ inputs: [Input],
        work: @escaping @Sendable (Pipeline, Input, Logger) throws -> Output,
        emit: (Input, Output) throws -> Void
    ) throws -> RunSummary {
        let pipeline = self.pipeline, level = logLevel
        let progress = ProgressMeter(total: inputs.count, totalBytes: inputs.reduce(0) { $0 + $1.byteCount },
                                     enabled: showsProgress, delay: progressDelay)
        console.progress = progress
        defer { progress.clear(); console.progress = nil }
        var failures: [ExitStatus] = []
        try OrderedWork.run(count: inputs.count, jobs: jobs, work: { index -> DocumentOutcome<Output> in
            let input = inputs[index]
            let diagnostics = DiagnosticBuffer()
            let logger = diagnostics.logger(level: level)
            do {
                return DocumentOutcome(result: .success(try work(pipeline, input, logger)), diagnostics: diagnostics.drain())
            } catch let error as IngestError {
                return DocumentOutcome(result: .failure(message: "\(error)", status: ExitStatus(error)), diagnostics: diagnostics.drain())
            } catch let error as InputFailure {
                return DocumentOutcome(result: .failure(message: error.message, status: error.status), diagnostics: diagnostics.drain())
            } catch let error as DocumentError {
                return DocumentOutcome(result: .failure(message: "\(error.reason)", status: ExitStatus(error.reason)), diagnostics: diagnostics.drain())
            } catch {
                return DocumentOutcome(result: .failure(message: "\(error)", status: .dataError), diagnostics: diagnostics.drain())
            }
        }, emit: { index, outcome in
            let input = inputs[index]
            if !outcome.diagnostics.isEmpty {
                console.flush()
                for line in outcome.diagnostics { console.note(line) }
            }
            switch outcome.result {
            case .success(let output): try emit(input, output)
            case .failure(let message, let status):
                console.flush()
                console.error("\(input.name): \(message)")
                failures.append(status)
            }
            progress.advance(bytes: input.byteCount)
        })
        return RunSummary(inputs: inputs.count, failures: failures)
    }

    /// Runs `body` on the output thread with a logger whose warnings are printed when it
    /// returns, in input order: for work done while emitting (a streamed extraction), after the
    /// worker's own diagnostics were already printed.
    func withDiagnostics<T>(_ body: (Logger) throws -> T) rethrows -> T {
        let diagnostics = DiagnosticBuffer()
        defer {
            let lines = diagnostics.drain()
            if !lines.isEmpty {
                console.flush()
                for line in lines { console.note(line) }
            }
        }
        return try body(diagnostics.logger(level: logLevel))
    }

    /// Ends the run: flushes the output and puts a `-o` file in place (or leaves it as it was
    /// when every input failed), says how many inputs failed, and exits 3 (partial) when some
    /// did, with the failure's own code when all did.
    func finish(_ run: RunSummary) throws {
        let allFailed = run.inputs > 0 && run.failures.count == run.inputs
        if allFailed {
            console.discard()
        } else {
            do {
                try console.commit()
            } catch {
                console.error("\(error)")
                throw ExitStatus.ioError.code
            }
        }
        if run.failures.isEmpty { return }
        if run.inputs > 1 {
            console.note("zhibiao: \(run.inputs - run.failures.count) of \(run.inputs) inputs processed, \(run.failures.count) failed")
        }
        if !allFailed { throw ExitStatus.partial.code }
        throw run.failures[0].code
    }

    /// Runs `body` for every path, one after the other, reporting each failure on one line and
    /// going on; then ``finish(_:)``.
    ///
    /// Exit: 0 when all succeed, 3 (partial) when some fail, and the failure's own code when
    /// every input fails. Prefer ``forEachDocument(_:work:emit:)``: it uses every core.
    func forEachInput(_ paths: [String], _ body: (String) throws -> Void) throws {
        var failures: [ExitStatus] = []
        for path in paths {
            do {
                try body(path)
            } catch let error as IngestError {
                console.flush()
                console.error("\(path): \(error)")
                failures.append(ExitStatus(error))
            } catch let error as ExitCode {
                throw error
            } catch {
                console.flush()
                console.error("\(path): \(error)")
                failures.append(.dataError)
            }
        }
        try finish(RunSummary(inputs: paths.count, failures: failures))
    }
}

/// What `work` gave for one input, with the log lines it wrote.
struct DocumentOutcome<Output: Sendable>: Sendable {
    enum Result: Sendable {
        case success(Output)
        case failure(message: String, status: ExitStatus)
    }

    var result: Result
    var diagnostics: [String]
}
