/* clip-store-check.h: finding damage in a library, and saving what can
 * still be read from a damaged one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-store.h"

G_BEGIN_DECLS

/* SQLite's quick check of the file. On damage the store is marked
 * damaged (nothing more is written) and CLIP_STORE_ERROR_CORRUPT set. */
gboolean   clip_store_quick_check        (ClipStore           *self,
                                          GError             **error);
/* The full report: SQLite's integrity check and the search index's own
 * check. Returns the problems found (empty when there are none), or NULL
 * with error when the check itself could not run. */
GStrv      clip_store_check              (ClipStore           *self,
                                          GError             **error);

/* The quick check of the file at path on its own read-only connection, in
 * a thread, so that opening the app stays instant; the result is whether
 * the library is damaged. */
void       clip_store_check_async        (const char          *path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean   clip_store_check_finish       (GAsyncResult        *result,
                                          gboolean            *damaged,
                                          GError             **error);

typedef struct {
  guint copied;     /* rows copied into the new library */
  guint unreadable; /* places where reading failed (rows lost there) */
  guint refused;    /* rows read but not valid (garbled) */
} ClipStoreRecovery;

/* Copies every row that can be read from self (opened read-only is best:
 * the damaged file is not changed) into a new library at path, which
 * must not exist; the new library appears under its name only when
 * complete. */
gboolean   clip_store_recover            (ClipStore           *self,
                                          const char          *path,
                                          ClipStoreRecovery   *recovery,
                                          GError             **error);

G_END_DECLS
