import ArgumentParser
import Foundation
import Zhibiao

/// How `query`, `search` and `list` print: an aligned table on a terminal, else JSON Lines,
/// or what `--format` says.
enum CatalogFormat: String, ExpressibleByArgument, CaseIterable {
    case table, jsonl, csv, md, xlsx

    static var stdoutIsTerminal: Bool { isatty(1) == 1 }

    /// The format to use: the one asked for, else a table on a terminal and JSON Lines otherwise.
    static func resolve(_ asked: CatalogFormat?) throws -> CatalogFormat {
        let format = asked ?? (stdoutIsTerminal ? .table : .jsonl)
        if format == .xlsx && stdoutIsTerminal {
            throw ValidationError("xlsx is a binary workbook: send it to a file (> results.xlsx)")
        }
        return format
    }

    /// Columns of the terminal (`COLUMNS`, else 160).
    static var terminalWidth: Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 160
    }
}
