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
//
// The diff (`Benchmarks/run.sh diff`): `make-children --count N --out DIR FILE...` writes N child
// plans made by perturbing the files (figures scaled, paragraphs dropped, deterministic);
// `diff-extract PARENT CHILD...` extracts the documents to JSON Lines (as the extract stage),
// `diff PARENT CHILD...` extracts them, aligns every child with the parent (prepared once) and
// renders each report as JSON.
import Foundation
import Zhibiao
import ZhibiaoAlign
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

/// Child plans made from real documents: every figure scaled by 0.8–1.3 with probability 0.3,
/// 15% of the paragraphs dropped, a line naming the copy on top. Deterministic (SplitMix64).
func makeChildren(count: Int, out: String, sources: [String]) {
    var state: UInt64 = 20_261_201
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    let texts = sources.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
    guard !texts.isEmpty else { fail("make-children: no readable UTF-8 source") }
    try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    for k in 0..<count {
        let lines = texts[k % texts.count].split(separator: "\n", omittingEmptySubsequences: false)
        var result = "某区实施方案(副本\(k + 1))\n"
        for line in lines where unit() >= 0.15 {
            var scalars = String.UnicodeScalarView()
            var digits = String.UnicodeScalarView()
            func flushDigits() {
                if !digits.isEmpty, let n = Int(String(digits)), n < 1_000_000, unit() < 0.3, !(1900...2100).contains(n) {
                    scalars.append(contentsOf: String(max(1, Int(Double(n) * (0.8 + 0.5 * unit())))).unicodeScalars)
                } else {
                    scalars.append(contentsOf: digits)
                }
                digits.removeAll()
            }
            for scalar in line.unicodeScalars {
                if ("0"..."9").contains(scalar) { digits.append(scalar) } else { flushDigits(); scalars.append(scalar) }
            }
            flushDigits()
            result += String(scalars) + "\n"
        }
        let path = (out as NSString).appendingPathComponent(String(format: "child-%03d.txt", k + 1))
        guard FileManager.default.createFile(atPath: path, contents: Data(result.utf8)) else { fail("cannot write \(path)") }
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "make-children" {
    var count = 100, out = "children", sources: [String] = []
    var rest = Array(arguments.dropFirst())
    while let argument = rest.first {
        rest.removeFirst()
        switch argument {
        case "--count": count = Int(rest.removeFirst()) ?? 100
        case "--out": out = rest.removeFirst()
        default: sources.append(argument)
        }
    }
    makeChildren(count: count, out: out, sources: sources)
    exit(0)
}
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
/// CPU seconds of this process (user and system): on a shared machine, steadier than the clock.
func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
var bestCPU = Double.infinity
var checksum = 0
let clock = ContinuousClock()
for _ in 0..<iterations {
    let start = clock.now
    let startCPU = cpuSeconds()
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
    case "diff-extract", "diff":
        var documents: [ExtractedDocument] = []
        documents.reserveCapacity(rawFiles.count)
        for (path, bytes) in rawFiles {
            let document = pipeline.normalizer.normalize(try! pipeline.reader.read(bytes: bytes, path: path))
            let tree = pipeline.segmenter.segment(document)
            documents.append(ExtractedDocument(document: document, tree: tree, indicators: pipeline.extractor.extract(from: document, tree: tree)))
        }
        if stage == "diff-extract" {
            // Extracting as `zhibiao extract` does: file bytes to JSON Lines.
            for document in documents { checksum &+= IndicatorJSONRenderer.jsonLines(document.indicators).count }
        }
        if stage == "diff", let parent = documents.first {
            let aligner = pipeline.aligner
            // As `zhibiao diff` does: the parent tokenized and its targets read once.
            let preparedParent = aligner.prepareParent(parent)
            for child in documents.dropFirst() {
                let alignment = aligner.align(parent: preparedParent, child: child)
                checksum &+= DiffJSONRenderer.render(DiffReport(parent: parent, children: [DiffReport.Child(document: child, alignment: alignment)])).count
            }
        }
    default:
        fail("unknown stage \(stage)")
    }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    best = min(best, seconds)
    bestCPU = min(bestCPU, cpuSeconds() - startCPU)
}
let mbps = Double(inputBytes) / 1_048_576 / best
print("{\"tool\":\"zhibiao\",\"stage\":\"\(stage)\",\"bytes\":\(inputBytes),\"seconds\":\(String(format: "%.4f", best)),\"cpu_seconds\":\(String(format: "%.4f", bestCPU)),\"mbps\":\(String(format: "%.2f", mbps)),\"peak_rss_mb\":\(String(format: "%.1f", Double(peakRSSKilobytes()) / 1024)),\"checksum\":\(checksum)}")
