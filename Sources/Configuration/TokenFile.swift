import Foundation
import Komet

/// Reads a token file: a regular file that only its owner may read, holding one token on one
/// line.
enum TokenFile {
  /// A token is at most 50 characters, so a larger file is not a token file.
  static let maxBytes = 4096

  /// Reads the token for `role` from `path`, which is absolute or relative to `workspace`.
  ///
  /// Leading and trailing white space, the final newline included, is trimmed. Errors name the
  /// file but never hold its content.
  static func read(role: TokenRole, path: String, workspace: URL) throws(ConfigurationError)
    -> Sourced<Token>
  {
    let fullPath =
      path.hasPrefix("/") ? path : workspace.appendingPathComponent(path).path
    let text = try readText(role: role, path: fullPath)

    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw .tokenFile(role: role, path: fullPath, problem: .empty) }
    let lines = trimmed.split(whereSeparator: \.isNewline)
    guard lines.count == 1 else {
      throw .tokenFile(role: role, path: fullPath, problem: .severalLines(count: lines.count))
    }

    let source = SettingSource.tokenFile(path: fullPath)
    do {
      return Sourced(try Token(role: role, secret: trimmed), from: source)
    } catch {
      throw .invalidToken(source: source, error: error)
    }
  }

  /// Returns the missing file's name as a token when it reads like one (16 or more letters
  /// and digits, both present, no extension), because a missing-file error would otherwise
  /// print a pasted token whole.
  private static func pastedToken(role: TokenRole, path: String) -> Token? {
    let name = (path as NSString).lastPathComponent
    guard name.count >= 16, !name.contains("."), name.contains(where: \.isNumber),
      name.contains(where: \.isLetter)
    else { return nil }
    return try? Token(role: role, secret: name)
  }

  private static func readText(role: TokenRole, path: String) throws(ConfigurationError)
    -> String
  {
    var status = stat()
    guard stat(path, &status) == 0 else {
      let code = errno
      if code == ENOENT, let token = pastedToken(role: role, path: path) {
        throw .tokenInPlaceOfPath(role: role, token: token)
      }
      let problem: ConfigurationError.TokenFileProblem =
        code == ENOENT ? .missing : .unreadable(reason: String(cString: strerror(code)))
      throw .tokenFile(role: role, path: path, problem: problem)
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw .tokenFile(role: role, path: path, problem: .notRegularFile)
    }
    let permissions = UInt32(status.st_mode) & 0o777
    guard permissions & 0o077 == 0 else {
      throw .tokenFile(role: role, path: path, problem: .readableByOthers(mode: permissions))
    }
    guard status.st_size <= maxBytes else {
      throw .tokenFile(role: role, path: path, problem: .tooLarge(bytes: Int(status.st_size)))
    }

    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      let reason = (error as NSError).localizedFailureReason ?? "read failed"
      throw .tokenFile(role: role, path: path, problem: .unreadable(reason: reason))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .tokenFile(role: role, path: path, problem: .notUTF8)
    }
    return text
  }
}
