/* clip-scheme.h: the clip:// scheme, served from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

#include "clip-original.h"

#include "clip-store.h"

G_BEGIN_DECLS

/* See clip-original.h. */
#define CLIP_ARTICLE_CSP CLIP_ORIGINAL_CSP

#define CLIP_SCRIPT_WORLD "clippings"

/* Makes the application's single web context, with clip:// served from
 * the store. */
WebKitWebContext *clip_web_context_new        (ClipStore  *store);

char             *clip_scheme_article_uri     (gint64      article_id);
char             *clip_scheme_original_uri    (gint64      article_id);
#define CLIP_SCHEME_PREVIEW_URI "clip://preview/article"

/* A captured article shown before it is saved, with its snapshot for the
 * images; NULL clears it. */
void              clip_web_context_set_preview (WebKitWebContext *context,
                                                ClipArticle      *article);
/* The page served for an article; exposed for tests. */
char             *clip_scheme_render_article  (ClipArticle *article);

G_END_DECLS
