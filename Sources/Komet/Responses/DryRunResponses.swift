extension WebOrderResult {
  /// Creates the response a dry run returns for a write it recorded instead of sending.
  package init(dryRunMessage: String, webOrderId: KometID) {
    message = dryRunMessage
    self.webOrderId = webOrderId
  }
}

extension WebOrderItemAddResponse {
  /// Creates the response a dry run returns for `web-order-item.add`, naming no new lines
  /// because none were created.
  package init(dryRunMessage: String, webOrderId: KometID) {
    message = dryRunMessage
    self.webOrderId = webOrderId
    webOrderItemIds = []
    members = []
  }
}
