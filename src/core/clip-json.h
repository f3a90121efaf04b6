/* clip-json.h: JSON forms of articles and annotations (CLI, tests), and
 * the one safe way in for JSON the app reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "clip-annotation.h"
#include "clip-article.h"

G_BEGIN_DECLS

/* The deepest nesting of arrays and objects any JSON Clippings reads may
 * have: far more than any real file, far less than overflows a stack. */
#define CLIP_JSON_MAX_DEPTH 256

/* Fails (JSON_PARSER_ERROR) when data nests arrays and objects more
 * than max_depth deep; a scan, no parse. */
gboolean  clip_json_check_depth   (const char     *data,
                                   gssize          length,
                                   guint           max_depth,
                                   GError        **error);
/* json_parser_load_from_data() for every JSON the app reads: refuses
 * what nests deeper than CLIP_JSON_MAX_DEPTH before parsing it. */
gboolean  clip_json_parser_load   (JsonParser     *parser,
                                   const char     *data,
                                   gssize          length,
                                   GError        **error);
/* json_from_string() with the same limit; NULL data or empty is an error. */
JsonNode *clip_json_from_string   (const char     *data,
                                   GError        **error);

JsonNode *clip_annotation_to_json (ClipAnnotation *annotation);
/* The article's metadata and text, with its annotations when given. */
JsonNode *clip_article_to_json    (ClipArticle    *article,
                                   GPtrArray      *annotations);

G_END_DECLS
