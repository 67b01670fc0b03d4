import ZhibiaoGrammar

/// The word classes that play each of the linker's roles (`Grammars/linker.tsv`), as sets of
/// class integers: no string hashing per word.
struct LinkerClasses: Sendable {
    let governs, governsAttribute, targetCue, laterComparator, fact, aspirational, formula: WordClassSet
    let changeUp, changeDown, stripLeading, stripTrailing, metricEnd, objectVerb, beforeObjectVerb: WordClassSet
    let scope, unit, per, metricWord: WordClassSet
    let pastCue, futureCue, sectionReview, sectionPlan, hidesCues: WordClassSet
    let listCount, qualifierUnit, from, changeTo, coordinates, budget, respectively, metricCut, placeSuffix, listIntro, existential, speechOpening, speechVeto: WordClassSet

    init(_ lexicon: Lexicon) {
        func set(_ role: LinkerRole) -> WordClassSet { WordClassSet(lexicon.linkerRoles[role] ?? [], in: lexicon) }
        governs = set(.governs); governsAttribute = set(.governsAttribute); targetCue = set(.targetCue)
        laterComparator = set(.laterComparator); fact = set(.fact); aspirational = set(.aspirational); formula = set(.formula)
        changeUp = set(.changeUp); changeDown = set(.changeDown); stripLeading = set(.stripLeading)
        stripTrailing = set(.stripTrailing); metricEnd = set(.metricEnd); objectVerb = set(.objectVerb)
        beforeObjectVerb = set(.beforeObjectVerb); scope = set(.scope); unit = set(.unit); per = set(.per)
        metricWord = set(.metricWord)
        pastCue = set(.pastCue); futureCue = set(.futureCue); sectionReview = set(.sectionReview); sectionPlan = set(.sectionPlan)
        hidesCues = set(.hidesCues)
        listCount = set(.listCount); qualifierUnit = set(.qualifierUnit); from = set(.from); changeTo = set(.changeTo)
        coordinates = set(.coordinates); budget = set(.budget); respectively = set(.respectively)
        metricCut = set(.metricCut); placeSuffix = set(.placeSuffix); listIntro = set(.listIntro)
        existential = set(.existential); speechOpening = set(.speechOpening); speechVeto = set(.speechVeto)
    }
}

/// A set of word classes as flags indexed by class integer.
struct WordClassSet: Sendable {
    private var flags: [Bool]

    init(_ names: [String], in lexicon: Lexicon) {
        flags = [Bool](repeating: false, count: lexicon.classNames.count)
        for name in names { if let id = lexicon.classID(name) { flags[Int(id)] = true } }
    }

    @inline(__always)
    func contains(_ wordClass: Int32) -> Bool { wordClass >= 0 && Int(wordClass) < flags.count && flags[Int(wordClass)] }
}
