import Foundation
import ZIPFoundation
import Zhibiao
import ZhibiaoCore
import ZhibiaoTestSupport

/// Parent and child plans written for the tests, where the answer is unambiguous.
enum AlignFixtures {
    /// A provincial opinion with one target of each kind the verdicts need.
    static let parentText = """
        某省关于推进乡村振兴的实施意见

        一、总体目标
        到2025年,全省农村居民人均可支配收入达到3万元,常住人口城镇化率达到70%以上。
        到2027年底,全省累计建设500个重点村组团片区。
        到2025年,农村生活污水处理设施行政村覆盖率达到90%。
        到2025年,单位地区生产总值能耗下降13.5%。
        到2025年,城镇调查失业率控制在5.5%以内。
        到2025年,省级财政安排乡村振兴专项资金5000万元。
        到2025年,新建高标准农田100万亩。

        二、重点任务
        (一)推进产业发展。
        1.做大优势产业。加强粮食生产功能区、现代农业园区等产业平台建设,做大做强农业龙头企业,推动乡村产业链整体布局。
        2.培育新型业态。发展亲子研学、健康养生、体育赛事、文化创意等新业态,推进共富工坊标准化规范化建设。
        (二)推进组织共建。
        3.深化党建联建。鼓励片区内乡村建立联合党委、综合党委等议事协调机制,跨乡镇的片区实行提级管理。
        4.引导人才向片区流动。精准选派农村工作指导员、科技特派员、文化特派员等下沉力量。

        三、保障措施
        强化组织领导,建立多元化的资金支持体系,积极支持符合条件的项目申报专项债。
        """

    /// A district plan whose 总体目标 holds `goals` (one per line) and that takes up tasks 1 and 4.
    static func childText(goals: [String], traditional: Bool = false) -> String {
        var text = "某区乡村振兴实施方案(2023-2027年)\n\n一、总体目标\n"
        text += goals.joined(separator: "\n") + "\n\n"
        text += """
            二、主要任务
            (一)实施产业提升行动。
            1.加快乡村产业融合发展。加强现代农业园区建设,做大做强农业龙头企业,完善乡村产业链布局,建设粮食生产功能区。
            2.推进两进两回。精准选派科技特派员、农村工作指导员下沉乡村,推动人才向乡村流动。
            (二)实施数字乡村行动。
            3.建设智慧农业平台。推进农业物联网和遥感监测应用,建设农产品质量安全追溯系统。

            三、保障措施
            强化组织领导,加大资金支持力度。
            """
        return text
    }

    static func write(_ text: String, name: String) throws -> URL {
        let directory = RepoPaths.temporaryDirectory("zhibiao-align")
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    static func extract(_ text: String, name: String = "child.txt") throws -> ExtractedDocument {
        try Fixtures.pipeline.extractDocument(path: write(text, name: name).path)
    }

    static let parent: ExtractedDocument = {
        do { return try extract(parentText, name: "parent.txt") } catch { fatalError("parent fixture: \(error)") }  // test setup
    }()

    /// The district plan in Traditional script, as a Hong Kong or Taiwan office would write it.
    static let traditionalChild = """
        某區鄉村振興實施方案(2023-2027年)

        一、總體目標
        到2025年,全區農村居民人均可支配收入達到3.5萬元。

        二、主要任務
        (一)實施產業提升行動。
        1.加快鄉村產業融合發展。加強現代農業園區建設,做大做強農業龍頭企業,完善鄉村產業鏈布局,建設糧食生產功能區。
        2.推進兩進兩回。精準選派科技特派員、農村工作指導員下沉鄉村,推動人才向鄉村流動。
        (二)實施數字鄉村行動。
        3.建設智慧農業平臺。推進農業物聯網和遙感監測應用,建設農產品質量安全追溯系統。

        三、保障措施
        強化組織領導,加大資金支持力度。
        """

    /// A DOCX whose paragraphs are `lines` (written with ZIPFoundation, so no binary is committed).
    static func docx(lines: [String]) throws -> [UInt8] {
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let body = lines.map { "<w:p><w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r></w:p>" }.joined()
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="\(w)"><w:body>\(body)<w:sectPr/></w:body></w:document>
            """
        let types = """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="xml" ContentType="application/xml"/></Types>
            """
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in [("[Content_Types].xml", types), ("word/document.xml", document)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return [UInt8](archive.data ?? Data())
    }
}
