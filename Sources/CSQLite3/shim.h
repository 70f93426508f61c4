#ifndef KOMET_DWF_CSQLITE3_SHIM_H
#define KOMET_DWF_CSQLITE3_SHIM_H

#include <sqlite3.h>

/// Binds UTF-8 text that SQLite copies before returning.
/// Swift cannot import the SQLITE_TRANSIENT macro (a cast of -1 to a function pointer), so this
/// wraps sqlite3_bind_text64 with it.
static inline int komet_sqlite3_bind_text_copy(
    sqlite3_stmt *statement, int index, const char *text, sqlite3_uint64 byteCount) {
  return sqlite3_bind_text64(statement, index, text, byteCount, SQLITE_TRANSIENT, SQLITE_UTF8);
}

/// Binds a blob that SQLite copies before returning; it wraps sqlite3_bind_blob64.
static inline int komet_sqlite3_bind_blob_copy(
    sqlite3_stmt *statement, int index, const void *bytes, sqlite3_uint64 byteCount) {
  return sqlite3_bind_blob64(statement, index, bytes, byteCount, SQLITE_TRANSIENT);
}

#endif
