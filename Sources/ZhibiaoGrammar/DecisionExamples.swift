import ZhibiaoCore

/// What a group of examples in a `*.examples` file tests: one of the linker's decisions, or a
/// word list whose entries change what is read (names, units).
public enum ExampleTopic: String, Sendable, Hashable, CaseIterable {
    /// Where a clause, an item (、) and a bracket end.
    case clause
    /// Year, period, baseline and accumulation, in the sentence or from the headings above.
    case time
    /// The direction of change (提高, 下降) and 力争.
    case change
    /// The noun phrase a quantity measures.
    case metric
    /// Where a target applies (全省, 每个片区).
    case scope
    /// A quantity per people (每千人…3.8个): a ratio.
    case ratio
    /// Target or fact, and why.
    case role
    /// The verb of a verb–object target (新建, 培训).
    case action
    /// What a lead-in (力争到2027年，…：) passes to the items after it.
    case leadIn = "lead-in"
    /// Numerals inside names, idioms and slogans are not quantities (长三角, 一以贯之).
    case names
    /// Units and their base units (14EFlops, 5亿美元).
    case units
    /// How binding a target is (确保, 力争, 约束性).
    case bindingness
}

/// An example of a `*.examples` file: a sentence (or a few lines) with the expected span and
/// fields, or a counter-example in which the marked span (or the whole text) gives no indicator.
public struct TopicExample: Sendable, Hashable {
    public var topic: ExampleTopic
    public var example: RuleExample
}

/// Reads `*.examples` files:
///
/// ```text
/// # linker.examples
/// decision role
///   example  从⟦518家⟧增加到731家          role=fact roleBasis=threshold
///   counter  推动长⟦三⟧角一体化发展           # nothing is read at the marked span
///   example  "二、2026年工作安排\n新增就业⟦100万人⟧"  role=target roleBasis=section:安排
/// ```
///
/// `decision NAME` opens a group (NAME one of ``ExampleTopic``); `\n` in a sentence is a line
/// break, so an example can hold a heading above its sentence.
public enum ExampleFileLoader {
    public static func load(path: String, contents: String) throws(GrammarError) -> [TopicExample] {
        var result: [TopicExample] = []
        var topic: ExampleTopic?
        for (number, line) in numberedLines(contents) {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            func error(_ column: Int, _ message: String) -> GrammarError {
                GrammarError(path: path, line: number, column: column, message: message, excerpt: line)
            }
            let scalars = Array(line.unicodeScalars)
            let indent = scalars.prefix { $0 == " " || $0 == "\t" }.count
            var i = indent
            while i < scalars.count && scalars[i] != " " && scalars[i] != "\t" { i += 1 }
            let keyword = String(String.UnicodeScalarView(scalars[indent..<i]))
            var j = i
            while j < scalars.count && (scalars[j] == " " || scalars[j] == "\t") { j += 1 }
            let rest = String(String.UnicodeScalarView(scalars[j...]))
            switch keyword {
            case "decision":
                let name = rest.trimmingSpaces()
                guard let t = ExampleTopic(rawValue: name) else {
                    let suggestion = GrammarLoader.closest(name, in: Set(ExampleTopic.allCases.map(\.rawValue)))
                    throw error(j + 1, "unknown decision '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                                + " (one of \(ExampleTopic.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                topic = t
            case "example", "counter":
                guard let topic else { throw error(indent + 1, "'\(keyword)' before any 'decision NAME'") }
                // A trailing comment is the reader's, not a field.
                var body = Array(rest.unicodeScalars)
                if let hash = body.indices.first(where: { $0 + 2 < body.count && body[$0] == " " && body[$0 + 1] == " " && body[$0 + 2] == "#" }) {
                    body = Array(body[..<hash])
                }
                let example = try GrammarLoader.parseExample(String(String.UnicodeScalarView(body)), column: j + 1, counter: keyword == "counter", path: path,
                                                             line: number, allowCounterSpan: true, error: error)
                for (name, _) in example.expected where !ExampleField.names.contains(name) {
                    let suggestion = GrammarLoader.closest(name, in: ExampleField.names)
                    throw error(j + 1, "unknown example field '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
                }
                if example.isCounter && !example.expected.isEmpty { throw error(j + 1, "a counter-example checks no fields") }
                result.append(TopicExample(topic: topic, example: example))
            default:
                throw error(indent + 1, "unknown keyword '\(keyword)' (decision, example, counter)")
            }
        }
        return result
    }
}
