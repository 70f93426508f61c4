import Foundation
import Komet

/// Writes a `JSONValue` with two-space indentation, for files that people open too.
///
/// Scalars and keys go through `JSONWriter`, so numbers keep their literal digits and strings
/// are escaped the same way as in requests.
enum IndentedJSON {
  /// Returns the UTF-8 text of `value`, ending with a newline.
  static func data(for value: JSONValue) -> Data {
    var output = ""
    write(value, indent: "", to: &output)
    output += "\n"
    return Data(output.utf8)
  }

  private static func write(_ value: JSONValue, indent: String, to output: inout String) {
    let inner = indent + "  "
    switch value {
    case .array(let elements) where !elements.isEmpty:
      output += "[\n"
      for (position, element) in elements.enumerated() {
        output += inner
        write(element, indent: inner, to: &output)
        output += position < elements.count - 1 ? ",\n" : "\n"
      }
      output += indent + "]"
    case .object(let members) where !members.isEmpty:
      output += "{\n"
      for (position, member) in members.enumerated() {
        output += inner + scalarText(.string(member.key)) + ": "
        write(member.value, indent: inner, to: &output)
        output += position < members.count - 1 ? ",\n" : "\n"
      }
      output += indent + "}"
    default:
      output += scalarText(value)
    }
  }

  private static func scalarText(_ value: JSONValue) -> String {
    String(decoding: JSONWriter.data(for: value), as: UTF8.self)
  }
}
