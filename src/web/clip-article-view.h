/* clip-article-view.h: the WebKit view of a stored article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

#include "clip-store.h"

G_BEGIN_DECLS

#define CLIP_ARTICLE_VIEW_ERROR (clip_article_view_error_quark ())

typedef enum {
  CLIP_ARTICLE_VIEW_ERROR_NO_SELECTION,
  CLIP_ARTICLE_VIEW_ERROR_OUTSIDE,
  CLIP_ARTICLE_VIEW_ERROR_TOO_LONG,
  CLIP_ARTICLE_VIEW_ERROR_INVALID,
  CLIP_ARTICLE_VIEW_ERROR_NOT_READY,
} ClipArticleViewError;

/* What the reader selected, in code points of the article text. */
typedef struct {
  char *exact;
  char *prefix;
  char *suffix;
  glong start;
  glong end;
  /* Where it is on screen, in the view's coordinates. */
  GdkRectangle rect;
} ClipSelection;

void clip_selection_free (ClipSelection *selection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipSelection, clip_selection_free)

#define CLIP_TYPE_ARTICLE_VIEW (clip_article_view_get_type ())

G_DECLARE_FINAL_TYPE (ClipArticleView, clip_article_view, CLIP, ARTICLE_VIEW, WebKitWebView)

GQuark          clip_article_view_error_quark       (void);

/* Article views made after this call composite their pages with GL only
 * when value is TRUE (the default). Without a graphics card, GL is drawn
 * by the processor, and drawing without it is lighter (about 60 MB less
 * in the web process). */
void            clip_article_view_set_default_accelerated (gboolean       value);

GtkWidget      *clip_article_view_new               (WebKitWebContext  *context);
void            clip_article_view_load_article      (ClipArticleView   *self,
                                                     gint64             article_id);
/* The untouched original, offline, with no scripts. */
void            clip_article_view_load_original     (ClipArticleView   *self,
                                                     gint64             article_id);
/* The capture being previewed (clip_web_context_set_preview()). */
void            clip_article_view_load_preview      (ClipArticleView   *self);
gint64          clip_article_view_get_article_id    (ClipArticleView   *self);
/* TRUE once the annotator runs in the loaded article. */
gboolean        clip_article_view_get_ready         (ClipArticleView   *self);
gboolean        clip_article_view_get_has_selection (ClipArticleView   *self);
/* Marks these annotations (a GPtrArray of ClipAnnotation); kept and
 * applied again when the article is reloaded. */
void            clip_article_view_set_highlights    (ClipArticleView   *self,
                                                     GPtrArray         *annotations);
/* The selection's place on screen, as last reported; FALSE when none. */
gboolean        clip_article_view_get_selection_rect (ClipArticleView *self,
                                                      GdkRectangle    *rect);
/* Selects and shows that range of the article text, now or once the
 * article has loaded. */
void            clip_article_view_reveal_range      (ClipArticleView   *self,
                                                     glong              start,
                                                     glong              end);
/* The text of the page shown (the article, or an original's whole page),
 * as the annotator counts it. */
void            clip_article_view_get_text_async    (ClipArticleView     *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char           *clip_article_view_get_text_finish   (ClipArticleView     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* Scrolls to the next mention of the entity, in turn. */
void            clip_article_view_step_entity       (ClipArticleView   *self,
                                                     gint64             entity_id);
void            clip_article_view_scroll_to         (ClipArticleView   *self,
                                                     gint64             annotation_id);
void            clip_article_view_get_selection_async  (ClipArticleView     *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
ClipSelection  *clip_article_view_get_selection_finish (ClipArticleView     *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
