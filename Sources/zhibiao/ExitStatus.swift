import ArgumentParser
import ZhibiaoIngest

/// Exit codes (sysexits style), documented in the README.
enum ExitStatus: Int32 {
    case ok = 0
    /// Some inputs failed, others succeeded.
    case partial = 3
    case usage = 64
    case dataError = 65
    case noInput = 66
    case software = 70
    case ioError = 74

    var code: ExitCode { ExitCode(rawValue) }

    init(_ error: IngestError) {
        switch error.kind {
        case .noInput: self = .noInput
        case .badData: self = .dataError
        case .io: self = .ioError
        }
    }
}
