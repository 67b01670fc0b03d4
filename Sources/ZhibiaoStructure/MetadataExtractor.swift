import ZhibiaoCore

/// Finds the official-document elements (GB/T 9704-2012) of a document: title, issuers,
/// document number, addressees, date of issue, web publication dates, attachments and the
/// plan period. Each field keeps its span; a field not found is left out, never guessed.
///
/// The header is the text before the first section marker; the signature block (issuer and
/// date) may also close the document. Labeled fields (发文字号：…, 发布于：…) are read
/// anywhere, noise included, since page footers carry the publication dates.
struct MetadataExtractor {
    let lexicon: StructureLexicon
    let document: NormalizedDocument
    let lines: [Line]
    /// The normalized text, held here (a stored array: reading it costs no reference count).
    private let text: [Unicode.Scalar]
    /// First characters of the labels: most positions start none.
    private let labelStarts: ScalarSet

    init(lexicon: StructureLexicon, document: NormalizedDocument, lines: [Line]) {
        self.lexicon = lexicon
        self.document = document
        self.lines = lines
        self.text = document.text
        self.labelStarts = lexicon.labelStarts
    }

    func extract() -> DocumentMetadata {
        var metadata = DocumentMetadata()
        let body = lines.indices.filter { lines[$0].noise == nil }
        let firstSection = body.first { lines[$0].marker != nil } ?? lines.count
        let header = body.filter { $0 < firstSection }.prefix(20)
        let trailer = body.suffix(8)

        let labeled = labeledFields()
        metadata.title = labeled[.title]?.first ?? title(in: Array(header))
        metadata.published = labeled[.published]?.first
        metadata.modified = labeled[.modified]?.first
        metadata.attachments = labeled[.attachments] ?? []

        // Issuers and date: a signature block (issuer line, then a date line) in the header,
        // else at the end; labeled fields win.
        let headerIssuer = header.first { issuers(of: $0) != nil }
        let trailerIssuer = trailer.last { issuers(of: $0) != nil && $0 >= firstSection }
        if let labeledIssuers = labeled[.issuers] {
            metadata.issuers = labeledIssuers
        } else if let index = headerIssuer ?? trailerIssuer, let found = issuers(of: index) {
            metadata.issuers = found
        }
        if let labeledDate = labeled[.date]?.first {
            metadata.date = labeledDate
        } else {
            let anchor = headerIssuer ?? trailerIssuer
            let candidates = anchor.map { [$0 + 1, $0 - 1] } ?? []
            let found = candidates.first { $0 >= 0 && $0 < lines.count && lines[$0].noise == nil && dateLine($0) != nil }
                ?? header.first { dateLine($0) != nil } ?? trailer.last { dateLine($0) != nil }
            metadata.date = found.flatMap(dateLine)
        }
        metadata.docNumber = labeled[.docNumber]?.first ?? docNumber(header: Array(header), body: body)
        metadata.addressees = header.lazy.compactMap(addressees).first ?? []
        if let title = metadata.title { metadata.period = period(in: title) }
        return metadata
    }

    // MARK: Fields

    private func field(_ value: String, _ span: NormalizedSpan) -> MetadataField {
        MetadataField(value: value, text: document.originalString(for: span), span: document.map.originalSpan(of: span))
    }

    private func string(_ span: NormalizedSpan) -> String { String(scalars: text[span.range]) }

