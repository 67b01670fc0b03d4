import Foundation
import Testing
import ZhibiaoTestSupport

/// `zhibiao diff` and `zhibiao links` over a catalog: the parent a child cites picked from the
/// store, stored documents named by `db:REF`, the graph of every stored document.
@Suite struct DiffCatalogTests {
    /// Small plans that cite each other: a provincial plan (title and 文号), an unrelated
    /// provincial plan, children citing the first by title, by 文号, both, an unknown one, none.
    struct Plans {
        let directory: URL
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        var parent: String { path("province.txt") }
        var other: String { path("fitness.txt") }
        var byTitle: String { path("city.txt") }
        var byNumber: String { path("county.txt") }
        var both: String { path("town.txt") }
        var unknown: String { path("village.txt") }
        var none: String { path("plain.txt") }

        init() throws {
            directory = RepoPaths.temporaryDirectory("zhibiao-diff-catalog")
            let texts = [
                "province.txt": """
                    浙江省数字乡村建设行动计划
                    浙政办发〔2022〕8号
                    一、总体目标
                    （一）数字基础设施
                    到2025年，全省建成5G基站20万个，行政村光纤通达率达到100%。
                    （二）数字产业
                    到2025年，农村电子商务销售额达到1500亿元。
                    二、重点任务
                    （一）推进智慧农业
                    建设数字农业工厂100个，推广智能农机装备。
                    （二）提升乡村数字治理
                    推进乡村治理数字化，建设村级数字服务站。
                    """,
                "fitness.txt": """
                    浙江省全民健身实施计划
                    一、目标
                    到2025年，经常参加体育锻炼人数比例达到43%，人均体育场地面积达到2.8平方米。
                    """,
                "city.txt": """
                    杭州市数字乡村建设实施方案
                    为贯彻落实《浙江省数字乡村建设行动计划》，结合本市实际，制定本方案。
                    一、总体目标
                    到2025年，全市建成5G基站3万个，行政村光纤通达率达到100%。
                    二、重点任务
                    （一）推进智慧农业
                    建设数字农业工厂20个，推广智能农机装备。
                    """,
                "county.txt": """
                    桐庐县数字乡村建设工作要点
                    按照浙政办发〔2022〕8号文件要求，制定本要点。
                    一、重点任务
                    建设数字农业工厂3个，建设村级数字服务站50个。
                    """,
                "town.txt": """
                    某镇数字乡村与全民健身工作方案
                    根据《浙江省数字乡村建设行动计划》和《浙江省全民健身实施计划》，制定本方案。
                    一、重点任务
                    建设村级数字服务站5个，建设健身场地3处。
                    """,
                "village.txt": """
                    某村发展计划
                    根据《某县乡村发展纲要》，制定本计划。
                    一、目标
                    到2025年，村集体经济收入达到50万元。
                    """,
                "plain.txt": """
                    某村工作安排
                    一、目标
                    到2025年，村集体经济收入达到60万元。
                    """,
            ]
            for (name, text) in texts { try (text + "\n").write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        }

        var all: [String] { [parent, other, byTitle, byNumber, both, unknown, none] }
    }

    func ids(_ db: String) throws -> [String: Int] {
        let list = try CommandRunner.run(["list", "--db", db])
        var result: [String: Int] = [:]
        for line in list.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            result[try #require(object["path"] as? String)] = try #require(object["id"] as? Int)
        }
        return result
    }

