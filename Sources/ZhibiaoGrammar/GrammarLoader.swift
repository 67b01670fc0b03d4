import ZhibiaoCore

/// Reads `*.rules` files and checks every rule before any runs.
///
/// ```text
/// # percent.rules
/// rule percent.sign
///   stage    quantity
///   pattern  number:n "%"
///   produce  value=$n kind=percentage unit=% baseUnit=fraction scale=0.01
///   example  占比达到⟦85%⟧以上    value=85 baseValue=0.85 comparator=>=
///   counter  提高3个百分点
/// ```
///
/// Checked up front: unknown stages, element names, number predicates, unit kinds, word classes,
/// quantity and time kinds, production fields and bindings, units missing from `units.tsv`,
/// duplicate ids, empty patterns, examples without a ⟦…⟧ span, and patterns that could blow up
/// (more than 16 elements, groups nested deeper than 3, more than 16 alternatives).
public struct GrammarLoader: Sendable {
    public let lexicon: Lexicon

    public static let maxElements = 16
    public static let maxNesting = 3
    public static let maxAlternatives = 16

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    /// Parses one file's contents.
    public func load(path: String, contents: String) throws(GrammarError) -> [Rule] {
        var rules: [Rule] = []
        var current: Rule?
        var sawPattern = false
        func finish() throws(GrammarError) {
            guard let rule = current else { return }
            if !sawPattern { throw GrammarError(path: path, line: rule.line, column: 1, message: "rule '\(rule.id)' has no pattern") }
            try checkProduction(rule)
            rules.append(rule)
        }
        for (number, line) in numberedLines(contents) {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            func error(_ column: Int, _ message: String) -> GrammarError {
                GrammarError(path: path, line: number, column: column, message: message, excerpt: line)
            }
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let (keyword, rest, restColumn) = Self.splitKeyword(line, from: indent)
            if indent == 0 {
                guard keyword == "rule" else { throw error(1, "expected 'rule ID', got '\(keyword)'") }
                try finish()
                let id = rest.trimmingSpaces()
                guard !id.isEmpty, id.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "." || $0 == "-" || $0 == "_" }) else {
                    throw error(restColumn, "a rule id is letters, digits, '.', '-' or '_', got '\(id)'")
                }
                if rules.contains(where: { $0.id == id }) { throw error(restColumn, "duplicate rule id '\(id)'") }
                current = Rule(id: id, stage: .quantity, priority: 0, pattern: Pattern(before: [], body: [], after: []),
                               production: Production(fields: []), examples: [], path: path, line: number)
                sawPattern = false
                continue
            }
            guard current != nil else { throw error(indent + 1, "'\(keyword)' outside a rule") }
            switch keyword {
            case "stage":
                guard let stage = Stage(rawValue: rest.trimmingSpaces()) else {
                    throw error(restColumn, "unknown stage '\(rest.trimmingSpaces())' (one of \(Stage.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                current!.stage = stage
            case "priority":
                guard let priority = Int(rest.trimmingSpaces()) else { throw error(restColumn, "priority must be an integer") }
                current!.priority = priority
            case "pattern":
                if sawPattern { throw error(indent + 1, "a rule has one pattern") }
                current!.pattern = try parsePattern(rest, column: restColumn, error: error)
                sawPattern = true
            case "produce":
                current!.production = try parseProduction(rest, column: restColumn, error: error)
                current!.productionLine = number
            case "example", "counter":
                current!.examples.append(try Self.parseExample(rest, column: restColumn, counter: keyword == "counter", path: path,
                                                          line: number, error: error))
            default:
                throw error(indent + 1, "unknown keyword '\(keyword)' (stage, priority, pattern, produce, example, counter)")
            }
        }
        try finish()
        return rules
    }

    private static func splitKeyword(_ line: String, from indent: Int) -> (String, String, Int) {
        let scalars = Array(line.unicodeScalars)
        var i = indent
        while i < scalars.count && scalars[i] != " " && scalars[i] != "\t" { i += 1 }
        let keyword = String(String.UnicodeScalarView(scalars[indent..<i]))
        var j = i
        while j < scalars.count && (scalars[j] == " " || scalars[j] == "\t") { j += 1 }
        return (keyword, String(String.UnicodeScalarView(scalars[j...])), j + 1)
    }

