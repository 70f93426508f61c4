import Komet

/// One switch of `DocumentationChoices` as the config file names it under
/// `komet.documentationChoices`, with the name of each alternative.
///
/// The key is the property's name and each alternative is named after its enum case, so
/// `"webOrderDetailsPath": "version2"` selects `WebOrderDetailsPath.version2`.
struct DocumentationSwitch {
  let key: String
  /// The alternatives' names, the default reading first.
  let alternatives: [String]
  private let applyName: (inout DocumentationChoices, String) -> Bool
  private let readName: (DocumentationChoices) -> String

  private init<Value: Equatable>(
    _ key: String, _ keyPath: WritableKeyPath<DocumentationChoices, Value>,
    _ table: [(String, Value)]
  ) {
    self.key = key
    alternatives = table.map(\.0)
    applyName = { choices, name in
      guard let match = table.first(where: { $0.0 == name }) else { return false }
      choices[keyPath: keyPath] = match.1
      return true
    }
    readName = { choices in
      table.first { $0.1 == choices[keyPath: keyPath] }?.0 ?? "unnamed"
    }
  }

  /// Sets the switch to the alternative `name`, or returns false for an unknown name.
  func apply(_ name: String, to choices: inout DocumentationChoices) -> Bool {
    applyName(&choices, name)
  }

  /// Returns the name of the alternative `choices` holds.
  func name(in choices: DocumentationChoices) -> String {
    readName(choices)
  }

  /// Every switch, in the order `DocumentationChoices` declares them.
  static var all: [DocumentationSwitch] {
    [
      DocumentationSwitch(
        "futureInventoryHTTPMethod", \.futureInventoryHTTPMethod, [("get", .get), ("post", .post)]),
      DocumentationSwitch(
        "webOrderDetailsPath", \.webOrderDetailsPath,
        [("methodTable", .methodTable), ("version2", .version2), ("dotted", .dotted)]),
      DocumentationSwitch(
        "locationListHost", \.locationListHost, [("api", .api), ("app", .app)]),
      DocumentationSwitch(
        "jsonIDEncoding", \.jsonIDEncoding, [("number", .number), ("string", .string)]),
      DocumentationSwitch(
        "includeInactiveEncoding", \.includeInactiveEncoding,
        [("digits", .digits), ("words", .words)]),
      DocumentationSwitch(
        "shipToUpdatedSinceParameter", \.shipToUpdatedSinceParameter,
        [("updateAsOf", "updateAsOf"), ("updatedAsOf", "updatedAsOf")]),
      DocumentationSwitch(
        "purchaseOrderEncoding", \.purchaseOrderEncoding,
        [("string", .string), ("numberWhenDigits", .numberWhenDigits)]),
      DocumentationSwitch(
        "webOrderTokenRoles", \.webOrderTokenRoles,
        [("customerOrUser", .customerOrUser), ("userOnly", .userOnly)]),
      DocumentationSwitch(
        "salesChannel", \.salesChannel,
        [
          ("none", nil), ("webApp", .webApp), ("mobileApp", .mobileApp),
          ("kometToKomet", .kometToKomet), ("ecommerceLite", .ecommerceLite),
        ]),
    ]
  }
}
