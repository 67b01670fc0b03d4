import ZhibiaoCore

/// The lexicon and the rules of one or more grammar directories, loaded together.
///
/// Directories are layered: a later directory adds words and rules to the earlier ones, and
/// a rule or unit it defines again replaces the earlier one (`--grammars DIR`).
public struct GrammarBundle: Sendable {
    public let lexicon: Lexicon
    public let grammar: Grammar
    /// The examples of `*.examples` files (the linker's decisions, names, units).
    public let examples: [TopicExample]

    /// The data files, relative to a grammar directory, and how each is read.
    public static let lexiconFiles: [(path: String, load: @Sendable (inout Lexicon, TSVFile) throws(GrammarError) -> Void)] = [
        ("lexicon/classes.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadClassDeclarations(file) }),
        ("numerals.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadNumerals(file) }),
        ("units.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadUnits(file) }),
        ("comparators.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadComparators(file) }),
        ("time-words.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadTimeWords(file) }),
        ("lexicon/names.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadWords(file, class: "name") }),
        ("lexicon/scopes.txt", { (lexicon, file) throws(GrammarError) in try lexicon.loadWords(file, class: "scope") }),
        ("lexicon/words.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadClassedWords(file) }),
        ("linker.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadLinkerRoles(file) }),
        ("lexicon/metric-synonyms.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadMetricSynonyms(file) }),
        ("lexicon/regions.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadCurrencyCues(file) }),
        ("lexicon/bindingness.tsv", { (lexicon, file) throws(GrammarError) in try lexicon.loadBindingness(file) }),
    ]

    /// Loads from the contents of each directory's files, in layer order. `read` returns a
    /// file's path and contents, or nil when the directory has no such file.
    public static func load(layers: Int, read: (Int, String) -> (path: String, contents: String)?,
                            ruleFiles: (Int) -> [(path: String, contents: String)],
                            exampleFiles: (Int) -> [(path: String, contents: String)] = { _ in [] }) throws(GrammarError) -> GrammarBundle {
        var lexicon = Lexicon()
        for (relative, load) in lexiconFiles {
            var found = false
            for layer in 0..<layers {
                guard let (path, contents) = read(layer, relative) else { continue }
                try load(&lexicon, TSVFile(path: path, contents: contents))
                found = true
            }
            if !found && (relative == "units.tsv" || relative == "lexicon/classes.tsv") {
                throw GrammarError(path: relative, line: 0, column: 0, message: "no \(relative) in the grammar directories")
            }
        }
        let loader = GrammarLoader(lexicon: lexicon)
        var rules: [Rule] = []
        for layer in 0..<layers {
            for (path, contents) in ruleFiles(layer) {
                for rule in try loader.load(path: path, contents: contents) {
                    if let existing = rules.firstIndex(where: { $0.id == rule.id }) {
                        if layer == 0 || rules[existing].path == rule.path {
                            throw GrammarError(path: path, line: rule.line, column: 1,
                                               message: "duplicate rule id '\(rule.id)' (first at \(rules[existing].path):\(rules[existing].line))")
                        }
                        rules[existing] = rule  // an overlay replaces the rule
                    } else {
                        rules.append(rule)
                    }
                }
            }
        }
        guard !rules.isEmpty else { throw GrammarError(path: "*.rules", line: 0, column: 0, message: "no rules found") }
        var examples: [TopicExample] = []
        for layer in 0..<layers {
            for (path, contents) in exampleFiles(layer) { examples += try ExampleFileLoader.load(path: path, contents: contents) }
        }
        return GrammarBundle(lexicon: lexicon, grammar: Grammar(rules: rules), examples: examples)
    }

    public init(lexicon: Lexicon, grammar: Grammar, examples: [TopicExample] = []) {
        self.lexicon = lexicon
        self.grammar = grammar
        self.examples = examples
    }
}
