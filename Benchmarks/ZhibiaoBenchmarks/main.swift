// zhibiao-bench: times Zhibiao's stages in-process on a corpus, for `make bench`.
//
//   zhibiao-bench STAGE [--repeat-to-mb N] [--iterations K] FILE...
//
// STAGE is `normalize` (decoded text -> normalized text + offset map, inputs joined into one
// text), `ingest+normalize` (file bytes -> normalized), `outline` (file bytes -> normalized ->
// document tree, each file a document) or `extract` (file bytes -> indicator JSON Lines: the
// whole pipeline, each file a document). Inputs are read once and repeated until they reach N
// MB of UTF-8. Prints one JSON line: input bytes, best seconds, MB/s (UTF-8 bytes of decoded
// text / best time), and peak resident memory (VmHWM).
import Foundation
import Zhibiao
import ZhibiaoCore
import ZhibiaoIngest
import ZhibiaoText

func peakRSSKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("zhibiao-bench: \(message)\n".utf8))
    exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let stage = arguments.first else { fail("usage: zhibiao-bench normalize|ingest+normalize [--repeat-to-mb N] [--iterations K] FILE...") }
arguments.removeFirst()
var repeatToMB = 0.0
var iterations = 3
var files: [String] = []
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--repeat-to-mb": repeatToMB = Double(arguments.removeFirst()) ?? 0
    case "--iterations": iterations = Int(arguments.removeFirst()) ?? 3
    default: files.append(argument)
    }
}
guard !files.isEmpty else { fail("no input files") }

let resources: Resources
do {
    resources = try Resources(directory: try GrammarLocator.locate())
} catch {
    fail("\(error)")
}
let pipeline = Pipeline(resources: resources)

// Inputs: decoded texts, joined and repeated.
var scalars: [Unicode.Scalar] = []
var rawFiles: [(String, [UInt8])] = []
for file in files {
    do {
        let document = try pipeline.reader.read(path: file)
        if !scalars.isEmpty { scalars.append("\n") }
        scalars.append(contentsOf: document.text)
        rawFiles.append((file, [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))))
    } catch {
        fail("\(file): \(error)")
    }
}
let unit = scalars
let unitBytes = UTF8Encoding.encode(unit).count
var copies = 1
if repeatToMB > 0 {
    copies = max(1, Int((repeatToMB * 1_048_576 / Double(unitBytes)).rounded(.up)))
    scalars.reserveCapacity(unit.count * copies + copies)
    for _ in 1..<copies { scalars.append("\n"); scalars.append(contentsOf: unit) }
}
let inputBytes = UTF8Encoding.encode(scalars).count

var best = Double.infinity
var checksum = 0
let clock = ContinuousClock()
for _ in 0..<iterations {
    let start = clock.now
    switch stage {
    case "normalize":
        let result = pipeline.normalizer.normalize(scalars)
        checksum &+= result.text.count &+ result.map.runCount
    case "ingest+normalize":
        for _ in 0..<copies {
            for (path, bytes) in rawFiles {
                let document = try! pipeline.reader.read(bytes: bytes, path: path)
                checksum &+= pipeline.normalizer.normalize(document).text.count
            }
        }
    case "outline":
        let segmenter = pipeline.segmenter
        for _ in 0..<copies {
            for (path, bytes) in rawFiles {
                let document = pipeline.normalizer.normalize(try! pipeline.reader.read(bytes: bytes, path: path))
                checksum &+= segmenter.segment(document).nodes.count
            }
        }
    case "extract":
        for _ in 0..<copies {
            for (path, bytes) in rawFiles {
                let document = pipeline.normalizer.normalize(try! pipeline.reader.read(bytes: bytes, path: path))
                let tree = pipeline.segmenter.segment(document)
                let indicators = pipeline.extractor.extract(from: document, tree: tree)
                checksum &+= IndicatorJSONRenderer.jsonLines(indicators).count
            }
        }
    default:
        fail("unknown stage \(stage)")
    }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    best = min(best, seconds)
}
let mbps = Double(inputBytes) / 1_048_576 / best
print("{\"tool\":\"zhibiao\",\"stage\":\"\(stage)\",\"bytes\":\(inputBytes),\"seconds\":\(String(format: "%.4f", best)),\"mbps\":\(String(format: "%.2f", mbps)),\"peak_rss_mb\":\(String(format: "%.1f", Double(peakRSSKilobytes()) / 1024)),\"checksum\":\(checksum)}")
