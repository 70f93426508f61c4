import Komet

extension ConfigurationError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .unreadableFile(let path, let reason):
      return "cannot read the config file \(path): \(reason)."
    case .invalidJSON(let path, let offset, let reason):
      return "the config file \(path) is not valid JSON (\(reason) at byte \(offset))."
    case .unknownKey(let path, let key):
      return "unknown key \(key) in \(path). Check its spelling against docs/configuration.md."
    case .duplicateKey(let path, let key):
      return "the key \(key) appears more than once in \(path). Keep one of them."
    case .wrongType(let path, let key, let value, let expected):
      return "\(key) in \(path) is \(value), but should be \(expected)."
    case .invalidValue(let source, let value, let reason):
      return "\(source) is invalid: \(value) \(reason)."
    case .invalidBaseURL(let source, let value, let reason):
      return "\(source) is not a usable Komet base URL: \"\(value)\" \(reason)."
    case .tokenFile(let role, let path, let problem):
      return "the \(role) token file \(path) \(problemText(problem, path: path))."
    case .tokenInPlaceOfPath(let role, let token):
      return "the \(role) token file setting is \(token.masked), which looks like a token, not"
        + " a file path. Put the token in a file with mode 0600 and give that file's path."
    case .invalidToken(let source, let error):
      return "\(source): \(error)"
    }
  }

  private func problemText(_ problem: TokenFileProblem, path: String) -> String {
    switch problem {
    case .missing:
      return "does not exist. Create it with the token on one line, or remove the setting"
    case .notRegularFile:
      return "is not a regular file. Point the setting at a file holding the token"
    case .readableByOthers(let mode):
      return "has mode \(octal(mode)), so other users may read it. Run chmod 600 \(path)"
    case .unreadable(let reason):
      return "cannot be read: \(reason)"
    case .tooLarge(let bytes):
      return "has \(bytes) bytes, too many for one token. Put only the token in it"
    case .notUTF8:
      return "is not UTF-8 text. Put only the token in it, on one line"
    case .empty:
      return "is empty. Paste the token from Komet (Setup > Settings > Tokens) into it"
    case .severalLines(let count):
      return "has \(count) lines, but should hold one token on one line"
    }
  }

  private func octal(_ mode: UInt32) -> String {
    let digits = String(mode, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
