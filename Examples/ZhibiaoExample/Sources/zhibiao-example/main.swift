// zhibiao-example [FILE…]: the targets of each document (or of a sample text), through the
// Zhibiao library. No environment is needed: the grammar set ships inside the package.
import Foundation
import Zhibiao

let sample = """
    关于推进乡村建设的实施方案（2023-2027年）
    一、主要目标
    到2025年，全省建设200个重点村组团片区，农村居民人均可支配收入达到5.7万元以上，
    力争农村生活污水治理率提高到95%。
    """

/// Prints one line per target: where it is in the outline, what it measures, the target and the deadline.
func report(_ document: ExtractedDocument) {
    let title = document.tree.metadata.title?.value ?? document.path
    print("\(title): \(document.targets.count) targets of \(document.indicators.count) quantities")
    for target in document.targets {
        let comparator = target.comparator == .equal ? "" : target.comparator.rawValue + " "
        let deadline = target.year.map { " by \($0)" } ?? ""
        print("  [\(target.section.isEmpty ? "-" : target.section)] \(target.metric ?? "?"): \(comparator)\(target.surface)\(deadline)"
              + "  (chars \(target.span.start)..<\(target.span.end))")
    }
}

do {
    // Loading the grammar set is the expensive part: build one pipeline and reuse it.
    let pipeline = try Pipeline()
    let location = try GrammarLocator.find()
    print("grammar set: \(location.source.rawValue) (sha256 \(pipeline.resources.digest.prefix(12)))")
    let paths = CommandLine.arguments.dropFirst()
    if paths.isEmpty {
        report(try pipeline.extractDocument(text: sample, name: "sample"))
    }
    var failed = false
    for path in paths {
        do {
            report(try pipeline.extractDocument(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            // DocumentError: "reading PATH: PROBLEM".
            FileHandle.standardError.write(Data("zhibiao-example: \(error)\n".utf8))
            failed = true
        }
    }
    exit(failed ? 1 : 0)
} catch {
    // ResourceError: the grammar set was not found or does not load.
    FileHandle.standardError.write(Data("zhibiao-example: \(error)\n".utf8))
    exit(70)
}
