/// Why a block of a published page is not part of the document's body.
public enum BoilerplateReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// `<nav>`, menus.
    case navigation
    /// `<header>`, page banners.
    case header
    /// `<footer>`, copyright and contact lines.
    case footer
    /// `<aside>`, sidebars.
    case aside
    /// Share buttons (分享到…).
    case share
    /// Breadcrumbs (当前位置…).
    case breadcrumb
    /// Related-article lists (相关文章…).
    case related
    /// Form controls and their labels.
    case form
    /// Text outside the block picked as the main content by text density.
    case outsideMainContent = "outside-main-content"
}

/// What a block of an ingested document was in its source format.
public enum BlockKind: String, Sendable, Hashable, Codable {
    case paragraph, heading, listItem = "list-item", tableRow = "table-row", caption
}

/// A block of an ingested HTML or DOCX document, in the original text.
public struct SourceBlock: Sendable, Hashable, Codable {
    public var span: OriginalSpan
    public var kind: BlockKind
    /// Set when the block is page furniture rather than document text.
    public var boilerplate: BoilerplateReason?

    public init(span: OriginalSpan, kind: BlockKind, boilerplate: BoilerplateReason? = nil) {
        self.span = span
        self.kind = kind
        self.boilerplate = boilerplate
    }
}
