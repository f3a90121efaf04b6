/* clip-test-ui.c: what the UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "clip-scheme.h"
#include "clip-test-ui.h"

ClipApplication *app;
ClipWindow *window;
char *data_home;

typedef struct {
  gboolean done;
  gboolean lost;
  char *result;
} Eval;

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
wait_for (Condition    condition,
          gpointer     data,
          const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s (last message: %s)", what,
                 window != NULL ? clip_window_get_last_toast (window) : "none");
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
}

gboolean
spin_done_cb (gpointer data)
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
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true_cb, &done);
  wait_for (spin_done_cb, &done, "a pause");
}

ClipArticleView *
view (void)
{
  return CLIP_ARTICLE_VIEW (clip_window_get_article_view (window));
}

gboolean
article_ready (gpointer data)
{
  return clip_test_article_ready (window, GPOINTER_TO_SIZE (data));
}

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
   * eval_js() runs it again on the page that is there now. */
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
eval_js (const char *script)
{
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      Eval eval = { FALSE, FALSE, NULL };

      webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (view ()), script, -1,
                                           CLIP_SCRIPT_WORLD, NULL, NULL, eval_cb, &eval);
      wait_for (spin_done_cb, &eval.done, "JavaScript");
      if (!eval.lost)
        return eval.result;
      g_test_message ("A script's result was lost to a page load; running it again");
      wait_for (article_ready, NULL, "the page to settle");
      spin (100);
    }

  g_error ("A script never returned: %s", script);
}

char *
screenshot_path (const char *name)
{
  const char *build_dir = g_getenv ("CLIP_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build_dir ? build_dir : ".", "screenshots", NULL);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

/* What the widget draws now; NULL while it has nothing to draw (between
 * frames, for instance just after a page of a stack has changed). */
static GskRenderNode *
widget_node (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

void
save_widget_screenshot (GtkWidget  *widget,
                        const char *name)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = screenshot_path (name);

  for (guint tries = 0; node == NULL && tries < 20; tries++)
    {
      node = widget_node (widget);
      if (node == NULL)
        spin (100);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

void
save_screenshot (const char *name)
{
  save_widget_screenshot (GTK_WIDGET (window), name);
}

void
start_app (void)
{
  start_app_no_wait ();
  wait_for (article_ready, NULL, "the first article");
}

/* The window up, whether or not it can show an article. */
void
start_app_no_wait (void)
{
  g_autoptr(GError) error = NULL;

  static guint n_starts;
  g_autofree char *app_id = g_strdup_printf ("%s.Test%u", APP_ID, ++n_starts);

  /* An application object exported on the bus is only unexported when it
   * is finalized, which WebKit may delay; a start of its own keeps each
   * run apart. The library is the same one every time. */
  app = clip_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = CLIP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (CLIP_IS_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
}

void
stop_app (void)
{
  gtk_window_close (GTK_WINDOW (window));
  spin (200);
  window = NULL;
  g_clear_object (&app);
}

ClipStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = clip_store_default_path ();
  ClipStore *store = clip_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

gint64
count_articles (void)
{
  g_autoptr(ClipStore) store = open_store ();

  return clip_store_count_articles (store, NULL);
}

/* Presses a key as a person would, through the X server. */
void
press_key (const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  const char *argv[] = { xdotool, "key", "--clearmodifiers", key, NULL };
  int status = 0;

  g_assert_nonnull (xdotool);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The first widget under root (root included) that match accepts. */
GtkWidget *
find_widget (GtkWidget  *root,
             gboolean  (*match) (GtkWidget *widget, const char *data),
             const char *data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);
      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
has_preview (gpointer data)
{
  return clip_window_get_preview (window) != NULL && article_ready (NULL);
}

/* A button labelled data (with its mnemonic). */
gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* An entry row that holds the text data. */
gboolean
is_entry_row_with_text (GtkWidget  *widget,
                        const char *data)
{
  return ADW_IS_ENTRY_ROW (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

GBytes *
make_png (void)
{
  guchar pixels[8 * 8 * 4];
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  for (guint i = 0; i < sizeof pixels; i += 4)
    {
      pixels[i] = 0x35; pixels[i + 1] = 0x84; pixels[i + 2] = 0xe4; pixels[i + 3] = 0xff;
    }
  data = g_bytes_new (pixels, sizeof pixels);
  texture = gdk_memory_texture_new (8, 8, GDK_MEMORY_R8G8B8A8, data, 8 * 4);
  return gdk_texture_save_to_png_bytes (texture);
}

void
type_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  const char *argv[] = { xdotool, "type", "--delay", "5", text, NULL };
  int status = 0;

  g_assert_nonnull (xdotool);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* TRUE once condition holds; FALSE when timeout_ms went by first (for
 * a run that goes on past one that failed). */
gboolean
clip_test_wait_until (Condition condition,
                      gpointer  data,
                      guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  guint tick = g_timeout_add (20, tick_cb, NULL);
  gboolean held;

  while (!(held = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return held;
}

gboolean
clip_test_article_ready (ClipWindow *shown,
                         gint64      article_id)
{
  ClipArticleView *article_view = CLIP_ARTICLE_VIEW (clip_window_get_article_view (shown));

  return clip_article_view_get_ready (article_view) &&
         (article_id == 0 || clip_article_view_get_article_id (article_view) == article_id);
}

void
clip_test_ui_init (int    *argc,
                   char ***argv)
{
  g_autoptr(GError) error = NULL;

  /* A library of its own, made before anything reads the environment. */
  data_home = g_dir_make_tmp ("clip-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (argc, argv, NULL);
  /* As main.c does, before any thread. */
  gtk_init ();
  clip_application_choose_renderer ();
}
