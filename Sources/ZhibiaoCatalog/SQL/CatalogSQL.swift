import ZhibiaoCore

/// A value bound to a statement.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    /// A PostgreSQL `text[]` (SQLite never receives one).
    case textArray([String])

    public static func optional(_ s: String?) -> SQLValue { s.map(SQLValue.text) ?? .null }
    public static func optional(_ n: Int?) -> SQLValue { n.map { .int(Int64($0)) } ?? .null }
}

/// What differs between the stores' SQL for the same query: placeholders, substring tests and
/// how the search index narrows rows.
public struct SQLDialect: Sendable {
    public enum SearchIndex: Sendable { case sentence, metric }

    /// `?` or `$1`, for the n-th bound value (from 1).
    public var placeholder: @Sendable (Int) -> String
    /// An expression true when `haystack` contains `needle` (both SQL expressions).
    public var contains: @Sendable (_ haystack: String, _ needle: String) -> String
    /// A condition narrowing rows of `index` with `plan` (nil when the index cannot help);
    /// `bind` adds a value and gives its placeholder.
    public var narrow: @Sendable (_ index: SearchIndex, _ plan: SearchPlan, _ bind: (SQLValue) -> String) -> String?

    public init(placeholder: @escaping @Sendable (Int) -> String, contains: @escaping @Sendable (String, String) -> String,
                narrow: @escaping @Sendable (SearchIndex, SearchPlan, (SQLValue) -> String) -> String?) {
        self.placeholder = placeholder
        self.contains = contains
        self.narrow = narrow
    }
}

/// A statement and its values.
public struct SQLStatement: Sendable, Hashable {
    public var sql: String
    public var values: [SQLValue]
}

/// The query statements both stores run, built once over a dialect. Column names are the
/// schema's (see each store's migrations).
public enum CatalogSQL {
    /// The columns of a ``DocumentReference``, from `document d`, in this order.
    public static let referenceColumns = "d.id, d.path, d.title, d.issuer, d.level, d.issued"

    final class Binder {
        let dialect: SQLDialect
        var values: [SQLValue] = []
        init(_ dialect: SQLDialect) { self.dialect = dialect }
        func bind(_ value: SQLValue) -> String {
            values.append(value)
            return dialect.placeholder(values.count)
        }
    }

    public static func indicators(_ q: IndicatorQuery, dialect: SQLDialect) -> SQLStatement {
        let b = Binder(dialect)
        var conditions: [String] = []
        if let metric = q.metric {
            let plan = SearchPlan(query: metric)
            if let narrow = dialect.narrow(.metric, plan, b.bind) { conditions.append(narrow) }
            conditions.append(dialect.contains("i.metric_text", b.bind(.text(plan.needle))))
        }
        if !q.kinds.isEmpty {
            conditions.append("i.kind IN (" + q.kinds.map { b.bind(.text($0.rawValue)) }.joined(separator: ", ") + ")")
        }
        if let unit = q.unit {
            conditions.append("(i.unit = \(b.bind(.text(unit))) OR i.unit_key = \(b.bind(.text(unit))) OR i.base_unit = \(b.bind(.text(unit))))")
        }
        if let years = q.years {
            conditions.append("i.year BETWEEN \(b.bind(.int(Int64(years.lowerBound)))) AND \(b.bind(.int(Int64(years.upperBound))))")
        }
        if let scope = q.scope { conditions.append(dialect.contains("i.scope", b.bind(.text(scope)))) }
        if let documents = q.documents {
            conditions.append(documents.isEmpty ? "1 = 0" : "i.document_id IN (" + documents.map { b.bind(.int($0)) }.joined(separator: ", ") + ")")
        }
        if let issuer = q.issuer { conditions.append(dialect.contains("d.issuer", b.bind(.text(issuer)))) }
        if let level = q.level { conditions.append("d.level = \(b.bind(.text(level)))") }
        if let role = q.role { conditions.append("i.role = \(b.bind(.text(role.rawValue)))") }
        if let section = q.section {
            let p = b.bind(.text(section))
            // The path itself or below it, or below a section whose heading holds the text.
            conditions.append("""
                (i.section = \(p) OR substr(i.section, 1, length(\(p)) + 1) = \(p) || '/' OR EXISTS (SELECT 1 FROM section n \
                WHERE n.document_id = i.document_id AND n.heading IS NOT NULL AND \(dialect.contains("n.heading", p)) \
                AND (i.section = n.path OR substr(i.section, 1, length(n.path) + 1) = n.path || '/')))
                """)
        }
        var sql = "SELECT i.record_json, \(referenceColumns) FROM indicator i JOIN document d ON d.id = i.document_id"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY d.path, i.ordinal"
        if let limit = q.limit { sql += " LIMIT \(b.bind(.int(Int64(limit))))" }
        return SQLStatement(sql: sql, values: b.values)
    }

