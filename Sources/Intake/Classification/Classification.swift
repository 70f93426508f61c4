import KometExports

/// The kind of content found in a file, or the reason none was found.
enum Classification: Equatable {
  case customersExport(ExportTable)
  case locationsExport(ExportTable)
  case inventoryExport(InventoryExportTable)
  case orderFile
  /// The file looks cut short, as a copy still in progress leaves it.
  case truncated(reason: String)
  /// The file matches no known kind, or matches one but has invalid content.
  case unusable(ContentProblem)

  /// The kind of a recognised file, nil for `truncated` and `unusable`.
  var kind: IntakeKind? {
    switch self {
    case .customersExport: return .customersExport
    case .locationsExport: return .locationsExport
    case .inventoryExport: return .inventoryExport
    case .orderFile: return .orderFile
    case .truncated, .unusable: return nil
    }
  }
}

/// The problem with a file's content and its place, for the error file.
struct ContentProblem: Equatable, Sendable {
  var sheet: String?
  var row: Int?
  /// The column letters, such as `C`.
  var column: String?
  var value: String?
  /// The problem, in sentences that name the place.
  var problem: String
  /// The kind the file was recognised as, when it was recognised but its content is invalid.
  var recognisedKind: IntakeKind?

  init(
    sheet: String? = nil, row: Int? = nil, column: String? = nil, value: String? = nil,
    problem: String, recognisedKind: IntakeKind? = nil
  ) {
    self.sheet = sheet
    self.row = row
    self.column = column
    self.value = value
    self.problem = problem
    self.recognisedKind = recognisedKind
  }
}