    // MARK: Patterns

    private func parsePattern(_ text: String, column: Int, error: (Int, String) -> GrammarError) throws(GrammarError) -> Pattern {
        var lexer = PatternLexer(text: Array(text.unicodeScalars), column: column)
        var before: [PatternItem] = [], body: [PatternItem] = [], after: [PatternItem] = []
        var part = 0  // 0 before "[", 1 inside, 2 after "]"
        var sawBrackets = false
        var count = 0
        while let token = try lexer.next(error: error) {
            switch token {
            case .openSpan(let c):
                guard part == 0 else { throw error(c, "only one [ … ] span per pattern") }
                part = 1
                sawBrackets = true
            case .closeSpan(let c):
                guard part == 1 else { throw error(c, "']' without '['") }
                part = 2
            default:
                let item = try parseItem(token, lexer: &lexer, depth: 0, count: &count, error: error)
                switch part {
                case 0: before.append(item)
                case 1: body.append(item)
                default: after.append(item)
                }
            }
        }
        if sawBrackets && part != 2 { throw error(column, "'[' without ']'") }
        if !sawBrackets { body = before; before = [] }
        guard !body.isEmpty else { throw error(column, "empty pattern") }
        if body.allSatisfy(\.optional) { throw error(column, "the pattern matches nothing: every element is optional") }
        return Pattern(before: before, body: body, after: after)
    }

    private func parseItem(_ token: PatternLexer.Token, lexer: inout PatternLexer, depth: Int, count: inout Int,
                           error: (Int, String) -> GrammarError) throws(GrammarError) -> PatternItem {
        count += 1
        if count > Self.maxElements { throw error(token.column, "pattern longer than \(Self.maxElements) elements") }
        switch token {
        case .literal(let text, let c):
            guard !text.isEmpty else { throw error(c, "empty literal") }
            return try modifiers(PatternItem(element: .literal(text), optional: false, binding: nil, column: c), lexer: &lexer, error: error)
        case .name(let name, let argument, let c):
            return try modifiers(PatternItem(element: try element(name, argument, column: c, error: error), optional: false,
                                             binding: nil, column: c), lexer: &lexer, error: error)
        case .openGroup(let c):
            guard depth < Self.maxNesting else { throw error(c, "groups nested deeper than \(Self.maxNesting)") }
            var alternatives: [[PatternItem]] = [[]]
            while true {
                guard let next = try lexer.next(error: error) else { throw error(c, "'(' without ')'") }
                switch next {
                case .alternative:
                    alternatives.append([])
                    if alternatives.count > Self.maxAlternatives { throw error(next.column, "more than \(Self.maxAlternatives) alternatives") }
                case .closeGroup:
                    if alternatives.contains(where: \.isEmpty) { throw error(next.column, "empty alternative in a group") }
                    return try modifiers(PatternItem(element: .group(alternatives), optional: false, binding: nil, column: c),
                                         lexer: &lexer, error: error)
                case .openSpan, .closeSpan:
                    throw error(next.column, "[ … ] cannot be inside a group")
                default:
                    alternatives[alternatives.count - 1].append(try parseItem(next, lexer: &lexer, depth: depth + 1, count: &count, error: error))
                }
            }
        default:
            throw error(token.column, "unexpected '\(token.text)'")
        }
    }

    private func modifiers(_ item: PatternItem, lexer: inout PatternLexer, error: (Int, String) -> GrammarError) throws(GrammarError) -> PatternItem {
        var item = item
        if lexer.take("?") { item.optional = true }
        if lexer.take(":") {
            let name = lexer.identifier()
            guard !name.isEmpty else { throw error(lexer.column, "expected a binding name after ':'") }
            item.binding = name
        }
        if lexer.take("?") { item.optional = true }
        return item
    }

