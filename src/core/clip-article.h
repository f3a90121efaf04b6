/* clip-article.h: one saved article (a clipping) and its metadata
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CLIP_TYPE_ARTICLE (clip_article_get_type ())

G_DECLARE_FINAL_TYPE (ClipArticle, clip_article, CLIP, ARTICLE, GObject)

ClipArticle *clip_article_new               (void);

gint64       clip_article_get_id            (ClipArticle *self);
void         clip_article_set_id            (ClipArticle *self,
                                             gint64       id);
const char  *clip_article_get_title         (ClipArticle *self);
void         clip_article_set_title         (ClipArticle *self,
                                             const char  *title);
const char  *clip_article_get_byline        (ClipArticle *self);
void         clip_article_set_byline        (ClipArticle *self,
                                             const char  *byline);
const char  *clip_article_get_site_name     (ClipArticle *self);
void         clip_article_set_site_name     (ClipArticle *self,
                                             const char  *site_name);
const char  *clip_article_get_source_url    (ClipArticle *self);
void         clip_article_set_source_url    (ClipArticle *self,
                                             const char  *source_url);
/* ISO 8601 as found: "2016-03-25T09:41", "2016-03-25" or with a zone. */
const char  *clip_article_get_published     (ClipArticle *self);
void         clip_article_set_published     (ClipArticle *self,
                                             const char  *published);
const char  *clip_article_get_lang          (ClipArticle *self);
void         clip_article_set_lang          (ClipArticle *self,
                                             const char  *lang);
const char  *clip_article_get_dir           (ClipArticle *self);
void         clip_article_set_dir           (ClipArticle *self,
                                             const char  *dir);
const char  *clip_article_get_excerpt       (ClipArticle *self);
void         clip_article_set_excerpt       (ClipArticle *self,
                                             const char  *excerpt);
/* Sanitized content fragment; its text walk is the article text. */
const char  *clip_article_get_content_html  (ClipArticle *self);
void         clip_article_set_content_html  (ClipArticle *self,
                                             const char  *content_html);
/* The article text (DESIGN.md), derived from the content and cached. */
const char  *clip_article_get_text          (ClipArticle *self);
/* How it came in: "text", "html", "mhtml", "url", "sample"; text and
 * HTML were opened from a file when the source file is set, else pasted. */
const char  *clip_article_get_source_kind   (ClipArticle *self);
void         clip_article_set_source_kind   (ClipArticle *self,
                                             const char  *source_kind);
/* The untouched original as captured or read; never modified. */
GBytes      *clip_article_get_original      (ClipArticle *self);
const char  *clip_article_get_original_type (ClipArticle *self);
void         clip_article_set_original      (ClipArticle *self,
                                             GBytes      *original,
                                             const char  *mime_type);
/* Capture provenance: HTTP status of the page and when it was taken. */
guint        clip_article_get_http_status   (ClipArticle *self);
void         clip_article_set_http_status   (ClipArticle *self,
                                             guint        http_status);
const char  *clip_article_get_captured_at   (ClipArticle *self);
void         clip_article_set_captured_at   (ClipArticle *self,
                                             const char  *captured_at);
/* The file it was opened from, as a file:// URI; NULL when it was not
 * read from a file (a capture, a paste). */
const char  *clip_article_get_source_file   (ClipArticle *self);
void         clip_article_set_source_file   (ClipArticle *self,
                                             const char  *uri);
const char  *clip_article_get_lead_image_url (ClipArticle *self);
void         clip_article_set_lead_image_url (ClipArticle *self,
                                              const char  *url);
/* SHA-256 of the original, as stored. */
const char  *clip_article_get_original_sha256 (ClipArticle *self);
void         clip_article_set_original_sha256 (ClipArticle *self,
                                               const char  *sha256);
const char  *clip_article_get_created_at    (ClipArticle *self);
void         clip_article_set_created_at    (ClipArticle *self,
                                             const char  *created_at);
/* The line under the title, as the reader and the exports show it:
 * site, published date (clip_date_format_human), byline, as many as are
 * known, joined by " · "; "" when none is. */
char        *clip_article_dup_meta_line     (ClipArticle *self);
/* Filled by list queries; not stored. */
guint        clip_article_get_n_highlights  (ClipArticle *self);
void         clip_article_set_n_highlights  (ClipArticle *self,
                                             guint        n_highlights);

G_END_DECLS