    /// Fields introduced by a label of `metadata-labels.tsv`, anywhere in the document:
    /// `发文字号:国发〔2019〕4号`, `发布于: 2025年11月30日 · 修改于: 2026年2月6日`, table rows
    /// `成文日期:<TAB>2019年01月24日`. Spaces inside a label (标 题) are ignored.
    private func labeledFields() -> [StructureLexicon.LabelField: [MetadataField]] {
        var result: [StructureLexicon.LabelField: [MetadataField]] = [:]
        for line in lines {
            var i = line.span.start
            let end = line.span.end
            while i < end {
                guard let (field, after) = label(at: i, end: end) else { i += 1; continue }
                // The value: up to the next tab, "·" or label (several fields share a line).
                var valueStart = after
                while valueStart < end && (text[valueStart] == " " || text[valueStart] == "\t") { valueStart += 1 }
                var valueEnd = valueStart
                while valueEnd < end && text[valueEnd] != "\t" && text[valueEnd] != "·" && label(at: valueEnd, end: end) == nil {
                    valueEnd += 1
                }
                while valueEnd > valueStart && text[valueEnd - 1] == " " { valueEnd -= 1 }
                if valueEnd > valueStart, let value = self.value(of: field, in: valueStart..<valueEnd) {
                    result[field, default: []].append(value)
                }
                i = max(valueEnd, i + 1)
            }
        }
        return result
    }

    /// A label at `i` followed by ":" (spaces inside the label allowed); returns the field and
    /// the offset after the colon.
    @inline(__always)
    private func label(at i: Int, end: Int) -> (StructureLexicon.LabelField, Int)? {
        guard labelStarts.contains(text[i]) else { return nil }
        return labelAfterStart(at: i, end: end)
    }

    private func labelAfterStart(at i: Int, end: Int) -> (StructureLexicon.LabelField, Int)? {
        if i > 0, text[i - 1].properties.isIdeographic { return nil }  // inside a word
        for (label, field) in lexicon.labels {
            var j = i, k = 0
            while j < end && k < label.count {
                if text[j] == label[k] { j += 1; k += 1 } else if text[j] == " " && k > 0 { j += 1 } else { break }
            }
            guard k == label.count else { continue }
            while j < end && text[j] == " " { j += 1 }
            if j < end && text[j] == ":" { return (field, j + 1) }
            // A table cell "成文日期" followed by a tab and the value.
            if j < end && text[j] == "\t" { return (field, j + 1) }
        }
        return nil
    }

    private func value(of field: StructureLexicon.LabelField, in range: Range<Int>) -> MetadataField? {
        switch field {
        case .date, .published, .modified:
            guard let date = DateReader.first(in: text, from: range.lowerBound, to: range.upperBound) else { return nil }
            return self.field(date.iso, NormalizedSpan(date.range))
        case .docNumber:
            guard let number = DocNumberReader.first(in: text, from: range.lowerBound, to: range.upperBound) else { return nil }
            return self.field(string(NormalizedSpan(number)), NormalizedSpan(number))
        case .title, .issuers, .attachments:
            let span = NormalizedSpan(range)
            return self.field(string(span), span)
        case .ignore:
            return nil
        }
    }

    /// The first title-like line of the header, joined with the next when a title is broken
    /// over two lines (国务院关于印发国家职业教育改革 / 实施方案的通知).
    private func title(in header: [Int]) -> MetadataField? {
        for (position, index) in header.enumerated() {
            let span = lines[index].span
            guard titleLike(span), issuers(of: index) == nil, dateLine(index) == nil else { continue }
            if endsWithDocumentType(span) {
                var start = span.start
                while start < span.end && (text[start] == "#" || text[start] == " ") { start += 1 }
                let title = NormalizedSpan(start: start, end: span.end)
                return field(string(title), title)
            }
            // Broken title: this line and the next together end with a document type.
            if position + 1 < header.count {
                let next = lines[header[position + 1]].span
                if header[position + 1] == index + 1, titleLike(next), endsWithDocumentType(next), span.count <= 40 {
                    let joined = NormalizedSpan(start: span.start, end: next.end)
                    let value = string(span) + string(next)
                    return field(value, joined)
                }
            }
        }
        return nil
    }

    private func titleLike(_ span: NormalizedSpan) -> Bool {
        guard span.count >= 4 && span.count <= 120 else { return false }
        let scalars = text[span.range]
        if scalars.contains(where: { $0 == "。" || $0 == "\t" || $0 == ";" || $0 == "?" || $0 == "!" }) { return false }
        if scalars.last == ":" || scalars.last == "," { return false }
        return scalars.contains { $0.properties.isIdeographic }
    }

