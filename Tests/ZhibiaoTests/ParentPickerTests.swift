import Testing
import Zhibiao
import ZhibiaoCore
import ZhibiaoStructure

/// `ParentPicker`: which known document a child's citations make its parent.
@Suite struct ParentPickerTests {
    let known = [
        KnownDocument(id: "province", title: "浙江省数字乡村建设行动计划", docNumber: "浙政办发〔2022〕8号"),
        KnownDocument(id: "fitness", title: "浙江省全民健身实施计划", docNumber: nil),
        KnownDocument(id: "notice", title: "国务院关于印发新一代人工智能发展规划的通知", docNumber: nil),
    ]

    func cite(_ title: String?, _ number: String? = nil, at start: Int = 0) -> Citation {
        Citation(title: title, docNumber: number, verb: "根据", span: OriginalSpan(start: start, end: start + 10))
    }

    @Test func aDocumentNumberBeatsATitle() {
        let picker = ParentPicker(known: known)
        guard case .picked(let best, let others) = picker.pick([cite("浙江省全民健身实施计划"), cite(nil, "浙政办发[2022]8号", at: 20)]) else {
            Issue.record("no pick")
            return
        }
        #expect(best.document.id == "province" && best.match == .docNumber && others.map(\.document.id) == ["fitness"])
    }

    @Test func theMoreCitedWinsAmongEquals() {
        let picker = ParentPicker(known: known)
        guard case .picked(let best, _) = picker.pick([cite("浙江省全民健身实施计划"), cite("新一代人工智能发展规划", at: 20),
                                                       cite("新一代人工智能发展规划", at: 40)]) else {
            Issue.record("no pick")
            return
        }
        #expect(best.document.id == "notice" && best.match == .title && best.citations.map(\.span.start) == [20, 40])
    }

    @Test func tiesAndNothingAreSaid() {
        let picker = ParentPicker(known: known)
        guard case .ambiguous(let tied) = picker.pick([cite("浙江省数字乡村建设行动计划"), cite("浙江省全民健身实施计划", at: 20)]) else {
            Issue.record("a tie was broken")
            return
        }
        #expect(tied.map(\.document.id) == ["province", "fitness"])
        guard case .none(let unresolved) = picker.pick([cite("某县乡村发展纲要")]) else {
            Issue.record("an unknown title was resolved")
            return
        }
        #expect(unresolved.count == 1)
        guard case .none(let nothing) = picker.pick([]) else { return }
        #expect(nothing.isEmpty)
        // The child itself is never its own parent.
        guard case .none = picker.pick([cite("浙江省数字乡村建设行动计划")], excluding: "province") else {
            Issue.record("the child picked itself")
            return
        }
    }
}
