import Configuration
import Exchange
import Foundation
import Logging
import StateStore
import Testing
import Watching
import Workspace

struct PipelineRunTests {
  /// Waits up to 20 s for `condition`, checking every 50 ms.
  private func eventually(_ condition: () throws -> Bool) async throws -> Bool {
    for _ in 0..<400 {
      if try condition() { return true }
      try await Task.sleep(for: .milliseconds(50))
    }
    return try condition()
  }

  @Test(arguments: [WatchMode.inotify, .poll])
  func runTakesFilesAndRequestsUntilStopped(mode: WatchMode) async throws {
    let scratch = try ScratchWorkspace()
    let lock = try WorkspaceLock(workspace: scratch.workspace)
    defer { lock.release() }
    var settings = ExchangeSettings()
    settings.quietPeriodMilliseconds = Sourced(50)
    settings.settleSeconds = Sourced(0.2)
    let inventory = FixedInventory(.published(sequence: 1, itemCount: 3))
    let stop = StopSignal()
    var pipeline = Pipeline(
      workspace: scratch.workspace, lock: lock, settings: settings,
      stages: PipelineStages(
        intake: MovingIntake(workspace: scratch.workspace), inventory: inventory,
        changeHandlers: [TouchHandler(folder: scratch.workspace.state)]),
      logger: Logger(label: "test", handler: InMemoryLogHandler()), stop: stop)
    pipeline.changeRequestInterval = .milliseconds(100)
    let running = pipeline
    let task = Task { await running.run(mode: mode) }

    // The first tick reads the inventory, and the export taken after it brings a second read.
    #expect(try await eventually { inventory.cycles == 1 })
    try scratch.drop("good", as: "customers.csv")
    let asker = ChangeRequests(
      database: try StateSchema.open(workspace: scratch.workspace.root.path))
    let request = try asker.enqueue(kind: "touch", orderNumber: "PO-9")

    #expect(try await eventually {
      scratch.names(in: scratch.workspace.processed) == ["customers.csv"]
    })
    #expect(try await eventually { try asker.request(id: request.id)?.state == .succeeded })
    #expect(try await eventually { inventory.cycles == 2 })

    stop.request()
    #expect(await task.value == .succeeded)
    #expect(inventory.cycles == 2)
  }

  @Test func runWithoutInboxIsConfigurationProblem() async throws {
    let scratch = try ScratchWorkspace()
    try FileManager.default.removeItem(at: scratch.workspace.inbox)
    let lock = try WorkspaceLock(workspace: scratch.workspace)
    defer { lock.release() }
    let pipeline = Pipeline(
      workspace: scratch.workspace, lock: lock, settings: ExchangeSettings(),
      stages: PipelineStages(), logger: Logger(label: "test", handler: InMemoryLogHandler()))

    #expect(await pipeline.run(mode: .inotify) == .configurationUnusable)
  }
}
