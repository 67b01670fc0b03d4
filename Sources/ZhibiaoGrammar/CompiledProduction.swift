import ZhibiaoCore

/// A rule's production with its fields resolved once, at load: each `$binding` as a capture
/// slot, each literal parsed into its type. ``GrammarEngine`` reads these instead of looking
/// fields up by name for every match.
///
/// Field semantics are those of `Grammars/README.md`: the first field of a name counts (every
/// `comparator` field counts, in order); a `$binding` field whose capture is not set counts as
/// absent.
struct CompiledProduction: Sendable {
    /// A capture slot of the rule's pattern, or -1 for a field that is absent or literal.
    typealias Slot = Int

    /// Whether a field is present at all, and its binding slot when it is `$name`.
    struct Field: Sendable {
        var present = false
        var slot: Slot = -1
        var literal: String?
    }

    // Time productions.
    let timeKind: TimeKind?
    let year, period, start, end, baseline: Field
    /// `frame=`: a frame word's (`$d` bound to 去年, 到) or a literal (`past`).
    let frame: Field
    // Both stages.
    let accumulation: Field
    let accumulationLiteral: Accumulation?
    // Quantity productions.
    let inherit, low, high, value, unit, denominator: Field
    /// `value=` as a fixed decimal (百分之百 → 100).
    let fixedValue: DecimalNumber?
    /// `unit=` as a literal, with its entry in `units.tsv` when it has one.
    let unitLiteral: String?
    let literalUnit: UnitEntry?
    let kind: QuantityKind?
    let baseUnit: BaseUnit?
    let scale: Factor?
    /// Every `comparator` field in order: a binding to a comparator word, or a literal.
    let comparators: [(slot: Slot, literal: Comparator?)]
    let approximate: Bool
    let aspirational: Bool
    let change: Change?
    let role: Role?

    init(rule: Rule, bindingNames: [String], lexicon: Lexicon) {
        let p = rule.production
        func field(_ name: String) -> Field {
            guard let value = p.value(name) else { return Field() }
            var f = Field(present: true, slot: -1, literal: value)
            if value.hasPrefix("$"), let index = bindingNames.firstIndex(of: String(value.dropFirst())) {
                f.slot = index
                f.literal = nil
            } else if value.hasPrefix("$") {
                f.literal = nil
            }
            return f
        }
        timeKind = TimeKind(rawValue: p.value("time") ?? "")
        year = field("year"); period = field("period"); start = field("start"); end = field("end"); baseline = field("baseline")
        frame = field("frame")
        accumulation = field("accumulation")
        accumulationLiteral = p.value("accumulation").flatMap(Accumulation.init)
        inherit = field("inherit"); low = field("low"); high = field("high"); value = field("value"); unit = field("unit")
        denominator = field("denominator")
        if let literal = p.value("value"), !literal.hasPrefix("$") {
            fixedValue = DecimalNumber(parsing: literal.unicodeScalars)
        } else {
            fixedValue = nil
        }
        if let literal = p.value("unit"), !literal.hasPrefix("$") {
            unitLiteral = literal
            literalUnit = lexicon.unit(named: literal)
        } else {
            unitLiteral = nil
            literalUnit = nil
        }
        kind = p.value("kind").flatMap(QuantityKind.init)
        baseUnit = p.value("baseUnit").flatMap(BaseUnit.init)
        scale = p.value("scale").flatMap(Factor.init(parsing:))
        comparators = p.fields.filter { $0.name == "comparator" }.map { field in
            let slot = field.value.hasPrefix("$") ? (bindingNames.firstIndex(of: String(field.value.dropFirst())) ?? -1) : -1
            return (slot, Comparator(rawValue: field.value))
        }
        approximate = p.value("approximate") == "true"
        aspirational = p.value("aspirational") == "true"
        change = p.value("change").flatMap(Change.init)
        role = p.value("role").flatMap(Role.init)
    }
}

/// What the engine reads of a lexicon entry, parsed once from its attributes.
struct EntryFacts: Sendable {
    /// For a unit word: the index into `Lexicon.units`.
    var unit: Int?
    var comparator: Comparator?
    var aspirational = false
    var approximate = false
    /// For a period word: its first and last year.
    var periodStart: Int?
    var periodEnd: Int?
    var accumulation: Accumulation?
    /// For a time word: the frame it sets (去年 past, 到 future).
    var frame: TimeFrame?

    static func all(_ lexicon: Lexicon) -> [EntryFacts] {
        lexicon.entries.map { entry in
            EntryFacts(unit: entry.wordClass == "unit" ? entry["unit"].flatMap { Int($0) } : nil,
                       comparator: entry["comparator"].flatMap(Comparator.init),
                       aspirational: entry["aspirational"] == "true", approximate: entry["approximate"] == "true",
                       periodStart: entry["start"].flatMap { Int($0) }, periodEnd: entry["end"].flatMap { Int($0) },
                       accumulation: entry["accumulation"].flatMap(Accumulation.init),
                       frame: entry["frame"].flatMap(TimeFrame.init))
        }
    }
}
