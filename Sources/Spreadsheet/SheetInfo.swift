/// Whether a sheet shows in Excel's tab bar (`state` of `<sheet>` in the workbook part).
package enum SheetState: String, Sendable, Equatable {
  case visible
  case hidden
  /// Hidden so that only a macro can show it again (`veryHidden`).
  case veryHidden
}

/// The type of a sheet, taken from the type of its relationship in the workbook.
package enum SheetKind: String, Sendable, Equatable {
  case worksheet
  case chartsheet
  case dialogsheet
  /// An Excel 4.0 macro sheet (`xlMacrosheet`).
  case macrosheet
}

/// One sheet of a document, in workbook order.
package struct SheetInfo: Sendable, Equatable {
  package var name: String
  package var state: SheetState
  package var kind: SheetKind
  /// A reason this sheet cannot be read, such as a missing relationship; nil when readable.
  package var problem: String?

  package init(name: String, state: SheetState, kind: SheetKind, problem: String? = nil) {
    self.name = name
    self.state = state
    self.kind = kind
    self.problem = problem
  }

  /// Whether rows can be read from this sheet.
  package var hasRows: Bool { kind == .worksheet && problem == nil }
}
