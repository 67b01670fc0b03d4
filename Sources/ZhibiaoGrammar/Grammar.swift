import ZhibiaoCore

/// The stages rules run in. A rule sees the tokens of the tokenizer and of earlier stages only,
/// so no rule can feed itself: matching stays linear in the input.
public enum Stage: String, Sendable, CaseIterable, Comparable {
    /// Time expressions: 到2025年, 比2022年, 2023-2027年, 十四五期间. They claim their numbers.
    case time
    /// Quantities: a number and its unit (5.7万元), percentages, multiples.
    case quantity
    /// Ranges of quantities or numbers (2至3年, 20%-30%).
    case range
    /// Comparators and approximations around quantities (达到85%以上, 约3000个).
    case modifier

    var order: Int {
        switch self {
        case .time: 0
        case .quantity: 1
        case .range: 2
        case .modifier: 3
        }
    }
    public static func < (a: Stage, b: Stage) -> Bool { a.order < b.order }
}

/// One element of a rule's pattern.
public indirect enum PatternElement: Sendable, Hashable {
    /// Literal normalized text: "%", "个百分点".
    case literal([Unicode.Scalar])
    /// A number; the string names a predicate (`year`, `integer`, `arabic`, `chinese`) or "".
    case number(String)
    /// A unit of one of the kinds (empty: any unit that yields indicators).
    case unit(Set<String>)
    /// A word of a lexicon class (`@comparator.suffix`).
    case word(String)
    /// A quantity of one of the kinds (empty: any).
    case quantity(Set<String>)
    /// A time expression of one of the kinds (empty: any).
    case time(Set<String>)
    /// Alternatives, each a sequence.
    case group([[PatternItem]])
}

/// An element with its modifiers.
public struct PatternItem: Sendable, Hashable {
    public var element: PatternElement
    public var optional: Bool
    /// Name the match is bound to (`number:n`), if any.
    public var binding: String?
    /// Column in the rule file, for errors.
    public var column: Int
}

/// A rule's pattern: context before, the part that becomes the token, context after
/// (`@change.up [ number:n ]`: only the number is the token's span).
public struct Pattern: Sendable, Hashable {
    public var before: [PatternItem]
    public var body: [PatternItem]
    public var after: [PatternItem]

    public var all: [PatternItem] { before + body + after }
}

/// What a rule makes of a match: field assignments, by name. Values are literals or `$binding`.
public struct Production: Sendable, Hashable {
    public var fields: [(name: String, value: String)]

    public static func == (a: Production, b: Production) -> Bool {
        a.fields.map(\.name) == b.fields.map(\.name) && a.fields.map(\.value) == b.fields.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields { hasher.combine(field.name); hasher.combine(field.value) }
    }

    public func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }
}

/// A sentence with the expected span marked ⟦…⟧ and the fields the indicator there must have,
/// or (a counter-example) a sentence in which the rule must not produce an indicator.
public struct RuleExample: Sendable, Hashable {
    public var text: String
    /// Expected span in `text` with the markers removed (scalar offsets); nil for counters.
    public var span: Range<Int>?
    public var expected: [(name: String, value: String)]
    public var isCounter: Bool
    public var path: String
    public var line: Int

    public static func == (a: RuleExample, b: RuleExample) -> Bool {
        a.text == b.text && a.span == b.span && a.isCounter == b.isCounter && a.line == b.line && a.path == b.path
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(text); hasher.combine(line); hasher.combine(path) }
}

/// A grammar rule: an id, the stage it runs in, a pattern, a production and examples.
public struct Rule: Sendable, Hashable {
    public var id: String
    public var stage: Stage
    /// Higher wins ties between matches of the same extent.
    public var priority: Int
    public var pattern: Pattern
    public var production: Production
    public var examples: [RuleExample]
    /// Where the rule is defined.
    public var path: String
    public var line: Int
    /// The line of its `produce` (where production errors point), or `line`.
    public var productionLine: Int = 0
}

/// All rules, by stage, in file order.
public struct Grammar: Sendable {
    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    public func rules(in stage: Stage) -> [Rule] { rules.filter { $0.stage == stage } }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}
