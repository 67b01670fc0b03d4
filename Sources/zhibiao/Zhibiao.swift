import ArgumentParser

@main
struct ZhibiaoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhibiao",
        abstract: "Turn Chinese policy documents into a catalog of quantitative targets.",
        discussion: """
            Exit codes: 0 ok, 3 partial (some inputs failed), 64 usage, 65 bad input data, \
            66 input missing, 70 internal error, 74 I/O error.
            """,
        subcommands: [NormalizeCommand.self, TextCommand.self, OutlineCommand.self, ExtractCommand.self, ChecklistCommand.self, DiffCommand.self, EvalCommand.self, LinksCommand.self,
                      ConformanceCommand.self,
                      GrammarCommand.self,
                      IngestCommand.self, QueryCommand.self, SearchCommand.self, ListCommand.self, RemoveCommand.self,
                      ServeCommand.self]
    )

    @OptionGroup var version: VersionOptions

    func run() throws {
        guard version.version else { throw CleanExit.helpRequest(self) }
        try version.printVersion()
    }
}
