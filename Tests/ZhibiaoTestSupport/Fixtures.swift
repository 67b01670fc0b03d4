import Foundation
import Zhibiao
import ZhibiaoCore

/// The pipeline over the repository's Grammars/, loaded once for all tests.
public enum Fixtures {
    public static let resources: Resources = {
        do {
            return try Resources(directory: RepoPaths.grammars)
        } catch {
            fatalError("Grammars/ does not load: \(error)")  // test setup: nothing can run without it
        }
    }()

    public static let pipeline = Pipeline(resources: resources)

    /// Characters of `document.original` that carry no text (white space, dropped by
    /// normalization).
    public static func ignorable(_ document: NormalizedDocument) -> (Int) -> Bool {
        let ignorable = document.ignorableOriginalOffsets()
        return { ignorable[$0] }
    }
}
