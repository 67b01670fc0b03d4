import Foundation

/// A seeded generator (SplitMix64) so property tests can print and replay their seed.
public struct RepeatableRandom: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed for a randomized test: fixed, so that a test run is repeatable and CI cannot fail
    /// by chance; `ZHIBIAO_TEST_SEED=random` draws a new one (printed, to replay a failure with
    /// `ZHIBIAO_TEST_SEED=<seed>`). Exploring at length is the fuzzers' job (`make fuzz`).
    public static func testSeed(_ test: String, fixed: UInt64 = 20_261_122) -> UInt64 {
        let setting = ProcessInfo.processInfo.environment["ZHIBIAO_TEST_SEED"] ?? ""
        let seed = setting == "random" ? UInt64.random(in: 0...UInt64.max) : UInt64(setting) ?? fixed
        if !setting.isEmpty && setting != "random" && UInt64(setting) == nil {
            print("\(test): ZHIBIAO_TEST_SEED=\(setting) is neither a number nor random; using the fixed seed")
        }
        print("\(test) seed \(seed)")
        return seed
    }
}
