import Foundation
import Testing
import ZhibiaoTestSupport

/// `zhibiao links`: citations resolved among the documents given, as text, JSON and DOT.
@Suite struct LinksCommandTests {
    static func documents() throws -> (parent: String, child: String, other: String, titles: String) {
        let directory = RepoPaths.temporaryDirectory("links")
        let parent = directory.appendingPathComponent("parent.txt").path
        let child = directory.appendingPathComponent("child.txt").path
        let other = directory.appendingPathComponent("notitle.txt").path
        let titles = directory.appendingPathComponent("titles.tsv").path
        try "浙江省数字乡村建设行动计划\n浙政办发〔2022〕8号\n一、总体目标\n到2025年，建成数字乡村示范县20个。\n".write(toFile: parent, atomically: true, encoding: .utf8)
        try "杭州市数字乡村建设实施方案\n为贯彻落实《浙江省数字乡村建设行动计划》，结合本市实际，制定本方案。按照浙政办发〔2022〕8号文件和《某县乡村发展纲要》要求推进。\n"
            .write(toFile: child, atomically: true, encoding: .utf8)
        try "根据《杭州市数字乡村建设实施方案》，制定本细则。\n".write(toFile: other, atomically: true, encoding: .utf8)
        try "file\ttitle\nnotitle.txt\t余杭区数字乡村建设实施细则\n".write(toFile: titles, atomically: true, encoding: .utf8)
        return (parent, child, other, titles)
    }

    @Test func textJsonAndDot() throws {
        let (parent, child, other, titles) = try Self.documents()
        let text = try CommandRunner.run(["links", parent, child, other, "--titles", titles])
        #expect(text.status == 0 && text.stderr == "")
        #expect(text.stdout.contains("为贯彻落实 《浙江省数字乡村建设行动计划》  [19..<34]\n    -> \(parent) (by title)"))
        #expect(text.stdout.contains("按照 浙政办发〔2022〕8号  [50..<62]\n    -> \(parent) (by docNumber)"))
        #expect(text.stdout.contains("按照 《某县乡村发展纲要》  [65..<75]\n    -> (not among the documents)"))
        #expect(text.stdout.contains("\(other)  余杭区数字乡村建设实施细则"))

        let json = try CommandRunner.run(["links", "--format", "json", parent, child, other])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let links = try #require(object["links"] as? [[String: Any]])
        #expect(links.count == 4)
        #expect(links.filter { $0["to"] as? String == parent }.count == 2)
        #expect(links.first { $0["from"] as? String == other }?["to"] as? String == child)
        #expect(links.first?["verb"] as? String == "为贯彻落实" && links.first?["start"] as? Int == 19)

        let dot = try CommandRunner.run(["links", "--format", "dot", parent, child])
        #expect(dot.stdout.hasPrefix("digraph links {"))
        #expect(dot.stdout.contains("\"\(child)\" -> \"\(parent)\" [label=\"为贯彻落实, 按照\"];"))
    }

    @Test func badTitlesFileAndMissingInput() throws {
        let (parent, _, _, _) = try Self.documents()
        let missing = try CommandRunner.run(["links", parent, "--titles", "/no/such.tsv"])
        #expect(missing.status == 66 && missing.stderr == "zhibiao: /no/such.tsv: cannot read the titles file\n")
        let partial = try CommandRunner.run(["links", parent, "/no/such.txt"])
        #expect(partial.status == 3 && partial.stdout.contains("浙江省数字乡村建设行动计划"))
    }
}
