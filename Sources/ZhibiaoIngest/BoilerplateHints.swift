import ZhibiaoCore

/// Words in an element's `class` or `id` that mark page furniture (分享, 面包屑, 相关文章…),
/// from `Grammars/lexicon/html-boilerplate.tsv`.
public struct BoilerplateHints: Sendable {
    public var keywords: [(keyword: String, reason: NoiseReason)]

    public init(keywords: [(keyword: String, reason: NoiseReason)] = []) {
        self.keywords = keywords
    }

    public init(file: TSVFile) throws(DataFileError) {
        var keywords: [(String, NoiseReason)] = []
        for line in file.lines {
            let keyword = line[0].lowercased()
            guard !keyword.isEmpty else { throw file.error(line, "empty keyword") }
            guard let reason = NoiseReason(rawValue: line[1]) else {
                let known = NoiseReason.allCases.map(\.rawValue).joined(separator: ", ")
                throw file.error(line, column: line[0].count + 2, "unknown reason '\(line[1])' (one of \(known))")
            }
            keywords.append((keyword, reason))
        }
        self.keywords = keywords
    }

    /// The reason a class/id value marks boilerplate, if any (substring match, lowercase).
    func reason(classAndID: String) -> NoiseReason? {
        guard !classAndID.isEmpty else { return nil }
        let text = classAndID.lowercased()
        for (keyword, reason) in keywords where text.contains(keyword) { return reason }
        return nil
    }
}
