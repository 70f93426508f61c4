/// The READMEs and the example config that `komet-dwf init` writes.
enum WorkspaceTexts {
  static let inboxReadme = """
    inbox/: drop Komet Sales exports here

    Put the customers export, the locations export and the Komet inventory export here, as
    .xlsx, .csv or an HTML table. komet-dwf tells each by its content, not by its name, and
    takes a file only once it has been closed and left unchanged for a moment.

    A file that was used moves to processed/YYYY-MM-DD/ (UTC). A file that could not be used
    moves to failed/, beside NAME.error.txt, which says what is wrong and what to do; fix the
    file and drop it here again. No file is deleted.

    DWF's order files do not belong here: DWF uploads them into dwf/.

    """

  static let dwfInboxReadme = """
    inbox/dwf/: DWF's uploads

    DWF's SFTP account writes its order files here, and nothing else. Exports and settings
    dropped here are not used: grower exports belong in inbox/, settings in komet-dwf.json.

    Like the files of inbox/, a file taken from here moves to inbox/processed/ or, with an
    explanation, to inbox/failed/, both outside what DWF's account can read.

    """

  static let outboxReadme = """
    outbox/: what komet-dwf writes for the grower

    Reports, the requests of a dry run (komet/requests/) and the grower-only onboarding
    package land here. DWF's account cannot read this folder, apart from dwf/.

    .tmp/ holds files while they are written; each is renamed into place once complete.

    """

  static let dwfOutboxReadme = """
    outbox/dwf/: what DWF may read

    DWF's SFTP account reads this folder: the inventory drops (inventory/, with a manifest and
    latest.json), the IDs DWF's order files must name (onboarding/), and an acknowledgement
    per order plus NAME.rejected.json per file that failed whole (acks/). Every file appears
    complete, because it is written elsewhere first and renamed into place. No token is ever
    written here.

    """

  /// The example `komet-dwf.json`: every key is explained in `docs/configuration.md`, and
  /// each value is that key's default, so the example loads and changes nothing.
  static let exampleConfig = """
    {
      "komet": {
        "baseURL": "https://api.kometsales.com/api/",
        "companyTokenType": "company",
        "dryRun": false,
        "timeouts": { "requestSeconds": 30 },
        "retry": { "attempts": 4, "maximumDelaySeconds": 30 },
        "quota": { "dailyLimit": 1000, "timeZone": "UTC" },
        "documentationChoices": {
          "futureInventoryHTTPMethod": "get",
          "webOrderDetailsPath": "methodTable",
          "locationListHost": "api",
          "jsonIDEncoding": "number",
          "includeInactiveEncoding": "digits",
          "shipToUpdatedSinceParameter": "updateAsOf",
          "purchaseOrderEncoding": "string",
          "webOrderTokenRoles": "customerOrUser",
          "salesChannel": "none"
        }
      },
      "inventory": {
        "source": "ecommerce",
        "intervalMinutes": 5,
        "futureDays": 14,
        "maxAgeMinutes": 30,
        "keep": 288
      },
      "quota": { "reserveForOrders": 200 },
      "watch": {
        "mode": "inotify",
        "quietPeriodMilliseconds": 500,
        "settleSeconds": 2,
        "rescanMinutes": 5
      },
      "orders": {
        "allOrNothing": false, "priceTolerance": 0, "checkout": false, "defaultCarrierId": null
      },
      "fees": { "rate": 0.015, "onHandOnly": false }
    }

    """
}
