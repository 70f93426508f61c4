/// The epoch of a workbook's serial dates (`date1904` of `<workbookPr>`).
enum DateSystem: Sendable, Equatable {
  /// Serial 1 is 1900-01-01, and serial 60 is Excel's 1900-02-29.
  case date1900
  /// Serial 0 is 1904-01-01.
  case date1904
}

extension CellValue {
  /// Returns the value a serial number has under a format of `kind` in `system`.
  static func fromSerial(_ serial: Double, kind: NumberFormatKind, system: DateSystem) -> CellValue {
    // TODO: placeholder until dates land.
    .number(serial)
  }

  /// Parses the ISO 8601 text of a `t="d"` cell, such as `2021-03-16T08:30:00`.
  static func fromISO8601(_ text: String) -> CellValue? {
    // TODO: placeholder until dates land.
    nil
  }
}
