import ZhibiaoCore

/// A document a citation may point to: an input file, or a catalog record.
public struct KnownDocument: Sendable, Hashable {
    /// How the caller names it (a path, a catalog id).
    public var id: String
    /// Its title, and any other title it is known by (a catalog's, the one in its text).
    public var titles: [String]
    public var docNumber: String?

    public init(id: String, titles: [String], docNumber: String?) {
        self.id = id
        self.titles = titles
        self.docNumber = docNumber
    }

    public init(id: String, title: String?, docNumber: String?) {
        self.init(id: id, titles: title.map { [$0] } ?? [], docNumber: docNumber)
    }

    /// The first title, if any.
    public var title: String? { titles.first }
}

/// Resolves citations against known documents, by document number first, then by title.
///
/// Titles are compared without spaces, quotation marks, 《》 and punctuation, and without a final
/// bracket that holds a document number or a remark ((国发〔2017〕35号), (2018年中央一号文件));
/// a notice that issues a document (国务院关于印发X的通知) also answers to X. A title that holds
/// the other, the shorter being at least 8 characters and 70% of the longer, is a partial match.
public struct CitationResolver: Sendable {
    /// How a citation found its document.
    public enum Match: String, Sendable, Hashable {
        /// The same document number.
        case docNumber
        /// The same title (or the title of the document a notice issues).
        case title
        /// One title holds the other.
        case partialTitle = "partial-title"
    }

    public struct Resolution: Sendable, Hashable {
        public var document: KnownDocument
        public var match: Match
    }

    private struct Entry: Sendable {
        var document: KnownDocument
        var keys: [[Unicode.Scalar]]
        var number: String?
    }

    private let entries: [Entry]

    public init(documents: [KnownDocument]) {
        entries = documents.map { document in
            var number = document.docNumber.map(Self.normalizedNumber)
            var keys: [[Unicode.Scalar]] = []
            for title in document.titles {
                keys += Self.keys(title).filter { !keys.contains($0) }
                // A title that carries its document number: 新一代人工智能发展规划(国发〔2017〕35号).
                if number == nil, let found = Self.numberInTitle(title) { number = found }
            }
            return Entry(document: document, keys: keys, number: number)
        }
    }

    /// The known document a citation names, if one; `excluding` leaves out the citing document.
    public func resolve(_ citation: Citation, excluding: String? = nil) -> Resolution? {
        let candidates = entries.filter { $0.document.id != excluding }
        if let number = citation.docNumber.map(Self.normalizedNumber),
           let entry = candidates.first(where: { $0.number == number }) {
            return Resolution(document: entry.document, match: .docNumber)
        }
        guard let title = citation.title else { return nil }
        let keys = Self.keys(title)
        if let entry = candidates.first(where: { entry in entry.keys.contains { key in keys.contains(key) } }) {
            return Resolution(document: entry.document, match: .title)
        }
        var best: (entry: Entry, score: Double)?
        for entry in candidates {
            for a in keys {
                for b in entry.keys {
                    let (short, long) = a.count <= b.count ? (a, b) : (b, a)
                    guard short.count >= 8, Double(short.count) >= 0.7 * Double(long.count), Self.contains(long, short) else { continue }
                    let score = Double(short.count) / Double(long.count)
                    if score > best?.score ?? 0 { best = (entry, score) }
                }
            }
        }
        return best.map { Resolution(document: $0.entry.document, match: .partialTitle) }
    }

    /// The forms a title is matched by: the title cleaned, without its final bracket, and the
    /// document a notice issues (…关于印发X的通知 → X).
    static func keys(_ title: String) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = []
        func add(_ key: [Unicode.Scalar]) { if key.count >= 2 && !result.contains(key) { result.append(key) } }
        let clean = cleaned(title)
        add(clean)
        var bare = clean
        if bare.last == ")", let open = bare.lastIndex(of: "(") { bare = Array(bare[..<open]) }
        add(bare)
        for form in [clean, bare] {
            for verb in ["关于印发", "关于转发", "印发"] {
                let v = Array(verb.unicodeScalars)
                guard let at = find(v, in: form) else { continue }
                var inner = Array(form[(at + v.count)...])
                for ending in ["的通知", "的函", "的决定"] where inner.count > ending.unicodeScalars.count && inner.suffix(ending.unicodeScalars.count).elementsEqual(ending.unicodeScalars) {
                    inner.removeLast(ending.unicodeScalars.count)
                    add(inner)
                    if inner.last == ")", let open = inner.lastIndex(of: "(") { add(Array(inner[..<open])) }
                }
                break
            }
        }
        return result
    }

    /// Without spaces, quotation marks, 《》〈〉 and the punctuation titles vary in; full-width
    /// brackets as ASCII.
    static func cleaned(_ title: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for c in title.unicodeScalars {
            switch c {
            case " ", "\u{3000}", "《", "》", "〈", "〉", "“", "”", "\"", "‘", "’", "'", "、", "·", "・", "-", "—", "–", "－": continue
            case "（": result.append("(")
            case "）": result.append(")")
            default: result.append(c)
            }
        }
        return result
    }

    static func normalizedNumber(_ number: String) -> String {
        String(String.UnicodeScalarView(number.unicodeScalars.compactMap { c -> Unicode.Scalar? in
            switch c {
            case "[", "［", "(", "（", "【", "﹝": return "〔"
            case "]", "］", ")", "）", "】", "﹞": return "〕"
            case " ", "\u{3000}", "第": return nil
            default: return c
            }
        }))
    }

    /// A document number in a title's final bracket.
    static func numberInTitle(_ title: String) -> String? {
        let scalars = Array(title.unicodeScalars)
        guard let open = scalars.lastIndex(where: { $0 == "(" || $0 == "（" }) else { return nil }
        let inside = scalars[(open + 1)...].filter { $0 != ")" && $0 != "）" }
        guard inside.contains("号"), inside.contains(where: { $0 == "〔" || $0 == "[" || $0 == "［" }) else { return nil }
        return normalizedNumber(String(String.UnicodeScalarView(inside)))
    }

    static func find(_ word: [Unicode.Scalar], in text: [Unicode.Scalar]) -> Int? {
        guard word.count <= text.count else { return nil }
        for i in 0...(text.count - word.count) where text[i..<(i + word.count)].elementsEqual(word) { return i }
        return nil
    }

    static func contains(_ text: [Unicode.Scalar], _ word: [Unicode.Scalar]) -> Bool { find(word, in: text) != nil }
}