    /// Ends with a document type word, possibly followed by a bracketed remark:
    /// …实施方案(2023-2027年), …管理办法(试行).
    private func endsWithDocumentType(_ span: NormalizedSpan) -> Bool {
        var end = span.end
        if text[end - 1] == ")" || text[end - 1] == "》" {
            var j = end - 1
            while j > span.start && text[j] != "(" && text[j] != "《" { j -= 1 }
            if j > span.start { end = j }
        }
        for word in lexicon.documentTypes where end - span.start >= word.count {
            if text[(end - word.count)..<end].elementsEqual(word) { return true }
        }
        return false
    }

    /// Issuing bodies when the line consists of organization names only.
    private func issuers(of index: Int) -> [MetadataField]? {
        let span = lines[index].span
        guard span.count <= 160, lines[index].marker == nil else { return nil }
        var names: [NormalizedSpan] = []
        var start = span.start
        for i in span.start...span.end {
            if i == span.end || text[i] == " " || text[i] == "、" {
                if i > start { names.append(NormalizedSpan(start: start, end: i)) }
                start = i + 1
            }
        }
        guard !names.isEmpty else { return nil }
        for name in names {
            guard name.count >= 2 && name.count <= 40 else { return nil }
            let scalars = text[name.range]
            guard scalars.allSatisfy({ $0.properties.isIdeographic || $0 == "(" || $0 == ")" }) else { return nil }
            guard lexicon.organizationSuffixes.contains(where: { $0.count < scalars.count && scalars.suffix($0.count).elementsEqual($0) })
                    || lexicon.organizationSuffixes.contains(where: { scalars.elementsEqual($0) && $0.count >= 3 }) else { return nil }
        }
        return names.map { field(string($0), $0) }
    }

    /// A line that is only a date.
    private func dateLine(_ index: Int) -> MetadataField? {
        let span = lines[index].span
        guard let date = DateReader.date(in: text, at: span.start, end: span.end) else { return nil }
        var end = date.range.upperBound
        while end < span.end && (text[end] == " " || text[end] == "。") { end += 1 }
        guard end == span.end else { return nil }
        return field(date.iso, NormalizedSpan(date.range))
    }

    /// A standalone document-number line in the header, else the number in an attachment line
    /// (附件:余政办〔2023〕29号.wps). Numbers cited in the body are other documents'.
    private func docNumber(header: [Int], body: [Int]) -> MetadataField? {
        for index in header {
            let span = lines[index].span
            if let number = DocNumberReader.first(in: text, from: span.start, to: span.end),
               number.lowerBound == span.start, text[number.upperBound..<span.end].allSatisfy({ $0 == " " }) {
                return field(string(NormalizedSpan(number)), NormalizedSpan(number))
            }
        }
        for index in body {
            let span = lines[index].span
            let attachment = Array("附件".unicodeScalars)
            guard text[span.range].starts(with: attachment),
                  let number = DocNumberReader.first(in: text, from: span.start, to: span.end) else { continue }
            return field(string(NormalizedSpan(number)), NormalizedSpan(number))
        }
        return nil
    }

    /// 各镇人民政府、街道办事处,专班各成员单位: groups separated by commas; a group is split at
    /// 、 only when every part is an organization name (各省、自治区、直辖市人民政府 stays whole).
    private func addressees(_ index: Int) -> [MetadataField]? {
        let span = lines[index].span
        guard span.count <= 200, text[span.end - 1] == ":", lines[index].marker == nil else { return nil }
        let scalars = text[span.start..<(span.end - 1)]
        guard !scalars.contains(where: { $0 == "。" || $0 == "\t" }) else { return nil }
        if label(at: span.start, end: span.end) != nil { return nil }
        guard scalars.first == "各" || isOrganization(scalars) || scalars.contains(where: { $0 == "," || $0 == "、" }) && scalars.first == "各" else {
            return nil
        }
        var result: [MetadataField] = []
        for group in split(NormalizedSpan(start: span.start, end: span.end - 1), at: [",", "，", ";", "；"]) {
            let parts = split(group, at: ["、"])
            let separate = parts.count > 1 && parts.allSatisfy { isOrganization(text[$0.range]) }
            for part in separate ? parts : [group] { result.append(field(string(part), part)) }
        }
        return result.isEmpty ? nil : result
    }

