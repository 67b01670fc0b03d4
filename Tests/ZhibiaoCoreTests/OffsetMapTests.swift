import Testing
import ZhibiaoCore
import ZhibiaoTestSupport

@Suite struct OffsetMapTests {
    @Test func identityMapsEveryScalarToItself() throws {
        let map = OffsetMap.identity(count: 5)
        #expect(map.runCount == 1)
        #expect(map.originalSpan(of: NormalizedSpan(start: 1, end: 3)) == OriginalSpan(start: 1, end: 3))
        #expect(map.normalizedSpan(of: OriginalSpan(start: 4, end: 5)) == NormalizedSpan(start: 4, end: 5))
        try map.checkInvariants()
    }

    @Test func groupsAndDeletions() throws {
        // original: a ㈱ b <ZWSP> c \r\n d   normalized: a ( 株 ) b c \n d
        var builder = OffsetMapBuilder()
        builder.appendAligned(1)                          // a
        builder.appendGroup(normalized: 3, original: 1)   // ㈱ → (株)
        builder.appendAligned(1)                          // b
        builder.appendGroup(normalized: 0, original: 1)   // zero-width space deleted
        builder.appendAligned(1)                          // c
        builder.appendGroup(normalized: 1, original: 2)   // \r\n → \n
        builder.appendAligned(1)                          // d
        let map = builder.build()
        try map.checkInvariants()
        #expect(map.normalizedCount == 8)
        #expect(map.originalCount == 8)
        #expect(map.originalSpan(of: NormalizedSpan(start: 2, end: 3)) == OriginalSpan(start: 1, end: 2))  // 株 → ㈱
        #expect(map.originalSpan(of: NormalizedSpan(start: 4, end: 6)) == OriginalSpan(start: 2, end: 5))  // "bc" covers the ZWSP
        #expect(map.originalSpan(of: NormalizedSpan(start: 6, end: 7)) == OriginalSpan(start: 5, end: 7))  // \n → \r\n
        #expect(map.normalizedSpan(of: OriginalSpan(start: 3, end: 4)) == NormalizedSpan(start: 5, end: 5))  // deleted
        #expect(map.normalizedSpan(of: OriginalSpan(start: 1, end: 2)) == NormalizedSpan(start: 1, end: 4))
        #expect(map.deletedOriginalSpans == [OriginalSpan(start: 3, end: 4)])
    }

    @Test func consecutiveAlignedRunsMerge() {
        var builder = OffsetMapBuilder()
        builder.appendAligned(3)
        builder.appendGroup(normalized: 1, original: 1)
        builder.appendAligned(2)
        #expect(builder.build().runCount == 1)
    }

    @Test func leadingAndTrailingDeletions() throws {
        var builder = OffsetMapBuilder()
        builder.appendGroup(normalized: 0, original: 2)
        builder.appendAligned(2)
        builder.appendGroup(normalized: 0, original: 3)
        let map = builder.build()
        try map.checkInvariants()
        #expect(map.originalSpan(of: NormalizedSpan(start: 0, end: 2)) == OriginalSpan(start: 2, end: 4))
        #expect(map.originalSpan(of: NormalizedSpan(start: 2, end: 2)) == OriginalSpan(start: 7, end: 7))
    }

    @Test func emptyText() throws {
        let map = OffsetMapBuilder().build()
        try map.checkInvariants()
        #expect(map.normalizedCount == 0)
        #expect(map.originalSpan(of: NormalizedSpan(start: 0, end: 0)) == OriginalSpan(start: 0, end: 0))
    }

    /// Random run sequences: every map the builder makes satisfies the invariants, and spans
    /// map to the sum of the run lengths they cross.
    @Test func randomMapsKeepInvariants() throws {
        let seed = RepeatableRandom.testSeed("OffsetMapTests.randomMapsKeepInvariants")
        var random = RepeatableRandom(seed: seed)
        for _ in 0..<200 {
            var builder = OffsetMapBuilder()
            var pairs: [(Int, Int)] = []  // (normalized, original) per unit, expanded
            for _ in 0..<Int.random(in: 0...30, using: &random) {
                switch Int.random(in: 0..<4, using: &random) {
                case 0:
                    let n = Int.random(in: 1...5, using: &random)
                    builder.appendAligned(n)
                    pairs.append(contentsOf: repeatElement((1, 1), count: n))
                case 1:
                    builder.appendGroup(normalized: 0, original: Int.random(in: 1...3, using: &random))
                default:
                    let n = Int.random(in: 1...3, using: &random), o = Int.random(in: 1...3, using: &random)
                    builder.appendGroup(normalized: n, original: o)
                    pairs.append((n, o))
                }
            }
            let map = builder.build()
            try map.checkInvariants()
            #expect(map.normalizedCount == pairs.reduce(0) { $0 + $1.0 })
        }
    }
}

@Suite struct TSVFileTests {
    @Test func skipsCommentsAndBlankLines() {
        let file = TSVFile(path: "x.tsv", contents: "# header\n\na\tb\r\n  \n#c\nc\t\td\n")
        #expect(file.lines.count == 2)
        #expect(file.lines[0].number == 3)
        #expect(file.lines[0].fields == ["a", "b"])
        #expect(file.lines[1][1] == "")
        #expect(file.lines[1][2] == "d")
        #expect(file.lines[1][7] == "")
    }

    @Test func errorsPointAtFileLineAndColumn() {
        let file = TSVFile(path: "Grammars/x.tsv", contents: "\nbad\n")
        #expect(file.error(file.lines[0], column: 3, "oops").description == "Grammars/x.tsv:2:3: error: oops")
    }
}
