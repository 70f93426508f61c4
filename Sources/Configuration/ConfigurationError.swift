import Komet

/// Everything that can be wrong with the `komet` section of `komet-dwf.json`, the environment
/// that overrides it, or a token file.
///
/// No case contains a token's text. A token file's content is never stored, and a token from the
/// environment that fails its checks appears only through `KometError`, which holds no text.
package enum ConfigurationError: Error, Equatable, Sendable {
  /// The problem found with a token file.
  package enum TokenFileProblem: Equatable, Sendable {
    case missing
    /// A folder, device or socket instead of a regular file.
    case notRegularFile
    /// Group or other permission bits are set, such as 0644.
    case readableByOthers(mode: UInt32)
    case unreadable(reason: String)
    case tooLarge(bytes: Int)
    case notUTF8
    /// Nothing but white space.
    case empty
    /// More than one non-empty line.
    case severalLines(count: Int)
  }

  /// The config file exists but cannot be read.
  case unreadableFile(path: String, reason: String)
  case invalidJSON(path: String, offset: Int, reason: String)
  case unknownKey(path: String, key: String)
  case duplicateKey(path: String, key: String)
  /// A key has a value of the wrong JSON type, such as `"dryRun": "yes"`.
  case wrongType(path: String, key: String, value: String, expected: String)
  /// A value has the right type but is out of range or not one of the allowed names.
  case invalidValue(source: SettingSource, value: String, reason: String)
  case invalidBaseURL(source: SettingSource, value: String, reason: String)
  case tokenFile(role: TokenRole, path: String, problem: TokenFileProblem)
  /// A `komet.tokenFiles` value names no file and reads like a token, so it is shown masked.
  case tokenInPlaceOfPath(role: TokenRole, token: Token)
  /// A token from `source` failed `Token`'s checks.
  case invalidToken(source: SettingSource, error: KometError)
}
