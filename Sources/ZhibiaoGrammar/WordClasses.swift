import ZhibiaoCore

/// A word class declared in `lexicon/classes.tsv`: its name, who reads it, what it means.
///
/// A word of `lexicon/words.tsv` must have a declared class, so that a misspelt class
/// (`达成<TAB>verb.targte`) is an error with a suggestion, not a word nobody reads.
public struct WordClassDeclaration: Sendable, Hashable {
    public var name: String
    /// Who reads the class: `rules` (a rule's `@class`), `linker`, `tokenizer`, `engine`.
    public var readers: Set<String>
    public var meaning: String
}

/// What the linker does with the words of a class (`linker.tsv`: `class<TAB>role`).
///
/// A role is a decision of the linker's code; which classes play it is data. Adding a verb to
/// `verb.action` in `words.tsv` makes it govern quantities without Swift.
public enum LinkerRole: String, Sendable, Hashable, CaseIterable {
    /// Right before a quantity, governs it: the quantity is a target, not a qualifier (建设3条…).
    case governs
    /// Before a quantity that stands before 的, makes it measure the noun after 的
    /// (安排不少于10%的建设用地指标).
    case governsAttribute = "governs-attribute"
    /// Anywhere in the clause before the quantity, marks it as governed (a target).
    case targetCue = "target-cue"
    /// Between a quantity and a later one of its clause, makes the earlier a threshold inside
    /// the later one's metric (150万元以上行政村占比达到100%).
    case laterComparator = "later-comparator"
    /// In the clause before the quantity, makes it a fact (一般为, 目前); its word is the basis.
    case fact
    /// In the sentence before the quantity, marks it 力争 (aspirational).
    case aspirational
    /// Right before a quantity, makes it a term of a formula (×100%): a fact.
    case formula
    /// Before the quantity in its item: the direction of change.
    case changeUp = "change-up"
    case changeDown = "change-down"
    /// Stripped from the start of a metric (governing words, scope words, time words).
    case stripLeading = "strip-leading"
    /// Stripped from the end of a metric.
    case stripTrailing = "strip-trailing"
    /// Ends a metric that follows its quantity (建设200个重点村组团片区|联动发展).
    case metricEnd = "metric-end"
    /// A verb inside a metric whose object is what is counted (省市区联动选派科技特派员).
    case objectVerb = "object-verb"
    /// Right before such a verb, lets it cut the metric (a verb or a stop word).
    case beforeObjectVerb = "before-object-verb"
    /// Before a quantity in its sentence, the nearest cue says it is a result: 已, 已经, 累计完成.
    case pastCue = "past-cue"
    /// Before a quantity in its sentence, the nearest cue says it is a commitment: 将, 拟, 确保.
    case futureCue = "future-cue"
    /// In a heading, makes the section look back: 回顾, 成就 (its quantities are results).
    case sectionReview = "section-review"
    /// In a heading, makes the section look ahead: 安排, 目标, 任务.
    case sectionPlan = "section-plan"
    /// A compound whose parts are no cues (了 in 为了, 了解).
    case hidesCues = "hides-cues"
    /// Right after a quantity, makes it the count of a list (5个方面): a fact.
    case listCount = "list-count"
    /// A unit whose quantity right before a noun qualifies it (3岁以下婴幼儿): a fact.
    case qualifierUnit = "qualifier-unit"
    /// Before a quantity, with a `change-to` word after it: a starting value (从209元提高到217元).
    case from
    case changeTo = "change-to"
    /// Between two quantities, coordinates them (约2 700个及约2 000个): neither is inside the other's metric.
    case coordinates
    /// Right before an amount, sets money aside (预留, 注资): a commitment even when said with 已 or 了.
    case budget
    /// Before a list of quantities, pairs them with the list of items before it (分别, 依次).
    case respectively
    /// A metric ends before it, when something comes before it (…认定标准|按…1.5倍确定).
    case metricCut = "metric-cut"
    /// Ends the name of a place (区, 县, 镇): a list of such names before 的 is a scope.
    case placeSuffix = "place-suffix"
    /// Opens the clause after a count that lists its items (…5个策略环境，包括…): a fact.
    case listIntro = "list-intro"
    /// Right before a quantity (comparators between), says what there is (共有11个办事处): a fact
    /// when nothing else in the sentence says past or future.
    case existential
    /// In a document's opening, marks a speech that reports as well as plans (各位代表, 各位议员): a
    /// quantity of it that no cue, heading or verb places ahead is a fact.
    case speechOpening = "speech-opening"
    /// In a document's opening, marks a budget speech (我谨动议二读《拨款条例草案》): its measures
    /// are decided plan figures, so a `speech-opening` word does not make its quantities facts.
    case speechVeto = "speech-veto"
    /// Stripped from the start of a metric and kept as its scope (全省).
    case scope
    /// A word the metric stripper must not cut into (占比 is not 占 + 比).
    case metricWord = "metric-word"
    /// A unit word: a metric never starts inside one.
    case unit
    /// A per-phrase (每千人): the quantity is a ratio to it.
    case per
}

