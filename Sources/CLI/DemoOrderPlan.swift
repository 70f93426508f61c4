/// The sample order files of `Samples/orders/`, the passes the demo drops them in, and the
/// outcome each one is there to show.
///
/// The IDs and prices are those of the sandbox's seeded inventory, and the future lines are
/// ones the e-commerce inventory list returns, so they appear in the demo's first drop.
struct DemoOrderPlan {
  /// One batch of files dropped into `inbox/dwf/` before one pass of the pipeline.
  struct Step {
    var files: [String]
    var purpose: String
    /// The number of the step's files that must move to `inbox/failed/`.
    var failedFiles: Int
  }

  /// The acknowledgement an order of the samples must end with.
  struct ExpectedOrder {
    var orderNumber: String
    var purpose: String
    var orderState: String
    /// The final state of each line, by line number.
    var lineStates: [Int: String]
    /// The outcome of the last receipt, or nil for an order that was never journaled.
    var lastReceipt: String?
    /// The number of different web orders the accepted lines are on.
    var webOrderCount: Int
  }

  /// The subfolder of the samples folder with the order files.
  static let folderName = "orders"

  /// The steps in the order the demo runs them. The duplicate and the cancellation come in a
  /// later pass than the orders they refer to, so the original is placed first.
  static let steps = [
    Step(
      files: [
        "1-on-hand.csv", "2-future.json", "3-mixed.csv", "6-bad-lines.csv",
        "7-fails-whole.csv",
      ],
      purpose: "the new orders", failedFiles: 1),
    Step(
      files: ["4-duplicate.json", "5-cancel.csv"], purpose: "a duplicate and a cancellation",
      failedFiles: 0),
  ]

  static var allFiles: [String] { steps.flatMap(\.files) }

  static let expectedOrders = [
    ExpectedOrder(
      orderNumber: "DWF-2001", purpose: "on hand, then received again as JSON",
      orderState: "settled", lineStates: [1: "accepted", 2: "accepted"],
      lastReceipt: "duplicate", webOrderCount: 1),
    ExpectedOrder(
      orderNumber: "DWF-2002", purpose: "future, then cancelled",
      orderState: "cancelled", lineStates: [1: "cancelled", 2: "cancelled"],
      lastReceipt: "cancellation", webOrderCount: 0),
    ExpectedOrder(
      orderNumber: "DWF-2003", purpose: "on hand and future lines, so two web orders",
      orderState: "settled", lineStates: [1: "accepted", 2: "accepted", 3: "accepted"],
      lastReceipt: "new", webOrderCount: 2),
    ExpectedOrder(
      orderNumber: "DWF-2004",
      purpose: "an unknown item, a price off and a line Komet finds sold out",
      orderState: "settled",
      lineStates: [1: "accepted", 2: "rejected", 3: "rejected", 4: "rejected"],
      lastReceipt: "new", webOrderCount: 1),
    ExpectedOrder(
      orderNumber: "DWF-2005", purpose: "a ship date in the past",
      orderState: "settled", lineStates: [1: "rejected"], lastReceipt: "new",
      webOrderCount: 0),
  ]

  /// The files that must fail whole, each with `NAME.rejected.json` in `outbox/dwf/acks/`.
  static let expectedRejectedFiles = ["7-fails-whole.csv"]
}
