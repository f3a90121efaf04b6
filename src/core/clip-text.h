/* clip-text.h: the article text and code-point offsets (DESIGN.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of a stored content fragment: the concatenation of its text
 * nodes, as the browser's textContent of #clip-article gives it. */
char       *clip_text_from_html      (const char *content_html,
                                      GError    **error);

/* Builds a content fragment block by block. Blocks are separated by
 * "\n\n" text nodes so that the fragment's text is the article text. */
typedef struct _ClipContentBuilder ClipContentBuilder;

ClipContentBuilder *clip_content_builder_new     (void);
/* tag is one of "p", "h2", "h3", "blockquote"; text is plain UTF-8
 * (escaped here); whitespace runs are collapsed to single spaces. */
void                clip_content_builder_add     (ClipContentBuilder *self,
                                                  const char         *tag,
                                                  const char         *text);
guint               clip_content_builder_get_n_blocks (ClipContentBuilder *self);
char               *clip_content_builder_free_to_html (ClipContentBuilder *self);
void                clip_content_builder_free    (ClipContentBuilder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipContentBuilder, clip_content_builder_free)

/* The src of every <img> in a content fragment, in document order,
 * without repeats. */
GStrv       clip_content_image_urls  (const char *content_html);
/* Points every <img src="from"> at to instead. */
char       *clip_content_replace_image (const char *content_html,
                                        const char *from,
                                        const char *to);

/* The content as the reader shows it: each <img> that was never saved
 * (its src is not a clip: address, so a view that loads nothing from
 * the web would show it broken) becomes an empty <span
 * class="clip-unsaved-image"> whose data-alt the style sheet shows.
 * Only elements without text change, so the text is the same. */
char       *clip_content_for_view    (const char *content_html);

/* Code-point helpers. Offsets and lengths count Unicode code points;
 * offsets past the end of the text are clamped to it. */
glong       clip_text_length         (const char *text);
char       *clip_text_slice          (const char *text,
                                      glong       start,
                                      glong       end);
/* Context of up to n code points before start / after end. */
char       *clip_text_prefix         (const char *text,
                                      glong       start,
                                      glong       n);
char       *clip_text_suffix         (const char *text,
                                      glong       end,
                                      glong       n);

#define CLIP_TEXT_CONTEXT_LENGTH 32

G_END_DECLS
