/// Why a whole order file was rejected: it could not be read as an order file at all.
///
/// Problems with single orders or lines do not fail the file; the validator reports them.
package struct OrderFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path of the file, as passed to the parser.
  package var path: String
  /// Every problem found, in file order; never empty.
  package var problems: [OrderProblem]

  package init(path: String, problems: [OrderProblem]) {
    self.path = path
    self.problems = problems
  }

  package var description: String {
    let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
    let lines = problems.map { "- \($0)" }.joined(separator: "\n")
    return "\(path) is not a valid order file (\(count)); nothing in it was placed:\n\(lines)"
  }
}
