import ZhibiaoGrammar

/// Where a target applies: the scope words stripped from the start of its metric, taken
/// together (片区内周边村 → 片区内; 全省 in 全省常住人口城镇化率), and a distributive phrase
/// (每个片区明确1名… → 每个片区).
struct ScopeFinder {
    func scope(of phrase: MetricFinder.Phrase, in lattice: Lattice) -> String? {
        phrase.scopes.isEmpty ? nil : phrase.scopes.map { lattice.string($0) }.joined()
    }
}
