/// The severity of a log record, with the seven level names swift-log uses, least severe first.
package enum LogLevel: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
  case trace
  case debug
  case info
  case notice
  case warning
  case error
  case critical

  package var description: String {
    switch self {
    case .trace: return "trace"
    case .debug: return "debug"
    case .info: return "info"
    case .notice: return "notice"
    case .warning: return "warning"
    case .error: return "error"
    case .critical: return "critical"
    }
  }

  package static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
