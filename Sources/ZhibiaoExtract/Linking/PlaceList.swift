import ZhibiaoGrammar

/// Names of places written as a list (越秀区、海珠区、…增城区的…): each name ends with a word of
/// `place.suffix` (区, 县, 市, 镇) and has at most six characters; the names are separated by 、.
struct PlaceList {
    let classes: LinkerClasses
    static let maxName = 6

    /// A place list that ends with 的 at or after `a` (its names may start before `a`, back to the
    /// clause's start, when `a` follows a 、): the list's span and where the metric starts.
    func before(_ a: Int, upTo b: Int, clauseStart: Int, text: [Unicode.Scalar], words: WordIndex) -> (list: Range<Int>, after: Int)? {
        // The name at a, up to 的.
        var k = a
        while k < b && k - a <= Self.maxName && text[k] != "的" && text[k] != "、" { k += 1 }
        guard k < b, text[k] == "的", isPlace(a..<k, words: words) else { return nil }
        var start = a
        // Names before it, back over 、.
        while start > clauseStart + 1 && text[start - 1] == "、" {
            var j = start - 1
            while j > clauseStart && text[j - 1] != "、" && start - 1 - j < Self.maxName && !Punctuation.isClauseBreak(text[j - 1]) { j -= 1 }
            guard isPlace(j..<(start - 1), words: words) else { break }
            start = j
        }
        return (start..<k, k + 1)
    }

    /// The names of the last list of two or more places in `range`.
    func lastList(in range: Range<Int>, text: [Unicode.Scalar], words: WordIndex) -> [Range<Int>] {
        var lists: [[Range<Int>]] = []
        var current: [Range<Int>] = []
        var start = range.lowerBound
        for k in range.lowerBound...range.upperBound {
            let atBreak = k == range.upperBound || text[k] == "、" || text[k] == "的" || Punctuation.isClauseBreak(text[k])
            guard atBreak else { continue }
            let name = start..<k
            if isPlace(name, words: words) {
                current.append(name)
            } else {
                if current.count >= 2 { lists.append(current) }
                current = []
            }
            if k < range.upperBound && text[k] != "、" {
                if current.count >= 2 { lists.append(current) }
                current = []
            }
            start = k + 1
        }
        if current.count >= 2 { lists.append(current) }
        return lists.last ?? []
    }

    private func isPlace(_ name: Range<Int>, words: WordIndex) -> Bool {
        guard name.count >= 2, name.count <= Self.maxName else { return false }
        return words.ending(at: name.upperBound).contains { classes.placeSuffix.contains($0.wordClass) && $0.start > name.lowerBound }
    }
}
