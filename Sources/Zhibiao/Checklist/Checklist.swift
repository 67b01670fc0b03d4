import ZhibiaoCore

/// The researcher's checklist of a plan: its targets grouped by the section they stand in, each
/// with the target, deadline and baseline in words, ready to tick off.
///
/// Facts (baselines, typical durations, thresholds inside a metric) are left out; the catalog
/// (`zhibiao extract`) has them.
public struct Checklist: Sendable {
    /// A heading of the document, with the targets that stand directly under it.
    public struct Group: Sendable {
        /// Section path (四/(一)/1), "" for text outside every section.
        public var path: String
        /// Depth of the section (1 for 一、); 0 outside sections.
        public var level: Int
        /// The heading as written in the original (一、總體目標).
        public var title: String
        public var items: [Item]
    }

    /// One target.
    public struct Item: Sendable {
        public var indicator: Indicator
        /// ≥ 3000个, 2至3年, 约十几万元, with what qualifies it (累计, 年增, 力争).
        public var target: String
        /// 2027年, 2023–2027年, or "".
        public var deadline: String
        /// 比2022年, 较建设前, 2020年：60.6% (a table's base-year value), or "".
        public var baseline: String
        /// 约束性 (binding), 预期性 (expected), or "" when the document does not say.
        public var bindingness: String
    }

    public var doc: String
    /// The title as written in the original.
    public var title: String?
    /// The document's title, issuer and date (normalized), for the CSV's every row.
    public var document: DocumentColumns
    /// Every heading on the way to a target, in document order; headings without targets of
    /// their own are kept (with no items) when a deeper section has some.
    public var groups: [Group]

    public var itemCount: Int { groups.reduce(0) { $0 + $1.items.count } }

    public init(document: NormalizedDocument, tree: DocumentTree, indicators: [Indicator]) {
        self.doc = document.source.path
        self.title = tree.metadata.title.map { document.originalString($0.span) }
        self.document = DocumentColumns(metadata: tree.metadata)
        let targets = indicators.filter { $0.role == .target }
        var byPath: [String: [Item]] = [:]
        for indicator in targets { byPath[indicator.section, default: []].append(Self.item(indicator)) }
        // Paths that hold targets, and their ancestors.
        var wanted = Set<String>()
        for path in byPath.keys {
            var p = path
            wanted.insert(p)
            while let slash = p.lastIndex(of: "/") {
                p = String(p[..<slash])
                wanted.insert(p)
            }
        }
        var groups: [Group] = []
        if let root = byPath[""] { groups.append(Group(path: "", level: 0, title: "", items: root)) }
        for node in tree.nodes where node.level > 0 && wanted.contains(node.path) {
            // The marker and heading as written: from the marker's start to the heading's end.
            let start = node.markerSpan?.start ?? node.headingSpan?.start
            let end = node.headingSpan?.end ?? node.markerSpan?.end
            let title = start.flatMap { s in end.map { e in document.originalString(OriginalSpan(start: s, end: max(s, e))) } }
                ?? (node.marker ?? "") + (node.heading ?? "")
            groups.append(Group(path: node.path, level: node.level, title: title, items: byPath[node.path] ?? []))
        }
        self.groups = groups
    }

    static func item(_ i: Indicator) -> Item {
        Item(indicator: i, target: target(i), deadline: deadline(i), baseline: baseline(i), bindingness: bindingness(i))
    }

    /// The comparator as a sign before the quantity as written; the qualifiers after it.
    static func target(_ i: Indicator) -> String {
        let sign: String
        switch i.comparator {
        case .equal: sign = ""
        case .atLeast: sign = "≥ "
        case .more: sign = "> "
        case .atMost: sign = "≤ "
        case .less: sign = "< "
        case .about: sign = "约 "
        }
        var qualifiers: [String] = []
        switch i.accumulation {
        case .annual?: qualifiers.append("每年")
        case .cumulative?: qualifiers.append("累计")
        case .increment?: qualifiers.append("新增")
        case .annualAverage?: qualifiers.append("年均")
        case nil: break
        }
        switch i.change {
        case .increase?: qualifiers.append("增加")
        case .decrease?: qualifiers.append("减少")
        case nil: break
        }
        if i.aspirational { qualifiers.append("力争") }
        var written = sign + i.surface
        if i.rules.contains(where: { $0.hasPrefix("table.") }) {
            // A table cell shows its own comparator (>6.5, 80以上); its unit is in the row's name.
            written = i.surface + (i.unit.isEmpty || i.surface.contains(i.unit) ? "" : i.unit)
        }
        return written + (qualifiers.isEmpty ? "" : "（" + qualifiers.joined(separator: "，") + "）")
    }

    /// The deadline as the sentence says it (2025年); an inferred one says where it came from:
    /// `2027年 (plan period)` from the plan's period, `2026年 (heading)` from a heading or lead-in.
    static func deadline(_ i: Indicator) -> String {
        let inferred: String
        switch i.yearSource {
        case .period?: inferred = " (plan period)"
        case .heading?: inferred = " (heading)"
        case .sentence?, .table?, nil: inferred = ""
        }
        if let start = i.periodStart, let end = i.periodEnd, i.year == nil || i.year == end { return "\(start)–\(end)年" + inferred }
        if let year = i.year { return "\(year)年" + inferred }
        return ""
    }

    static func baseline(_ i: Indicator) -> String {
        if let value = i.baselineValue {
            let written = i.baseUnit == .fraction ? (value.multiplied(byPowerOfTen: 2).map { "\($0)%" } ?? value.description)
                : "\(value) \(i.baseUnit.rawValue)"
            return (i.baselineYear.map { "\($0)年：" } ?? "基期：") + written
        }
        if let year = i.baselineYear { return "比\(year)年" }
        if let text = i.baseline { return text }
        return ""
    }

    static func bindingness(_ i: Indicator) -> String {
        switch i.bindingness {
        case .binding?: "约束性"
        case .expected?: "预期性"
        case nil: ""
        }
    }
}
