/* clip-rank.h: the search's ranking function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-store.h"

G_BEGIN_DECLS

/* Makes clip_bm25 (articles_fts, weights...) known to the store's
 * connection: FTS5's bm25 with the same scores, faster on many matches. */
gboolean clip_rank_register (ClipStore  *store,
                             GError    **error);

G_END_DECLS
