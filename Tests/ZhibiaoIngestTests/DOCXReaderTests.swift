import Foundation
import Testing
import ZIPFoundation
import ZhibiaoCore
import ZhibiaoTestSupport
@testable import ZhibiaoIngest

@Suite struct DOCXReaderTests {
    func lines(_ bytes: [UInt8], limits: ReaderLimits = ReaderLimits()) throws -> [(String, BlockKind)] {
        let result = try DOCXReader(limits: limits).read(bytes)
        return result.blocks.map { (String(scalars: result.text[$0.span.range]), $0.kind) }
    }

    @Test func paragraphsNumberingTablesAndRevisions() throws {
        typealias P = IngestFixtures.DocxParagraph
        let paragraphs = [
            P(text: "余杭区区域承载能力提升和深化“千村示范、万村整治”工程实施方案(2023—2027年)", style: "Heading1"),
            P(text: "指导思想", numbering: (7, 0)),
            P(text: "总体目标", numbering: (7, 0)),
            P(text: "实施产业平台集聚能力提升行动", numbering: (7, 1)),
            P(text: "提升产业平台功能。按照“一园一主业”发展模式", numbering: (7, 2), deleted: "删去的字"),
            P(text: "推进区域商贸体系建设。", numbering: (7, 2)),
            P(text: "实施基础设施支撑能力提升行动", numbering: (7, 1)),
            P(text: "加快交通网络建设。", numbering: (7, 2)),
            P(text: "甲\t乙"),
        ]
        var body = paragraphs.map(IngestFixtures.paragraphXML).joined()
        body += "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2025年</w:t></w:r></w:p></w:tc></w:tr>"
        body += "<w:tr><w:tc><w:p><w:r><w:t>城镇化率</w:t></w:r></w:p><w:p><w:r><w:t>(%)</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>85</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        let result = try lines(try IngestFixtures.docx(body: body))
        #expect(result.map(\.0) == [
            "余杭区区域承载能力提升和深化“千村示范、万村整治”工程实施方案(2023—2027年)",
            "一、指导思想", "二、总体目标", "（一）实施产业平台集聚能力提升行动",
            "1.提升产业平台功能。按照“一园一主业”发展模式", "2.推进区域商贸体系建设。",
            "（二）实施基础设施支撑能力提升行动", "1.加快交通网络建设。", "甲 乙",
            "指标\t2025年", "城镇化率 (%)\t85",
        ])
        #expect(result[0].1 == .heading)
        #expect(result[9].1 == .tableRow)
    }

    @Test func notAZip() {
        #expect(throws: IngestError.notDOCX("no zip central directory")) { try lines(Array("PK\u{3}\u{4} not really".utf8)) }
    }

    @Test func zipWithoutDocument() throws {
        let bytes = try IngestFixtures.zip([("hello.txt", Array("你好".utf8))])
        #expect(throws: IngestError.notDOCX("the zip has no word/document.xml")) { try lines(bytes) }
    }

    @Test func zipBombsAreRefused() throws {
        // 8 MB of one character compresses about 1000:1.
        let filler = String(repeating: "字", count: 8 * 1_048_576 / 3)
        let body = IngestFixtures.paragraphXML(.init(text: filler))
        let bytes = try IngestFixtures.zip([("word/document.xml", Array(IngestFixtures.documentXML(body).utf8))])
        #expect(bytes.count < 100_000)
        do {
            _ = try lines(bytes)
            Issue.record("accepted a 1000:1 entry")
        } catch let error as IngestError {
            guard case .zipRatio(let entry, let ratio, 200) = error else { Issue.record("\(error)"); return }
            #expect(entry == "word/document.xml")
            #expect(ratio > 200)
        }
        var small = ReaderLimits()
        small.maxZipEntryBytes = 1_048_576
        small.maxZipRatio = 100_000
        do {
            _ = try lines(bytes, limits: small)
            Issue.record("accepted an entry over the size limit")
        } catch let error as IngestError {
            guard case .zipEntryTooLarge("word/document.xml", _, 1_048_576) = error else { Issue.record("\(error)"); return }
        }
    }

    /// A fixture DOCX with one field of `word/document.xml`'s central directory entry changed
    /// (offsets from the entry's signature: 16 CRC-32, 20 compressed size, 24 size).
    func damaged(_ field: Int, _ change: (UInt32) -> UInt32, compression: CompressionMethod = .deflate) throws -> [UInt8] {
        let paragraph = IngestFixtures.paragraphXML(.init(text: String(repeating: "乡村片区组团发展", count: 40)))
        let xml: [UInt8] = Array(IngestFixtures.documentXML(paragraph).utf8)
        var bytes = try IngestFixtures.zip([("word/document.xml", xml)], compression: compression)
        let name: [UInt8] = Array("word/document.xml".utf8)
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        var found: Int?
        for at in 0..<(bytes.count - 46 - name.count) where Array(bytes[at..<(at + 4)]) == signature {
            if Array(bytes[(at + 46)..<(at + 46 + name.count)]) == name { found = at }
        }
        let at = try #require(found) + field
        var old: UInt32 = 0
        for k in 0..<4 { old |= UInt32(bytes[at + k]) << UInt32(8 * k) }
        let new = change(old)
        for k in 0..<4 { bytes[at + k] = UInt8(truncatingIfNeeded: new >> (8 * k)) }
        return bytes
    }

    func refusal(_ bytes: [UInt8]) -> String {
        do {
            _ = try lines(bytes)
            return "accepted"
        } catch let error as IngestError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func storedEntriesAreRead() throws {
        let bytes = try damaged(16, { $0 }, compression: .none)
        #expect(try lines(bytes).map(\.0) == [String(repeating: "乡村片区组团发展", count: 40)])
    }

    @Test func damagedEntriesAreRefusedNotFollowed() throws {
        #expect(refusal(try damaged(16, { $0 ^ 1 })) == "not a DOCX file: word/document.xml fails its CRC-32 check")
        #expect(refusal(try damaged(16, { $0 ^ 1 }, compression: .none)) == "not a DOCX file: word/document.xml fails its CRC-32 check")
        let size = try #require(ZipDirectory(try damaged(16, { $0 }))["word/document.xml"]).uncompressedSize
        #expect(refusal(try damaged(24, { $0 - 10 })) == "not a DOCX file: word/document.xml inflates to more than the \(size - 10) bytes its header says")
        #expect(refusal(try damaged(24, { $0 + 10 })) == "not a DOCX file: word/document.xml inflates to \(size) bytes, not the \(size + 10) its header says")
        #expect(refusal(try damaged(20, { $0 / 2 })) == "not a DOCX file: word/document.xml is truncated (its data ends before the deflate stream does)")
        #expect(refusal(try damaged(20, { $0 + 100_000 })) == "not a DOCX file: a zip entry's data runs past the end of the file")
        #expect(refusal(try damaged(24, { $0 - 10 }, compression: .none)) == "not a DOCX file: word/document.xml is stored with a size that does not match")
    }

    @Test func externalEntitiesAreNotResolved() throws {
        let secret = RepoPaths.temporaryDirectory().appendingPathComponent("secret.txt")
        try "机密内容".write(to: secret, atomically: true, encoding: .utf8)
        let doctype = "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://\(secret.path)\">]>"
        let body = "<w:p><w:r><w:t>前&xxe;后</w:t></w:r></w:p>"
        let result = try lines(try IngestFixtures.docx(body: body, doctype: doctype))
        #expect(result.map(\.0) == ["前后"])
    }

    @Test func malformedXML() throws {
        let bytes = try IngestFixtures.zip([("word/document.xml", Array("<w:document><w:body><w:p>".utf8))])
        #expect(throws: IngestError.malformedXML(part: "word/document.xml")) { try lines(bytes) }
    }

    @Test(arguments: [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"), (105, "一百零五"), (110, "一百一十"), (1003, "一千零三")])
    func chineseCounting(_ value: Int, _ expected: String) {
        #expect(DOCXNumbering.chinese(value) == expected)
    }

    /// The 2026 No. 1 document as a .docx, against the text extracted beside it.
    @Test(.enabled(if: RepoPaths.hasSharedCorpus)) func sharedCorpusDocument() throws {
        let url = RepoPaths.sharedCorpus!.appendingPathComponent("html/cn-2026-central-no1-document.docx")
        let ours = try lines([UInt8](try Data(contentsOf: url))).map(\.0)
        let theirs = try RepoPaths.read(url.deletingPathExtension().appendingPathExtension("txt"))
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(ours.count >= 30)
        let ourText = ours.joined().filter { !$0.isWhitespace }
        let missing = theirs.filter { !ourText.contains($0.filter { !$0.isWhitespace }) }
        #expect(missing.count <= theirs.count / 20, "lines of the .txt not found in the .docx text: \(missing.prefix(3))")
    }
}
