/// The origin of a resolved setting, for `komet check` and error messages.
package enum SettingSource: Equatable, Sendable, CustomStringConvertible {
  /// The built-in default, because neither the file nor the environment set it.
  case defaultValue
  /// A key of the config file, such as `komet.retry.attempts` in `/srv/dwf/komet-dwf.json`.
  case file(path: String, key: String)
  /// A token file named by `komet.tokenFiles`.
  case tokenFile(path: String)
  /// An environment variable, such as `KOMET_API_URL`.
  case environment(name: String)

  package var description: String {
    switch self {
    case .defaultValue: return "default"
    case .file(let path, let key): return "\(key) in \(path)"
    case .tokenFile(let path): return "token file \(path)"
    case .environment(let name): return "environment variable \(name)"
    }
  }
}

/// A setting's value together with its source.
package struct Sourced<Value> {
  package var value: Value
  package var source: SettingSource

  package init(_ value: Value, from source: SettingSource = .defaultValue) {
    self.value = value
    self.source = source
  }
}

extension Sourced: Sendable where Value: Sendable {}
extension Sourced: Equatable where Value: Equatable {}
