// libFuzzer entry point. SwiftPM links an executable with `main` renamed to
// `<module>_main`; this module is built with -parse-as-library, so that symbol is ours: it hands
// the command line to libFuzzer's driver with the target named by ZHIBIAO_FUZZ_TARGET.
// Build and run with Fuzz/run.sh (it passes the sanitizer flags and the libFuzzer runtime).
import Foundation

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: FuzzCallback) -> CInt

/// The target this process fuzzes, chosen once before the driver starts.
nonisolated(unsafe) var selectedTarget: FuzzTarget = FuzzTargets.all[0]

@_cdecl("ZhibiaoFuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    let name = ProcessInfo.processInfo.environment["ZHIBIAO_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTargets.all.first(where: { $0.name == name }) else {
        let names = FuzzTargets.all.map(\.name).joined(separator: ", ")
        FileHandle.standardError.write(Data("zhibiao-fuzz: set ZHIBIAO_FUZZ_TARGET to one of \(names)\n".utf8))
        return 64
    }
    selectedTarget = target
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        selectedTarget.run(bytes)
        return 0
    }
}
