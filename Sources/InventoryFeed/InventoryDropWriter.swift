import Foundation
import Inventory
import Workspace

/// Writes the files of a drop into one folder, each through `AtomicFileWriter`.
///
/// The data files go first, then the manifest that names them, then `latest.json`, so a
/// reader that follows `latest.json` always finds complete files with the manifest's digests.
package struct InventoryDropWriter {
  package let folder: URL
  package let writer: AtomicFileWriter

  package init(folder: URL, writer: AtomicFileWriter) {
    self.folder = folder
    self.writer = writer
  }

  /// Writes the CSV and JSON files and the manifest of one drop of `items`, in the order given,
  /// and returns the digests of the two data files. `latest.json` is left as it was.
  ///
  /// The publisher calls the steps one by one; this is the whole path for callers that hold
  /// items in memory, such as the benchmark.
  @discardableResult
  package func writeDrop(
    _ items: [InventoryItem], sequence: Int, source: InventoryFeedSettings.Source, asOf: Date,
    writtenAt: Date
  ) throws(InventoryFeedError) -> (csv: FileDigest, json: FileDigest) {
    let stamp = DropFiles.stamp(writtenAt)
    let prices = PriceTexts()
    let csv = try beginCSV(items, stamp: stamp, prices: prices)
    defer { csv.output.discard() }
    let json = try beginJSON(items, stamp: stamp, prices: prices)
    defer { json.output.discard() }
    try csv.output.commit()
    try json.output.commit()

    let record = DropRecord(
      sequence: sequence, stamp: stamp, source: source, asOf: asOf, confirmedAsOf: asOf,
      writtenAt: writtenAt, itemCount: items.count, csv: csv.digest, json: json.digest,
      stale: false)
    try writeManifest(record)
    return (csv.digest, json.digest)
  }

  /// Writes the CSV under the temporary folder and returns it uncommitted, with its digest,
  /// so the caller can compare it with the previous drop before putting it in place.
  func beginCSV(
    _ items: [InventoryItem], stamp: String, prices: PriceTexts = PriceTexts()
  ) throws(InventoryFeedError)
    -> (output: HashedOutput, digest: FileDigest)
  {
    let output = try HashedOutput(
      destination: folder.appendingPathComponent(DropFiles.csvName(stamp)), writer: writer)
    do {
      try InventoryCSVWriter.write(items, to: output, prices: prices)
      return (output, try output.finish())
    } catch {
      output.discard()
      throw error
    }
  }

  /// Writes the JSON file under the temporary folder and returns it uncommitted.
  func beginJSON(
    _ items: [InventoryItem], stamp: String, prices: PriceTexts = PriceTexts()
  ) throws(InventoryFeedError)
    -> (output: HashedOutput, digest: FileDigest)
  {
    let output = try HashedOutput(
      destination: folder.appendingPathComponent(DropFiles.jsonName(stamp)), writer: writer)
    do {
      try InventoryJSONWriter.write(items, to: output, prices: prices)
      return (output, try output.finish())
    } catch {
      output.discard()
      throw error
    }
  }

  func writeManifest(_ record: DropRecord) throws(InventoryFeedError) {
    try writeSmallFile(record.manifestText(), named: record.manifestName)
  }

  func writeLatest(_ record: DropRecord, updatedAt: Date) throws(InventoryFeedError) {
    try writeSmallFile(record.latestText(updatedAt: updatedAt), named: DropFiles.latestName)
  }

  private func writeSmallFile(_ text: String, named name: String) throws(InventoryFeedError) {
    do {
      try writer.write(text, to: folder.appendingPathComponent(name))
    } catch {
      throw .writeFailed(error)
    }
  }
}
