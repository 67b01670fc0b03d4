import Testing
import ZhibiaoCore
@testable import ZhibiaoStructure

@Suite struct MarkerLexerTests {
    func marker(_ line: String) -> String? {
        let text = Array(line.unicodeScalars)
        guard let m = MarkerLexer.marker(in: text, line: NormalizedSpan(start: 0, end: text.count)) else { return nil }
        return "\(m.style.rawValue) \(m.number) \(m.normalized) \(m.length)"
    }

    @Test(arguments: [
        ("一、总体要求", "cn 1 一 2"),
        ("十二、保障措施", "cn 12 十二 3"),
        ("(一)推进组织共建。", "paren-cn 1 (一) 3"),
        ("(十一)打造一批高水平实训基地", "paren-cn 11 (十一) 4"),
        ("1.深化党建联建", "arabic 1 1 2"),
        ("15.推动片区文明善治", "arabic 15 15 3"),
        ("4. 持续开展协作帮促活动", "arabic 4 4 3"),
        ("3、加快交通网络建设", "arabic 3 3 2"),
        ("(2)建立共享机制", "paren-arabic 2 (2) 3"),
        ("2)建立共享机制", "arabic-paren 2 2) 2"),
        ("①数据目录", "circled 1 ① 1"),
        ("⑫数据目录", "circled 12 ⑫ 1"),
        ("第一章 总则", "chapter 1 第一章 4"),
        ("第十二条 为了规范", "article 12 第十二条 5"),
        ("第3条 本办法", "article 3 第3条 4"),
        ("## 第二节 规划", "section 2 第二节 7"),
    ])
    func recognizes(_ line: String, _ expected: String) {
        #expect(marker(line) == expected)
    }

    @Test(arguments: ["1.5万元补助资金", "2023年启动流转", "100%以上服务能力", "5G基站全覆盖", "一是坚持党建引领", "一体化推进",
                      "(此件公开发布)", "第一书记", "2023.04.11", "十四五期间", "(2023-2027年)", "一、"])
    func rejects(_ line: String) {
        #expect(marker(line) == nil || line == "一、")
    }
}

@Suite struct ReaderTests {
    func date(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        return DateReader.first(in: scalars, from: 0, to: scalars.count)?.iso
    }

    @Test(arguments: [
        ("2023年4月11日", "2023-04-11"), ("成文日期:2019年01月24日", "2019-01-24"), ("2024 年 3 月 4 日", "2024-03-04"),
        ("二〇二三年四月十一日", "2023-04-11"), ("二〇一九年十二月三十一日", "2019-12-31"), ("发布日期：2025-03-18 16:38", "2025-03-18"),
        ("2019.01.24", "2019-01-24"), ("2024/3/4", "2024-03-04"),
    ])
    func readsDates(_ text: String, _ iso: String) {
        #expect(date(text) == iso)
    }

    @Test(arguments: ["2023年13月1日", "12023年4月1日", "2023年", "到2025年底", "2023-2027年"])
    func rejectsNonDates(_ text: String) {
        #expect(date(text) == nil)
    }

    @Test(arguments: [
        ("附件:余政办〔2023〕29号 (1).wps", "余政办〔2023〕29号"), ("国办发〔2018〕118号", "国办发〔2018〕118号"),
        ("(穗府办规[2022]13号)", "穗府办规[2022]13号"), ("根据(国卫基层发〔2022〕10号)", "国卫基层发〔2022〕10号"),
    ])
    func readsDocumentNumbers(_ text: String, _ expected: String) {
        let scalars = Array(text.unicodeScalars)
        let range = DocNumberReader.first(in: scalars, from: 0, to: scalars.count)
        #expect(range.map { String(scalars: scalars[$0]) } == expected)
    }
}

@Suite struct ChineseNumeralTests {
    @Test(arguments: [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("一百", 100), ("一百零五", 105),
                      ("一百一十", 110), ("一百五", 150), ("三千二", 3200), ("二〇二三", 2023), ("两千", 2000), ("九十九", 99)])
    func values(_ text: String, _ value: Int) {
        #expect(ChineseNumeral.value(text.unicodeScalars) == value)
    }

    @Test(arguments: ["", "十百", "一二三四五", "十十", "百", "第一"])
    func rejects(_ text: String) {
        #expect(ChineseNumeral.value(text.unicodeScalars) == nil)
    }
}