extension Lexicon {
    /// `lexicon/classes.tsv`: `class<TAB>read by<TAB>meaning`.
    public mutating func loadClassDeclarations(_ file: TSVFile) throws(GrammarError) {
        for line in file.lines {
            let name = line[0].trimmingSpaces()
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "." || $0 == "-" }) else {
                throw GrammarError(file.error(line, "malformed class name '\(name)'"))
            }
            let readers = Set(line[1].split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty })
            let known: Set<String> = ["rules", "linker", "tokenizer", "engine", "bindingness"]
            guard !readers.isEmpty else {
                throw GrammarError(file.error(line, column: name.count + 2, "class '\(name)' says nobody reads it (one or more of \(known.sorted().joined(separator: ", ")))"))
            }
            for reader in readers where !known.contains(reader) {
                throw GrammarError(file.error(line, column: name.count + 2, "unknown reader '\(reader)' (one of \(known.sorted().joined(separator: ", ")))"))
            }
            guard !line[2].trimmingSpaces().isEmpty else {
                throw GrammarError(file.error(line, column: name.count + line[1].count + 3, "class '\(name)' needs a meaning"))
            }
            declareClass(WordClassDeclaration(name: name, readers: readers, meaning: line[2].trimmingSpaces()))
        }
    }

    /// The error for a class nobody declared, with the nearest declared one.
    func undeclaredClass(_ name: String, _ file: TSVFile, _ line: TSVFile.Line, column: Int) -> GrammarError {
        Self.undeclaredClass(name, declared: declaredClasses, file, line, column: column)
    }

    static func undeclaredClass(_ name: String, declared: [String: WordClassDeclaration], _ file: TSVFile, _ line: TSVFile.Line,
                                column: Int) -> GrammarError {
        let suggestion = GrammarLoader.closest(name, in: Set(declared.keys))
        return GrammarError(file.error(line, column: column, "unknown word class '\(name)'"
                                       + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") + " (classes are declared in lexicon/classes.tsv)"))
    }

    /// `linker.tsv`: `class<TAB>role`: which classes play each of the linker's roles.
    public mutating func loadLinkerRoles(_ file: TSVFile) throws(GrammarError) {
        for line in file.lines {
            let name = line[0].trimmingSpaces(), roleName = line[1].trimmingSpaces()
            guard declaredClasses[name] != nil else { throw undeclaredClass(name, file, line, column: 1) }
            guard let role = LinkerRole(rawValue: roleName) else {
                let suggestion = GrammarLoader.closest(roleName, in: Set(LinkerRole.allCases.map(\.rawValue)))
                throw GrammarError(file.error(line, column: name.count + 2, "unknown linker role '\(roleName)'"
                                              + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")))
            }
            guard declaredClasses[name]?.readers.contains("linker") == true else {
                throw GrammarError(file.error(line, "class '\(name)' is not declared as read by the linker in lexicon/classes.tsv"))
            }
            addLinkerRole(role, for: name)
        }
    }
}
