import Foundation
import ZIPFoundation
import ZhibiaoCore
import ZhibiaoTestSupport
@testable import ZhibiaoIngest
@testable import ZhibiaoText

/// Builds HTML and DOCX fixtures from the seed documents, so no binary fixture is committed.
enum IngestFixtures {
    static func seedLines(_ name: String) throws -> [String] {
        try RepoPaths.read(RepoPaths.corpusFile(name)).split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A government-style page: navigation, breadcrumb, the document, a share bar, related
    /// articles, a footer and scripts.
    static func page(paragraphs: [String], charset: String = "utf-8", table: [[String]] = []) -> String {
        var html = """
            <!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=\(charset)">
            <title>页面标题</title><script>var s = "<p>脚本里的段落</p>";</script><style>p { color: red }</style></head>
            <body><div class="top"><nav><ul><li><a href="/">首页</a></li><li><a href="/zc">政策文件</a></li><li><a href="/hd">互动交流</a></li></ul></nav></div>
            <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zc">政策文件</a></div>
            <div class="main"><div class="article">
            """
        for paragraph in paragraphs { html += "<p>\(escape(paragraph))</p>\n" }
        if !table.isEmpty {
            html += "<table>"
            for row in table { html += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }
            html += "</table>\n"
        }
        html += """
            </div><div class="bdsharebuttonbox">分享到：<a href="#">微信</a><a href="#">微博</a></div>
            <div class="related-articles"><h3>相关文章</h3><ul><li><a href="/1">关于开展乡村振兴示范创建的通知</a></li><li><a href="/2">关于做好2024年农村工作的实施意见</a></li></ul></div></div>
            <footer><p>主办单位：某某人民政府办公室 版权所有 网站标识码1234567890</p></footer>
            <script>document.write("<div>写入的文字</div>")</script></body></html>
            """
        return html
    }

    static func encode(_ text: String, _ charset: String) -> [UInt8] {
        try! TextEncoding(named: charset).encode(text)
    }

    // MARK: DOCX

    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    struct DocxParagraph {
        var text: String
        var style: String?
        var numbering: (id: Int, level: Int)?
        var deleted: String?
    }

    static func paragraphXML(_ p: DocxParagraph) -> String {
        var properties = ""
        if let style = p.style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if let numbering = p.numbering {
            properties += "<w:numPr><w:ilvl w:val=\"\(numbering.level)\"/><w:numId w:val=\"\(numbering.id)\"/></w:numPr>"
        }
        var runs = ""
        let pieces = p.text.components(separatedBy: "\t")
        for (k, piece) in pieces.enumerated() {
            if k > 0 { runs += "<w:r><w:tab/></w:r>" }
            runs += "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">\(escape(piece))</w:t></w:r>"
        }
        if let deleted = p.deleted { runs += "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>\(escape(deleted))</w:delText></w:r></w:del>" }
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs + "</w:p>"
    }

    static func documentXML(_ body: String, doctype: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\(doctype)
        <w:document xmlns:w="\(w)"><w:body>\(body)<w:sectPr/></w:body></w:document>
        """
    }

    static let numberingXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="\(w)">
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>
        </w:numbering>
        """

    static let stylesXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="\(w)">
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        </w:styles>
        """

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
        <Default Extension="xml" ContentType="application/xml"/></Types>
        """

    /// A zip archive holding the given entries, as bytes.
    static func zip(_ entries: [(String, [UInt8])], compression: CompressionMethod = .deflate) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in entries {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return [UInt8](archive.data ?? Data())
    }

    static func docx(body: String, doctype: String = "", numbering: Bool = true) throws -> [UInt8] {
        var entries: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("word/document.xml", Array(documentXML(body, doctype: doctype).utf8)),
            ("word/styles.xml", Array(stylesXML.utf8)),
        ]
        if numbering { entries.append(("word/numbering.xml", Array(numberingXML.utf8))) }
        return try zip(entries)
    }
}
