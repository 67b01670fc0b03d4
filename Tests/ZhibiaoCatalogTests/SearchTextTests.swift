import Testing
import ZhibiaoCatalog
import ZhibiaoCore
import ZhibiaoTestSupport

@Suite struct SearchTextTests {
    @Test func foldingJoinsWordsBrokenAcrossLinesAndLowercasesLatin() {
        #expect(SearchText.fold("城镇\n化率 达到 70%") == "城镇化率达到 70%")
        #expect(SearchText.fold("  5G 基站\t\tGDP ") == "5g 基站 gdp")
        #expect(SearchText.fold("") == "")
    }

    @Test func tokensAreBigramsOfHanAndWholeWords() {
        #expect(SearchText.tokens(of: "城镇化率") == ["城镇", "镇化", "化率"])
        #expect(SearchText.tokens(of: "到2025年,托位") == ["到", "2025", "年", "托位"])
        #expect(SearchText.tokens(of: "5g基站") == ["5g", "基站"])
        #expect(SearchText.tokens(of: "!!!") == [])
    }

    @Test func aPlanRequiresOnlyWhatAnyMatchingTextHolds() {
        let plan = SearchPlan(query: "城镇化率")
        #expect(plan.phrases == [["城镇", "镇化", "化率"]] && plan.words.isEmpty && plan.prefixes.isEmpty)
        #expect(plan.fts5Expression == "\"城镇 镇化 化率\"")
        // A lone character or a word at an end may be cut from a longer run of the text.
        let edge = SearchPlan(query: "年城镇")
        #expect(edge.phrases == [["年城", "城镇"]])
        let mixed = SearchPlan(query: "25年底")
        #expect(mixed.words.isEmpty && mixed.prefixes.isEmpty && mixed.phrases == [["年底"]])
        let middle = SearchPlan(query: "2025年10")
        #expect(middle.phrases == [["年"]] && middle.prefixes == ["10"])
        #expect(!SearchPlan(query: "村").usesIndex)
        #expect(SearchPlan(query: "2025年").prefixes == ["年"] && SearchPlan(query: "2025年").requiredTokens.isEmpty)
        #expect(SearchPlan(query: "2025").prefixes == ["2025"])
        #expect(SearchPlan(query: "say \"hi\" 你好").fts5Expression == "\"你好\" AND \"hi\"")
    }
}

@Suite struct IssuerLevelTests {
    /// Every example of `Grammars/lexicon/issuer-levels.tsv` reads as its line says.
    @Test func theTableExamplesHold() throws {
        let levels = try #require(try Fixtures.resources.issuerLevels())
        let examples = levels.entries.compactMap { entry in entry.example.map { (entry.line, $0.issuer, $0.level) } }
        #expect(examples.count >= 15)
        for (line, issuer, level) in examples {
            let got = levels.level(of: issuer)
            #expect(got == (level == "none" ? nil : level), "\(levels.path):\(line): \(issuer) is \(got ?? "none"), not \(level)")
        }
    }

    @Test func aBadLineIsAnErrorWithItsPlace() {
        let file = TSVFile(path: "issuer-levels.tsv", contents: "suffix\t省\tprovince\n")
        #expect(throws: DataFileError.self) { try IssuerLevels(file: file) }
        do { _ = try IssuerLevels(file: file) } catch { #expect(error.description.hasPrefix("issuer-levels.tsv:1:3: error: unknown level 'province'")) }
    }
}
