import Testing

@testable import Spreadsheet

struct NumberFormatTests {
  @Test(arguments: [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36] + Array(50...58))
  func builtInDateIDs(id: Int) {
    #expect(NumberFormatClassifier.kind(ofBuiltInID: id) == .date)
  }

  @Test(arguments: [18, 19, 20, 21, 32, 33, 45, 47])
  func builtInTimeOfDayIDs(id: Int) {
    #expect(NumberFormatClassifier.kind(ofBuiltInID: id) == .timeOfDay)
  }

  @Test func builtInElapsedID() {
    #expect(NumberFormatClassifier.kind(ofBuiltInID: 46) == .elapsed)
  }

  @Test(arguments: Array(0...13) + Array(23...26) + Array(37...44) + [48, 49, 59, 164, -1])
  func builtInNumberIDs(id: Int) {
    #expect(NumberFormatClassifier.kind(ofBuiltInID: id) == .number)
  }

  @Test(arguments: [
    ("yyyy-mm-dd", NumberFormatKind.date),
    ("yyyy\\-mm\\-dd", .date),
    ("yyyy/mm/dd;@", .date),
    ("dd/mm/yyyy", .date),
    ("MM/dd/yyyy", .date),
    ("D\\-MMM\\-YYYY", .date),
    ("YY\\-MM\\-DD", .date),
    ("m-d", .date),
    ("m/d/yy\\ h:mm;@", .date),
    ("yyyy-mm-dd h:mm:ss", .date),
    ("dd\\ mmmm\\ yyyy\\ hh:mm", .date),
    ("dd\"-\"mm\"-\"yyyy\" \"hh:mm:ss", .date),
    ("[$-409]d-mmm-yy", .date),
    ("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", .date),
    ("[Red]yyyy-mm-dd", .date),
    ("mmmm\" \"yyyy", .date),
    ("\"YYYY\"-mm-\"DD\" hh:mm:\"SS\"", .date),
    ("\"YYYY\"-mm-\"DD\"", .date),
    ("mmm", .date),
    ("hh:mm:ss", .timeOfDay),
    ("h:mm;@", .timeOfDay),
    ("hh:mm:ss;@", .timeOfDay),
    ("mm:ss.0;@", .timeOfDay),
    ("[$-F400]h:mm:ss\\ AM/PM", .timeOfDay),
    ("h:mm a/p", .timeOfDay),
    ("HH:MM", .timeOfDay),
    ("ss", .timeOfDay),
    ("[h]:mm:ss", .elapsed),
    ("[hh]:mm", .elapsed),
    ("[hh]:mm:ss", .elapsed),
    ("[mm]:ss", .elapsed),
    ("[M]", .elapsed),
    ("[ss].00", .elapsed),
    ("[H]:MM", .elapsed),
  ])
  func customDateAndTimeCodes(code: String, kind: NumberFormatKind) {
    #expect(NumberFormatClassifier.kind(ofCode: code) == kind)
  }

  @Test(arguments: [
    "General", "GENERAL", "", "@", "0", "#,##0", "#,##0.00", "0.00%", "0.00E+00", "##0.0E+0",
    "0;[RED]0", "[Red]0.00", "\"yes\";\"no\"", "0.00\" days\"", "#,##0,,\" M\"", "0.0\\h",
    "0.00\" kg\"", "#,##0.00\" \"[$$-409]", "$#,##0.00", "[$-010409]#,##0;-#,##0",
    "[$-010409]\"$\"#,##0.00;(\"$\"#,##0.00)",
    "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",
    "_ * #,##0_ ;_ * \\-#,##0_ ;_ * \"-\"_ ;_ @_ ",
    "0_s", "0*d", "[DBNum1]0", "[<=9999999]###-####;(###) ###-####", "AM/PM", "0\"h\"\"y\"",
  ])
  func customNumberCodes(code: String) {
    #expect(NumberFormatClassifier.kind(ofCode: code) == .number)
  }

  /// Later sections format negative numbers, zero and text, so they do not change the kind.
  @Test(arguments: [
    ("0;yyyy-mm-dd", NumberFormatKind.number),
    ("0.00;[h]:mm", .number),
    ("hh:mm;yyyy", .timeOfDay),
    ("yyyy-mm-dd;0", .date),
    ("\";\"yyyy", .date),
  ])
  func firstSectionDecides(code: String, kind: NumberFormatKind) {
    #expect(NumberFormatClassifier.kind(ofCode: code) == kind)
  }

  /// An unterminated quote or bracket runs to the end of the code.
  @Test(arguments: [
    ("\"yyyy", NumberFormatKind.number), ("[Red yyyy", .number), ("yyyy\\", .date),
    ("0_", .number), ("[", .number), ("\"", .number), ("hh*", .timeOfDay),
  ])
  func unterminatedCodes(code: String, kind: NumberFormatKind) {
    #expect(NumberFormatClassifier.kind(ofCode: code) == kind)
  }
}
