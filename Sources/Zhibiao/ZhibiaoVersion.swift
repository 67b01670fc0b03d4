/// The version of Zhibiao (the library, the command-line tool and the catalog contract).
public enum ZhibiaoVersion {
    /// Semantic version of this release.
    public static let current = "0.1.0"
}
