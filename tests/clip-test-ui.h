/* clip-test-ui.h: what the UI tests share: the app under test, waiting
 * on its main loop, scripts in its article view, keys through the X
 * server and screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-application.h"
#include "clip-article-view.h"
#include "clip-window.h"

G_BEGIN_DECLS

extern ClipApplication *app;
extern ClipWindow *window;
/* XDG_DATA_HOME of the run: the library lives under it. */
extern char *data_home;

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until condition holds; fails the test after 60 s. */
void             wait_for               (Condition    condition,
                                         gpointer     data,
                                         const char  *what);
void             spin                   (guint        ms);
/* A condition on a gboolean: TRUE once *data is. */
gboolean         spin_done_cb           (gpointer     data);
ClipArticleView *view                   (void);
/* data: an article id as GSIZE_TO_POINTER, or NULL for any. */
gboolean         article_ready          (gpointer     data);
/* Runs script in the annotator's world; its value as a string. */
char            *eval_js                (const char  *script);
/* name under the build's screenshots/ folder (made if missing). */
char            *screenshot_path        (const char  *name);
void             save_widget_screenshot (GtkWidget   *widget,
                                         const char  *name);
void             save_screenshot        (const char  *name);
/* Starts the app under an ID of its own and waits for its first article. */
void             start_app              (void);
void             start_app_no_wait      (void);
void             stop_app               (void);
ClipStore       *open_store             (void);
gint64           count_articles         (void);
/* A key (xdotool's names) pressed and released through the X server. */
void             press_key              (const char  *key);
/* The first widget under root (itself included) that match accepts. */
GtkWidget       *find_widget            (GtkWidget   *root,
                                         gboolean   (*match) (GtkWidget *widget, const char *data),
                                         const char  *data);
/* Text typed through the X server, a key at a time. */
void             type_text              (const char  *text);
/* A captured page is waiting for Save, and shown. */
gboolean         has_preview            (gpointer     data);
/* Predicates for find_widget(). */
gboolean         is_button_labelled     (GtkWidget   *widget,
                                         const char  *label);
gboolean         is_entry_row_with_text (GtkWidget   *widget,
                                         const char  *text);
/* An 8×8 picture, as PNG. */
GBytes          *make_png               (void);
/* Runs the main loop until condition holds: TRUE, or FALSE after
 * timeout_ms, and the test goes on. */
gboolean         clip_test_wait_until   (Condition    condition,
                                         gpointer     data,
                                         guint        timeout_ms);
/* TRUE once shown's view has the article (any, for 0) and its annotator runs. */
gboolean         clip_test_article_ready (ClipWindow *shown,
                                          gint64      article_id);
/* Makes XDG_DATA_HOME a new folder and starts GTK as main.c does; call
 * first in main(). */
void             clip_test_ui_init      (int         *argc,
                                         char      ***argv);

G_END_DECLS
