import Foundation

/// The schema of the state database `state/komet-dwf.sqlite`, and the one way to open it.
package enum StateSchema {
  /// The database's path inside the workspace folder.
  package static let relativePath = "state/komet-dwf.sqlite"

  /// The migrations in order. Append new versions and never edit an applied one, because
  /// existing databases have run it already.
  package static let migrations: [Migration] = [
    Migration(version: 1, sql: quotaLedgerSQL),
    Migration(version: 2, sql: processedExportsSQL),
    Migration(version: 3, sql: knownIDsSQL),
    Migration(version: 4, sql: inventoryExportSQL),
    Migration(version: 5, sql: inventoryDropsSQL),
    Migration(version: 6, sql: changeRequestsSQL),
    Migration(version: 7, sql: orderJournalSQL),
    Migration(version: 8, sql: orderDetailsSQL),
    Migration(version: 9, sql: orderOutcomesSQL),
    Migration(version: 10, sql: orderFileTakesSQL),
  ]

  package static var migrator: SchemaMigrator { SchemaMigrator(migrations: migrations) }

  /// Opens the state database of the workspace at `workspace`, creating `state/` and the file
  /// when missing, and migrates it to the latest version.
  package static func open(workspace: String, busyTimeout: Duration = .seconds(5)) throws
    -> Database
  {
    let path = (workspace as NSString).appendingPathComponent(relativePath)
    return try open(path: path, busyTimeout: busyTimeout)
  }

  /// Opens the state database at `path` and migrates it to the latest version.
  package static func open(path: String, busyTimeout: Duration = .seconds(5)) throws
    -> Database
  {
    let database = try Database(path: path, busyTimeout: busyTimeout)
    try migrator.migrate(database)
    return database
  }

  /// Version 1: Komet requests counted per day and token role, never by token text.
  static let quotaLedgerSQL = """
    CREATE TABLE quota_ledger (
      day TEXT NOT NULL
        CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      token_role TEXT NOT NULL CHECK (token_role IN ('company', 'customer', 'user')),
      request_count INTEGER NOT NULL CHECK (request_count >= 0),
      PRIMARY KEY (day, token_role)
    ) STRICT, WITHOUT ROWID;
    """

  /// Version 2: grower exports processed successfully, keyed by the SHA-256 of their content
  /// in lowercase hex, so the same content dropped again is recognised. Failed files are never
  /// recorded here.
  static let processedExportsSQL = """
    CREATE TABLE processed_exports (
      sha256 TEXT PRIMARY KEY
        CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
      original_name TEXT NOT NULL,
      kind TEXT NOT NULL,
      processed_at TEXT NOT NULL,
      destination TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    """

  /// Version 3: the IDs read from the grower's exports (the DWF customer, the locations), each
  /// with the file it came from, so the pipeline and `onboarding` use the latest export's IDs.
  static let knownIDsSQL = """
    CREATE TABLE known_ids (
      kind TEXT NOT NULL CHECK (kind IN ('dwfCustomer', 'location')),
      id TEXT NOT NULL CHECK (length(id) > 0 AND id NOT GLOB '*[^0-9]*'),
      name TEXT,
      code TEXT,
      source_file TEXT NOT NULL,
      source_sha256 TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      PRIMARY KEY (kind, id)
    ) STRICT, WITHOUT ROWID;
    """

  /// Version 4: the parsed copy of the newest inventory export taken from the inbox. It has one
  /// row per line in the export's order, with prices as decimal text so no digit is lost, and a
  /// single row naming the export it came from.
  static let inventoryExportSQL = """
    CREATE TABLE inventory_export_source (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      source_file TEXT NOT NULL,
      source_sha256 TEXT NOT NULL,
      taken_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE inventory_export_lines (
      position INTEGER PRIMARY KEY,
      inventory_id TEXT NOT NULL CHECK (length(inventory_id) > 0),
      origin TEXT NOT NULL CHECK (origin IN ('OH', 'FS')),
      product_code TEXT,
      product_description TEXT,
      grade TEXT,
      category TEXT,
      box_type TEXT,
      units_per_box INTEGER,
      unit_type TEXT,
      boxes_available INTEGER NOT NULL,
      unit_price TEXT NOT NULL,
      location_id TEXT,
      available_from TEXT,
      available_to TEXT
    ) STRICT;
    """

  /// Version 5: the inventory drops written to `outbox/dwf/inventory/`, one row per drop, so the
  /// sequence number, the previous content's SHA-256 and the age of the data survive restarts.
  /// `confirmed_as_of` is the as-of time of the newest read that returned the same content.
  static let inventoryDropsSQL = """
    CREATE TABLE inventory_drops (
      sequence INTEGER PRIMARY KEY CHECK (sequence > 0),
      stamp TEXT NOT NULL UNIQUE,
      source TEXT NOT NULL CHECK (source IN ('ecommerce', 'openMarket', 'export')),
      as_of TEXT NOT NULL,
      confirmed_as_of TEXT NOT NULL,
      written_at TEXT NOT NULL,
      item_count INTEGER NOT NULL CHECK (item_count >= 0),
      csv_sha256 TEXT NOT NULL CHECK (length(csv_sha256) = 64),
      csv_bytes INTEGER NOT NULL,
      json_sha256 TEXT NOT NULL CHECK (length(json_sha256) = 64),
      json_bytes INTEGER NOT NULL,
      stale INTEGER NOT NULL CHECK (stale IN (0, 1))
    ) STRICT;
    """

  /// Version 6: the change requests that commands such as `retry` and `cancel` queue for the
  /// pipeline that holds the workspace lock, with their outcome once carried out.
  static let changeRequestsSQL = """
    CREATE TABLE change_requests (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (length(kind) > 0),
      order_number TEXT,
      line INTEGER CHECK (line IS NULL OR line >= 1),
      arguments TEXT NOT NULL CHECK (json_valid(arguments)),
      state TEXT NOT NULL CHECK (state IN ('queued', 'claimed', 'succeeded', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      requested_at TEXT NOT NULL,
      requested_by_pid INTEGER,
      claimed_at TEXT,
      claimed_by_pid INTEGER,
      finished_at TEXT,
      outcome TEXT
    ) STRICT;
    CREATE INDEX change_requests_by_state ON change_requests (state, id);
    """

  /// Version 7: the order journal. Each DWF order by its number as received, its web-order
  /// groups (one per origin, ship date and location), its lines with prices as decimal text,
  /// and a step log written before and after each Komet call, so a restart finds where each
  /// order stopped. `revision` grows with every change and `ack_revision` is the revision of
  /// the last acknowledgement written. A line rejected by validation may lack its inventory
  /// ID, quantity or price, so those columns allow NULL.
  static let orderJournalSQL = """
    CREATE TABLE journal_orders (
      order_number TEXT PRIMARY KEY CHECK (length(order_number) > 0),
      content_digest TEXT NOT NULL CHECK (length(content_digest) > 0),
      state TEXT NOT NULL CHECK (state IN ('open', 'review', 'settled', 'cancelled')),
      received_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      customer_po TEXT,
      source_file TEXT NOT NULL,
      ship_date TEXT NOT NULL,
      location_id TEXT,
      revision INTEGER NOT NULL CHECK (revision >= 1),
      ack_revision INTEGER NOT NULL DEFAULT 0 CHECK (ack_revision >= 0),
      duplicate_receipts INTEGER NOT NULL DEFAULT 0 CHECK (duplicate_receipts >= 0)
    ) STRICT;
    CREATE TABLE journal_groups (
      id INTEGER PRIMARY KEY,
      order_number TEXT NOT NULL REFERENCES journal_orders (order_number),
      origin TEXT NOT NULL CHECK (origin IN ('OH', 'FS')),
      ship_date TEXT NOT NULL,
      location_id TEXT,
      web_order_id TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending', 'creating', 'created', 'deleted')),
      create_attempts INTEGER NOT NULL DEFAULT 0 CHECK (create_attempts >= 0),
      UNIQUE (order_number, origin, ship_date, location_id)
    ) STRICT;
    CREATE TABLE journal_lines (
      order_number TEXT NOT NULL REFERENCES journal_orders (order_number),
      line_number INTEGER NOT NULL CHECK (line_number >= 1),
      group_id INTEGER NOT NULL REFERENCES journal_groups (id),
      inventory_id TEXT,
      quantity INTEGER,
      unit_price TEXT,
      state TEXT NOT NULL CHECK (state IN (
        'received', 'adding', 'accepted', 'rejected', 'waiting', 'review', 'duplicate',
        'cancelled')),
      web_order_id TEXT,
      item_id TEXT,
      reason TEXT,
      PRIMARY KEY (order_number, line_number)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE journal_steps (
      id INTEGER PRIMARY KEY,
      order_number TEXT NOT NULL REFERENCES journal_orders (order_number),
      group_id INTEGER,
      line_number INTEGER,
      method TEXT NOT NULL,
      phase TEXT NOT NULL CHECK (phase IN ('before', 'after')),
      outcome TEXT,
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX journal_steps_by_order ON journal_steps (order_number, id);
    """

  /// Version 8: what the calls of an order need beyond version 7. The order's carrier (a
  /// Komet carrier ID, or a code that `carrier.list` turns into one) and ship-to; each line's
  /// mark code and units per box (from the inventory snapshot, for the fee estimate); and each
  /// group's `web-order.checkout` state, which stays `none` unless checkout is configured.
  static let orderDetailsSQL = """
    ALTER TABLE journal_orders ADD COLUMN carrier_id TEXT;
    ALTER TABLE journal_orders ADD COLUMN carrier_code TEXT;
    ALTER TABLE journal_orders ADD COLUMN ship_to_id TEXT;
    ALTER TABLE journal_lines ADD COLUMN mark_code TEXT;
    ALTER TABLE journal_lines ADD COLUMN units_per_box INTEGER
      CHECK (units_per_box IS NULL OR units_per_box >= 0);
    ALTER TABLE journal_groups ADD COLUMN checkout_state TEXT NOT NULL DEFAULT 'none'
      CHECK (checkout_state IN ('none', 'started', 'done', 'failed'));
    """

  /// Version 9: what the order state and the grower's report need beyond version 8. Each
  /// order's `cancelled_at`, the time it was cancelled, so a cancelled order whose web order
  /// Komet kept live can show `review` or `settled` and still be known as cancelled. Each
  /// group's `uncertain_creates`, the `web-order.create` calls whose outcome stayed unknown,
  /// each of which may have left an empty web-order header in Komet.
  ///
  /// The counts of existing groups are estimated from `create_attempts`: every attempt of a
  /// group still `creating`, and every attempt but the one that created the web order of a
  /// `created` or `deleted` group.
  static let orderOutcomesSQL = """
    ALTER TABLE journal_orders ADD COLUMN cancelled_at TEXT;
    UPDATE journal_orders SET cancelled_at = updated_at WHERE state = 'cancelled';
    ALTER TABLE journal_groups ADD COLUMN uncertain_creates INTEGER NOT NULL DEFAULT 0
      CHECK (uncertain_creates >= 0);
    UPDATE journal_groups SET uncertain_creates = CASE state
      WHEN 'creating' THEN create_attempts
      WHEN 'pending' THEN 0
      ELSE max(create_attempts - 1, 0) END;
    """

  /// Version 10: each take of an order file from `inbox/dwf/`, by its name, SHA-256 and the
  /// file status it had (device, inode, size and modification time), with the last journal
  /// step before the take began. A file taken again with the same identity was never moved,
  /// because a process was killed first, so the receipts logged after that step belong to
  /// the same delivery and are not counted again. Each group's `kept_header_rejection` is
  /// Komet's message when it rejected deleting a web order that held no line, whose empty
  /// header then stays in Komet for the grower to delete.
  static let orderFileTakesSQL = """
    CREATE TABLE order_file_takes (
      id INTEGER PRIMARY KEY,
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      file_identity TEXT NOT NULL,
      last_step_before INTEGER NOT NULL CHECK (last_step_before >= 0),
      taken_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX order_file_takes_by_file ON order_file_takes (file_name, sha256);
    ALTER TABLE journal_groups ADD COLUMN kept_header_rejection TEXT;
    """
}
