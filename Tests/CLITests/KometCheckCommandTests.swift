import Foundation
import KometSandbox
import LoopbackHTTP
import Testing

@testable import CLI

/// `komet-dwf komet check` against a sandbox started for each test.
struct KometCheckCommandTests {
  static let allTokens = [
    "company": SandboxTokens.company, "customer": SandboxTokens.customer,
    "user": SandboxTokens.user,
  ]

  /// Returns the report line of `method`, or nil.
  func line(_ method: String, in output: String) -> String? {
    output.split(separator: "\n").map(String.init).first {
      $0.hasPrefix("  \(method) ")
    }
  }

  @Test func allMethodsWork() async throws {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let workspace = try CheckWorkspace(
      tokens: Self.allTokens, komet: CheckWorkspace.sandboxSettings(sandbox))

    let result = await workspace.check()

    #expect(result.status == 0)
    #expect(result.output.contains("company token = c7q2… (26 characters) (token file "))
    for method in [
      "ecommerce/inventory.list", "inventory.openmarket.list", "future.inventory.openmarket.list",
      "customer.list", "location.list", "carrier.list", "customer.shipto.list", "boxtype.list",
    ] {
      #expect(line(method, in: result.output)?.contains("works with the Company token") == true)
    }
    #expect(result.output.contains("works with the Customer token u3dw… (26 characters)"))
    #expect(
      line("web-order.create", in: result.output)?.contains("called only with --write") == true)
    #expect(result.output.contains("the User token was not called"))
    #expect(!result.output.contains("refused"))
    #expect(sandbox.state.webOrders.isEmpty)
    #expect(sandbox.requestLog.allSatisfy { $0.method == "GET" })
    #expect(sandboxTokenLeak(in: [result.output, result.error]) == nil)
  }

  @Test func customerTokenAloneLeavesCompanyMethodsUntested() async throws {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let workspace = try CheckWorkspace(
      tokens: ["customer": SandboxTokens.customer], komet: CheckWorkspace.sandboxSettings(sandbox))

    let result = await workspace.check()

    #expect(result.status == 0)
    #expect(
      line("ecommerce/inventory.list", in: result.output)?.contains(
        "works with the Customer token") == true)
    #expect(
      line("location.list", in: result.output)
        == "  location.list                     untested: needs a Company token, and none is"
        + " configured")
    #expect(line("carrier.list", in: result.output)?.contains("Company or Vendor token") == true)
    #expect(sandbox.requestLog.count == 1)
    #expect(sandboxTokenLeak(in: [result.output, result.error]) == nil)
  }

  @Test func wrongTokenIsRefusedWithSandboxMessage() async throws {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let workspace = try CheckWorkspace(
      tokens: ["company": CheckTokens.wrong, "customer": SandboxTokens.customer],
      komet: CheckWorkspace.sandboxSettings(sandbox))

    let result = await workspace.check()

    #expect(result.status == 65)
    let location = try #require(line("location.list", in: result.output))
    #expect(location.contains("refused with the Company token x9wr… (26 characters)"))
    #expect(result.output.contains("Komet's message: The authentication token is not valid.\n"))
    #expect(
      result.output.contains(
        "guess: the token is wrong, revoked, or not a Company token, because Komet refused it"
          + " for every method tried."))
    #expect(result.output.contains("works with the Customer token"))
    #expect(result.output.contains("Komet refused or failed"))
    #expect(sandboxTokenLeak(in: [result.output, result.error]) == nil)
  }

  @Test func writeCreatesAndDeletesWebOrder() async throws {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let workspace = try CheckWorkspace(
      tokens: Self.allTokens, komet: CheckWorkspace.sandboxSettings(sandbox))

    let result = await workspace.check(["--write"])

    #expect(result.status == 0)
    #expect(result.output.contains("--write spends two requests of the daily allowance"))
    let orders = sandbox.state.webOrders
    try #require(orders.count == 1)
    #expect(orders[0].isCanceled)
    #expect(orders[0].items.isEmpty)
    #expect(orders[0].customerId == SandboxState.dwfCustomerId)
    #expect(
      line("web-order.create", in: result.output)?.contains(
        "works with the User token n8ur… (26 characters): web order \(orders[0].id) created")
        == true)
    #expect(line("web-order.delete", in: result.output)?.contains("deleted") == true)
    #expect(sandbox.requestLog.filter { $0.method == "POST" }.count == 2)
    #expect(sandboxTokenLeak(in: [result.output, result.error]) == nil)
  }

  @Test func writeWithoutIDsSaysNothingIsSent() async throws {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let settings = CheckWorkspace.sandboxSettings(sandbox).filter {
      !$0.hasPrefix("\"dwfCustomerId\"") && !$0.hasPrefix("\"defaultLocationId\"")
    }
    let workspace = try CheckWorkspace(tokens: Self.allTokens, komet: settings)

    let result = await workspace.check(["--write"])

    #expect(result.output.contains("--write sends nothing"))
    #expect(!result.output.contains("--write spends two requests"))
    #expect(sandbox.state.webOrders.isEmpty)
  }

  @Test func dryRunWriteSendsNoWrite() async throws {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let workspace = try CheckWorkspace(
      tokens: Self.allTokens, komet: CheckWorkspace.sandboxSettings(sandbox))

    let result = await workspace.check(["--write", "--dry-run"])

    #expect(result.status == 0)
    let files = try workspace.outboxTexts()
    #expect(files.count == 2)
    #expect(files.first?.contains("web-order.create") == true)
    #expect(files.last?.contains("web-order.delete") == true)
    #expect(sandbox.state.webOrders.isEmpty)
    #expect(!sandbox.requestLog.contains { $0.method == "POST" })
    #expect(!sandbox.requestLog.isEmpty)
    #expect(line("web-order.create", in: result.output)?.contains("dry run with the User") == true)
    #expect(result.output.contains("2 dry-run writes recorded and not sent."))
    #expect(sandboxTokenLeak(in: [result.output, result.error] + files) == nil)
  }

  @Test func usedUpAllowanceExitsSeventyFive() async throws {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let settings = CheckWorkspace.sandboxSettings(sandbox) + ["\"quota\": {\"dailyLimit\": 2}"]
    let workspace = try CheckWorkspace(tokens: Self.allTokens, komet: settings)

    let result = await workspace.check(["--write"])

    #expect(result.status == 75)
    #expect(result.output.contains("not sent with the "))
    #expect(result.output.contains("not called, because the daily allowance is used up"))
    #expect(result.output.contains("The daily allowance is used up, so the check stopped"))
    #expect(!result.output.contains("Komet could not be reached"))
    #expect(sandbox.requestLog.count == 2)
    #expect(sandboxTokenLeak(in: [result.output, result.error]) == nil)
  }

  @Test func stoppedSandboxExitsSixtyNine() async throws {
    let sandbox = try KometSandbox()
    let settings = CheckWorkspace.sandboxSettings(sandbox, attempts: 1)
    let port = sandbox.port
    sandbox.stop()
    // Holding the freed port keeps another test's server from taking it meanwhile.
    let refusing = try RefusingLoopbackPort(holding: port)
    defer { refusing.release() }
    let workspace = try CheckWorkspace(tokens: Self.allTokens, komet: settings)

    let result = await workspace.check(["--write"])

    #expect(result.status == 69)
    #expect(result.output.contains("the connection was refused"))
    #expect(result.output.contains("Komet could not be reached."))
    #expect(!result.output.contains("--write spends"))
    #expect(
      line("location.list", in: result.output)?.contains(
        "not called, because Komet could not be reached") == true)
    #expect(sandboxTokenLeak(in: [result.output, result.error]) == nil)
  }

  @Test func vendorTokenNamesMethodsItCannotServe() async throws {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let workspace = try CheckWorkspace(
      tokens: ["company": SandboxTokens.vendor],
      komet: CheckWorkspace.sandboxSettings(sandbox) + ["\"companyTokenType\": \"vendor\""])

    let result = await workspace.check()

    #expect(result.status == 0)
    #expect(
      result.output.contains(
        "the Company slot holds a Vendor token (komet.companyTokenType), which cannot serve"
          + " ecommerce/inventory.list, inventory.openmarket.list,"
          + " future.inventory.openmarket.list, location.list."))
    #expect(line("carrier.list", in: result.output)?.contains("works with the Vendor") == true)
    #expect(line("location.list", in: result.output)?.contains("untested") == true)
    #expect(sandboxTokenLeak(in: [result.output, result.error]) == nil)
  }

  @Test(arguments: [
    ("{\"komet\": {\"companyId\": }}", "is not valid JSON"),
    ("{\"komet\": {\"retry\": {\"maxAttempts\": 2}}}", "komet.retry.maxAttempts"),
    ("{\"komet\": {}}", "komet.companyId is not set"),
    ("{\"komet\": {\"companyId\": \"4242\"}}", "no token is configured"),
  ])
  func badConfigurationExitsSeventyEight(config: String, message: String) async throws {
    let scratch = try ScratchFolder()
    _ = try scratch.write(config, to: "komet-dwf.json")

    let result = await runOffPool(["komet", "check", "--workspace", scratch.url.path], [:])

    #expect(result.status == 78)
    #expect(result.error.contains(message))
    #expect(result.error.contains("docs/configuration.md"))
  }

  @Test func environmentTokensOverrideFiles() async throws {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let workspace = try CheckWorkspace(
      tokens: ["company": CheckTokens.wrong], komet: CheckWorkspace.sandboxSettings(sandbox))

    let result = await workspace.check(
      environment: ["KOMET_COMPANY_TOKEN": SandboxTokens.company])

    #expect(result.status == 0)
    #expect(result.output.contains("(environment variable KOMET_COMPANY_TOKEN)"))
    #expect(sandboxTokenLeak(in: [result.output, result.error]) == nil)
  }
}
