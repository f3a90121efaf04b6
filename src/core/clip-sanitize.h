/* clip-sanitize.h: re-emit article content from an allowlist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Called for each image kept, with its absolute http(s) URL; returns the
 * src to write (such as "clip://asset/12"), or NULL to keep the URL. */
typedef char *(*ClipSanitizeImageFunc) (const char *url,
                                        gpointer    user_data);

/* Writes a content fragment whose text walk (clip_text_from_html) is the
 * article text: blocks separated by "\n\n" text nodes, whitespace
 * collapsed as a browser renders it, a "\n" after each <br>. Only
 * allowlisted elements and attributes are written; unknown elements are
 * unwrapped and non-content ones (scripts, styles, forms, embeds,
 * SVG, MathML) dropped with their content. */
typedef struct _ClipSanitizer ClipSanitizer;

ClipSanitizer *clip_sanitizer_new            (const char            *base_url);
void           clip_sanitizer_set_image_func (ClipSanitizer         *self,
                                              ClipSanitizeImageFunc  func,
                                              gpointer               user_data);
/* Appends node and its subtree; call once per top-level node. */
void           clip_sanitizer_add_node       (ClipSanitizer         *self,
                                              xmlNode               *node);
/* The absolute URLs of the images written so far, in order. */
const char * const *clip_sanitizer_get_image_urls (ClipSanitizer    *self);
/* Whether any text has been written so far. */
gboolean       clip_sanitizer_has_text       (ClipSanitizer         *self);
char          *clip_sanitizer_free_to_html   (ClipSanitizer         *self);
void           clip_sanitizer_free           (ClipSanitizer         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipSanitizer, clip_sanitizer_free)

/* Parses an HTML fragment (or document) and sanitizes its body. Running
 * it on its own output gives the same output. image_urls, when not NULL,
 * receives the absolute image URLs (a NULL-terminated array). */
char          *clip_sanitize_html            (const char            *html,
                                              gssize                 length,
                                              const char            *base_url,
                                              ClipSanitizeImageFunc  image_func,
                                              gpointer               user_data,
                                              char                ***image_urls,
                                              GError               **error);

/* A URL resolved against base (which may be NULL) if its scheme is one of
 * the NULL-terminated schemes; NULL otherwise. */
char          *clip_sanitize_url             (const char            *url,
                                              const char            *base_url,
                                              const char * const    *schemes);

/* The MathML the sanitizer keeps: its elements ("math" among them) and,
 * for one of them, its allowed attributes as written (" name=\"value\"...",
 * or NULL for none). Exporters write kept math back with these only. */
gboolean       clip_sanitize_is_mathml_element   (const char *name);
char          *clip_sanitize_mathml_attributes   (xmlNode    *node);
/* A kept <math> subtree as MathML text: the allowed elements and
 * attributes, its text escaped. */
char          *clip_sanitize_mathml_to_string    (xmlNode    *math);

G_END_DECLS
