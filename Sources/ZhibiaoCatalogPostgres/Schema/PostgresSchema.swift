/// The catalog's PostgreSQL schema as numbered migrations, frozen once shipped: a migration is
/// never edited (a change is a new migration) and never mentions the application's types. Applied
/// identifiers are kept in `zhibiao_migrations`; a database with one this list does not know was
/// written by a newer Zhibiao and is refused. Each migration runs in one transaction.
enum PostgresSchema {
    static let v1Tables = [
        "CREATE TABLE catalog_info (key text PRIMARY KEY, value text NOT NULL)",
        "INSERT INTO catalog_info (key, value) VALUES ('created_by', 'zhibiao')",
        """
        CREATE TABLE document (
            id bigserial PRIMARY KEY,
            path text NOT NULL UNIQUE,
            sha256 text NOT NULL UNIQUE,
            title text,
            issuer text,
            level text,
            issued text,
            period text,
            doc_number text,
            format text NOT NULL,
            encoding text NOT NULL,
            encoding_source text NOT NULL,
            script text NOT NULL,
            byte_count bigint NOT NULL,
            pipeline text NOT NULL,
            ingested_at text NOT NULL,
            section_count bigint NOT NULL,
            sentence_count bigint NOT NULL,
            indicator_count bigint NOT NULL,
            target_count bigint NOT NULL,
            noise_count bigint NOT NULL,
            metadata_json text NOT NULL,
            blocks_json text NOT NULL,
            original_text text NOT NULL
        )
        """,
        """
        CREATE TABLE section (
            document_id bigint NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            ordinal bigint NOT NULL,
            path text NOT NULL,
            level bigint NOT NULL,
            kind text NOT NULL,
            marker text,
            style text,
            number bigint,
            marker_start bigint,
            marker_end bigint,
            heading text,
            heading_start bigint,
            heading_end bigint,
            span_start bigint NOT NULL,
            span_end bigint NOT NULL,
            PRIMARY KEY (document_id, ordinal)
        )
        """,
        """
        CREATE TABLE sentence (
            id bigserial PRIMARY KEY,
            document_id bigint NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            ordinal bigint NOT NULL,
            section_ordinal bigint NOT NULL,
            span_start bigint NOT NULL,
            span_end bigint NOT NULL,
            search_text text NOT NULL,
            UNIQUE (document_id, ordinal)
        )
        """,
        """
        CREATE TABLE indicator (
            row_id bigserial PRIMARY KEY,
            document_id bigint NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            ordinal bigint NOT NULL,
            id text NOT NULL UNIQUE,
            span_start bigint NOT NULL,
            span_end bigint NOT NULL,
            kind text NOT NULL,
            unit text NOT NULL,
            unit_key text NOT NULL,
            base_unit text NOT NULL,
            value text NOT NULL,
            base_value double precision,
            comparator text NOT NULL,
            year bigint,
            period_start bigint,
            period_end bigint,
            metric text,
            metric_key text,
            metric_text text NOT NULL,
            scope text,
            section text NOT NULL,
            role text NOT NULL,
            record_json text NOT NULL,
            UNIQUE (document_id, ordinal)
        )
        """,
        "CREATE INDEX indicator_year ON indicator (year)",
        "CREATE INDEX indicator_metric_key ON indicator (metric_key)",
        """
        CREATE TABLE noise (
            document_id bigint NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            ordinal bigint NOT NULL,
            span_start bigint NOT NULL,
            span_end bigint NOT NULL,
            reason text NOT NULL,
            PRIMARY KEY (document_id, ordinal)
        )
        """,
    ]

    /// Search: the distinct character bigrams and words of each sentence and metric
    /// (`SearchText` version 1) in `text[]` columns with GIN indexes; a query requires its tokens
    /// (`@>`) and then the exact substring (`strpos`).
    static let v2Search = [
        "ALTER TABLE sentence ADD COLUMN tokens text[] NOT NULL DEFAULT '{}'",
        "ALTER TABLE indicator ADD COLUMN metric_tokens text[] NOT NULL DEFAULT '{}'",
        "CREATE INDEX sentence_tokens ON sentence USING gin (tokens)",
        "CREATE INDEX indicator_metric_tokens ON indicator USING gin (metric_tokens)",
        "INSERT INTO catalog_info (key, value) VALUES ('search_tokens', '1')",
    ]

    /// A document's citations (根据《…》, 文号) and the tables its reader found, as JSON.
    static let v3CitationsTables = [
        "ALTER TABLE document ADD COLUMN citations_json text NOT NULL DEFAULT '[]'",
        "ALTER TABLE document ADD COLUMN tables_json text NOT NULL DEFAULT '[]'",
    ]

    /// A researcher's checklist marks (status and note per target), by indicator id: kept when a
    /// document is extracted again (the id is stable), so no foreign key.
    static let v4ChecklistMarks = [
        """
        CREATE TABLE checklist_mark (
            indicator_id text PRIMARY KEY,
            status text NOT NULL,
            note text NOT NULL,
            updated_at text NOT NULL
        )
        """,
    ]

    static let identifiers = ["v1-tables", "v2-search", "v3-citations-tables", "v4-checklist-marks"]
}
