/// The indicator catalog's fields, in the contract's order: one schema for the JSON key, the
/// CSV header, rule examples, evaluation and the catalog's columns.
///
/// Adding a field here adds it to every output; `value(of:)` and `Indicator.init(json:)` are
/// the only places that know how a field is stored.
public enum IndicatorField: String, Sendable, Hashable, CaseIterable {
    case doc, id, start, end, surface, sentence, sentenceStart, sentenceEnd
    case value, unit, baseValue, baseUnit, kind, comparator, approximate, low, high
    case year, yearSource, baselineYear, baseline, baselineValue, periodStart, periodEnd
    case accumulation, change, aspirational, bindingness
    case action, metric, metricKey, category, scope, section
    case role, roleBasis, cell, rule, rules

    /// A field's value, typed as the JSON contract writes it.
    public enum Value: Sendable, Hashable {
        case null
        case string(String)
        case int(Int)
        case decimal(DecimalNumber)
        case bool(Bool)
        case strings([String])
        case cell(TableCell)

        /// As text: numbers in plain decimal notation, `true`/`false`, lists joined by spaces,
        /// a cell as `table:row:column`; nil for null.
        public var text: String? {
            switch self {
            case .null: nil
            case .string(let s): s
            case .int(let n): String(n)
            case .decimal(let d): d.description
            case .bool(let b): String(b)
            case .strings(let list): list.joined(separator: " ")
            case .cell(let c): "\(c.table):\(c.row):\(c.column)"
            }
        }
    }

    public func value(of i: Indicator) -> Value {
        func opt(_ s: String?) -> Value { s.map(Value.string) ?? .null }
        func opt(_ n: Int?) -> Value { n.map(Value.int) ?? .null }
        func opt(_ d: DecimalNumber?) -> Value { d.map(Value.decimal) ?? .null }
        switch self {
        case .doc: return .string(i.doc)
        case .id: return .string(i.id)
        case .start: return .int(i.span.start)
        case .end: return .int(i.span.end)
        case .surface: return .string(i.surface)
        case .sentence: return .string(i.sentence)
        case .sentenceStart: return .int(i.sentenceSpan.start)
        case .sentenceEnd: return .int(i.sentenceSpan.end)
        case .value: return .decimal(i.value)
        case .unit: return .string(i.unit)
        case .baseValue: return opt(i.baseValue)
        case .baseUnit: return .string(i.baseUnit.rawValue)
        case .kind: return .string(i.kind.rawValue)
        case .comparator: return .string(i.comparator.rawValue)
        case .approximate: return .bool(i.approximate)
        case .low: return opt(i.low)
        case .high: return opt(i.high)
        case .year: return opt(i.year)
        case .yearSource: return opt(i.yearSource?.rawValue)
        case .baselineYear: return opt(i.baselineYear)
        case .baseline: return opt(i.baseline)
        case .baselineValue: return opt(i.baselineValue)
        case .periodStart: return opt(i.periodStart)
        case .periodEnd: return opt(i.periodEnd)
        case .accumulation: return opt(i.accumulation?.rawValue)
        case .change: return opt(i.change?.rawValue)
        case .aspirational: return .bool(i.aspirational)
        case .bindingness: return opt(i.bindingness?.rawValue)
        case .action: return opt(i.action)
        case .metric: return opt(i.metric)
        case .metricKey: return opt(i.metricKey)
        case .category: return opt(i.category)
        case .scope: return opt(i.scope)
        case .section: return .string(i.section)
        case .role: return .string(i.role.rawValue)
        case .roleBasis: return opt(i.roleBasis)
        case .cell: return i.cell.map(Value.cell) ?? .null
        case .rule: return .string(i.rule)
        case .rules: return .strings(i.rules)
        }
    }
}

extension IndicatorField {
    /// Every field with its JSON key as written (`"name":`), computed once.
    static let jsonKeys: [(IndicatorField, [UInt8])] = allCases.map { ($0, JSONWriter.keyBytes($0.rawValue)) }
}

extension Indicator {
    /// Writes the indicator as one JSON object with every ``IndicatorField`` in order.
    public func write(into json: inout JSONWriter) {
        json.beginObject()
        for (field, key) in IndicatorField.jsonKeys {
            json.key(bytes: key)
            switch field.value(of: self) {
            case .null: json.null()
            case .string(let s): json.string(s)
            case .int(let n): json.int(n)
            case .decimal(let d): json.decimal(d)
            case .bool(let b): json.bool(b)
            case .strings(let list):
                json.beginArray()
                for item in list { json.string(item) }
                json.endArray()
            case .cell(let c):
                json.beginObject()
                json.field("table", c.table)
                json.field("row", c.row)
                json.field("column", c.column)
                json.endObject()
            }
        }
        json.endObject()
    }

