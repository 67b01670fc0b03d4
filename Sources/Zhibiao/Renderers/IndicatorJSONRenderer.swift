import ZhibiaoCore

/// Indicators as JSON: one object per line (`jsonl`, the catalog contract) or one array (`json`).
public enum IndicatorJSONRenderer {
    /// Field order of the contract (README, "Indicator JSON Lines").
    public static func write(_ i: Indicator, into json: inout JSONWriter) {
        json.beginObject()
        json.field("doc", i.doc)
        json.field("id", i.id)
        json.field("start", i.span.start)
        json.field("end", i.span.end)
        json.field("surface", i.surface)
        json.field("sentence", i.sentence)
        json.key("value"); json.number(literal: i.value.description)
        json.field("unit", i.unit)
        json.key("baseValue"); if let base = i.baseValue { json.number(literal: base.description) } else { json.null() }
        json.field("baseUnit", i.baseUnit.rawValue)
        json.field("kind", i.kind.rawValue)
        json.field("comparator", i.comparator.rawValue)
        json.field("approximate", i.approximate)
        json.key("low"); if let low = i.low { json.number(literal: low.description) } else { json.null() }
        json.key("high"); if let high = i.high { json.number(literal: high.description) } else { json.null() }
        json.field("year", i.year)
        json.field("baselineYear", i.baselineYear)
        json.field("baseline", i.baseline)
        json.field("periodStart", i.periodStart)
        json.field("periodEnd", i.periodEnd)
        json.field("accumulation", i.accumulation?.rawValue)
        json.field("change", i.change?.rawValue)
        json.field("aspirational", i.aspirational)
        json.field("metric", i.metric)
        json.field("scope", i.scope)
        json.field("section", i.section)
        json.field("role", i.role.rawValue)
        json.field("rule", i.rule)
        json.key("rules")
        json.beginArray()
        for rule in i.rules { json.string(rule) }
        json.endArray()
        json.endObject()
    }

    /// Elements of a JSON array (one per line, each followed by a comma unless `last`), so that
    /// an array over many documents can be written as each is done.
    public static func arrayElements(_ indicators: [Indicator], first: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, indicator) in indicators.enumerated() {
            if !(first && index == 0) { bytes.append(contentsOf: ",\n".utf8) }
            var json = JSONWriter(capacity: 600)
            write(indicator, into: &json)
            bytes.append(contentsOf: json.bytes)
        }
        return bytes
    }

    public static func jsonLines(_ indicators: [Indicator]) -> [UInt8] {
        var json = JSONWriter(capacity: indicators.count * 600)
        for indicator in indicators {
            write(indicator, into: &json)
            json.newline()
        }
        return json.bytes
    }
}