    @Test(arguments: Backend.available) func theCitedParentIsPickedFromTheStore(backend: Backend) throws {
        let plans = try Plans()
        let db = backend.freshLocation()
        let ingest = try CommandRunner.run(["ingest", "--db", db] + plans.all)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let ids = try ids(db)
        let parentID = try #require(ids[plans.parent])

        // By title: the report is the one of the parent given by hand.
        let picked = try CommandRunner.run(["diff", plans.byTitle, "--db", db, "--format", "json"])
        #expect(picked.status == 0, "\(picked.stderr)")
        #expect(picked.stderr.hasPrefix("zhibiao: \(plans.byTitle): parent: db:\(parentID) \(plans.parent) 《浙江省数字乡村建设行动计划》, cited as 为贯彻落实 《浙江省数字乡村建设行动计划》 [") && picked.stderr.contains("] by title"), "\(picked.stderr)")
        let byHand = try CommandRunner.run(["diff", plans.parent, plans.byTitle, "--format", "json"])
        #expect(byHand.status == 0 && !byHand.stdout.isEmpty && picked.stdout == byHand.stdout)

        // By 文号; the child named as a stored document.
        let number = try CommandRunner.run(["diff", plans.byNumber, "--db", db])
        #expect(number.status == 0 && number.stderr.contains("parent: db:\(parentID) ") && number.stderr.contains("by docNumber"), "\(number.stderr)")
        let storedChild = try CommandRunner.run(["diff", "db:\(try #require(ids[plans.byTitle]))", "--db", db, "--format", "json"])
        #expect(storedChild.status == 0 && storedChild.stdout == byHand.stdout, "\(storedChild.stderr)")

        // Two documents cited alike: no guess, the candidates listed.
        let both = try CommandRunner.run(["diff", plans.both, "--db", db])
        #expect(both.status == 64 && both.stdout == "")
        #expect(both.stderr.hasPrefix("zhibiao: \(plans.both): 2 cited documents are equally likely parents: ") && both.stderr.contains(plans.parent)
                && both.stderr.contains(plans.other) && both.stderr.hasSuffix("give the parent: zhibiao diff PARENT \(plans.both)\n"), "\(both.stderr)")
        #expect(both.stderr.split(separator: "\n").count == 1)

        // A citation of nothing stored; no citation at all.
        let unknown = try CommandRunner.run(["diff", plans.unknown, "--db", db])
        #expect(unknown.status == 65 && unknown.stderr == "zhibiao: \(plans.unknown): no parent: none of its 1 citations (《某县乡村发展纲要》) names a document of \(db); give the parent: zhibiao diff PARENT \(plans.unknown)\n")
        let none = try CommandRunner.run(["diff", plans.none, "--db", db])
        #expect(none.status == 65 && none.stderr.contains("no parent: the child cites no document"))

        // The store's parent itself cites nothing stored: it is not its own parent.
        let itself = try CommandRunner.run(["diff", plans.parent, "--db", db])
        #expect(itself.status == 65 && itself.stderr.contains("no parent"))

        // Without --db, one document is a usage error; db:REF needs --db.
        let alone = try CommandRunner.run(["diff", plans.byTitle])
        #expect(alone.status == 64 && alone.stderr.contains("give a parent document and at least one child"))
        let noCatalog = try CommandRunner.run(["diff", "db:1", plans.byTitle])
        #expect(noCatalog.status == 64 && noCatalog.stderr.contains("db:1 names a stored document: give the catalog with --db"))
    }

