import Komet

/// One function per Komet method. Reads are always sent. In a dry run, the four web-order
/// writes are recorded in the dry-run folder and get a synthesised response.
extension KometClient {
  static let dryRunMessage = "Dry run: recorded, not sent to Komet."

  /// Sends `ecommerce/inventory.list` for one page.
  package func ecommerceInventoryPage(
    _ request: EcommerceInventoryListRequest
  ) async throws(KometClientError) -> EcommerceInventoryListResponse {
    try await send(request)
  }

  /// Sends `ecommerce/inventory.list` page after page, from `request.page` (or 1) until a page
  /// shows that none remain, and returns every item. Each page counts as one request.
  package func ecommerceInventoryList(
    _ request: EcommerceInventoryListRequest
  ) async throws(KometClientError) -> [EcommerceInventoryItem] {
    var pageRequest = request
    let rows = request.rows ?? EcommerceInventoryListRequest.defaultRowsPerPage
    pageRequest.rows = rows
    var page = request.page ?? 1
    var items: [EcommerceInventoryItem] = []

    while true {
      pageRequest.page = page
      let response = try await send(pageRequest)
      items += response.items
      guard response.hasMorePages(after: page, rows: rows) else { return items }
      page += 1
    }
  }

  package func openMarketInventory(
    _ request: OpenMarketInventoryListRequest = OpenMarketInventoryListRequest()
  ) async throws(KometClientError) -> OpenMarketInventoryListResponse {
    try await send(request)
  }

  package func futureOpenMarketInventory(
    _ request: FutureOpenMarketInventoryListRequest
  ) async throws(KometClientError) -> OpenMarketInventoryListResponse {
    try await send(request)
  }

  /// Sends `web-order.create`. A dry run returns the next placeholder, such as `DRY-RUN-1`.
  package func createWebOrder(
    _ request: WebOrderCreateRequest
  ) async throws(KometClientError) -> WebOrderResult {
    try await sendWrite(request) { outbox in
      WebOrderResult(dryRunMessage: Self.dryRunMessage, webOrderId: outbox.makePlaceholder())
    }
  }

  /// Sends `web-order-item.add`. A dry run returns the request's web order, or a new
  /// placeholder when the request names none, because Komet would then pick or create one.
  package func addWebOrderItems(
    _ request: WebOrderItemAddRequest
  ) async throws(KometClientError) -> WebOrderItemAddResponse {
    try await sendWrite(request) { outbox in
      WebOrderItemAddResponse(
        dryRunMessage: Self.dryRunMessage,
        webOrderId: request.webOrderId ?? outbox.makePlaceholder())
    }
  }

  package func webOrderDetails(
    _ request: WebOrderDetailsListRequest
  ) async throws(KometClientError) -> WebOrderDetailsListResponse {
    try await send(request)
  }

  package func deleteWebOrder(
    _ request: WebOrderDeleteRequest
  ) async throws(KometClientError) -> WebOrderResult {
    try await sendWrite(request) { _ in
      WebOrderResult(dryRunMessage: Self.dryRunMessage, webOrderId: request.webOrderId)
    }
  }

  package func checkoutWebOrder(
    _ request: WebOrderCheckoutRequest
  ) async throws(KometClientError) -> WebOrderResult {
    try await sendWrite(request) { _ in
      WebOrderResult(dryRunMessage: Self.dryRunMessage, webOrderId: request.webOrderId)
    }
  }

  package func customers(
    _ request: CustomerListRequest = CustomerListRequest()
  ) async throws(KometClientError) -> CustomerListResponse {
    try await send(request)
  }

  package func locations(
    _ request: LocationListRequest = LocationListRequest()
  ) async throws(KometClientError) -> LocationListResponse {
    try await send(request)
  }

  package func carriers(
    _ request: CarrierListRequest = CarrierListRequest()
  ) async throws(KometClientError) -> CarrierListResponse {
    try await send(request)
  }

  package func shipTos(
    _ request: ShipToListRequest
  ) async throws(KometClientError) -> ShipToListResponse {
    try await send(request)
  }

  package func boxTypes(
    _ request: BoxTypeListRequest = BoxTypeListRequest()
  ) async throws(KometClientError) -> BoxTypeListResponse {
    try await send(request)
  }
}
