import CZhibiaoICU

/// A failed ICU call, with ICU's own error name.
public struct ICUError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The UErrorCode value.
    public let code: Int32
    /// What Zhibiao was doing, e.g. `opening transliterator Traditional-Simplified`.
    public let context: String

    public init(code: Int32, context: String) {
        self.code = code
        self.context = context
    }

    /// ICU's symbolic name, e.g. `U_ILLEGAL_CHAR_FOUND`.
    public var name: String { String(cString: zb_icu_error_name(code)) }

    public var description: String { "ICU error \(name) while \(context)" }
}

/// ICU as a whole.
public enum ICU {
    /// The runtime version of the system ICU, e.g. `72.1`.
    public static var version: String { String(cString: zb_icu_version()) }

    /// Calls an ICU function that writes into a buffer, growing the buffer on overflow.
    ///
    /// `body` receives the buffer and its capacity and returns the length written or needed.
    static func withGrowingBuffer<Element: BinaryInteger>(
        _ type: Element.Type, initialCapacity: Int, context: @autoclosure () -> String,
        _ body: (UnsafeMutablePointer<Element>, Int32, inout Int32) -> Int32
    ) throws(ICUError) -> [Element] {
        var capacity = max(initialCapacity, 16)
        while true {
            var error: Int32 = 0
            var buffer = [Element](repeating: 0, count: capacity)
            let count = buffer.withUnsafeMutableBufferPointer { pointer in
                body(pointer.baseAddress!, Int32(capacity), &error)
            }
            if error == Int32(ZB_U_BUFFER_OVERFLOW_ERROR) {
                capacity = max(Int(count), capacity * 2)
                continue
            }
            if error > 0 { throw ICUError(code: error, context: context()) }
            buffer.removeSubrange(Int(count)...)
            return buffer
        }
    }
}
