// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "komet-dwf",
  products: [
    .executable(name: "komet-dwf", targets: ["komet-dwf"]),
    .executable(name: "reader-bench", targets: ["ReaderBenchmark"]),
    .executable(name: "drop-bench", targets: ["DropBenchmark"]),
    .executable(name: "order-bench-sandbox", targets: ["OrderBenchmarkSandbox"]),
  ],
  targets: [
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(
      name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(
      name: "CSQLite3", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .target(name: "Spreadsheet", dependencies: ["CZlib", "CLibXML2"]),
    .target(name: "KometExports", dependencies: ["Spreadsheet"]),
    .target(
      name: "CLI",
      dependencies: [
        "Spreadsheet", "KometExports", "KometSandbox", "Komet", "KometClient", "Configuration",
        "StateStore", "Logging",
        "Workspace",
        "Onboarding",
        "Exchange",
        "PipelineAssembly",
        "OrderCommands",
      ]),
    .target(name: "StateStore", dependencies: ["CSQLite3"]),
    .target(name: "LoopbackHTTP"),
    .target(name: "Komet"),
    .target(name: "KometSandbox", dependencies: ["LoopbackHTTP"]),
    .target(name: "Configuration", dependencies: ["Komet"]),
    .target(name: "Logging"),
    .target(name: "CrashPoints"),
    .target(name: "KometClient", dependencies: ["Komet", "StateStore", "Logging"]),
    .target(name: "Watching", dependencies: ["Logging"]),
    .target(name: "InboxLifecycle", dependencies: ["StateStore", "CLibCrypto"]),
    .target(name: "Workspace"),
    .target(name: "Inventory", dependencies: ["StateStore"]),
    .target(
      name: "Intake",
      dependencies: [
        "Workspace", "StateStore", "Inventory", "InboxLifecycle", "Watching", "Logging",
        "KometExports", "Spreadsheet", "Komet",
      ]),
    .target(
      name: "Onboarding",
      dependencies: [
        "Configuration", "Komet", "KometClient", "Logging", "StateStore", "Workspace",
      ]),
    .target(
      name: "Exchange",
      dependencies: [
        "Configuration", "Komet", "StateStore", "Watching", "Workspace", "Logging",
        "OrderJournal",
      ]),
    .target(
      name: "InventoryFeed",
      dependencies: [
        "Inventory", "StateStore", "Workspace", "Komet", "KometClient", "Logging", "CLibCrypto",
      ]),
    .target(
      name: "PipelineAssembly",
      dependencies: [
        "Exchange", "Intake", "InventoryFeed", "Onboarding", "Configuration", "Komet",
        "KometClient", "KometExports", "Logging", "StateStore", "Watching", "Workspace",
        "OrderIntake", "OrderReports",
        "OrderPlacement", "OrderJournal", "CrashPoints",
        "OrderCommands",
      ]),
    .target(
      name: "OrderJournal",
      dependencies: ["StateStore", "Inventory", "Workspace", "InboxLifecycle"]),
    .target(
      name: "Orders", dependencies: ["Inventory", "Spreadsheet", "Komet", "InboxLifecycle"]),
    .target(
      name: "OrderPlacement",
      dependencies: [
        "OrderJournal", "KometClient", "Komet", "Inventory", "Logging", "CrashPoints",
      ]),
    .target(name: "OrderReports", dependencies: ["OrderJournal", "Inventory", "Workspace"]),
    .target(
      name: "OrderIntake",
      dependencies: [
        "Intake", "InventoryFeed", "OrderJournal", "Orders", "Inventory", "InboxLifecycle",
        "StateStore", "Workspace", "Logging", "CrashPoints",
      ]),
    .target(
      name: "OrderCommands",
      dependencies: ["Exchange", "OrderJournal", "Orders", "Inventory", "StateStore", "Workspace"]),
    .executableTarget(name: "komet-dwf", dependencies: ["CLI"]),
    .executableTarget(
      name: "DropBenchmark", dependencies: ["InventoryFeed", "Inventory", "Workspace"],
      path: "bench/DropBenchmark"),
    .executableTarget(
      name: "OrderBenchmarkSandbox", dependencies: ["KometSandbox"],
      path: "bench/orders/Sandbox"),
    .executableTarget(
      name: "ReaderBenchmark", dependencies: ["Spreadsheet", "CZlib"], path: "bench/ReaderBenchmark"
    ),
    .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", "CLibCrypto", "CZlib"]),
    .testTarget(name: "KometExportsTests", dependencies: ["KometExports", "Spreadsheet"]),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "CLI", "Spreadsheet", "KometSandbox", "Komet", "LoopbackHTTP",
        "OrderJournal", "Inventory", "StateStore", "InboxLifecycle",
      ]),
    .testTarget(name: "StateStoreTests", dependencies: ["StateStore", "CSQLite3"]),
    .testTarget(name: "LoopbackHTTPTests", dependencies: ["LoopbackHTTP"]),
    .testTarget(name: "KometTests", dependencies: ["Komet"]),
    .testTarget(name: "KometSandboxTests", dependencies: ["KometSandbox", "LoopbackHTTP"]),
    .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "Komet"]),
    .testTarget(name: "LoggingTests", dependencies: ["Logging"]),
    .testTarget(
      name: "KometClientTests",
      dependencies: ["KometClient", "Komet", "StateStore", "Logging", "LoopbackHTTP"]),
    .testTarget(name: "WatchingTests", dependencies: ["Watching", "Logging"]),
    .testTarget(name: "InventoryTests", dependencies: ["Inventory", "StateStore"]),
    .testTarget(
      name: "InventoryFeedTests",
      dependencies: [
        "InventoryFeed", "Inventory", "StateStore", "Workspace", "Komet", "KometClient",
        "KometSandbox", "Logging", "LoopbackHTTP",
      ]),
    .testTarget(name: "WorkspaceTests", dependencies: ["Workspace", "Configuration"]),
    .testTarget(
      name: "InboxLifecycleTests", dependencies: ["InboxLifecycle", "StateStore", "CSQLite3"]),
    .testTarget(
      name: "IntakeTests",
      dependencies: [
        "Intake", "Workspace", "StateStore", "Inventory", "InboxLifecycle", "Watching", "Logging",
        "KometExports", "KometSandbox",
      ]),
    .testTarget(
      name: "OnboardingTests",
      dependencies: [
        "Onboarding", "Configuration", "Komet", "KometSandbox", "Logging", "LoopbackHTTP",
        "StateStore", "Workspace",
      ]),
    .testTarget(
      name: "ExchangeTests",
      dependencies: [
        "Exchange", "Configuration", "StateStore", "Watching", "Workspace", "Logging",
      ]),
    .testTarget(
      name: "OperationsTests", dependencies: ["CLI", "Workspace", "InboxLifecycle", "StateStore"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["InboxLifecycle", "KometSandbox", "LoopbackHTTP", "StateStore"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "KometIntegrationTests",
      dependencies: [
        "KometClient", "KometSandbox", "Komet", "StateStore", "Logging", "LoopbackHTTP",
      ]),
    .testTarget(
      name: "OrderJournalTests",
      dependencies: ["OrderJournal", "StateStore", "Inventory", "Workspace", "InboxLifecycle"]),
    .testTarget(
      name: "OrdersTests", dependencies: ["Orders", "Inventory", "KometSandbox"]),
    .testTarget(
      name: "OrderIntakeTests",
      dependencies: [
        "OrderIntake", "Intake", "InventoryFeed", "OrderJournal", "Orders", "Inventory",
        "InboxLifecycle", "StateStore", "Workspace", "Logging",
      ]),
    .testTarget(
      name: "OrderPlacementTests",
      dependencies: [
        "OrderPlacement", "OrderJournal", "KometClient", "KometSandbox", "Komet", "Inventory",
        "StateStore", "Logging", "LoopbackHTTP",
      ]),
    .testTarget(
      name: "OrderReportsTests",
      dependencies: ["OrderReports", "OrderJournal", "StateStore", "Inventory", "Workspace"]),
    .testTarget(
      name: "OrderStageTests",
      dependencies: [
        "PipelineAssembly", "Exchange", "Configuration", "OrderJournal", "KometSandbox", "Komet",
        "Inventory", "StateStore", "Workspace", "Logging", "LoopbackHTTP",
      ]),
    .testTarget(
      name: "OrderCommandsTests",
      dependencies: [
        "OrderCommands", "OrderJournal", "Orders", "Inventory", "Exchange", "CLI",
        "Configuration", "StateStore", "Workspace", "Logging",
      ]),
  ]
)
