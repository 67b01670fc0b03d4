/// Why a block is not part of the document's body: page furniture found by the HTML reader,
/// or noise found by the segmenter in any text (adverts, share bars, page titles…).
public enum NoiseReason: String, Sendable, Hashable, Codable, CaseIterable {
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
    /// An advertisement or promotion (了解更多, 为您提供…).
    case advert
    /// The web page's own title (site name + document title).
    case pageTitle = "page-title"
    /// Web page furniture in plain text: view counts, font-size bars, print/close links.
    case pageFurniture = "page-furniture"
    /// A table of contents (目录) that repeats the headings of the body.
    case tableOfContents = "table-of-contents"
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
    public var boilerplate: NoiseReason?

    public init(span: OriginalSpan, kind: BlockKind, boilerplate: NoiseReason? = nil) {
        self.span = span
        self.kind = kind
        self.boilerplate = boilerplate
    }
}
