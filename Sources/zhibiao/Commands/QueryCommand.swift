import ArgumentParser
import Foundation
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCore

/// `zhibiao query`: stored indicators that pass every filter.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Find stored indicators by metric, kind, unit, year, scope, document, issuer, level, role or section.",
        discussion: """
            Every filter given must hold. Text filters match in either script (城鎮化率 finds 城镇化率). Prints an aligned \
            table on a terminal and JSON Lines (the extract contract) otherwise; --format csv (UTF-8 with a byte order \
            mark), md or xlsx (a workbook: all rows, then a sheet per document).
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "A part of the metric as written or of its key (城镇化率, 托位).")
    var metric: String?

    @Option(help: "Kinds, comma-separated: \(QuantityKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String?

    @Option(help: "The unit as written (万元, %) or the base unit (yuan, fraction, count…).")
    var unit: String?

    @Option(help: ArgumentHelp("The target year, or a range of years.", valueName: "FROM[-TO]"))
    var year: String?

    @Option(help: "A part of the scope (全区, 农村).")
    var scope: String?

    @Option(help: ArgumentHelp("Only the stored documents this names: an id, a path, a hash prefix or (part of) a title.", valueName: "DOC"))
    var doc: String?

    @Option(help: "A part of the issuer's name.")
    var issuer: String?

    @Option(help: "The issuer's level: national, provincial, municipal, county, township.")
    var level: String?

    @Option(help: "target or fact.")
    var role: Role?

    @Option(help: "A section path (三 or 三/(一)) or a part of a heading above the indicator.")
    var section: String?

    @Option(help: "At most this many rows.")
    var limit: Int?

    @Option(help: "table, jsonl, csv, md or xlsx (default: table on a terminal, else jsonl).")
    var format: CatalogFormat?

    func kinds() throws -> [QuantityKind] {
        guard let kind else { return [] }
        return try kind.split(separator: ",").map { name in
            guard let k = QuantityKind(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown kind '\(name)' (one of \(QuantityKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return k
        }
    }

    static func years(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard let from = parts.first ?? nil, parts.count == 1 || parts[1] != nil else {
            throw ValidationError("--year takes YEAR or FROM-TO (2025, 2021-2025)")
        }
        let to = parts.count == 2 ? parts[1]! : from
        guard from <= to else { throw ValidationError("--year \(text): the range ends before it starts") }
        return from...to
    }

    mutating func validate() throws {
        _ = try kinds()
        if let year { _ = try Self.years(year) }
        if let level, !IssuerLevels.levels.contains(level) {
            throw ValidationError("--level must be one of \(IssuerLevels.levels.joined(separator: ", "))")
        }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() async throws {
        let context = try CommandContext(global: global, input: nil)
        let format = try CatalogFormat.resolve(self.format)
        let pipeline = context.pipeline
        var query = IndicatorQuery()
        query.metric = metric.map(pipeline.normalizedQuery)
        query.kinds = try kinds()
        query.unit = unit.map(pipeline.normalizedQuery)
        query.years = try year.map(Self.years)
        query.scope = scope.map(pipeline.normalizedQuery)
        query.issuer = issuer.map(pipeline.normalizedQuery)
        query.level = level
        query.role = role
        query.section = section.map(pipeline.normalizedQuery)
        query.limit = limit == 0 ? nil : limit
        let store: any CatalogStore
        do { store = try await catalog.open(create: false) } catch { throw context.fail(error) }
        let hits: [IndicatorHit]
        do throws(CatalogError) {
            if let doc {
                let documents = try await store.resolve(doc, normalizedTitle: pipeline.normalizedQuery(doc))
                if documents.isEmpty { throw CatalogError(.notFound, location: store.location, message: "no stored document is '\(doc)'") }
                query.documents = documents.map(\.id)
            }
            hits = try await store.indicators(query)
        } catch {
            await store.close()
            throw context.fail(error)
        }
        await store.close()
        let console = context.console
        switch format {
        case .table: console.write(CatalogRenderer.indicatorSummary(hits).aligned(terminalWidth: CatalogFormat.terminalWidth))
        case .jsonl: console.write(bytes: CatalogRenderer.indicatorLines(hits))
        case .csv: console.write(bytes: CatalogRenderer.indicatorTable(hits).csv())
        case .md: console.write(CatalogRenderer.indicatorMarkdown(hits))
        case .xlsx: console.write(bytes: CatalogRenderer.indicatorWorkbook(hits))
        }
        console.flush()
        if format == .table && !global.quiet { console.note("\(hits.count) indicator\(hits.count == 1 ? "" : "s")") }
    }
}