    private func element(_ name: String, _ argument: String?, column: Int, error: (Int, String) -> GrammarError) throws(GrammarError) -> PatternElement {
        let arguments = Set((argument ?? "").split(separator: "|").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty })
        if name.hasPrefix("@") {
            let wordClass = String(name.dropFirst())
            guard lexicon.classes.contains(wordClass) else {
                let suggestion = Self.closest(wordClass, in: lexicon.classes)
                throw error(column, "unknown word class '@\(wordClass)'" + (suggestion.map { " (did you mean '@\($0)'?)" } ?? ""))
            }
            return .word(wordClass)
        }
        switch name {
        case "number":
            let predicate = argument ?? ""
            guard ["", "year", "integer", "arabic", "chinese", "magnitude", "exact"].contains(predicate) else {
                throw error(column, "unknown number predicate '\(predicate)' (year, integer, arabic, chinese, magnitude, exact)")
            }
            return .number(predicate)
        case "unit":
            for kind in arguments where QuantityKind(rawValue: kind) == nil {
                throw error(column, "unknown unit kind '\(kind)' (one of \(QuantityKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return .unit(arguments)
        case "quantity":
            for kind in arguments where QuantityKind(rawValue: kind) == nil {
                throw error(column, "unknown quantity kind '\(kind)'")
            }
            return .quantity(arguments)
        case "time":
            for kind in arguments where !TimeKind.allNames.contains(kind) {
                throw error(column, "unknown time kind '\(kind)' (one of \(TimeKind.allNames.sorted().joined(separator: ", ")))")
            }
            return .time(arguments)
        default:
            let known = ["number", "unit", "quantity", "time"]
            let suggestion = Self.closest(name, in: Set(known + lexicon.classes.map { "@" + $0 }))
            throw error(column, "unknown element '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
        }
    }

    /// The known name nearest to a misspelt one (edit distance at most 2).
    static func closest(_ name: String, in names: Set<String>) -> String? {
        func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
            var previous = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var row = [i] + [Int](repeating: 0, count: b.count)
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                previous = row
            }
            return previous[b.count]
        }
        let target = Array(name.lowercased().unicodeScalars)
        let scored = names.map { ($0, distance(target, Array($0.lowercased().unicodeScalars))) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
    }

    // MARK: Productions

    static let quantityFields: Set<String> = ["value", "unit", "kind", "baseUnit", "scale", "low", "high", "comparator", "approximate",
                                              "inherit", "aspirational", "change", "accumulation", "role", "range", "denominator"]
    static let timeFields: Set<String> = ["time", "year", "start", "end", "period", "baseline", "accumulation", "frame"]

    private func parseProduction(_ text: String, column: Int, error: (Int, String) -> GrammarError) throws(GrammarError) -> Production {
        var fields: [(String, String)] = []
        var offset = column
        for part in text.split(separator: " ", omittingEmptySubsequences: false) {
            defer { offset += part.unicodeScalars.count + 1 }
            if part.isEmpty { continue }
            guard let equals = part.firstIndex(of: "=") else {
                if part == "range" { fields.append(("range", "true")); continue }
                throw error(offset, "expected field=value, got '\(part)'")
            }
            fields.append((String(part[..<equals]), String(part[part.index(after: equals)...])))
        }
        return Production(fields: fields)
    }

    /// Checks a rule's production against its stage and bindings.
    private func checkProduction(_ rule: Rule) throws(GrammarError) {
        func fail(_ message: String) -> GrammarError {
            GrammarError(path: rule.path, line: rule.productionLine > 0 ? rule.productionLine : rule.line, column: 1,
                         message: "rule '\(rule.id)': \(message)")
        }
        var bindings: [String: PatternElement] = [:]
        func collect(_ items: [PatternItem]) {
            for item in items {
                if let name = item.binding { bindings[name] = item.element }
                if case .group(let alternatives) = item.element { alternatives.forEach(collect) }
            }
        }
        collect(rule.pattern.all)
        let allowed = rule.stage == .time ? Self.timeFields : Self.quantityFields
        for (name, value) in rule.production.fields {
            guard allowed.contains(name) else {
                throw fail("unknown field '\(name)' for a \(rule.stage.rawValue) rule (one of \(allowed.sorted().joined(separator: ", ")))")
            }
            if value.hasPrefix("$") {
                let binding = String(value.dropFirst())
                guard bindings[binding] != nil else { throw fail("'\(name)=\(value)' names no binding of the pattern") }
                continue
            }
            switch name {
            case "kind": guard QuantityKind(rawValue: value) != nil else { throw fail("unknown kind '\(value)'") }
            case "baseUnit": guard BaseUnit(rawValue: value) != nil else { throw fail("unknown baseUnit '\(value)'") }
            case "comparator": guard Comparator(rawValue: value) != nil else { throw fail("unknown comparator '\(value)'") }
            case "scale": guard Factor(parsing: value) != nil else { throw fail("bad scale '\(value)'") }
            case "change": guard Change(rawValue: value) != nil else { throw fail("unknown change '\(value)'") }
            case "accumulation": guard Accumulation(rawValue: value) != nil else { throw fail("unknown accumulation '\(value)'") }
            case "role": guard Role(rawValue: value) != nil else { throw fail("unknown role '\(value)'") }
            case "time": guard TimeKind(rawValue: value) != nil else { throw fail("unknown time kind '\(value)'") }
            case "frame": guard TimeFrame(rawValue: value) != nil else { throw fail("unknown frame '\(value)' (past, current, future)") }
            case "unit":
                // A literal unit must be declared, unless the rule says its kind and base itself.
                let explicit = rule.production.value("kind") != nil && rule.production.value("baseUnit") != nil
                if !explicit && lexicon.unit(named: value) == nil { throw fail("unit '\(value)' is not in units.tsv") }
            case "value":
                // A fixed value for a phrase that holds no numeral to read (百分之百, 翻一番).
                guard DecimalNumber(parsing: value.unicodeScalars) != nil else { throw fail("'value' is a $binding or a decimal, not '\(value)'") }
            case "approximate", "aspirational", "range":
                guard value == "true" || value == "false" else { throw fail("'\(name)' is true or false") }
            default:
                throw fail("'\(name)' needs a $binding")
            }
        }
        if rule.stage == .time && rule.production.value("time") == nil { throw fail("a time rule must say time=…") }
        if rule.stage != .time && rule.production.value("value") == nil && rule.production.value("inherit") == nil
            && rule.production.value("low") == nil {
            throw fail("a \(rule.stage.rawValue) rule must set value=, low= or inherit=")
        }
        for example in rule.examples {
            for (name, _) in example.expected where !ExampleField.names.contains(name) {
                throw GrammarError(path: example.path, line: example.line, column: 1,
                                   message: "unknown example field '\(name)' (one of \(ExampleField.names.sorted().joined(separator: ", ")))")
            }
        }
    }

    // MARK: Examples

    /// An example line after its keyword: the sentence (in double quotes when it holds a
    /// space), with `\n` for a line break, then `field=value` pairs.
    static func parseExample(_ text: String, column: Int, counter: Bool, path: String, line: Int,
                             allowCounterSpan: Bool = false,
                             error: (Int, String) -> GrammarError) throws(GrammarError) -> RuleExample {
        var scalars = Array(text.unicodeScalars)[...]
        var sentence: [Unicode.Scalar] = []
        if scalars.first == "\"" {
            scalars = scalars.dropFirst()
            guard let close = scalars.firstIndex(of: "\"") else { throw error(column, "unterminated quoted example") }
            sentence = Array(scalars[..<close])
            scalars = scalars[(close + 1)...]
        } else {
            let end = scalars.firstIndex { $0 == " " || $0 == "\t" } ?? scalars.endIndex
            sentence = Array(scalars[..<end])
            scalars = scalars[end...]
        }
        // `\n` is a line break (examples that need a heading above them), `\t` a table cell's tab.
        var unescaped: [Unicode.Scalar] = []
        var k = 0
        while k < sentence.count {
            if sentence[k] == "\\" && k + 1 < sentence.count && (sentence[k + 1] == "n" || sentence[k + 1] == "t") {
                unescaped.append(sentence[k + 1] == "n" ? "\n" : "\t")
                k += 2
            } else {
                unescaped.append(sentence[k])
                k += 1
            }
        }
        sentence = unescaped
        var span: Range<Int>?
        if let open = sentence.firstIndex(of: "⟦") {
            guard let close = sentence.firstIndex(of: "⟧"), close > open else { throw error(column, "'⟦' without '⟧'") }
            sentence.remove(at: close)
            sentence.remove(at: open)
            span = open..<(close - 1)
            guard !span!.isEmpty else { throw error(column, "empty ⟦⟧ span") }
        }
        if counter && span != nil && !allowCounterSpan { throw error(column, "a counter-example marks no ⟦span⟧") }
        if !counter && span == nil { throw error(column, "an example marks the expected span with ⟦…⟧") }
        var expected: [(String, String)] = []
        for part in String(String.UnicodeScalarView(scalars)).split(separator: " ") where !part.isEmpty {
            guard let equals = part.firstIndex(of: "=") else { throw error(column, "expected field=value after the example, got '\(part)'") }
            expected.append((String(part[..<equals]), String(part[part.index(after: equals)...])))
        }
        return RuleExample(text: String(String.UnicodeScalarView(sentence)), span: span, expected: expected, isCounter: counter,
                           path: path, line: line)
    }
}

extension RuleExample {
    /// Parses an example as rule files write it: a sentence with the expected quantity marked
    /// ⟦…⟧ (in double quotes when it holds a space), then `field=value` pairs.
    public static func parse(_ text: String, path: String, line: Int, column: Int = 1) throws(GrammarError) -> RuleExample {
        try GrammarLoader.parseExample(text, column: column, counter: false, path: path, line: line) { column, message in
            GrammarError(path: path, line: line, column: column, message: message)
        }
    }
}

/// Fields an example may check: every ``IndicatorField`` but the provenance offsets.
public enum ExampleField {
    public static let names: Set<String> = Set(IndicatorField.allCases.map(\.rawValue))
        .subtracting(["doc", "id", "start", "end", "sentenceStart", "sentenceEnd"])
}

/// Tokens of a pattern line.
struct PatternLexer {
    enum Token {
        case literal([Unicode.Scalar], Int)
        case name(String, String?, Int)
        case openGroup(Int), closeGroup(Int), alternative(Int), openSpan(Int), closeSpan(Int)

