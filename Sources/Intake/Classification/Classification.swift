import KometExports

/// What a file's content turned out to be.
enum Classification: Equatable {
  case customersExport(ExportTable)
  case locationsExport(ExportTable)
  case inventoryExport(InventoryExportTable)
  case orderFile
  /// The file looks cut short, as a copy still in progress leaves it.
  case truncated(reason: String)
  /// The file is none of the known kinds, or is one with invalid content.
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

/// What is wrong with a file's content, and where, for its error file.
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