    private func split(_ span: NormalizedSpan, at separators: Set<Unicode.Scalar>) -> [NormalizedSpan] {
        var result: [NormalizedSpan] = []
        var start = span.start
        for i in span.start...span.end where i == span.end || separators.contains(text[i]) {
            var a = start, b = i
            while a < b && text[a] == " " { a += 1 }
            while b > a && text[b - 1] == " " { b -= 1 }
            if b > a { result.append(NormalizedSpan(start: a, end: b)) }
            start = i + 1
        }
        return result
    }

    private func isOrganization(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        lexicon.organizationSuffixes.contains { $0.count < scalars.count && scalars.suffix($0.count).elementsEqual($0) }
    }

    /// 2023-2027 from a title "…实施方案(2023-2027年)", or a named period (“十四五”).
    private func period(in title: MetadataField) -> MetadataField? {
        let span = document.map.normalizedSpan(of: title.span)
        var i = span.start
        while i + 9 <= span.end {
            if DateReader.isDigit(text[i]), i == 0 || !DateReader.isDigit(text[i - 1]),
               let start = ChineseNumeral.arabic(text[i..<(i + 4)]) {
                var j = i + 4
                while j < span.end && text[j] == " " { j += 1 }
                if j < span.end && (text[j] == "-" || text[j] == "~" || text[j] == "至" || text[j] == "到") {
                    j += 1
                    while j < span.end && text[j] == " " { j += 1 }
                    if j + 4 <= span.end, let end = ChineseNumeral.arabic(text[j..<(j + 4)]), end >= start, end - start <= 30 {
                        var stop = j + 4
                        if stop < span.end && text[stop] == "年" { stop += 1 }
                        return field("\(start)-\(end)", NormalizedSpan(start: i, end: stop))
                    }
                }
            }
            i += 1
        }
        for (word, start, end) in lexicon.periods {
            var j = span.start
            while j + word.count <= span.end {
                if text[j..<(j + word.count)].elementsEqual(word) {
                    return field("\(start)-\(end)", NormalizedSpan(start: j, end: j + word.count))
                }
                j += 1
            }
        }
        return nil
    }
}

/// Document numbers (发文字号): an issuer's abbreviation, the year in 〔〕 (or [] ()), a serial
/// number and 号: 余政办〔2023〕29号, 国办发〔2018〕118号, 穗府办规〔2022〕13号.
enum DocNumberReader {
    static func first(in text: [Unicode.Scalar], from start: Int, to end: Int) -> Range<Int>? {
        var i = start
        while i < end {
            if let range = number(in: text, openAt: i, start: start, end: end) { return range }
            i += 1
        }
        return nil
    }

    static func number(in text: [Unicode.Scalar], openAt i: Int, start: Int, end: Int) -> Range<Int>? {
        let open = text[i]
        let close: Unicode.Scalar
        switch open {
        case "〔": close = "〕"
        case "[": close = "]"
        case "(": close = ")"
        case "【": close = "】"
        case "﹝": close = "﹞"
        default: return nil
        }
        guard i + 6 < end, text[(i + 1)...(i + 4)].allSatisfy(DateReader.isDigit), text[i + 5] == close else { return nil }
        var j = i + 6
        while j < end && j - (i + 6) < 5 && DateReader.isDigit(text[j]) { j += 1 }
        guard j > i + 6, j < end, text[j] == "号" else { return nil }
        var k = i
        while k > start && i - k < 10 && text[k - 1].properties.isIdeographic { k -= 1 }
        guard k < i else { return nil }
        return k..<(j + 1)
    }
}
