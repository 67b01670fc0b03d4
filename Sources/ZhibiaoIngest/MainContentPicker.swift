/// Picks the block of a page that holds the document, by text density.
///
/// Each line weighs its Han characters plus ten per sentence punctuation mark (，。；：、！？),
/// scaled down by the share of its text inside links; lines of boilerplate elements weigh
/// nothing. Weights add up the element tree; starting from the root, the picker descends into
/// the heaviest child while that child alone holds at least 80% of the page's weight. The
/// element where it stops is the main content. Headings (h1-h3) before it that are not
/// boilerplate are kept too: pages often put the title in a block of its own.
struct MainContentPicker {
    var share = 0.8

    func pick(lines: [HTMLLine], elements: [HTMLElement]) -> Set<Int> {
        guard !elements.isEmpty else { return Set(lines.indices) }
        var weight = [Double](repeating: 0, count: elements.count)
        for line in lines where line.boilerplate == nil && line.element < elements.count {
            weight[line.element] += Self.weight(line)
        }
        // Children are created after their parents: one reverse pass sums subtrees.
        var children = [[Int]](repeating: [], count: elements.count)
        for id in stride(from: elements.count - 1, through: 0, by: -1) {
            let parent = elements[id].parent
            if parent >= 0 {
                weight[parent] += weight[id]
                children[parent].append(id)
            }
        }
        let total = weight[0]
        guard total > 0 else { return Set(lines.indices.filter { lines[$0].boilerplate == nil }) }
        var main = 0
        while let best = children[main].max(by: { weight[$0] < weight[$1] }), weight[best] >= share * total {
            main = best
        }
        // Lines whose element lies inside `main`.
        var inside = [Bool](repeating: false, count: elements.count)
        inside[main] = true
        for id in (main + 1)..<max(main + 1, elements.count) where elements[id].parent >= 0 && inside[elements[id].parent] {
            inside[id] = true
        }
        var result = Set<Int>()
        var firstMain = lines.count
        for (index, line) in lines.enumerated() where inside[line.element] {
            result.insert(index)
            firstMain = min(firstMain, index)
        }
        for index in 0..<firstMain where lines[index].headingLevel.in1to3 && lines[index].boilerplate == nil {
            result.insert(index)
        }
        return result
    }

    static func weight(_ line: HTMLLine) -> Double {
        var han = 0, punctuation = 0
        for scalar in line.text {
            switch scalar.value {
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
            case 0xFF0C, 0x3002, 0xFF1B, 0xFF1A, 0x3001, 0xFF01, 0xFF1F, 0x2C, 0x3B: punctuation += 1
            default: break
            }
        }
        let total = max(line.text.count, 1)
        let linkShare = Double(line.linkCount) / Double(total)
        if linkShare > 0.5 { return 0 }
        return Double(han + 10 * punctuation) * (1 - linkShare) * (1 - linkShare)
    }
}

private extension Int {
    var in1to3: Bool { (1...3).contains(self) }
}
