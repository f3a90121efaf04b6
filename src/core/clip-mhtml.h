/* clip-mhtml.h: the parts of an MHTML snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *location;      /* Content-Location: the URL the part was loaded from */
  char *content_type;  /* without parameters, lower case */
  char *charset;       /* or NULL */
  GBytes *data;        /* decoded */
} ClipMhtmlPart;

void       clip_mhtml_part_free (ClipMhtmlPart *part);

/* The parts in order; the first text/html part is the page itself. */
GPtrArray *clip_mhtml_parse     (GBytes      *mhtml,
                                 GError     **error);
/* The part loaded from url, or NULL. */
ClipMhtmlPart *clip_mhtml_find  (GPtrArray   *parts,
                                 const char  *url);

G_END_DECLS