    /// Columns: ordinal, span_start, span_end, search_text, node path, the reference columns,
    /// then the sentence as written.
    public static func sentences(_ q: SentenceQuery, dialect: SQLDialect) -> SQLStatement {
        let b = Binder(dialect)
        let plan = SearchPlan(query: q.text)
        var conditions: [String] = []
        if let narrow = dialect.narrow(.sentence, plan, b.bind) { conditions.append(narrow) }
        conditions.append(dialect.contains("s.search_text", b.bind(.text(plan.needle))))
        if let documents = q.documents {
            conditions.append(documents.isEmpty ? "1 = 0" : "s.document_id IN (" + documents.map { b.bind(.int($0)) }.joined(separator: ", ") + ")")
        }
        // The sentences are chosen, sorted and limited first, and only those few read their text
        // out of the document (a sorter holding every match's text would read every document).
        var inner = """
            SELECT s.document_id, s.ordinal, s.section_ordinal, s.span_start, s.span_end, s.search_text, d.path AS doc_path \
            FROM sentence s JOIN document d ON d.id = s.document_id WHERE \(conditions.joined(separator: " AND ")) \
            ORDER BY d.path, s.ordinal
            """
        if let limit = q.limit { inner += " LIMIT \(b.bind(.int(Int64(limit))))" }
        let sql = """
            SELECT h.ordinal, h.span_start, h.span_end, h.search_text, n.path, \(referenceColumns), \
            substr(d.original_text, CAST(h.span_start + 1 AS INTEGER), CAST(h.span_end - h.span_start AS INTEGER)) \
            FROM (\(inner)) h JOIN document d ON d.id = h.document_id \
            JOIN section n ON n.document_id = h.document_id AND n.ordinal = h.section_ordinal ORDER BY h.doc_path, h.ordinal
            """
        return SQLStatement(sql: sql, values: b.values)
    }

    /// Columns of ``DocumentSummary`` in order (see `summary(from:)` in each store).
    public static let summaryColumns = """
        d.id, d.path, d.title, d.issuer, d.level, d.issued, d.period, d.script, d.format, d.byte_count, d.sha256, \
        d.ingested_at, d.pipeline, d.section_count, d.sentence_count, d.indicator_count, d.target_count
        """

    /// Documents whose stored counts differ from their rows: a document written in part.
    public static let countMismatches = """
        SELECT d.id, d.path, d.section_count, (SELECT count(*) FROM section x WHERE x.document_id = d.id), \
        d.sentence_count, (SELECT count(*) FROM sentence x WHERE x.document_id = d.id), \
        d.indicator_count, (SELECT count(*) FROM indicator x WHERE x.document_id = d.id), \
        d.noise_count, (SELECT count(*) FROM noise x WHERE x.document_id = d.id) \
        FROM document d WHERE d.section_count <> (SELECT count(*) FROM section x WHERE x.document_id = d.id) \
        OR d.sentence_count <> (SELECT count(*) FROM sentence x WHERE x.document_id = d.id) \
        OR d.indicator_count <> (SELECT count(*) FROM indicator x WHERE x.document_id = d.id) \
        OR d.noise_count <> (SELECT count(*) FROM noise x WHERE x.document_id = d.id)
        """

    /// Rows that belong to no document.
    public static let orphans = """
        SELECT 'section', count(*) FROM section x WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.id = x.document_id) \
        UNION ALL SELECT 'sentence', count(*) FROM sentence x WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.id = x.document_id) \
        UNION ALL SELECT 'indicator', count(*) FROM indicator x WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.id = x.document_id) \
        UNION ALL SELECT 'noise', count(*) FROM noise x WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.id = x.document_id)
        """
}
