import Foundation
import Testing
import ZhibiaoCore
import ZhibiaoTestSupport
@testable import ZhibiaoIngest
@testable import ZhibiaoText

@Suite struct DocumentReaderTests {
    let directory = RepoPaths.temporaryDirectory()

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func readsTheSeedsWithMetadata() throws {
        let path = RepoPaths.corpusFile(RepoPaths.districtSeed).path
        let document = try DocumentReader().read(path: path)
        #expect(document.source.format == .text)
        #expect(document.source.encoding == "UTF-8")
        #expect(document.source.byteCount == 23_735)
        #expect(document.source.sha256.count == 64)
        #expect(document.text.count == Array(try RepoPaths.read(URL(fileURLWithPath: path)).unicodeScalars).count)
    }

    @Test func refusesBadInputWithOneLineErrors() throws {
        let reader = DocumentReader()
        #expect(throws: IngestError.notFound) { try reader.read(path: directory.appendingPathComponent("missing.txt").path) }
        #expect(throws: IngestError.isDirectory) { try reader.read(path: directory.path) }
        #expect(throws: IngestError.empty) { try reader.read(path: try file("empty.txt", [])) }
        #expect(throws: IngestError.decoding(.binary(byteOffset: 2))) { try reader.read(path: try file("blob.bin", [0x89, 0x50, 0x00, 0x47, 0x0D, 0x0A, 0x00, 0x00, 0xFF])) }
        #expect(throws: IngestError.unsupportedFormat("legacy Word 97-2003 (.doc) or other OLE2 file is not supported; save it as .docx")) {
            try reader.read(path: try file("old.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]))
        }
        #expect(throws: IngestError.noText("the file holds only white space")) { try reader.read(path: try file("blank.txt", Array(" \n\t\n".utf8))) }
        var small = ReaderLimits()
        small.maxInputBytes = 1_048_576
        let big = try file("big.txt", [UInt8](repeating: 0x41, count: 1_048_577))
        #expect(throws: IngestError.tooLarge(bytes: 1_048_577, limit: 1_048_576)) { try DocumentReader(limits: small).read(path: big) }
        #expect(IngestError.tooLarge(bytes: 200 * 1_048_576, limit: 64 * 1_048_576).description
                == "file is 200.0 MB, over the 64.0 MB input limit; raise it with --max-input-mb")
    }

    @Test func garbageIsRefused() throws {
        // Valid UTF-8, but mostly control characters.
        let bytes = Array(String(repeating: "\u{1}\u{2}\u{3}字", count: 50).utf8)
        do {
            _ = try DocumentReader().read(path: try file("junk.txt", bytes))
            Issue.record("accepted control characters")
        } catch let error as IngestError {
            guard case .garbage("UTF-8", _) = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func pathWithSpacesAndChineseCharacters() throws {
        let path = try file("余杭 区 方案 (2023).txt", Array("余杭区实施方案".utf8))
        #expect(try DocumentReader().read(path: path).source.path == path)
    }

    @Test func sniffsFormats() throws {
        #expect(try FormatSniffer.sniff(Array("<!DOCTYPE html><html>".utf8), path: "a.txt") == .html)
        #expect(try FormatSniffer.sniff(Array("  <div>文字</div>".utf8), path: "a") == .html)
        #expect(try FormatSniffer.sniff(Array("一、总体要求".utf8), path: "a.htm") == .html)
        #expect(try FormatSniffer.sniff(Array("<数据>".utf8), path: "a.txt") == .text)
        #expect(try FormatSniffer.sniff([0x50, 0x4B, 0x03, 0x04], path: "a.bin") == .docx)
        #expect(throws: IngestError.self) { try FormatSniffer.sniff(Array("%PDF-1.6".utf8), path: "a.pdf") }
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(_ input: String, _ digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
        #expect(SHA256.portableHex(Array(input.utf8)) == digest)
    }

    /// libcrypto and the Swift implementation agree on every length around the block size and
    /// on a larger buffer.
    @Test func libcryptoAgreesWithTheSwiftImplementation() {
        var bytes: [UInt8] = []
        var state: UInt32 = 12345
        for length in Array(0...130) + [4_096, 100_003] {
            while bytes.count < length {
                state = state &* 1_103_515_245 &+ 12_345
                bytes.append(UInt8(truncatingIfNeeded: state >> 16))
            }
            let input = Array(bytes[..<length])
            #expect(SHA256.hex(input) == SHA256.portableHex(input), "length \(length)")
        }
    }

    @Test func aMillionAs() {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
