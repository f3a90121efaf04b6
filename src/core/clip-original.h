/* clip-original.h: the untouched original, made viewable offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Only clip: and data: may be loaded by a stored article or original.
 * Inline styles are allowed for originals; reader content has none. It
 * is sent with every clip:// answer and written into every page. */
#define CLIP_ORIGINAL_CSP \
  "default-src 'none'; style-src clip: 'unsafe-inline'; img-src clip: data:; " \
  "font-src clip: data:; media-src clip: data:; form-action 'none'; base-uri 'none'"

/* The resources of an original: for an MHTML snapshot its parts, for an
 * HTML or text file the file alone. Index 0 is the page. */
typedef struct _ClipOriginal ClipOriginal;

ClipOriginal *clip_original_new         (GBytes       *original,
                                         const char   *mime_type,
                                         GError      **error);
void          clip_original_free        (ClipOriginal *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipOriginal, clip_original_free)

/* The page as HTML in which every resource found in the original is
 * addressed as prefix + its index, and everything else (scripts, frames,
 * resources that were not saved) is left out, so that showing it needs
 * no network at all. */
char         *clip_original_render_page (ClipOriginal *self,
                                         const char   *prefix);
/* Resource index (1..n) with its type; style sheets are rewritten the way
 * the page is. NULL when there is no such resource. */
GBytes       *clip_original_get_resource (ClipOriginal *self,
                                          guint         index,
                                          const char   *prefix,
                                          char        **mime_type);
/* The index of the resource loaded from url, or 0. */
guint         clip_original_find        (ClipOriginal *self,
                                         const char   *url);

G_END_DECLS
