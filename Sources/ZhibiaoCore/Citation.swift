/// A reference to another document: 根据《中华人民共和国乡村振兴促进法》, 为贯彻落实《…》(国发〔2021〕4号),
/// or a document number alone (按照国办发〔2019〕4号文件要求).
public struct Citation: Sendable, Hashable, Codable {
    /// The cited title without its 《》, normalized (Simplified); nil for a document number alone.
    /// A short name the document defines (以下简称《若干政策》) is replaced by the full title.
    public var title: String?
    /// The cited document number (文号), normalized: 国发〔2021〕4号.
    public var docNumber: String?
    /// The word that introduces the reference (根据, 按照, 为贯彻落实, 结合, 印发), normalized; nil
    /// when the reference stands without one.
    public var verb: String?
    /// The reference as written: from 《 to 》 and the document number in brackets after it, or
    /// the document number alone; the verb is not part of it.
    public var span: OriginalSpan

    public init(title: String?, docNumber: String?, verb: String?, span: OriginalSpan) {
        self.title = title
        self.docNumber = docNumber
        self.verb = verb
        self.span = span
    }
}
