import ZhibiaoCore

/// Character-level normalization rules from `Grammars/script/characters.tsv`.
///
/// `keep` characters bypass NFKC (①, whose NFKC is `1`, marks a list level); `fold` replaces a
/// character after NFKC (dashes to `-`, corner brackets to curly quotes); `delete` removes
/// invisible format characters and stray controls.
public struct CharacterTable: Sendable {
    /// What normalization does with a character: keep it, delete it, or fold it into another.
    public enum Action: Sendable, Equatable {
        case keep
        case delete
        case fold(Unicode.Scalar)
    }

    private static let keepCode: UInt32 = 0xFFFF_FFFF
    private static let deleteCode: UInt32 = 0xFFFF_FFFE
    /// BMP actions: 0 none, keepCode, deleteCode, else replacement + 1.
    private let bmp: [UInt32]
    private let supplementary: [UInt32: Action]

    /// The empty table.
    public init() {
        bmp = [UInt32](repeating: 0, count: 0x10000)
        supplementary = [:]
    }

    public init(file: TSVFile) throws(DataFileError) {
        var bmp = [UInt32](repeating: 0, count: 0x10000)
        var supplementary: [UInt32: Action] = [:]
        for line in file.lines {
            let action: Action
            switch line[0] {
            case "keep": action = .keep
            case "delete": action = .delete
            case "fold":
                guard let target = CodePointSyntax.string(line[2]), target.count == 1 else {
                    throw file.error(line, column: line[0].count + line[1].count + 3, "fold needs exactly one replacement character, got '\(line[2])'")
                }
                action = .fold(target[0])
            default:
                throw file.error(line, "unknown action '\(line[0])' (expected keep, fold or delete)")
            }
            guard let scalars = CodePointSyntax.scalars(line[1]) else {
                throw file.error(line, column: line[0].count + 2, "cannot read characters '\(line[1])' (a literal, U+XXXX or U+XXXX..U+YYYY)")
            }
            for scalar in scalars {
                let v = scalar.value
                if v < 0x10000 {
                    if bmp[Int(v)] != 0 { throw file.error(line, column: line[0].count + 2, "U+\(String(v, radix: 16, uppercase: true)) is listed twice") }
                    switch action {
                    case .keep: bmp[Int(v)] = Self.keepCode
                    case .delete: bmp[Int(v)] = Self.deleteCode
                    case .fold(let target): bmp[Int(v)] = target.value + 1
                    }
                } else {
                    supplementary[v] = action
                }
            }
        }
        self.bmp = bmp
        self.supplementary = supplementary
    }

    @inline(__always)
    public func action(_ scalar: Unicode.Scalar) -> Action? {
        let v = scalar.value
        if v < 0x10000 {
            let code = bmp[Int(v)]
            switch code {
            case 0: return nil
            case Self.keepCode: return .keep
            case Self.deleteCode: return .delete
            default: return .fold(Unicode.Scalar(code - 1)!)
            }
        }
        return supplementary[v]
    }

    /// Whether the character is deleted.
    @inline(__always)
    func deletes(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x10000 { return bmp[Int(v)] == Self.deleteCode }
        return supplementary[v] == .delete
    }

    /// Whether the character bypasses NFKC.
    @inline(__always)
    func keeps(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x10000 { return bmp[Int(v)] == Self.keepCode }
        return supplementary[v] == .keep
    }
}
