/// The catalog's SQLite schema as numbered migrations, frozen once shipped: a migration is never
/// edited (a change is a new migration) and never mentions the application's types, only SQL.
/// GRDB records the applied identifiers in `grdb_migrations`; a file with an identifier this list
/// does not know was written by a newer Zhibiao and is refused.
enum SQLiteSchema {
    /// Documents, their tree, sentences, indicators and noise.
    static let v1Tables = """
        CREATE TABLE catalog_info (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        INSERT INTO catalog_info (key, value) VALUES ('created_by', 'zhibiao');

        CREATE TABLE document (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL UNIQUE,
            title TEXT,
            issuer TEXT,
            level TEXT,
            issued TEXT,
            period TEXT,
            doc_number TEXT,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL,
            encoding_source TEXT NOT NULL,
            script TEXT NOT NULL,
            byte_count INTEGER NOT NULL,
            pipeline TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            section_count INTEGER NOT NULL,
            sentence_count INTEGER NOT NULL,
            indicator_count INTEGER NOT NULL,
            target_count INTEGER NOT NULL,
            noise_count INTEGER NOT NULL,
            -- Last: SQLite reads a row's columns in order, so that listing documents never reads their texts.
            metadata_json TEXT NOT NULL,
            blocks_json TEXT NOT NULL,
            original_text TEXT NOT NULL
        );

        CREATE TABLE section (
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            path TEXT NOT NULL,
            level INTEGER NOT NULL,
            kind TEXT NOT NULL,
            marker TEXT,
            style TEXT,
            number INTEGER,
            marker_start INTEGER,
            marker_end INTEGER,
            heading TEXT,
            heading_start INTEGER,
            heading_end INTEGER,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            PRIMARY KEY (document_id, ordinal)
        ) WITHOUT ROWID;

        CREATE TABLE sentence (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            section_ordinal INTEGER NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            search_text TEXT NOT NULL,
            UNIQUE (document_id, ordinal)
        );

        CREATE TABLE indicator (
            row_id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            id TEXT NOT NULL UNIQUE,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            kind TEXT NOT NULL,
            unit TEXT NOT NULL,
            unit_key TEXT NOT NULL,
            base_unit TEXT NOT NULL,
            value TEXT NOT NULL,
            base_value REAL,
            comparator TEXT NOT NULL,
            year INTEGER,
            period_start INTEGER,
            period_end INTEGER,
            metric TEXT,
            metric_key TEXT,
            metric_text TEXT NOT NULL,
            scope TEXT,
            section TEXT NOT NULL,
            role TEXT NOT NULL,
            record_json TEXT NOT NULL,
            UNIQUE (document_id, ordinal)
        );
        CREATE INDEX indicator_year ON indicator (year);
        CREATE INDEX indicator_metric_key ON indicator (metric_key);

        CREATE TABLE noise (
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (document_id, ordinal)
        ) WITHOUT ROWID;
        """

    /// Full-text search over sentences and metrics: contentless FTS5 tables of character bigrams
    /// (`SearchText` version 1), rowid = `sentence.id` / `indicator.row_id`. Rows are added and
    /// deleted with the tokens recomputed from `search_text` / `metric_text`.
    static let v2Search = """
        CREATE VIRTUAL TABLE sentence_search USING fts5(tokens, content = '', tokenize = 'ascii');
        CREATE VIRTUAL TABLE metric_search USING fts5(tokens, content = '', tokenize = 'ascii');
        INSERT INTO catalog_info (key, value) VALUES ('search_tokens', '1');
        """

    /// A document's citations (根据《…》, 文号) and the tables its reader found, as JSON.
    static let v3CitationsTables = """
        ALTER TABLE document ADD COLUMN citations_json TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE document ADD COLUMN tables_json TEXT NOT NULL DEFAULT '[]';
        """

    /// A researcher's checklist marks (status and note per target), by indicator id: kept when a
    /// document is extracted again (the id is stable), so no foreign key.
    static let v4ChecklistMarks = """
        CREATE TABLE checklist_mark (
            indicator_id TEXT PRIMARY KEY NOT NULL,
            status TEXT NOT NULL,
            note TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """

    /// Identifiers in order: what this Zhibiao knows.
    static let identifiers = ["v1-tables", "v2-search", "v3-citations-tables", "v4-checklist-marks"]
}
