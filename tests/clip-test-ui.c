/* clip-test-ui.c: what the UI tests share (the app, waiting, the view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clip-scheme.h"
#include "clip-test-ui.h"

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
clip_test_wait_until (ClipTestCondition condition,
                      gpointer          data,
                      guint             timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  /* Wakes the loop up now and then, so that the deadline is seen. */
  guint tick = g_timeout_add (20, tick_cb, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () <= deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return met;
}

void
clip_test_wait_for (ClipWindow        *window,
                    ClipTestCondition  condition,
                    gpointer           data,
                    const char        *what)
{
  if (!clip_test_wait_until (condition, data, 60 * 1000))
    g_error ("Timed out waiting for %s (last message: %s)", what,
             window != NULL ? clip_window_get_last_toast (window) : "none");
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static gboolean
set_true_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

void
clip_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true_cb, &done);
  clip_test_wait_for (NULL, is_true, &done, "a pause");
}

ClipArticleView *
clip_test_view (ClipWindow *window)
{
  return CLIP_ARTICLE_VIEW (clip_window_get_article_view (window));
}

gboolean
clip_test_article_ready (ClipWindow *window,
                         gint64      article_id)
{
  ClipArticleView *view = clip_test_view (window);

  return clip_article_view_get_ready (view) &&
         (article_id == 0 || clip_article_view_get_article_id (view) == article_id);
}

static gboolean
any_article_ready (gpointer data)
{
  return clip_test_article_ready (data, 0);
}

ClipApplication *
clip_test_start_app (ClipWindow **window)
{
  static guint n_starts;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = g_strdup_printf ("%s.Test%u", APP_ID, ++n_starts);
  ClipApplication *app;

  /* An application object exported on the bus is only unexported when it
   * is finalized, which WebKit may delay; a start of its own keeps each
   * run apart. The library is the same one every time. */
  app = clip_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  *window = CLIP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (CLIP_IS_WINDOW (*window));
  gtk_window_set_default_size (GTK_WINDOW (*window), 1280, 800);
  clip_test_wait_for (*window, any_article_ready, *window, "the first article");
  return app;
}

void
clip_test_stop_app (ClipApplication **app,
                    ClipWindow      **window)
{
  gtk_window_close (GTK_WINDOW (*window));
  clip_test_spin (200);
  *window = NULL;
  g_clear_object (app);
}

ClipStore *
clip_test_open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = clip_store_default_path ();
  ClipStore *store = clip_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

typedef struct {
  gboolean done;
  gboolean lost;
  char *result;
} Eval;

static void
eval_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Eval *eval = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object),
                                                                          result, &error);

  /* A page that is replaced while the script runs loses its result:
   * clip_test_eval_js() runs it again on the page that is there now. */
  if (g_error_matches (error, WEBKIT_JAVASCRIPT_ERROR, WEBKIT_JAVASCRIPT_ERROR_INVALID_RESULT))
    eval->lost = TRUE;
  else
    {
      g_assert_no_error (error);
      eval->result = jsc_value_to_string (value);
    }
  eval->done = TRUE;
}

char *
clip_test_eval_js (ClipWindow *window,
                   const char *script)
{
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      Eval eval = { FALSE, FALSE, NULL };

      webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (clip_test_view (window)), script, -1,
                                           CLIP_SCRIPT_WORLD, NULL, NULL, eval_cb, &eval);
      clip_test_wait_for (window, is_true, &eval.done, "JavaScript");
      if (!eval.lost)
        return eval.result;
      g_test_message ("A script's result was lost to a page load; running it again");
      clip_test_wait_for (window, any_article_ready, window, "the page to settle");
      clip_test_spin (100);
    }

  g_error ("A script never returned: %s", script);
}