    /// Reads an indicator back from its JSON object (a line of `extract --format jsonl`, a
    /// catalog row). Fields added to the contract later may be absent: they read as null.
    public init(json: JSONValue) throws(IndicatorDecodingError) {
        func string(_ f: IndicatorField) throws(IndicatorDecodingError) -> String {
            guard let s = json[f.rawValue]?.stringValue else { throw IndicatorDecodingError(field: f.rawValue, problem: "a string is required") }
            return s
        }
        func int(_ f: IndicatorField) throws(IndicatorDecodingError) -> Int {
            guard let n = json[f.rawValue]?.intValue else { throw IndicatorDecodingError(field: f.rawValue, problem: "an integer is required") }
            return n
        }
        func optString(_ f: IndicatorField) -> String? { json[f.rawValue]?.stringValue }
        func optInt(_ f: IndicatorField) -> Int? { json[f.rawValue]?.intValue }
        func optDecimal(_ f: IndicatorField) throws(IndicatorDecodingError) -> DecimalNumber? {
            guard let v = json[f.rawValue], !v.isNull else { return nil }
            guard let d = v.decimalValue else { throw IndicatorDecodingError(field: f.rawValue, problem: "a decimal number is required") }
            return d
        }
        func enumValue<E: RawRepresentable>(_ f: IndicatorField, _ type: E.Type) throws(IndicatorDecodingError) -> E? where E.RawValue == String {
            guard let raw = optString(f) else { return nil }
            guard let e = E(rawValue: raw) else { throw IndicatorDecodingError(field: f.rawValue, problem: "unknown value '\(raw)'") }
            return e
        }
        func required<E: RawRepresentable>(_ f: IndicatorField, _ type: E.Type) throws(IndicatorDecodingError) -> E where E.RawValue == String {
            guard let e = try enumValue(f, type) else { throw IndicatorDecodingError(field: f.rawValue, problem: "a value is required") }
            return e
        }
        let start = try int(.start), end = try int(.end)
        guard start <= end else { throw IndicatorDecodingError(field: "end", problem: "end \(end) before start \(start)") }
        let sentenceStart = optInt(.sentenceStart) ?? start, sentenceEnd = optInt(.sentenceEnd) ?? end
        guard sentenceStart <= sentenceEnd else { throw IndicatorDecodingError(field: "sentenceEnd", problem: "before sentenceStart") }
        guard let value = try optDecimal(.value) else { throw IndicatorDecodingError(field: "value", problem: "a number is required") }
        var cell: TableCell?
        if let c = json[IndicatorField.cell.rawValue], !c.isNull {
            guard let t = c["table"]?.intValue, let r = c["row"]?.intValue, let k = c["column"]?.intValue else {
                throw IndicatorDecodingError(field: "cell", problem: "table, row and column are required")
            }
            cell = TableCell(table: t, row: r, column: k)
        }
        var rules: [String] = []
        if case .array(let items)? = json[IndicatorField.rules.rawValue] { rules = items.compactMap(\.stringValue) }
        if rules.isEmpty, let rule = optString(.rule), !rule.isEmpty { rules = [rule] }
        self.init(
            doc: try string(.doc), id: try string(.id), span: OriginalSpan(start: start, end: end), surface: try string(.surface),
            sentenceSpan: OriginalSpan(start: sentenceStart, end: sentenceEnd), sentence: optString(.sentence) ?? "",
            value: value, unit: optString(.unit) ?? "", baseValue: try optDecimal(.baseValue),
            baseUnit: try required(.baseUnit, BaseUnit.self), kind: try required(.kind, QuantityKind.self),
            comparator: try required(.comparator, Comparator.self), approximate: json[IndicatorField.approximate.rawValue]?.boolValue ?? false,
            low: try optDecimal(.low), high: try optDecimal(.high), year: optInt(.year), baselineYear: optInt(.baselineYear),
            baseline: optString(.baseline), periodStart: optInt(.periodStart), periodEnd: optInt(.periodEnd),
            accumulation: try enumValue(.accumulation, Accumulation.self), change: try enumValue(.change, Change.self),
            aspirational: json[IndicatorField.aspirational.rawValue]?.boolValue ?? false, metric: optString(.metric),
            scope: optString(.scope), section: optString(.section) ?? "", role: try required(.role, Role.self), rules: rules,
            yearSource: try enumValue(.yearSource, YearSource.self), baselineValue: try optDecimal(.baselineValue),
            bindingness: try enumValue(.bindingness, Bindingness.self), action: optString(.action), metricKey: optString(.metricKey),
            roleBasis: optString(.roleBasis), cell: cell, category: optString(.category))
    }
}

/// A catalog record that is not an indicator: which field, and what is wrong with it.
public struct IndicatorDecodingError: Error, Sendable, CustomStringConvertible {
    public var field: String
    public var problem: String
    public var description: String { "field '\(field)': \(problem)" }
}
