import Testing
import ZhibiaoTestSupport
@testable import ZhibiaoText

@Suite struct DecodingTests {
    static let sample = "余杭区区域承载能力提升和深化“千村示范、万村整治”工程实施方案(2023-2027年)。农村居民人均可支配收入达到5.7万元。"
    static let traditional = "餘杭區區域承載能力提升和深化工程實施方案，農村居民人均可支配收入達到5.7萬元，集體經濟年經營性收入。"

    static func encode(_ text: String, _ charset: String) -> [UInt8] {
        try! TextEncoding(named: charset).encode(text)
    }

    @Test func detectsUTF8WithAndWithoutBOM() throws {
        let bytes = Array(Self.sample.utf8)
        #expect(try CharsetDetector().detect(bytes).encoding == .utf8)
        let bom = try CharsetDetector().detect([0xEF, 0xBB, 0xBF] + bytes)
        #expect(bom.encoding == .utf8 && bom.bomLength == 3 && bom.source == .bom)
    }

    @Test func detectsUTF16WithBOM() throws {
        for (encoding, bom) in [(TextEncoding.utf16LE, [UInt8]([0xFF, 0xFE])), (.utf16BE, [0xFE, 0xFF])] {
            let bytes = bom + Self.encode(Self.sample, encoding.name)
            let detection = try CharsetDetector().detect(bytes)
            #expect(detection.encoding == encoding)
            let text = try TextDecoder().decode(Array(bytes[detection.bomLength...]), as: detection.encoding)
            #expect(String(String.UnicodeScalarView(text)) == Self.sample)
        }
    }

    @Test func detectsGB18030AndBig5() throws {
        let seed = try TextFixtures.seed(RepoPaths.provincialSeed)
        let gb = Self.encode(seed, "GB18030")
        let detected = try CharsetDetector().detect(gb)
        #expect(detected.encoding == .gb18030)
        #expect(String(String.UnicodeScalarView(try TextDecoder().decode(gb, as: .gb18030))) == seed)

        let big5 = Self.encode(Self.traditional, "Big5")
        #expect(try CharsetDetector().detect(big5).encoding == .big5)
        #expect(String(String.UnicodeScalarView(try TextDecoder().decode(big5, as: .big5))) == Self.traditional)
    }

    @Test func refusesBinaryTruncatedAndMixed() {
        #expect(throws: DecodingError.binary(byteOffset: 3)) { try CharsetDetector().detect([0x41, 0x42, 0x43, 0x00, 0xFF, 0x01, 0x00, 0x00]) }
        var truncated = Array(Self.sample.utf8)
        truncated.removeLast(2)  // "。" is three bytes
        #expect(throws: DecodingError.truncatedSequence(encoding: "UTF-8", byteOffset: truncated.count - 1)) {
            try CharsetDetector().detect(truncated)
        }
        // GB18030 after UTF-8: some GB byte pairs happen to be valid UTF-8 too, so the bad
        // byte is found at or after the boundary.
        let mixed = Array(Self.sample.utf8) + Self.encode("农村居民人均可支配收入", "GB18030")
        do {
            _ = try CharsetDetector().detect(mixed)
            Issue.record("mixed UTF-8 and GB18030 was accepted")
        } catch {
            guard case .mixedEncodings(let valid, let offset) = error else { Issue.record("got \(error)"); return }
            #expect(valid >= 49)
            #expect(offset >= Self.sample.utf8.count && offset < mixed.count)
        }
    }

    @Test func strictDecodingNamesTheOffset() {
        let bad: [UInt8] = Array("abc".utf8) + [0xC3, 0x28]
        #expect(throws: DecodingError.invalidSequence(encoding: "UTF-8", byteOffset: 3)) { try TextDecoder().decode(bad, as: .utf8) }
        let lossy = try? TextDecoder(lossy: true).decode(bad, as: .utf8)
        #expect(lossy.map { String(String.UnicodeScalarView($0)) } == "abc\u{FFFD}(")
        let loneSurrogate: [UInt8] = [0x41, 0x00, 0x00, 0xD8, 0x42, 0x00]
        #expect(throws: DecodingError.loneSurrogate(encoding: "UTF-16LE", byteOffset: 2)) { try TextDecoder().decode(loneSurrogate, as: .utf16LE) }
        var gb = Self.encode("农村居民", "GB18030")
        gb.removeLast()
        #expect(throws: DecodingError.truncatedSequence(encoding: "GB18030", byteOffset: 6)) { try TextDecoder().decode(gb, as: .gb18030) }
    }

    @Test func resolvesEncodingNames() throws {
        #expect(try TextEncoding(named: "gbk") == .gb18030)
        #expect(try TextEncoding(named: "GB2312") == .gb18030)
        #expect(try TextEncoding(named: "big5") == .big5)
        #expect(try TextEncoding(named: " UTF_8 ") == .utf8)
        #expect(throws: DecodingError.unknownEncoding("klingon")) { try TextEncoding(named: "klingon") }
    }

    @Test func errorMessagesAreOneLine() {
        #expect(DecodingError.binary(byteOffset: 1204).description == "looks binary (NUL byte at offset 1204); pass --encoding to force a decoder")
    }
}
