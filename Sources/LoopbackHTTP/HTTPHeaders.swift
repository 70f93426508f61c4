/// Header fields in the order they arrived, with names compared case-insensitively.
///
/// A repeated field stays as several entries, so `values(for:)` returns each of them.
package struct HTTPHeaders: Sendable, Equatable {
  /// One header field as it was received or added: the name keeps its original spelling.
  package struct Field: Sendable, Equatable {
    package var name: String
    package var value: String

    package init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  package private(set) var fields: [Field] = []

  package init() {}

  package init(_ pairs: [(String, String)]) {
    fields = pairs.map { Field(name: $0.0, value: $0.1) }
  }

  /// Appends a field, keeping any field already present under the same name.
  package mutating func add(name: String, value: String) {
    fields.append(Field(name: name, value: value))
  }

  /// Replaces every field named `name` with one field holding `value`.
  package mutating func set(name: String, value: String) {
    remove(name: name)
    add(name: name, value: value)
  }

  /// Removes every field named `name`, compared case-insensitively.
  package mutating func remove(name: String) {
    let key = name.lowercased()
    fields.removeAll { $0.name.lowercased() == key }
  }

  /// Returns the values of every field named `name`, in arrival order.
  package func values(for name: String) -> [String] {
    let key = name.lowercased()
    return fields.filter { $0.name.lowercased() == key }.map(\.value)
  }

  /// Returns the first value of the field named `name`, or nil when there is none.
  package subscript(name: String) -> String? {
    let key = name.lowercased()
    return fields.first { $0.name.lowercased() == key }?.value
  }

  /// Reports whether a comma-separated field such as `Connection` lists `token`.
  package func contains(token: String, in name: String) -> Bool {
    let expected = token.lowercased()
    return values(for: name).contains { value in
      value.split(separator: ",").contains {
        $0.trimmingSpaces().lowercased() == expected
      }
    }
  }
}

extension Substring {
  /// Returns the text without leading and trailing spaces and horizontal tabs.
  func trimmingSpaces() -> Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = lastIndex(where: { !isSpace($0) })!
    return self[first...last]
  }
}
