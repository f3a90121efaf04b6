/* clip-pdf-info.h: a PDF's document information (title, author)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns pdf (with its classic cross-reference table, as WebKit's
 * Skia writes) with an incremental update whose Info dictionary holds
 * title and author (either may be NULL), so that viewers and indexers
 * show the article's. The original bytes are kept unchanged before
 * the update. NULL with error when pdf is not such a file. */
GBytes      *clip_pdf_info_update (GBytes      *pdf,
                                   const char  *title,
                                   const char  *author,
                                   GError     **error);

G_END_DECLS
