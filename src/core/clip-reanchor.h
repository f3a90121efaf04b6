/* clip-reanchor.h: keep annotations on a text that changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-annotation.h"

G_BEGIN_DECLS

/* Places each annotation on text with the anchoring engine: where its
 * quote is no longer at its position it is moved to where it is found, or
 * marked orphaned (kept, never dropped); an orphan whose quote is found
 * again comes back. Returns the annotations that changed (references into
 * the array), for the caller to save. */
GPtrArray *clip_reanchor (const char *text,
                          GPtrArray  *annotations);

G_END_DECLS
