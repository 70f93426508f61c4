import Foundation
import Testing

@testable import CLI

/// Writes a CSV file of `rowCount` rows of customers and returns its path.
private func writeCustomers(rowCount: Int, trailer: String, in folder: ScratchFolder) throws
  -> String
{
  var text = "Customer ID,Customer Name\n"
  for number in 1..<rowCount {
    text += "\(number),Customer \(number)\n"
  }
  return try folder.write(text + trailer, to: "customers.csv")
}

struct ProgressLineTests {
  @Test func progressIsClearedBeforeError() throws {
    let folder = try ScratchFolder()
    let path = try writeCustomers(
      rowCount: 150_000, trailer: "150000,\"Open quote\n", in: folder)
    let streams = OutputStreams.collecting(isErrorTerminal: true)

    let status = runCommandLine(["inspect", path, "--format", "csv"], streams: streams)

    #expect(status == 65)
    #expect(
      streams.errorText == "\rreading row 100000...\r\u{1B}[K"
        + "komet-dwf: \(path): the quoted field that starts on line 150001 never ends."
        + " Check that line for a stray double quote, or export the file again.\n")
  }

  @Test func progressIsClearedAfterRead() throws {
    let folder = try ScratchFolder()
    let path = try writeCustomers(rowCount: 150_000, trailer: "", in: folder)
    let streams = OutputStreams.collecting(isErrorTerminal: true)

    let status = runCommandLine(["inspect", path, "--format", "csv"], streams: streams)

    #expect(status == 0)
    #expect(streams.errorText == "\rreading row 100000...\r\u{1B}[K")
  }

  @Test func inspectShowsNoProgressWhenRowsGoToTheTerminal() throws {
    let folder = try ScratchFolder()
    let path = try writeCustomers(rowCount: 150_000, trailer: "", in: folder)
    let streams = OutputStreams.collecting(isErrorTerminal: true, isOutputTerminal: true)

    let status = runCommandLine(["inspect", path, "--format", "csv"], streams: streams)

    #expect(status == 0)
    #expect(streams.errorText == "")
  }

  @Test func idsShowsProgressEvenWhenOutputIsTheTerminal() throws {
    let folder = try ScratchFolder()
    let path = try writeCustomers(rowCount: 150_000, trailer: "", in: folder)
    let streams = OutputStreams.collecting(isErrorTerminal: true, isOutputTerminal: true)

    _ = runCommandLine(["ids", path], streams: streams)

    #expect(streams.errorText.hasPrefix("\rreading row 100000...\r\u{1B}[K"))
  }
}
