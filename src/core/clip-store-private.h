/* clip-store-private.h: for other core modules that query the library
 * directly (search, the library model). Not for the app or the CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

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

G_END_DECLS
