import KometSandbox

/// Compares what the demo's order passes produced with what each sample is for: the
/// acknowledgements against `DemoOrderPlan`, and the accepted lines against the sandbox's web
/// orders.
struct DemoOrderCheck {
  let acknowledgements: DemoAcknowledgements
  let webOrders: [WebOrder]

  /// Returns one message per outcome that differs from the plan, or none when all match.
  func mismatches() -> [String] {
    var found: [String] = []
    for expected in DemoOrderPlan.expectedOrders {
      found += check(expected)
    }
    for fileName in DemoOrderPlan.expectedRejectedFiles
    where !acknowledgements.rejectedFiles.contains(where: { $0.fileName == fileName }) {
      found.append("\(fileName): expected FILE.rejected.json in outbox/dwf/acks/, found none")
    }
    found += checkAgainstSandbox()
    return found
  }

  private func check(_ expected: DemoOrderPlan.ExpectedOrder) -> [String] {
    let number = expected.orderNumber
    guard let ack = acknowledgements.order(number) else {
      return ["\(number): no acknowledgement in outbox/dwf/acks/"]
    }

    var found: [String] = []
    if ack.orderState != expected.orderState {
      found.append("\(number): order state \(ack.orderState), expected \(expected.orderState)")
    }
    if ack.lastReceipt?.outcome != expected.lastReceipt {
      found.append(
        "\(number): last receipt \(ack.lastReceipt?.outcome ?? "none"),"
          + " expected \(expected.lastReceipt ?? "none")")
    }

    let states = Dictionary(ack.lines.map { ($0.lineNumber, $0.state) }) { first, _ in first }
    for (line, state) in expected.lineStates.sorted(by: { $0.key < $1.key })
    where states[line] != state {
      found.append("\(number) line \(line): \(states[line] ?? "missing"), expected \(state)")
    }
    for line in states.keys.sorted() where expected.lineStates[line] == nil {
      found.append("\(number) line \(line): not in the sample")
    }

    let webOrderIds = Set(ack.lines.filter { $0.state == "accepted" }.compactMap(\.webOrderId))
    if webOrderIds.count != expected.webOrderCount {
      found.append(
        "\(number): accepted lines on \(webOrderIds.count) web order(s),"
          + " expected \(expected.webOrderCount)")
    }
    return found
  }

  /// Checks that every accepted line is an item of the web order its acknowledgement names,
  /// and that Komet has no other item, so each line landed exactly once.
  private func checkAgainstSandbox() -> [String] {
    var found: [String] = []
    var unmatched = webOrders.filter { !$0.isCanceled }
      .flatMap { order in order.items.map { (webOrderId: order.id, item: $0) } }

    for ack in acknowledgements.orders {
      for line in ack.lines where line.state == "accepted" {
        let label = "\(ack.orderNumber) line \(line.lineNumber)"
        guard let webOrderId = line.webOrderId else {
          found.append("\(label): accepted without a web order ID")
          continue
        }
        let index = unmatched.firstIndex {
          $0.webOrderId == webOrderId && $0.item.inventoryId == line.inventoryId
            && $0.item.quantity == line.quantity
        }
        guard let index else {
          found.append("\(label): Komet has no such item on web order \(webOrderId)")
          continue
        }
        unmatched.remove(at: index)
      }
    }
    for extra in unmatched {
      found.append(
        "web order \(extra.webOrderId): item \(extra.item.inventoryId) matches no accepted line")
    }
    return found
  }
}
