/// Process exit statuses, from `sysexits.h` where one fits.
package enum ExitCode: Int32, Sendable {
  case success = 0
  case failure = 1
  /// `EX_USAGE`: the command line is wrong.
  case usage = 64
  /// `EX_DATAERR`: the input is readable but wrong, or ambiguous.
  case dataError = 65
  /// `EX_NOINPUT`: an input file is missing or unreadable.
  case noInput = 66
  /// `EX_UNAVAILABLE`: a service, such as Komet's API, cannot be reached.
  case unavailable = 69
  /// `EX_CANTCREAT`: an output folder or file cannot be created.
  case cannotCreate = 73
  /// `EX_IOERR`.
  case ioError = 74
  /// `EX_TEMPFAIL`: try again later, for example when another process holds the workspace lock.
  case temporaryFailure = 75
  /// `EX_CONFIG`: the configuration is invalid or incomplete.
  case configuration = 78
}
