/// Renders Word's automatic paragraph numbering (`word/numbering.xml`): the "一、", "(二)",
/// "1." and "①" that Word draws but document.xml does not contain.
struct DOCXNumbering {
    struct Level {
        var start = 1
        var format = "decimal"
        var text = "%1."
        var suffix = "tab"
    }

    /// abstractNumId -> levels by ilvl.
    private var abstract: [String: [Int: Level]] = [:]
    /// numId -> (abstractNumId, start overrides by ilvl).
    private var instances: [String: (abstract: String, starts: [Int: Int])] = [:]
    /// numId -> counters by ilvl.
    private var counters: [String: [Int: Int]] = [:]

    init() {}

    init(tree: XMLTree?) {
        guard let root = tree?.root else { return }
        for node in root.elements {
            switch node.name {
            case "abstractNum":
                guard let id = node.attribute("abstractNumId", namespace: DOCXReader.w) else { continue }
                var levels: [Int: Level] = [:]
                for lvl in node.elements where lvl.name == "lvl" {
                    guard let ilvl = lvl.attribute("ilvl", namespace: DOCXReader.w).flatMap(Int.init) else { continue }
                    var level = Level()
                    for property in lvl.elements {
                        let value = property.attribute("val", namespace: DOCXReader.w)
                        switch property.name {
                        case "start": level.start = value.flatMap(Int.init) ?? 1
                        case "numFmt": level.format = value ?? "decimal"
                        case "lvlText": level.text = value ?? ""
                        case "suff": level.suffix = value ?? "tab"
                        default: break
                        }
                    }
                    levels[ilvl] = level
                }
                abstract[id] = levels
            case "num":
                guard let id = node.attribute("numId", namespace: DOCXReader.w) else { continue }
                var abstractID = ""
                var starts: [Int: Int] = [:]
                for child in node.elements {
                    if child.name == "abstractNumId" { abstractID = child.attribute("val", namespace: DOCXReader.w) ?? "" }
                    if child.name == "lvlOverride", let ilvl = child.attribute("ilvl", namespace: DOCXReader.w).flatMap(Int.init) {
                        for start in child.elements where start.name == "startOverride" {
                            starts[ilvl] = start.attribute("val", namespace: DOCXReader.w).flatMap(Int.init)
                        }
                    }
                }
                instances[id] = (abstractID, starts)
            default:
                break
            }
        }
    }

    /// The label of the next paragraph numbered (numId, ilvl), advancing the counters.
    mutating func next(numID: String, level ilvl: Int) -> String {
        guard numID != "0", let instance = instances[numID], let levels = abstract[instance.abstract],
              let level = levels[ilvl] else { return "" }
        var values = counters[numID] ?? [:]
        let start = instance.starts[ilvl] ?? level.start
        values[ilvl] = (values[ilvl] ?? (start - 1)) + 1
        for deeper in values.keys where deeper > ilvl { values[deeper] = nil }
        counters[numID] = values
        if level.format == "none" { return "" }
        // Replace %1…%9 with the counters of those levels.
        var label = ""
        var scalars = Array(level.text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "%", let digit = scalars.first, let n = Int(String(digit)), (1...9).contains(n) {
                scalars.removeFirst()
                let referenced = n - 1
                let value = values[referenced] ?? (levels[referenced]?.start ?? 1)
                let format = levels[referenced]?.format ?? "decimal"
                label += Self.format(value, as: referenced == ilvl ? level.format : format)
            } else {
                label.unicodeScalars.append(scalar)
            }
        }
        if level.format == "bullet" { return "" }  // bullets are decoration, not numbering
        return label + (level.suffix == "nothing" ? "" : " ")
    }

    static func format(_ value: Int, as format: String) -> String {
        switch format {
        case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
             "taiwaneseCountingThousand", "chineseLegalSimplified":
            return chinese(value)
        case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
            let digits = Array("〇一二三四五六七八九")
            return String(String(value).compactMap { $0.wholeNumberValue.map { digits[$0] } })
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
            if (1...20).contains(value) { return String(Unicode.Scalar(0x2460 + UInt32(value - 1))!) }
            return String(value)
        case "decimalEnclosedParen":
            return "(\(value))"
        case "decimalFullWidth", "decimalFullWidth2":
            return String(String(value).unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0xFF10)!) })
        case "decimalZero":
            return value < 10 ? "0\(value)" : String(value)
        case "lowerLetter", "upperLetter":
            let base: UInt32 = format == "lowerLetter" ? 0x61 : 0x41
            let letter = Character(Unicode.Scalar(base + UInt32((value - 1) % 26))!)
            return String(repeating: letter, count: (value - 1) / 26 + 1)
        case "lowerRoman", "upperRoman":
            let roman = Self.roman(value)
            return format == "lowerRoman" ? roman.lowercased() : roman
        case "ideographTraditional":
            let stems = Array("甲乙丙丁戊己庚辛壬癸")
            return value >= 1 && value <= 10 ? String(stems[value - 1]) : String(value)
        case "ideographZodiac":
            let branches = Array("子丑寅卯辰巳午未申酉戌亥")
            return value >= 1 && value <= 12 ? String(branches[value - 1]) : String(value)
        default:
            return String(value)
        }
    }

    /// 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五.
    static func chinese(_ value: Int) -> String {
        let digits = Array("零一二三四五六七八九")
        guard value > 0 && value < 10000 else { return String(value) }
        if value < 10 { return String(digits[value]) }
        if value < 20 { return "十" + (value % 10 == 0 ? "" : String(digits[value % 10])) }
        if value < 100 { return String(digits[value / 10]) + "十" + (value % 10 == 0 ? "" : String(digits[value % 10])) }
        if value < 1000 {
            let rest = value % 100
            let head = String(digits[value / 100]) + "百"
            if rest == 0 { return head }
            return head + (rest < 10 ? "零" + String(digits[rest]) : (rest < 20 ? "一" + chinese(rest) : chinese(rest)))
        }
        let rest = value % 1000
        let head = String(digits[value / 1000]) + "千"
        if rest == 0 { return head }
        return head + (rest < 100 ? "零" + chinese(rest) : chinese(rest))
    }

    static func roman(_ value: Int) -> String {
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = max(1, min(value, 3999))
        var result = ""
        for (amount, text) in table {
            while rest >= amount { result += text; rest -= amount }
        }
        return result
    }
}