    @Test func storedDocumentsGiveTheFilesReport() throws {
        let plans = try Plans()
        let db = Backend.sqlite.freshLocation()
        let seeds = ["Corpus/\(RepoPaths.provincialSeed)", "Corpus/\(RepoPaths.districtSeed)", "Corpus/mini/continuous.txt"]
        #expect(try CommandRunner.run(["ingest", "--db", db, plans.parent, plans.byTitle] + seeds).status == 0)
        let ids = try ids(db)
        for format in ["json", "md", "html"] {
            let files = try CommandRunner.run(["diff", "--format", format, seeds[0], seeds[1], seeds[2]])
            let stored = try CommandRunner.run(["diff", "--format", format, "--db", db, "db:\(try #require(ids[seeds[0]]))",
                                                String(try #require(ids[seeds[1]])), "db:\(seeds[2])"])
            #expect(files.status == 0 && stored.status == 0, "\(stored.stderr)")
            #expect(!files.stdout.isEmpty && stored.stdout == files.stdout, "\(format)")
        }
        // The seeds do not cite each other: the district plan cites nothing, the provincial
        // opinion a plan that is not stored; no parent is guessed.
        let district = try CommandRunner.run(["diff", "--db", db, seeds[1]])
        #expect(district.status == 65 && district.stderr.contains("no parent: the child cites no document"), "\(district.stderr)")
        let province = try CommandRunner.run(["diff", "--db", db, seeds[0]])
        #expect(province.status == 65 && province.stderr.contains("no parent: none of its 1 citations (《关于以“千万工程”"), "\(province.stderr)")

        // Mixed: a stored parent, a child file.
        let mixed = try CommandRunner.run(["diff", "--format", "json", "--db", db, "db:浙江省数字乡村建设行动计划", plans.byTitle])
        let files = try CommandRunner.run(["diff", "--format", "json", plans.parent, plans.byTitle])
        #expect(mixed.status == 0 && mixed.stdout == files.stdout, "\(mixed.stderr)")
        // A stored name that names nothing, among good children: reported, the others compared.
        let partial = try CommandRunner.run(["diff", "--db", db, plans.parent, "db:999", plans.byTitle])
        #expect(partial.status == 3 && partial.stdout.contains("# 指标 diff"))
        #expect(partial.stderr.contains("zhibiao: db:999: \(db): no stored document is '999'"), "\(partial.stderr)")
    }

    @Test(arguments: Backend.available) func linksOfTheStore(backend: Backend) throws {
        let plans = try Plans()
        let db = backend.freshLocation()
        #expect(try CommandRunner.run(["ingest", "--db", db] + plans.all).status == 0)
        let text = try CommandRunner.run(["links", "--db", db])
        #expect(text.status == 0 && text.stderr == "", "\(text.stderr)")
        #expect(text.stdout.contains("\(plans.byTitle)  杭州市数字乡村建设实施方案\n  为贯彻落实 《浙江省数字乡村建设行动计划》  ["))
        #expect(text.stdout.contains("\n    -> \(plans.parent) (by title)\n"))
        #expect(text.stdout.contains("按照 浙政办发〔2022〕8号  [") && text.stdout.contains("-> \(plans.parent) (by docNumber)"))
        #expect(text.stdout.contains("根据 《某县乡村发展纲要》  [") && text.stdout.contains("-> (not among the documents)"))

        let json = try CommandRunner.run(["links", "--db", db, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["documents"] as? [Any])?.count == 7)
        let links = try #require(object["links"] as? [[String: Any]])
        #expect(links.count == 5)
        #expect(links.filter { $0["to"] as? String == plans.parent }.map { $0["from"] as? String ?? "" }.sorted()
                == [plans.byTitle, plans.byNumber, plans.both].sorted())
        #expect(links.contains { $0["from"] as? String == plans.both && $0["to"] as? String == plans.other })

        let dot = try CommandRunner.run(["links", "--db", db, "--format", "dot"])
        #expect(dot.stdout.hasPrefix("digraph links {") && dot.stdout.contains("\"\(plans.byNumber)\" -> \"\(plans.parent)\" [label=\"按照\"];"))

        // A file given with the store: it is linked to the stored documents, and stands for its stored self.
        let newChild = plans.path("new.txt")
        try "西湖区数字乡村实施细则\n根据《浙江省数字乡村建设行动计划》，制定本细则。\n".write(toFile: newChild, atomically: true, encoding: .utf8)
        let mixed = try CommandRunner.run(["links", "--db", db, "--format", "json", newChild, plans.byTitle])
        let mixedObject = try #require(try JSONSerialization.jsonObject(with: Data(mixed.stdout.utf8)) as? [String: Any])
        #expect((mixedObject["documents"] as? [Any])?.count == 8)
        #expect(((mixedObject["links"] as? [[String: Any]]) ?? []).contains { $0["from"] as? String == newChild && $0["to"] as? String == plans.parent })

        let missing = try CommandRunner.run(["links", "--db", plans.path("nothing.sqlite")])
        #expect(missing.status == 66 && missing.stderr.hasPrefix("zhibiao: "), "\(missing.stderr)")
    }
}
