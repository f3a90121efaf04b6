/* clip-test-ui.h: what the UI tests share (the app, waiting, the view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-application.h"
#include "clip-article-view.h"
#include "clip-store.h"
#include "clip-window.h"

G_BEGIN_DECLS

typedef gboolean (*ClipTestCondition) (gpointer data);

/* Runs the main context until condition (data) holds; FALSE when
 * timeout_ms went by first. */
gboolean         clip_test_wait_until     (ClipTestCondition   condition,
                                           gpointer            data,
                                           guint               timeout_ms);
/* Waits up to a minute, then ends the test, saying what it waited for
 * and the last message of window (which may be NULL). */
void             clip_test_wait_for       (ClipWindow         *window,
                                           ClipTestCondition   condition,
                                           gpointer            data,
                                           const char         *what);
void             clip_test_spin           (guint               ms);

/* Starts the app under an ID of its own (the library is the same one
 * every time) and waits for its window's first article. */
ClipApplication *clip_test_start_app      (ClipWindow        **window);
void             clip_test_stop_app       (ClipApplication   **app,
                                           ClipWindow        **window);
ClipStore       *clip_test_open_store     (void);

ClipArticleView *clip_test_view           (ClipWindow         *window);
/* TRUE once the view has the article (any, for 0) and its annotator runs. */
gboolean         clip_test_article_ready  (ClipWindow         *window,
                                           gint64              article_id);
/* Runs script in the annotator's world and returns its value as a string. */
char            *clip_test_eval_js        (ClipWindow         *window,
                                           const char         *script);

G_END_DECLS
