/* clip-store-private.h: for other core modules that query the library
 * directly (search, the library model). Not for the app or the CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "clip-search.h"
#include "clip-store.h"

G_BEGIN_DECLS

/* The connection. Statements prepared on it must use bound parameters
 * only, never text built from user input. */
sqlite3      *clip_store_get_db             (ClipStore   *self);
/* A cached, reset statement for a static SQL string (owned by the store). */
sqlite3_stmt *clip_store_prepare            (ClipStore   *self,
                                             const char  *sql,
                                             GError     **error);
/* Turns the connection's last error into a GError and returns FALSE. */
gboolean      clip_store_set_sqlite_error   (ClipStore   *self,
                                             GError     **error,
                                             const char  *what);

/* The small helpers every module writing to the library needs. */
gboolean      clip_store_exec               (ClipStore     *self,
                                             const char    *sql,
                                             GError       **error);
/* Runs a statement that returns no rows, then resets it. */
gboolean      clip_store_step_done          (ClipStore     *self,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
/* Runs body in a transaction (a savepoint inside a caller's): all of
 * its writes are kept, or, when it fails, none. */
gboolean      clip_store_in_transaction     (ClipStore     *self,
                                             gboolean     (*body) (ClipStore *, gpointer, GError **),
                                             gpointer       data,
                                             GError       **error);
/* Binds bytes (empty ones as an empty blob), or NULL as SQL NULL. */
void          clip_store_bind_bytes         (sqlite3_stmt  *stmt,
                                             int            index,
                                             GBytes        *bytes);
/* Binds text, or NULL as SQL NULL. */
void          clip_store_bind_text          (sqlite3_stmt  *stmt,
                                             int            index,
                                             const char    *text);

/* Runs a one-row, one-column query. */
gboolean      clip_store_read_int           (ClipStore     *self,
                                             const char    *sql,
                                             gint64        *value,
                                             GError       **error);

/* Opening (clip-store-open.c): each reads the library, none changes it
 * except switch_to_wal, which checks it first. */
ClipStoreError clip_store_classify_error      (ClipStore     *self);
const char   *clip_store_error_reason       (ClipStore     *self,
                                             ClipStoreError code);
gboolean      clip_store_set_open_error     (ClipStore     *self,
                                             GError       **error,
                                             GError        *read_error);
gboolean      clip_store_check_existing     (ClipStore     *self,
                                             gint64        *version,
                                             GError       **error);
gboolean      clip_store_check_folder       (ClipStore     *self,
                                             GError       **error);
gboolean      clip_store_can_read_immutable (ClipStore     *self,
                                             const GError  *error);
gboolean      clip_store_switch_to_wal      (ClipStore     *self,
                                             GError       **error);
gboolean      clip_store_configure_read_only (ClipStore    *self,
                                              GError      **error);

/* The SQL that takes the schema from version step to step + 1 (for the
 * tests, which make libraries of earlier versions with it). */
const char   *clip_store_get_migration      (guint          step);
/* The SQL that lists the library in a sort order (for the tests, which
 * read its query plan). */
const char   *clip_search_get_list_sql      (ClipLibrarySort sort);

G_END_DECLS
