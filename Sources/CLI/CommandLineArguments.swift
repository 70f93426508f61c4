/// A command line split into positional arguments and `--name value` or `--flag` options.
struct CommandLineArguments {
  var positional: [String] = []
  var options: [String: String] = [:]
  var flags: Set<String> = []

  /// Splits `arguments`, taking a value for each name in `valued` and none for the names in
  /// `switches`; `--name=value` works too, and `--` ends the options.
  init(_ arguments: [String], valued: Set<String>, switches: Set<String>) throws {
    var index = 0
    var isPastOptions = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      guard !isPastOptions, argument.hasPrefix("--"), argument.count > 2 else {
        if argument == "--" { isPastOptions = true } else { positional.append(argument) }
        continue
      }

      var name = String(argument.dropFirst(2))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }

      if switches.contains(name), inlineValue == nil {
        flags.insert(name)
      } else if valued.contains(name) {
        if let inlineValue {
          options[name] = inlineValue
        } else {
          guard index < arguments.count else { throw UsageError.missingValue(option: name) }
          options[name] = arguments[index]
          index += 1
        }
      } else {
        throw UsageError.unknownOption(argument)
      }
    }
  }
}

/// A command line that cannot be run as written.
enum UsageError: Error, Equatable, CustomStringConvertible {
  case unknownCommand(String)
  case unknownOption(String)
  case missingValue(option: String)
  case missingArgument(String)
  /// A positional argument past those the command takes, with why and what to do instead.
  case unexpectedArgument(String, reason: String)
  case invalidValue(option: String, value: String, expected: String)

  var description: String {
    switch self {
    case .unknownCommand(let name):
      return "unknown command '\(name)'. Run 'komet-dwf help' for the list of commands."
    case .unknownOption(let option):
      return "unknown option '\(option)'. Run 'komet-dwf help' for the options of each command."
    case .missingValue(let option):
      return "option --\(option) needs a value."
    case .missingArgument(let name):
      return "missing \(name). Run 'komet-dwf help' for usage."
    case .unexpectedArgument(let argument, let reason):
      return "unexpected argument '\(argument)': \(reason)."
    case .invalidValue(let option, let value, let expected):
      return "invalid value '\(value)' for --\(option); expected \(expected)."
    }
  }
}
