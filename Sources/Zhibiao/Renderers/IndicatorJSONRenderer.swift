import ZhibiaoCore

/// Indicators as JSON: one object per line (`jsonl`, the catalog contract) or one array (`json`).
public enum IndicatorJSONRenderer {
    /// One object with every ``IndicatorField``, in the contract's order.
    public static func write(_ i: Indicator, into json: inout JSONWriter) {
        i.write(into: &json)
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
