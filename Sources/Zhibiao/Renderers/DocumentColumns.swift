import ZhibiaoCore

/// The document fields repeated on every row of a CSV, so that one table over many documents
/// needs no join: title, issuer and date of issue (normalized values, Simplified script).
public struct DocumentColumns: Sendable, Hashable {
    /// CSV header names, in order.
    public static let header = ["title", "issuer", "date"]

    /// The title (标题), or "".
    public var title: String
    /// The issuing bodies (发文机关), joined by `、`, or "".
    public var issuer: String
    /// The date of issue (成文日期) as ISO 8601, else the page's publication date, or "".
    public var date: String

    public init(title: String = "", issuer: String = "", date: String = "") {
        self.title = title
        self.issuer = issuer
        self.date = date
    }

    public init(metadata: DocumentMetadata) {
        title = metadata.title?.value ?? ""
        issuer = metadata.issuers.map(\.value).joined(separator: "、")
        date = (metadata.date ?? metadata.published)?.value ?? ""
    }

    public init(_ document: ExtractedDocument) {
        self.init(metadata: document.tree.metadata)
    }

    var cells: [CSVWriter.Cell] { [.text(title), .text(issuer), .text(date)] }
}

extension Comparator {
    /// The comparator as a word for CSV (`eq`, `ge`, `gt`, `le`, `lt`, `approx`): a bare `=` or
    /// `>=` would start a formula in a spreadsheet.
    public var csvWord: String {
        switch self {
        case .equal: "eq"
        case .atLeast: "ge"
        case .more: "gt"
        case .atMost: "le"
        case .less: "lt"
        case .about: "approx"
        }
    }
}
