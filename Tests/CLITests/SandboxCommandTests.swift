import Foundation
import KometSandbox
import Testing

@testable import CLI

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

struct SandboxCommandTests {
  @Test func sandboxWritesTokenFilesAndServes() async throws {
    let folder = try ScratchFolder()
    let tokens = folder.url.appendingPathComponent("tokens").path
    let command = try SandboxCommand(arguments: ["--port", "0", "--tokens", tokens])
    let streams = OutputStreams.collecting()

    let sandbox = try command.start(streams: streams)
    defer { sandbox.stop() }

    for (name, token) in [
      ("company", SandboxTokens.company), ("customer", SandboxTokens.customer),
      ("user", SandboxTokens.user),
    ] {
      let path = "\(tokens)/\(name).token"
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      #expect((attributes[.posixPermissions] as? Int) == 0o600)
      #expect(try String(contentsOfFile: path, encoding: .utf8) == token + "\n")
      #expect(!streams.outputText.contains(token))
    }
    #expect(streams.outputText.contains("export KOMET_API_URL=\(sandbox.baseURL.absoluteString)"))
    #expect(streams.outputText.contains("export KOMET_COMPANY_ID=4242"))

    var components = try #require(
      URLComponents(
        url: sandbox.baseURL.appendingPathComponent("location.list"),
        resolvingAgainstBaseURL: false))
    components.queryItems = [
      URLQueryItem(name: "authenticationToken", value: SandboxTokens.company)
    ]
    var request = URLRequest(url: try #require(components.url))
    request.timeoutInterval = 2
    let (data, response) = try await URLSession.shared.data(for: request)
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
    #expect(String(decoding: data, as: UTF8.self).contains("200101"))
  }

  @Test(arguments: [
    (
      ["--port", "70000"],
      "komet-dwf: invalid value '70000' for --port; expected a TCP port from"
        + " 0 to 65535.\n"
    ),
    (["extra"], "komet-dwf: unexpected argument 'extra': sandbox takes no file argument.\n"),
  ])
  func badArgumentsExitSixtyFour(arguments: [String], message: String) {
    let result = runKometDWF(["sandbox"] + arguments)

    #expect(result.status == 64)
    #expect(result.error == message)
  }
}