        var column: Int {
            switch self {
            case .literal(_, let c), .name(_, _, let c), .openGroup(let c), .closeGroup(let c), .alternative(let c),
                 .openSpan(let c), .closeSpan(let c): return c
            }
        }

        var text: String {
            switch self {
            case .literal(let s, _): return "\"" + String(String.UnicodeScalarView(s)) + "\""
            case .name(let n, let a, _): return n + (a.map { "(\($0))" } ?? "")
            case .openGroup: return "("
            case .closeGroup: return ")"
            case .alternative: return "|"
            case .openSpan: return "["
            case .closeSpan: return "]"
            }
        }
    }

    let text: [Unicode.Scalar]
    let start: Int
    var i = 0

    init(text: [Unicode.Scalar], column: Int) {
        self.text = text
        self.start = column
    }

    var column: Int { start + i }

    mutating func take(_ s: Unicode.Scalar) -> Bool {
        if i < text.count && text[i] == s { i += 1; return true }
        return false
    }

    mutating func identifier() -> String {
        let from = i
        while i < text.count && (text[i].properties.isAlphabetic || text[i].properties.numericType != nil
                                 || text[i] == "." || text[i] == "-" || text[i] == "_" || text[i] == "@") { i += 1 }
        return String(String.UnicodeScalarView(text[from..<i]))
    }

    mutating func next(error: (Int, String) -> GrammarError) throws(GrammarError) -> Token? {
        while i < text.count && (text[i] == " " || text[i] == "\t") { i += 1 }
        guard i < text.count else { return nil }
        let c = column
        switch text[i] {
        case "\"":
            i += 1
            let from = i
            while i < text.count && text[i] != "\"" { i += 1 }
            guard i < text.count else { throw error(c, "unterminated literal") }
            let literal = Array(text[from..<i])
            i += 1
            return .literal(literal, c)
        case "(": i += 1; return .openGroup(c)
        case ")": i += 1; return .closeGroup(c)
        case "|": i += 1; return .alternative(c)
        case "[": i += 1; return .openSpan(c)
        case "]": i += 1; return .closeSpan(c)
        default:
            let name = identifier()
            guard !name.isEmpty else { throw error(c, "unexpected '\(text[i])'") }
            var argument: String?
            if i < text.count && text[i] == "(" {
                i += 1
                let from = i
                while i < text.count && text[i] != ")" { i += 1 }
                guard i < text.count else { throw error(c, "'(' without ')' after \(name)") }
                argument = String(String.UnicodeScalarView(text[from..<i]))
                i += 1
            }
            return .name(name, argument, c)
        }
    }
}
