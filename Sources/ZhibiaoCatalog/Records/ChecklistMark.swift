/// A researcher's progress on one target of a checklist: a status and a note, kept in the
/// catalog by the indicator's id (stable across runs), set through `zhibiao serve --allow-edits`.
public struct ChecklistMark: Sendable, Hashable {
    /// Where work on a target stands.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case notStarted = "not-started"
        case inProgress = "in-progress"
        case done
        case doubtful

        /// The status as researchers read it (未开始, 进行中, 已完成, 存疑).
        public var label: String {
            switch self {
            case .notStarted: "未开始"
            case .inProgress: "进行中"
            case .done: "已完成"
            case .doubtful: "存疑"
            }
        }
    }

    /// The indicator's catalog id (`Indicator.id`).
    public var indicator: String
    public var status: Status
    /// Free text, at most ``maxNoteLength`` characters.
    public var note: String
    /// When it was last set, ISO 8601 UTC.
    public var updatedAt: String

    /// The longest note kept (characters).
    public static let maxNoteLength = 2000

    public init(indicator: String, status: Status, note: String, updatedAt: String) {
        self.indicator = indicator
        self.status = status
        self.note = note
        self.updatedAt = updatedAt
    }
}
