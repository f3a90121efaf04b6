/* clip-json.h: JSON forms of articles and annotations (CLI, tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "clip-annotation.h"
#include "clip-article.h"

G_BEGIN_DECLS

JsonNode *clip_annotation_to_json (ClipAnnotation *annotation);
/* The article's metadata and text, with its annotations when given. */
JsonNode *clip_article_to_json    (ClipArticle    *article,
                                   GPtrArray      *annotations);

G_END_DECLS
