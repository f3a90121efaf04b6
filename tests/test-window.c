/* test-window.c: the real window, under Xvfb
 *
 * Imports a fixture, selects a sentence in the WebKit view, highlights
 * it through the window's action, and checks the database, the DOM and
 * the sidebar; then starts the app again and checks it all came back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include <libsoup/soup.h>

#include "clip-application.h"
#include "clip-article-view.h"
#include "clip-capture.h"
#include "clip-date.h"
#include "clip-entity-window.h"
#include "clip-scheme.h"
#include "clip-search.h"
#include "clip-sidebar.h"
#include "clip-tags-dialog.h"
#include "clip-test-ui.h"
#include "clip-text.h"
#include "clip-window.h"
#include "clip-test-ui.h"

#define SENTENCE "The council said the keepers will look after the building, guide " \
                 "visitors and record the weather every three hours, as their " \
                 "predecessors once did."

static ClipAnnotation *annotate_phrase (gint64      article_id,
                                        const char *phrase,
                                        guint       nth,
                                        const char *kind);

/* Runs script in the annotator's world and returns its value as a string. */
static gboolean widget_shows_text (GtkWidget *widget, const char *text);
static gboolean widget_shows_prefix (GtkWidget *widget, const char *prefix);
static gboolean widget_maps_text (GtkWidget *widget, const char *text);
static void assert_dates_and_file_shown (ClipArticle *article, const char *path);

static gboolean
article_changed_from (gpointer data)
{
  gint64 old_id = GPOINTER_TO_SIZE (data);

  return clip_window_get_article_id (window) != old_id && article_ready (NULL);
}

static gint64
import_fixture (const char *name)
{
  const char *fixtures = g_getenv ("CLIP_FIXTURES_DIR");
  g_autofree char *path = g_build_filename (fixtures, name, NULL);
  gint64 before = clip_window_get_article_id (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", "s", path));
  wait_for (article_changed_from, GSIZE_TO_POINTER (before), "the imported article");
  return clip_window_get_article_id (window);
}

/* Selects article text [start, end) (code points) the way a mouse would
 * leave the DOM selection, and returns what the page says is selected. */
static char *
select_range (glong start,
              glong end)
{
  g_autofree char *script = g_strdup_printf (
    "(function (s, e) {"
    "  const root = document.getElementById('clip-article');"
    "  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);"
    "  const range = document.createRange();"
    "  let pos = 0, started = false;"
    "  while (walker.nextNode()) {"
    "    const node = walker.currentNode, cps = Array.from(node.data);"
    "    if (!started && s < pos + cps.length) {"
    "      range.setStart(node, cps.slice(0, s - pos).join('').length); started = true; }"
    "    if (started && e <= pos + cps.length) {"
    "      range.setEnd(node, cps.slice(0, e - pos).join('').length); break; }"
    "    pos += cps.length;"
    "  }"
    "  const sel = window.getSelection();"
    "  sel.removeAllRanges(); sel.addRange(range);"
    "  return range.toString();"
    "})(%ld, %ld)", start, end);

  return eval_js (script);
}

static gboolean
has_selection (gpointer data)
{
  return clip_article_view_get_has_selection (view ());
}

static gboolean
has_annotations (gpointer data)
{
  g_autoptr(ClipStore) store = open_store ();
  g_autoptr(GPtrArray) annotations = clip_store_list_annotations (store, GPOINTER_TO_SIZE (data), NULL);

  return annotations != NULL && annotations->len > 0;
}

static char *
marks_json (void)
{
  return eval_js ("JSON.stringify(Array.from(document.querySelectorAll('#clip-article mark.clip-mark'))"
                  ".map((m) => [Number(m.dataset.annotationId), m.textContent]))");
}

static gboolean
marks_equal (gpointer data)
{
  g_autofree char *json = marks_json ();

  return g_strcmp0 (json, data) == 0;
}

static char *
expected_marks (gint64      id,
                const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  if (id > 0)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, id);
      json_builder_add_string_value (builder, text);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
assert_highlight_shown (gint64 annotation_id)
{
  g_autofree char *expected = expected_marks (annotation_id, SENTENCE);
  ClipSidebar *sidebar = CLIP_SIDEBAR (clip_window_get_sidebar (window));

  wait_for (marks_equal, expected, "the <mark> in the article");
  g_assert_cmpuint (clip_sidebar_get_n_annotations (sidebar), ==, 1);
  g_assert_true (widget_shows_text (clip_sidebar_get_page (sidebar, "annotations"), SENTENCE));
}

static gboolean
mark_flashed (gpointer data)
{
  g_autofree char *n = eval_js ("String(document.querySelectorAll('mark.clip-flash').length)");

  return g_strcmp0 (n, "0") != 0;
}

/* Finds a selected GtkListBoxRow under a widget. */
static gboolean
has_selected_row (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_selected_row (child))
      return TRUE;

  return FALSE;
}

static gboolean
row_selected (gpointer data)
{
  ClipSidebar *sidebar = CLIP_SIDEBAR (clip_window_get_sidebar (window));

  return has_selected_row (clip_sidebar_get_page (sidebar, "annotations"));
}

static void
test_highlight_and_restore (void)
{
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *selected = NULL;
  ClipAnnotation *annotation;
  const char *text;
  const char *found;
  glong start, end;
  gint64 article_id, annotation_id;

  start_app ();
  /* A new library holds the sample article, shown at first start. */
  g_assert_cmpint (count_articles (), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (clip_window_get_library_model (window)), ==, 1);
  spin (500);
  save_screenshot ("window-first-start.png");
  /* Xvfb has no graphics card: Mesa draws GL on the processor, and the
   * app then draws with cairo (clip_application_choose_renderer). */
  g_assert_true (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window))));
  {
    /* The reader style sheet is served from clip:// and applies. */
    g_autofree char *style = eval_js ("getComputedStyle(document.body).maxWidth");
    g_assert_cmpstr (style, ==, "720px");
  }

  article_id = import_fixture ("ui-wire-story.txt");
  g_assert_cmpint (count_articles (), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (clip_window_get_library_model (window)), ==, 2);

  store = open_store ();
  article = clip_store_get_article (store, article_id, NULL);
  g_assert_cmpstr (clip_article_get_title (article), ==,
                   "Lighthouse keepers return to Skerry Point after forty years");
  {
    g_autofree char *path = g_build_filename (g_getenv ("CLIP_FIXTURES_DIR"), "ui-wire-story.txt", NULL);

    assert_dates_and_file_shown (article, path);
  }
  text = clip_article_get_text (article);
  found = strstr (text, SENTENCE);
  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (text, found);
  end = start + g_utf8_strlen (SENTENCE, -1);

  selected = select_range (start, end);
  g_assert_cmpstr (selected, ==, SENTENCE);
  wait_for (has_selection, NULL, "the selection to reach the window");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.highlight", NULL));
  wait_for (has_annotations, GSIZE_TO_POINTER (article_id), "the highlight in the database");

  annotations = clip_store_list_annotations (store, article_id, NULL);
  g_assert_cmpuint (annotations->len, ==, 1);
  annotation = g_ptr_array_index (annotations, 0);
  annotation_id = clip_annotation_get_id (annotation);
  g_assert_cmpstr (clip_annotation_get_exact (annotation), ==, SENTENCE);
  g_assert_cmpint (clip_annotation_get_start (annotation), ==, start);
  g_assert_cmpint (clip_annotation_get_end (annotation), ==, end);
  g_assert_cmpint (clip_annotation_get_kind (annotation), ==, CLIP_ANNOTATION_HIGHLIGHT);
  /* The sentence opens a paragraph: its prefix ends at the block break. */
  g_assert_true (g_str_has_suffix (clip_annotation_get_prefix (annotation), "1985.\n\n"));

  assert_highlight_shown (annotation_id);
  spin (300);
  save_screenshot ("window-highlight.png");

  /* Start again: everything comes back from the database. */
  stop_app ();
  start_app ();
  g_assert_cmpint (clip_window_get_article_id (window), ==, article_id);
  assert_highlight_shown (annotation_id);

  /* A click on the sidebar row scrolls to the mark and flashes it. */
  g_signal_emit_by_name (clip_window_get_sidebar (window), "annotation-activated", annotation_id);
  wait_for (mark_flashed, NULL, "the mark to flash");

  /* A click on the mark selects its row. */
  g_free (eval_js ("document.querySelector('#clip-article mark.clip-mark').click(); ''"));
  wait_for (row_selected, NULL, "the row of the clicked mark");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-highlight", "x",
                                             annotation_id));
  {
    g_autofree char *none = expected_marks (0, NULL);
    g_autoptr(GPtrArray) left = clip_store_list_annotations (store, article_id, NULL);

    g_assert_cmpuint (left->len, ==, 0);
    wait_for (marks_equal, none, "the mark to go");
    g_assert_cmpuint (clip_sidebar_get_n_annotations (CLIP_SIDEBAR (clip_window_get_sidebar (window))), ==, 0);
    g_assert_nonnull (strstr (clip_window_get_last_toast (window), "deleted"));
  }

  stop_app ();
}

static gboolean
toast_changed (gpointer data)
{
  return g_strcmp0 (clip_window_get_last_toast (window), data) != 0;
}

/* Each bad file gives a message in a toast and adds nothing. */
static void
test_bad_files (void)
{
  static const struct {
    const char *name;
    const char *contents;
    gssize length;
  } files[] = {
    { "empty.txt", "", 0 },
    { "blank.txt", "  \n\t\n  ", -1 },
    { "binary.txt", "PK\x03\x04\0\0\x14\0\x08\0\0\0binary", 20 },
    { "latin1.txt", "Caf\xe9 society\nA short text in Latin-1, not UTF-8.\n", -1 },
    { "missing.txt", NULL, 0 },
  };
  g_autofree char *dir = g_build_filename (data_home, "bad-files", NULL);
  gint64 before;

  start_app ();
  before = count_articles ();
  g_mkdir_with_parents (dir, 0700);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autofree char *previous = g_strdup (clip_window_get_last_toast (window));

      if (files[i].contents != NULL)
        g_assert_true (g_file_set_contents (path, files[i].contents, files[i].length, NULL));

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", "s", path));
      wait_for (toast_changed, previous, "a message about a bad file");
      g_test_message ("%s: %s", files[i].name, clip_window_get_last_toast (window));
      g_assert_cmpint (strlen (clip_window_get_last_toast (window)), >, 10);
      g_assert_false (g_str_has_prefix (clip_window_get_last_toast (window), "Added"));
      g_assert_cmpint (count_articles (), ==, before);
    }

  stop_app ();
}

static void
paste_and_wait (GdkContentProvider *provider)
{
  gint64 before = clip_window_get_article_id (window);

  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (window)), provider);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL));
  wait_for (article_changed_from, GSIZE_TO_POINTER (before), "the pasted article");
}

/* Ctrl+Shift+V: plain text goes through the plain-text importer, HTML
 * through the HTML one. */
static void
test_paste (void)
{
  static const char page[] = "<html><head><title>Pasted page</title></head><body>"
                             "<h1>Council votes on the new bridge</h1>"
                             "<p>The town council voted on Tuesday to build a footbridge over the river.</p>"
                             "<script>document.title = 'hacked'</script>"
                             "<p>Work is due to start in the spring and to last eighteen months.</p>"
                             "</body></html>";
  const char *fixtures = g_getenv ("CLIP_FIXTURES_DIR");
  g_autofree char *text_path = g_build_filename (fixtures, "ui-wire-story.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GdkContentProvider) text_provider = NULL;
  g_autoptr(GdkContentProvider) html_provider = NULL;
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(ClipArticle) article = NULL;
  gint64 before;

  g_assert_true (g_file_get_contents (text_path, &text, NULL, NULL));
  html = g_bytes_new_static (page, strlen (page));

  start_app ();
  before = count_articles ();
  store = open_store ();

  text_provider = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  paste_and_wait (text_provider);
  article = clip_store_get_article (store, clip_window_get_article_id (window), NULL);
  g_assert_cmpstr (clip_article_get_title (article), ==,
                   "Lighthouse keepers return to Skerry Point after forty years");
  g_assert_cmpstr (clip_article_get_source_kind (article), ==, "text");
  /* Pasted, not opened: no file to name. */
  g_assert_null (clip_article_get_source_file (article));
  g_assert_true (widget_shows_text (clip_sidebar_get_page (CLIP_SIDEBAR (clip_window_get_sidebar (window)), "info"),
                                    "Pasted text · text/plain"));
  g_clear_object (&article);

  html_provider = gdk_content_provider_new_for_bytes ("text/html", html);
  paste_and_wait (html_provider);
  article = clip_store_get_article (store, clip_window_get_article_id (window), NULL);
  g_assert_cmpstr (clip_article_get_source_kind (article), ==, "html");
  g_assert_true (widget_shows_text (clip_sidebar_get_page (CLIP_SIDEBAR (clip_window_get_sidebar (window)), "info"),
                                    "Pasted HTML · text/html"));
  g_assert_nonnull (strstr (clip_article_get_text (article), "footbridge over the river."));
  g_assert_null (strstr (clip_article_get_text (article), "hacked"));

  g_assert_cmpint (count_articles (), ==, before + 2);
  stop_app ();
}

/* A web server of our own on the loopback, counting what it serves. */
typedef struct {
  SoupServer *server;
  char *base;
  guint requests;
  GBytes *png;
} Site;

static const char static_page[] =
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
  "<title>River ferry returns after winter repairs - Valley Courier</title>"
  "<meta property=\"og:title\" content=\"River ferry returns after winter repairs\">"
  "<meta property=\"og:site_name\" content=\"Valley Courier\">"
  "<link rel=\"stylesheet\" href=\"/site.css\"></head><body>"
  "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
  "<article><h1>River ferry returns after winter repairs</h1>"
  "<p>The chain ferry between Millbank and Orton crossed the river again on Monday morning, "
  "after three months in the boatyard for a new deck and engine.</p>"
  "<figure><img src=\"/img/deck.png\" alt=\"The new deck\"><figcaption>The new deck.</figcaption></figure>"
  "<p>Commuters who had driven the long way round through the bridge town for the whole winter "
  "said the crossing saved them forty minutes each way, and the ferry ran full all day.</p>"
  "<p><img src=\"/img/crew.png\" alt=\"The crew\"></p>"
  "<p>The operator said the new engine burns a third less fuel and is quiet enough that passengers "
  "can hear the river again, which several of them told reporters they had missed.</p>"
  "</article><footer>Copyright Valley Courier</footer></body></html>";

static const char scripted_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Scripted story</title></head>"
  "<body><div id=\"app\">Loading…</div><script>"
  "window.addEventListener('load', function () {"
  "  document.getElementById('app').innerHTML ="
  "    '<article><h1>Orchard harvest comes in early</h1>' +"
  "    '<p>Growers in the upper valley began picking apples two weeks earlier than usual, after a warm spring and a dry summer.</p>' +"
  "    '<p>The cooperative said the fruit was smaller but sweeter, and that prices at the autumn market were holding steady.</p>' +"
  "    '<p>Pickers from the coast arrived on Saturday, and the packing shed will run two shifts until the end of the month.</p></article>';"
  "});</script></body></html>";

static void
site_handler_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Site *site = user_data;

  site->requests++;
  if (g_str_equal (path, "/story.html"))
    soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, static_page, strlen (static_page));
  else if (g_str_equal (path, "/scripted.html"))
    soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, scripted_page, strlen (scripted_page));
  else if (g_str_equal (path, "/site.css"))
    soup_server_message_set_response (msg, "text/css", SOUP_MEMORY_STATIC, "body { color: #123; }", 21);
  else if (g_str_has_prefix (path, "/img/"))
    soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                      g_bytes_get_data (site->png, NULL), g_bytes_get_size (site->png));
  else if (g_str_equal (path, "/moved"))
    {
      soup_server_message_set_redirect (msg, 302, "/story.html");
      return;
    }
  else if (g_str_equal (path, "/report.pdf"))
    soup_server_message_set_response (msg, "application/pdf", SOUP_MEMORY_STATIC, "%PDF-1.4\n%%EOF\n", 15);
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<h1>Not here</h1>", 17);
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
}

static void
site_start (Site *site)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  site->png = make_png ();
  site->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (site->server, NULL, site_handler_cb, site, NULL);
  soup_server_listen_local (site->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (site->server);
  site->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

static void
site_stop (Site *site)
{
  soup_server_disconnect (site->server);
  g_clear_object (&site->server);
  g_clear_pointer (&site->png, g_bytes_unref);
  g_clear_pointer (&site->base, g_free);
}

static void
capture (Site       *site,
         const char *path)
{
  g_autofree char *uri = g_strconcat (site->base, path, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.capture", "s", uri));
}

static gboolean
images_shown (gpointer data)
{
  g_autofree char *count = eval_js ("String(Array.from(document.images)"
                                    ".filter((i) => i.complete && i.naturalWidth === 8).length)");

  return g_strcmp0 (count, data) == 0;
}

static gboolean
original_marked (gpointer data)
{
  g_autofree char *text = eval_js ("Array.from(document.querySelectorAll('mark.clip-mark'))"
                                   ".map((m) => m.textContent).join('')");

  return g_strcmp0 (text, data) == 0;
}

static void
capture_fails_with (Site       *site,
                    const char *path,
                    const char *words)
{
  g_autofree char *previous = g_strdup (clip_window_get_last_toast (window));
  gint64 before = count_articles ();

  capture (site, path);
  wait_for (toast_changed, previous, "a message about a failed capture");
  g_test_message ("%s: %s", path, clip_window_get_last_toast (window));
  g_assert_nonnull (strstr (clip_window_get_last_toast (window), words));
  g_assert_null (clip_window_get_preview (window));
  g_assert_cmpint (count_articles (), ==, before);
}

static gboolean
article_is (gpointer data)
{
  return clip_window_get_article_id (window) == (gint64)GPOINTER_TO_SIZE (data) && article_ready (NULL);
}

/* A server that accepts a request and never answers it. */
static void
silent_handler_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  soup_server_message_pause (msg);
}

/* A server on 127.0.0.1 whose certificate nobody vouches for. */
static void
answer_handler_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, static_page, strlen (static_page));
}

static char *
local_server (SoupServer              *server,
              SoupServerCallback       handler,
              SoupServerListenOptions  options)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | options, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  return g_strdup_printf ("%s://127.0.0.1:%d/page.html",
                          (options & SOUP_SERVER_LISTEN_HTTPS) ? "https" : "http",
                          g_uri_get_port (uris->data));
}

typedef struct {
  gboolean done;
  GError *error;
} CaptureOutcome;

static void
capture_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CaptureOutcome *outcome = user_data;
  g_autoptr(ClipCaptureResult) captured G_GNUC_UNUSED = clip_capture_run_finish (CLIP_CAPTURE (source), result, &outcome->error);

  outcome->done = TRUE;
}

static gboolean
capture_done (gpointer data)
{
  return ((CaptureOutcome *)data)->done;
}

/* Runs a capture of uri to its end; the error it ends with. */
static GError *
capture_error (const char *uri,
               guint       timeout_seconds)
{
  g_autoptr(ClipCapture) capture = clip_capture_new ();
  CaptureOutcome outcome = { FALSE, NULL };

  clip_capture_set_timeout (capture, timeout_seconds);
  clip_capture_run_async (capture, uri, NULL, capture_done_cb, &outcome);
  wait_for (capture_done, &outcome, "the capture to end");
  return outcome.error;
}

/* A page that never comes ends after the timeout, and a server whose
 * certificate is not valid is refused; each with a message that says
 * so. (The capture's own session: no app window needed.) */
static void
test_capture_errors (void)
{
  g_autoptr(SoupServer) silent = soup_server_new (NULL, NULL);
  g_autoptr(SoupServer) untrusted = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *pem = g_build_filename (g_getenv ("CLIP_FIXTURES_DIR"), "tls-self-signed.pem", NULL);
  g_autofree char *silent_uri = local_server (silent, silent_handler_cb, 0);
  g_autofree char *untrusted_uri = NULL;
  g_autoptr(GError) timeout = NULL;
  g_autoptr(GError) tls = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  start = g_get_monotonic_time ();
  timeout = capture_error (silent_uri, 2);
  g_test_message ("%s: %s", silent_uri, timeout ? timeout->message : "no error");
  g_assert_error (timeout, CLIP_CAPTURE_ERROR, CLIP_CAPTURE_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (timeout->message, "2 seconds"));
  /* It gave up at its timeout, not at the test's. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  soup_server_disconnect (silent);

  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  untrusted = soup_server_new ("tls-certificate", certificate, NULL);
  untrusted_uri = local_server (untrusted, answer_handler_cb, SOUP_SERVER_LISTEN_HTTPS);
  tls = capture_error (untrusted_uri, 30);
  g_test_message ("%s: %s", untrusted_uri, tls ? tls->message : "no error");
  g_assert_error (tls, CLIP_CAPTURE_ERROR, CLIP_CAPTURE_ERROR_TLS);
  g_assert_nonnull (strstr (tls->message, "cannot be trusted"));
  soup_server_disconnect (untrusted);
}

/* Capture from a local server: a static page with two images (through a
 * redirect), a page that its script writes, a 404 and a PDF. Once saved,
 * Reader and Original show the images with no request at all. */
static void
test_capture (void)
{
  Site site = { 0 };
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(ClipArticle) saved = NULL;
  g_autofree char *story_uri = NULL;
  gint64 id;
  guint requests;

  site_start (&site);
  start_app ();
  store = open_store ();
  story_uri = g_strconcat (site.base, "/story.html", NULL);

  capture (&site, "/moved");
  wait_for (has_preview, NULL, "the captured page");
  g_assert_cmpstr (clip_article_get_title (clip_window_get_preview (window)), ==,
                   "River ferry returns after winter repairs");
  g_assert_nonnull (strstr (clip_article_get_text (clip_window_get_preview (window)),
                            "crossed the river again on Monday morning"));
  g_assert_null (strstr (clip_article_get_text (clip_window_get_preview (window)), "Copyright"));
  wait_for (images_shown, "2", "the preview's images");
  spin (300);
  save_screenshot ("capture-preview.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-capture", NULL));
  g_assert_null (clip_window_get_preview (window));
  id = clip_window_get_article_id (window);
  saved = clip_store_get_article (store, id, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (clip_article_get_source_url (saved), ==, story_uri);
  g_assert_cmpuint (clip_article_get_http_status (saved), ==, 200);
  g_assert_cmpstr (clip_article_get_original_type (saved), ==, "multipart/related");
  g_assert_cmpuint (strlen (clip_article_get_original_sha256 (saved)), ==, 64);
  g_assert_nonnull (clip_article_get_captured_at (saved));
  {
    g_auto(GStrv) images = clip_content_image_urls (clip_article_get_content_html (saved));
    g_assert_cmpuint (g_strv_length (images), ==, 2);
    g_assert_true (g_str_has_prefix (images[0], "clip://asset/"));
  }

  /* From here on, nothing may reach the network. */
  requests = site.requests;
  wait_for (article_is, GSIZE_TO_POINTER (id), "the saved article");
  wait_for (images_shown, "2", "the reader's images");
  {
    g_autoptr(ClipAnnotation) marked = annotate_phrase (id, "crossed the river again on Monday morning", 0, "color:3");
    g_assert_nonnull (marked);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view-mode", "s", "original"));
  wait_for (article_is, GSIZE_TO_POINTER (id), "the original");
  wait_for (images_shown, "2", "the original's images");
  /* The highlight made on the reader's text is anchored on the page's. */
  wait_for (original_marked, (gpointer)"crossed the river again on Monday morning", "the mark in the original");
  spin (300);
  save_screenshot ("capture-original.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view-mode", "s", "reader"));
  wait_for (article_is, GSIZE_TO_POINTER (id), "the reader again");
  g_assert_cmpuint (site.requests, ==, requests);

  capture (&site, "/scripted.html");
  wait_for (has_preview, NULL, "the scripted page");
  g_assert_nonnull (strstr (clip_article_get_text (clip_window_get_preview (window)),
                            "began picking apples two weeks earlier"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.discard-capture", NULL));

  /* A link dropped on the window is captured; a dropped file imported. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    g_autofree char *path = g_build_filename (data_home, "dropped.txt", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    GSList files = { file, NULL };
    GtkDropTarget *target = NULL;
    GValue link = G_VALUE_INIT;
    GValue list = G_VALUE_INIT;
    gboolean handled = FALSE;
    gint64 before;

    for (guint i = 0; target == NULL && i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
        if (GTK_IS_DROP_TARGET (controller))
          target = GTK_DROP_TARGET (controller);
      }
    g_assert_nonnull (target);

    g_value_init (&link, G_TYPE_STRING);
    g_value_take_string (&link, g_strconcat (site.base, "/scripted.html\r\nApples\n", NULL));
    g_signal_emit_by_name (target, "drop", &link, 20.0, 20.0, &handled);
    g_value_unset (&link);
    g_assert_true (handled);
    wait_for (has_preview, NULL, "the dropped link's page");
    g_assert_nonnull (strstr (clip_article_get_text (clip_window_get_preview (window)),
                              "began picking apples two weeks earlier"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.discard-capture", NULL));

    g_assert_true (g_file_set_contents (path, "Dropped notes on the harbour\n\nThe ferry runs again.\n", -1, NULL));
    before = clip_window_get_article_id (window);
    g_value_init (&list, GDK_TYPE_FILE_LIST);
    g_value_set_boxed (&list, &files);
    handled = FALSE;
    g_signal_emit_by_name (target, "drop", &list, 20.0, 20.0, &handled);
    g_value_unset (&list);
    g_assert_true (handled);
    wait_for (article_changed_from, GSIZE_TO_POINTER (before), "the dropped file");
    {
      g_autoptr(ClipArticle) dropped = clip_store_get_article (store, clip_window_get_article_id (window), NULL);

      g_assert_nonnull (dropped);
      g_assert_nonnull (strstr (clip_article_get_text (dropped), "The ferry runs again."));
    }
  }

  capture_fails_with (&site, "/nowhere", "404");
  capture_fails_with (&site, "/report.pdf", "not a web page");

  stop_app ();
  site_stop (&site);
}

static GPtrArray *
list_annotations (gint64 article_id)
{
  g_autoptr(ClipStore) store = open_store ();

  return clip_store_list_annotations (store, article_id, NULL);
}

static guint
count_annotations (gint64 article_id)
{
  g_autoptr(GPtrArray) annotations = list_annotations (article_id);

  return annotations->len;
}

typedef struct {
  gint64 article_id;
  guint n;
} CountWait;

static gboolean
annotations_counted (gpointer data)
{
  CountWait *wait = data;

  return count_annotations (wait->article_id) == wait->n;
}

static void
wait_for_annotations (gint64 article_id,
                      guint  n)
{
  CountWait wait = { article_id, n };

  wait_for (annotations_counted, &wait, "the annotations in the database");
}

/* The annotation over [start, end), or NULL. */
static ClipAnnotation *
annotation_at (gint64 article_id,
               glong  start,
               glong  end)
{
  g_autoptr(GPtrArray) annotations = list_annotations (article_id);

  for (guint i = 0; i < annotations->len; i++)
    {
      ClipAnnotation *a = g_ptr_array_index (annotations, i);
      if (clip_annotation_get_start (a) == start && clip_annotation_get_end (a) == end)
        return g_object_ref (a);
    }
  return NULL;
}

static void
find_phrase (gint64       article_id,
             const char  *phrase,
             guint        nth,
             glong       *start,
             glong       *end)
{
  g_autoptr(ClipStore) store = open_store ();
  g_autoptr(ClipArticle) article = clip_store_get_article (store, article_id, NULL);
  const char *text = clip_article_get_text (article);
  const char *p = strstr (text, phrase);

  for (guint i = 0; i < nth && p != NULL; i++)
    p = strstr (p + 1, phrase);
  g_assert_nonnull (p);
  *start = g_utf8_pointer_to_offset (text, p);
  *end = *start + g_utf8_strlen (phrase, -1);
}

static void
select_phrase (gint64       article_id,
               const char  *phrase,
               guint        nth,
               glong       *start,
               glong       *end)
{
  g_autofree char *selected = NULL;

  find_phrase (article_id, phrase, nth, start, end);
  selected = select_range (*start, *end);
  g_assert_cmpstr (selected, ==, phrase);
  wait_for (has_selection, NULL, "the selection to reach the window");
}

/* Marks the phrase through win.annotate and returns the new annotation. */
static ClipAnnotation *
annotate_phrase (gint64      article_id,
                 const char *phrase,
                 guint       nth,
                 const char *kind)
{
  glong start, end;
  guint before = count_annotations (article_id);

  select_phrase (article_id, phrase, nth, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", "s", kind));
  wait_for_annotations (article_id, before + 1);
  return annotation_at (article_id, start, end);
}

static guint
count_marks (const char *selector)
{
  g_autofree char *script = g_strdup_printf ("String(document.querySelectorAll('#clip-article %s').length)", selector);
  g_autofree char *count = eval_js (script);

  return (guint)g_ascii_strtoull (count, NULL, 10);
}

typedef struct {
  const char *selector;
  guint n;
} MarkWait;

static gboolean
marks_counted (gpointer data)
{
  MarkWait *wait = data;

  return count_marks (wait->selector) == wait->n;
}

static void
wait_for_marks (const char *selector,
                guint       n)
{
  MarkWait wait = { selector, n };

  wait_for (marks_counted, &wait, selector);
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (clip_window_get_mark_popover (window));
}

static gboolean
focus_in_window (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (window));
}

/* As an import from another tool or an older capture would leave it: a
 * quote with a position that does not fit this text. */
static void
add_foreign_annotation (gint64      article_id,
                        const char *exact)
{
  g_autoptr(ClipStore) store = open_store ();
  g_autoptr(ClipAnnotation) annotation = clip_annotation_new (CLIP_ANNOTATION_NOTE);
  g_autoptr(GError) error = NULL;

  clip_annotation_set_article_id (annotation, article_id);
  clip_annotation_set_quote (annotation, exact, "", "");
  clip_annotation_set_position (annotation, 3, 3 + g_utf8_strlen (exact, -1));
  clip_annotation_set_note (annotation, "Made on another version");
  clip_annotation_set_orphaned (annotation, TRUE);
  clip_store_add_annotation (store, annotation, &error);
  g_assert_no_error (error);
  /* Another connection wrote it: tell the window's store, as a refresh. */
  g_signal_emit_by_name (clip_application_get_store (app), "annotations-changed", article_id);
}

static gboolean
orphan_listed (gpointer data)
{
  ClipSidebar *sidebar = CLIP_SIDEBAR (clip_window_get_sidebar (window));

  return widget_shows_text (clip_sidebar_get_page (sidebar, "annotations"), "Not found in this version");
}

static void
save_sidebar_screenshots (void)
{
  static const char * const pages[] = { "annotations", "quotes", "entities", "info" };
  ClipSidebar *sidebar = CLIP_SIDEBAR (clip_window_get_sidebar (window));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("sidebar-%s.png", pages[i]);

      clip_sidebar_set_visible_page (sidebar, pages[i]);
      spin (400);
      save_screenshot (name);
    }
  clip_sidebar_set_visible_page (sidebar, "annotations");
}

/* Every kind through its action and its key; undo and redo; a short name
 * linked to the full one; tag all mentions; all of it back after a restart. */
static void
test_annotate_kinds (void)
{
  g_autoptr(ClipAnnotation) color = NULL;
  g_autoptr(ClipAnnotation) quote = NULL;
  g_autoptr(ClipAnnotation) person = NULL;
  g_autoptr(ClipAnnotation) note = NULL;
  g_autoptr(ClipAnnotation) keyed = NULL;
  g_autoptr(ClipAnnotation) short_name = NULL;
  g_autoptr(ClipAnnotation) place = NULL;
  g_autoptr(GPtrArray) all = NULL;
  glong start, end;
  gint64 id;
  guint n, entity_marks;

  start_app ();
  id = import_fixture ("ui-three-names.txt");

  color = annotate_phrase (id, "after a debate that ran past midnight", 0, "color:2");
  g_assert_cmpint (clip_annotation_get_kind (color), ==, CLIP_ANNOTATION_HIGHLIGHT);
  g_assert_cmpuint (clip_annotation_get_color (color), ==, 2);
  wait_for_marks ("mark.clip-color-2", 1);

  /* A highlight inside another nests in its <mark> and stays clickable. */
  {
    g_autoptr(ClipAnnotation) inner G_GNUC_UNUSED = annotate_phrase (id, "ran past midnight", 0, "color:5");

    wait_for_marks ("mark.clip-color-2 mark.clip-color-5", 1);
    g_free (eval_js ("document.querySelector('mark.clip-color-5').click(); ''"));
    wait_for (row_selected, NULL, "the inner mark's row");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    wait_for_marks ("mark.clip-color-5", 0);
  }

  quote = annotate_phrase (id, "a promise kept to every family on the east side of the river.", 0, "quote");
  g_assert_cmpint (clip_annotation_get_kind (quote), ==, CLIP_ANNOTATION_QUOTE);
  g_assert_cmpstr (clip_annotation_get_quote_status (quote), ==, "unverified");
  wait_for_marks ("mark.clip-kind-quote", 1);

  person = annotate_phrase (id, "Jana Novak", 0, "entity:person");
  g_assert_cmpstr (clip_annotation_get_entity_name (person), ==, "Jana Novak");
  g_assert_cmpstr (clip_annotation_get_entity_kind (person), ==, "person");
  wait_for_marks ("mark.clip-kind-entity", 1);

  note = annotate_phrase (id, "an independent review", 0, "note");
  g_assert_cmpint (clip_annotation_get_kind (note), ==, CLIP_ANNOTATION_NOTE);
  wait_for_marks ("mark.clip-kind-note", 1);
  /* Its row in the library counts its highlights and quotes. */
  spin (100);
  g_assert_true (widget_maps_text (GTK_WIDGET (window), "Harbour Gazette · 2 Jun 2025 · 1 highlight · 1 quote"));

  /* The popover points at a fresh selection. */
  select_phrase (id, "with eleven stops", 0, &start, &end);
  wait_for (popover_shown, NULL, "the popover");
  spin (300);
  save_widget_screenshot (clip_window_get_mark_popover (window), "annotate-popover.png");
  save_screenshot ("annotate-window.png");

  /* The keys: 4 for the fourth colour, L for a place. */
  wait_for (focus_in_window, NULL, "the window to have the keyboard");
  gtk_widget_grab_focus (GTK_WIDGET (view ()));
  select_phrase (id, "eleven stops and trams every six minutes", 0, &start, &end);
  press_key ("4");
  wait_for_annotations (id, 5);
  keyed = annotation_at (id, start, end);
  g_assert_nonnull (keyed);
  g_assert_cmpuint (clip_annotation_get_color (keyed), ==, 4);
  select_phrase (id, "Harbour Street", 0, &start, &end);
  press_key ("l");
  wait_for_annotations (id, 6);
  place = annotation_at (id, start, end);
  g_assert_cmpstr (clip_annotation_get_entity_kind (place), ==, "place");

  /* Undo takes the place away, redo brings it back under its number. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_for_annotations (id, 5);
  g_assert_null (annotation_at (id, start, end));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  wait_for_annotations (id, 6);
  g_clear_object (&place);
  place = annotation_at (id, start, end);
  g_assert_nonnull (place);

  /* "Novak" alone links to Jana Novak, then every mention is tagged. */
  short_name = annotate_phrase (id, "Novak", 1, "entity:person");
  g_assert_cmpint (clip_annotation_get_entity_id (short_name), ==, clip_annotation_get_entity_id (person));
  g_assert_nonnull (strstr (clip_window_get_last_toast (window), "Jana Novak"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tag-all-mentions", "x",
                                             clip_annotation_get_entity_id (person)));
  /* Jana Novak, Novak (tagged above), Councillor Novak: one more. */
  wait_for_annotations (id, 8);
  all = list_annotations (id);
  n = 0;
  for (guint i = 0; i < all->len; i++)
    if (clip_annotation_get_entity_id (g_ptr_array_index (all, i)) == clip_annotation_get_entity_id (person))
      n++;
  g_assert_cmpuint (n, ==, 3);
  entity_marks = 4;
  wait_for_marks ("mark.clip-kind-entity", entity_marks);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-entity", "x",
                                             clip_annotation_get_entity_id (person)));
  wait_for (mark_flashed, NULL, "the entity's mention to flash");

  /* One sidebar row per annotation, each showing its text. */
  {
    ClipSidebar *sidebar = CLIP_SIDEBAR (clip_window_get_sidebar (window));
    GtkWidget *page = clip_sidebar_get_page (sidebar, "annotations");

    g_assert_cmpuint (clip_sidebar_get_n_annotations (sidebar), ==, 8);
    g_assert_true (widget_shows_text (page, "after a debate that ran past midnight"));
    g_assert_true (widget_shows_text (page, "eleven stops and trams every six minutes"));
    g_assert_true (widget_shows_text (page, "an independent review"));
    g_assert_true (widget_shows_text (page, "Harbour Street"));
  }

  /* Annotations made on another version of the text: one whose passage is
   * gone is listed as not found, one whose passage moved is placed again. */
  add_foreign_annotation (id, "a passage that this version of the article no longer has");
  add_foreign_annotation (id, "the central station");
  wait_for_annotations (id, 10);
  wait_for (orphan_listed, NULL, "the orphan in the sidebar");
  {
    g_autoptr(ClipAnnotation) moved = NULL;
    find_phrase (id, "the central station", 0, &start, &end);
    moved = annotation_at (id, start, end);
    g_assert_nonnull (moved);
    g_assert_false (clip_annotation_get_orphaned (moved));
  }
  save_sidebar_screenshots ();

  stop_app ();
  start_app ();
  g_assert_cmpint (clip_window_get_article_id (window), ==, id);
  wait_for_marks ("mark.clip-kind-entity", entity_marks);
  wait_for_marks ("mark.clip-color-2", 1);
  wait_for_marks ("mark.clip-color-4", 1);
  wait_for_marks ("mark.clip-kind-quote", 1);
  /* The note made here and the one placed again; the orphan has no mark. */
  wait_for_marks ("mark.clip-kind-note", 2);
  g_assert_cmpuint (count_annotations (id), ==, 10);
  wait_for (orphan_listed, NULL, "the orphan after a restart");
  stop_app ();
}

/* Selections the workbench refuses, with a message and no change. */
static void
test_bad_selections (void)
{
  g_autoptr(GString) long_text = g_string_new ("A very long report\n");
  g_autofree char *path = g_build_filename (data_home, "long-report.txt", NULL);
  g_autofree char *previous = NULL;
  g_autofree char *outcome = NULL;
  gint64 id, long_id;
  glong start, end;

  start_app ();
  id = import_fixture ("ui-three-names.txt");

  /* The title above the article is not part of its text. */
  outcome = eval_js ("(function () { const h = document.querySelector('h1');"
                     " const r = document.createRange(); r.selectNodeContents(h);"
                     " const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);"
                     " return s.toString(); })()");
  g_assert_cmpstr (outcome, ==, "Council approves new tram line after long debate");
  previous = g_strdup (clip_window_get_last_toast (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", "s", "color:1");
  spin (500);
  g_assert_cmpuint (count_annotations (id), ==, 0);
  /* The action is not even offered: the selection is not the article's. */
  g_assert_false (clip_article_view_get_has_selection (view ()));

  /* Nothing selected at all. */
  g_free (eval_js ("window.getSelection().removeAllRanges(); ''"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", "s", "color:1");
  spin (300);
  g_assert_cmpuint (count_annotations (id), ==, 0);

  /* A selection of more than 100,000 characters is refused with a message;
   * one of exactly 100,000 is taken. */
  for (guint i = 0; long_text->len < 130000; i++)
    g_string_append_printf (long_text, "Paragraph %u of the report says what the committee found and why it matters to the town.\n", i);
  g_assert_true (g_file_set_contents (path, long_text->str, long_text->len, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", "s", path));
  wait_for (article_changed_from, GSIZE_TO_POINTER (id), "the long article");
  long_id = clip_window_get_article_id (window);
  g_free (select_range (0, 100001));
  wait_for (has_selection, NULL, "the long selection");
  g_free (previous);
  previous = g_strdup (clip_window_get_last_toast (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", "s", "color:1"));
  wait_for (toast_changed, previous, "the message about a long selection");
  g_assert_nonnull (strstr (clip_window_get_last_toast (window), "too long"));
  g_assert_cmpuint (count_annotations (long_id), ==, 0);
  start = 0;
  end = 100000;
  g_free (select_range (start, end));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", "s", "color:1"));
  wait_for_annotations (long_id, 1);
  stop_app ();
}

/* What the annotator sends is checked in C: a page that got hold of its
 * world could send anything, and nothing it sends may crash the app or
 * reach the database unchecked. */
static void
test_hostile_annotator (void)
{
  static const char * const lies[] = {
    /* Out of the text, and a quote that does not match the text there. */
    "clipAnnotator.getSelection = () => JSON.stringify({ exact: 'x', prefix: '', suffix: '', start: 5, end: 999999 });",
    "clipAnnotator.getSelection = () => JSON.stringify({ exact: 'Not in the text', prefix: '', suffix: '', start: 0, end: 15 });",
    "clipAnnotator.getSelection = () => JSON.stringify({ exact: 'abc', start: -3, end: 0 });",
    "clipAnnotator.getSelection = () => '{ this is not json';",
    "clipAnnotator.getSelection = () => 42;",
  };
  gint64 id;
  glong start, end;

  start_app ();
  id = import_fixture ("ui-three-names.txt");

  /* Messages of every wrong shape are dropped with a warning. */
  g_test_expect_message (NULL, G_LOG_LEVEL_WARNING, "Ignoring an annotator message*");
  g_test_expect_message (NULL, G_LOG_LEVEL_WARNING, "Ignoring an annotator message*");
  g_test_expect_message (NULL, G_LOG_LEVEL_WARNING, "Ignoring an annotator message*");
  g_free (eval_js ("const h = window.webkit.messageHandlers.clip;"
                   "h.postMessage(42); h.postMessage('text'); h.postMessage({ type: 'bogus' });"
                   "h.postMessage({ type: 'mark-activated', id: 'x' });"
                   "h.postMessage({ type: 'mark-activated', id: -5 });"
                   "h.postMessage({ type: 'selection', empty: false, rect: { x: 'a', y: 1e300 } });"
                   "h.postMessage({ type: 'selection', empty: true });"
                   "h.postMessage({ type: 'ready', length: 'many', pad: 'x'.repeat(1000000) }); ''"));
  spin (500);
  g_test_assert_expected_messages ();

  /* A real selection, then an annotator that lies about it. */
  select_phrase (id, "Harbour Street", 0, &start, &end);
  for (guint i = 0; i < G_N_ELEMENTS (lies); i++)
    {
      g_autofree char *previous = NULL;
      g_autofree char *script = g_strconcat (lies[i], " ''", NULL);

      /* Each refusal must say so anew. */
      clip_window_show_toast (window, "next lie");
      previous = g_strdup (clip_window_get_last_toast (window));
      g_free (eval_js (script));
      /* Only a well-formed lie reaches the check against the text. */
      if (i == 1)
        g_test_expect_message (NULL, G_LOG_LEVEL_WARNING, "The annotator reported a selection*");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", "s", "color:1"));
      wait_for (toast_changed, previous, "the refusal");
      g_test_assert_expected_messages ();
      g_test_message ("lie %u: %s", i, clip_window_get_last_toast (window));
      g_assert_cmpuint (count_annotations (id), ==, 0);
    }

  stop_app ();
}

typedef struct {
  gboolean done;
  char *text;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static char *
read_clipboard (void)
{
  ClipboardRead read = { FALSE, NULL };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 clipboard_read_cb, &read);
  wait_for (spin_done_cb, &read.done, "the clipboard");
  return read.text;
}

static gboolean
toast_starts_with (gpointer data)
{
  return g_str_has_prefix (clip_window_get_last_toast (window), data);
}

/* Export a PDF from the window; its text holds the quote and its note. */
static void
test_export_pdf (void)
{
  g_autoptr(ClipAnnotation) quote = NULL;
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = screenshot_path ("export.pdf");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  const char *argv[] = { pdftotext, pdf, "-", NULL };
  int status;
  gint64 id;

  g_assert_nonnull (pdftotext);
  g_remove (pdf);
  start_app ();
  id = import_fixture ("ui-three-names.txt");
  quote = annotate_phrase (id, "a promise kept to every family on the east side of the river.", 0, "quote");
  store = open_store ();
  clip_annotation_set_note (quote, "Check the wording against the council minutes");
  g_assert_true (clip_store_update_annotation (store, quote, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-file", "(sss)",
                                             "pdf", "current", pdf));
  wait_for (toast_starts_with, (gpointer)"Exported", "the PDF");

  /* Copy as quote puts a citation-ready quote on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-quote", "x",
                                             clip_annotation_get_id (quote)));
  {
    g_autofree char *copied = read_clipboard ();
    g_assert_cmpstr (copied, ==, "“a promise kept to every family on the east side of the river.”, "
                                 "“Council approves new tram line after long debate”, Harbour Gazette, 2 June 2025");
  }

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("PDF: %s", pdf);
  /* pdftotext breaks lines where the page did; compare the words. */
  {
    g_autoptr(GString) flat = g_string_new (text);
    g_string_replace (flat, "\n", " ", 0);
    g_assert_nonnull (strstr (flat->str, "a promise kept to every family"));
    g_assert_nonnull (strstr (flat->str, "Check the wording against the council minutes"));
    g_assert_nonnull (strstr (flat->str, "Council approves new tram line"));
  }
  stop_app ();
}


/* An entry whose placeholder is data. */
static gboolean
is_entry_with_placeholder (GtkWidget  *widget,
                           const char *data)
{
  return GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), data) == 0;
}

/* A row of the entity window that opens an article. */
static gboolean
is_place_row (GtkWidget  *widget,
              const char *data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_object_get_data (G_OBJECT (widget), "article") != NULL;
}

static gboolean
is_search_entry (GtkWidget  *widget,
                 const char *data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static gboolean
is_label_with_text (GtkWidget  *widget,
                    const char *data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* Visible: the widget and every widget around it. */
static gboolean
is_visible_label_with_prefix (GtkWidget  *widget,
                              const char *data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* Mapped: on screen now (a stack's other pages are not). */
static gboolean
is_mapped_label_with_text (GtkWidget  *widget,
                           const char *data)
{
  return gtk_widget_get_mapped (widget) && is_label_with_text (widget, data);
}

/* Whether a label under widget reads text. */
static gboolean
widget_shows_text (GtkWidget  *widget,
                   const char *text)
{
  return find_widget (widget, is_label_with_text, text) != NULL;
}

/* Whether a visible label under widget starts with prefix. */
static gboolean
widget_shows_prefix (GtkWidget  *widget,
                     const char *prefix)
{
  return find_widget (widget, is_visible_label_with_prefix, prefix) != NULL;
}

/* Whether a label on screen under widget reads text. */
static gboolean
widget_maps_text (GtkWidget  *widget,
                  const char *text)
{
  return find_widget (widget, is_mapped_label_with_text, text) != NULL;
}

static gboolean
is_text_with_text (GtkWidget  *widget,
                   const char *data)
{
  return GTK_IS_TEXT (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

static gboolean
is_entry_row_titled (GtkWidget  *widget,
                     const char *data)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* An opened file: the reader's line under the title and the Info page
 * give its dates as people read them, and Info names the file. */
static void
assert_dates_and_file_shown (ClipArticle *article,
                             const char  *path)
{
  ClipSidebar *sidebar = CLIP_SIDEBAR (clip_window_get_sidebar (window));
  GtkWidget *info = clip_sidebar_get_page (sidebar, "info");
  g_autofree char *meta = eval_js ("document.querySelector('.clip-meta').textContent");
  g_autofree char *captured = NULL;

  g_test_message ("Under the title: %s", meta);
  g_assert_nonnull (strstr (meta, " · 14 September 2025, 16:20"));
  g_assert_nonnull (find_widget (info, is_text_with_text, "14 September 2025, 16:20"));
  /* Captured when it was opened, shown in local time. */
  g_assert_nonnull (clip_article_get_captured_at (article));
  captured = clip_date_format_human (clip_article_get_captured_at (article));
  g_assert_cmpstr (captured, !=, clip_article_get_captured_at (article));
  g_assert_true (widget_shows_text (info, captured));
  g_assert_false (widget_shows_text (info, "Unknown"));
  g_assert_true (widget_shows_text (info, "Text file · text/plain"));
  g_assert_true (widget_shows_text (info, path));

  /* Saving the fields keeps the published date as stored, not as shown;
   * a date typed over it is stored as typed. */
  {
    GtkWidget *published_row = find_widget (info, is_entry_row_titled, "Published");
    g_autoptr(ClipStore) store = open_store ();
    g_autoptr(ClipArticle) saved = NULL;
    gint64 id = clip_article_get_id (article);

    g_signal_emit_by_name (find_widget (info, is_entry_row_titled, "Title"), "apply");
    saved = clip_store_get_article (store, id, NULL);
    g_assert_cmpstr (clip_article_get_published (saved), ==, "2025-09-14T16:20");
    g_clear_object (&saved);

    gtk_editable_set_text (GTK_EDITABLE (published_row), "2025-09-15");
    g_signal_emit_by_name (published_row, "apply");
    saved = clip_store_get_article (store, id, NULL);
    g_assert_cmpstr (clip_article_get_published (saved), ==, "2025-09-15");
    g_clear_object (&saved);

    gtk_editable_set_text (GTK_EDITABLE (published_row), "14 September 2025, 16:20");
    g_signal_emit_by_name (published_row, "apply");
    saved = clip_store_get_article (store, id, NULL);
    g_assert_cmpstr (clip_article_get_published (saved), ==, "14 September 2025, 16:20");
    g_clear_object (&saved);

    /* Back as it was, for the rest of the test. */
    gtk_editable_set_text (GTK_EDITABLE (published_row), "2025-09-14T16:20");
    g_signal_emit_by_name (published_row, "apply");
  }
}

static gboolean
library_has (gpointer data)
{
  return g_list_model_get_n_items (clip_window_get_library_model (window)) == GPOINTER_TO_UINT (data);
}

static gboolean
selection_is (gpointer data)
{
  g_autofree char *selected = eval_js ("window.getSelection().toString()");

  return g_strcmp0 (selected, data) == 0;
}

static gint64
import_text (const char *name,
             const char *text)
{
  g_autofree char *path = g_build_filename (data_home, name, NULL);
  gint64 before = clip_window_get_article_id (window);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", "s", path));
  wait_for (article_changed_from, GSIZE_TO_POINTER (before), "the imported text");
  return clip_window_get_article_id (window);
}

static gboolean
list_has_focus (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, clip_window_get_library_view (window));
}

/* Search from the window and open a result at its match; an invalid
 * search says so; a tag filters the library. */
static void
test_search (void)
{
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipSearchResult) first = NULL;
  gint64 valley, other;
  guint everything;

  start_app ();
  valley = import_text ("valley.txt",
                        "Snow closes the pass above the Ötztal valley\n"
                        "Published 2025-01-12\n"
                        "(Alpine Wire)\n"
                        "The road over the pass was closed on Sunday after two days of heavy snow, and the "
                        "villages of the upper Ötztal can now be reached only from the north.\n"
                        "Ploughs will start again when the wind drops, the road office said, probably not "
                        "before the middle of the week.\n");
  other = import_fixture ("ui-wire-story.txt");
  g_assert_cmpint (valley, !=, other);
  everything = g_list_model_get_n_items (clip_window_get_library_model (window));

  /* Diacritics and case are folded: "OTZTAL" finds "Ötztal". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-for", "s", "OTZTAL"));
  wait_for (library_has, GUINT_TO_POINTER (1), "one result");
  first = g_list_model_get_item (clip_window_get_library_model (window), 0);
  g_assert_cmpint (clip_search_result_get_id (first), ==, valley);
  g_assert_nonnull (strstr (clip_search_result_get_snippet (first), "\002Ötztal\003"));
  spin (100);
  g_assert_true (widget_maps_text (GTK_WIDGET (window), "1 clipping"));
  /* The row: site, date, then counts when there are any. */
  g_assert_true (widget_maps_text (GTK_WIDGET (window), "Alpine Wire · 12 Jan 2025"));

  /* A search that finds nothing says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-for", "s", "zyxwvutsrq"));
  wait_for (library_has, GUINT_TO_POINTER (0), "no result");
  spin (100);
  g_assert_true (widget_maps_text (GTK_WIDGET (window), "No Results"));
  g_assert_false (widget_maps_text (GTK_WIDGET (window), "No Clippings"));
  save_screenshot ("search-no-results.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-for", "s", "OTZTAL"));
  wait_for (library_has, GUINT_TO_POINTER (1), "one result again");

  /* With another clipping open, the result opens at its match. */
  clip_window_show_article (window, other);
  wait_for (article_is, GSIZE_TO_POINTER (other), "the other article");
  g_assert_true (gtk_widget_activate_action (clip_window_get_library_view (window), "list.activate-item", "u", 0));
  wait_for (article_is, GSIZE_TO_POINTER (valley), "the result");
  wait_for (selection_is, (gpointer)"Ötztal", "the match selected");
  spin (300);
  save_screenshot ("search.png");

  /* From the keyboard: Ctrl+F, the words, Down to the first result,
   * Enter to open it at its match. */
  clip_window_show_article (window, other);
  wait_for (article_is, GSIZE_TO_POINTER (other), "the other article once more");
  wait_for (focus_in_window, NULL, "the window to have the keyboard");
  press_key ("ctrl+f");
  spin (100);
  press_key ("ctrl+a");
  press_key ("BackSpace");
  for (const char *c = "otztal"; *c != '\0'; c++)
    {
      char key[2] = { *c, '\0' };
      press_key (key);
    }
  press_key ("Down");
  wait_for (list_has_focus, NULL, "the result list to have the keyboard");
  press_key ("Return");
  wait_for (article_is, GSIZE_TO_POINTER (valley), "the result opened from the keyboard");
  wait_for (selection_is, (gpointer)"Ötztal", "the match selected from the keyboard");

  /* Enter in the search entry opens the first result at its match too. */
  clip_window_show_article (window, other);
  wait_for (article_is, GSIZE_TO_POINTER (other), "the other article again");
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_search_entry, NULL), "activate");
  wait_for (article_is, GSIZE_TO_POINTER (valley), "the first result");
  wait_for (selection_is, (gpointer)"Ötztal", "the match selected again");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-for", "s", "\"unbalanced"));
  g_assert_true (widget_shows_prefix (GTK_WIDGET (window), "Invalid search"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-for", "s", ""));
  g_assert_false (widget_shows_prefix (GTK_WIDGET (window), "Invalid search"));
  wait_for (library_has, GUINT_TO_POINTER (everything), "the whole library");

  store = open_store ();
  g_assert_true (clip_store_tag_article (store, valley, "mountains", &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter-tag", "s", "mountains"));
  wait_for (library_has, GUINT_TO_POINTER (1), "the tagged clipping");
  g_clear_object (&first);
  first = g_list_model_get_item (clip_window_get_library_model (window), 0);
  g_assert_cmpint (clip_search_result_get_id (first), ==, valley);

  /* Export what the list shows: only the tagged clipping. */
  {
    g_autofree char *path = g_build_filename (data_home, "shown.md", NULL);
    g_autofree char *markdown = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-file", "(sss)",
                                               "md", "shown", path));
    g_assert_true (g_file_get_contents (path, &markdown, NULL, NULL));
    g_assert_nonnull (strstr (markdown, "Snow closes the pass"));
    g_assert_null (strstr (markdown, "Lighthouse keepers"));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter-tag", "s", ""));
  wait_for (library_has, GUINT_TO_POINTER (everything), "the whole library again");
  stop_app ();
}

/* Select several clippings, tag them, delete them, and undo. */
static void
test_bulk (void)
{
  g_autoptr(ClipSearchResult) a = NULL;
  g_autoptr(ClipSearchResult) b = NULL;
  g_autoptr(ClipStore) store = NULL;
  guint everything;
  gint64 ids[2];

  start_app ();
  import_fixture ("ui-wire-story.txt");
  import_fixture ("ui-three-names.txt");
  everything = g_list_model_get_n_items (clip_window_get_library_model (window));
  g_assert_cmpuint (everything, >=, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-clipping", "(ub)", 0, FALSE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-clipping", "(ub)", 1, TRUE));
  a = g_list_model_get_item (clip_window_get_library_model (window), 0);
  b = g_list_model_get_item (clip_window_get_library_model (window), 1);
  ids[0] = clip_search_result_get_id (a);
  ids[1] = clip_search_result_get_id (b);
  g_assert_true (widget_shows_prefix (GTK_WIDGET (window), "2 selected"));
  spin (300);
  save_screenshot ("library-bulk.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter-tag", "s", ""));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (window), is_entry_with_placeholder, "Tag to add")), "bulk-tagged");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tag-selected", NULL));
  store = open_store ();
  {
    g_auto(GStrv) tags0 = clip_store_get_article_tags (store, ids[0], NULL);
    g_auto(GStrv) tags1 = clip_store_get_article_tags (store, ids[1], NULL);
    g_assert_true (g_strv_contains ((const char * const *)tags0, "bulk-tagged"));
    g_assert_true (g_strv_contains ((const char * const *)tags1, "bulk-tagged"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-clipping", "(ub)", 0, FALSE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-clipping", "(ub)", 1, TRUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-selected", NULL));
  wait_for (library_has, GUINT_TO_POINTER (everything - 2), "the deletion");
  g_assert_null (clip_store_get_article (store, ids[0], NULL));
  g_assert_nonnull (strstr (clip_window_get_last_toast (window), "2 clippings deleted"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  wait_for (library_has, GUINT_TO_POINTER (everything), "the undo");
  {
    g_autoptr(ClipArticle) back = clip_store_get_article (store, ids[0], NULL);
    g_auto(GStrv) tags = clip_store_get_article_tags (store, ids[0], NULL);
    g_assert_nonnull (back);
    g_assert_true (g_strv_contains ((const char * const *)tags, "bulk-tagged"));
  }

  /* The clipping shown, deleted from the menu: no question, an Undo. */
  clip_window_show_article (window, ids[1]);
  wait_for (article_is, GSIZE_TO_POINTER (ids[1]), "the clipping to delete");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-clipping", NULL));
  wait_for (library_has, GUINT_TO_POINTER (everything - 1), "the single deletion");
  g_assert_null (clip_store_get_article (store, ids[1], NULL));
  g_assert_cmpint (clip_window_get_article_id (window), !=, ids[1]);
  g_assert_nonnull (strstr (clip_window_get_last_toast (window), "1 clipping deleted"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  wait_for (library_has, GUINT_TO_POINTER (everything), "the single undo");
  {
    g_autoptr(ClipArticle) back = clip_store_get_article (store, ids[1], NULL);
    g_assert_nonnull (back);
  }

  /* The tags dialog: renaming to another tag's name merges them. */
  {
    g_autoptr(GError) error = NULL;
    GtkWidget *dialog;
    GtkWidget *row;

    g_assert_true (clip_store_tag_article (store, ids[0], "to-merge", &error));
    dialog = clip_tags_dialog_new (GTK_WINDOW (window), clip_application_get_store (app));
    gtk_window_present (GTK_WINDOW (dialog));
    row = find_widget (dialog, is_entry_row_with_text, "to-merge");
    g_assert_nonnull (row);
    gtk_editable_set_text (GTK_EDITABLE (row), "bulk-tagged");
    g_signal_emit_by_name (row, "apply");
    {
      g_auto(GStrv) tags = clip_store_get_article_tags (store, ids[0], NULL);
      g_assert_cmpuint (g_strv_length (tags), ==, 1);
      g_assert_cmpstr (tags[0], ==, "bulk-tagged");
    }
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  stop_app ();
}

/* Whether the library list shows the clipping id. */
static gboolean
library_lists (gint64 id)
{
  GListModel *model = clip_window_get_library_model (window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClipSearchResult) row = g_list_model_get_item (model, i);

      if (clip_search_result_get_id (row) == id)
        return TRUE;
    }
  return FALSE;
}

/* The entity index lists the library's entities; an entity's page opens
 * a clipping at its mention in one click, and filters the library to the
 * clippings that mention it. */
static void
test_entities (void)
{
  g_autoptr(ClipAnnotation) person = NULL;
  GtkWidget *entities;
  GtkWidget *row;
  gint64 tram, other;

  start_app ();
  tram = import_fixture ("ui-three-names.txt");
  person = annotate_phrase (tram, "Jana Novak", 0, "entity:person");
  other = import_fixture ("ui-wire-story.txt");
  wait_for (article_is, GSIZE_TO_POINTER (other), "the other article");

  entities = clip_entity_window_new (window, clip_application_get_store (app));
  gtk_window_present (GTK_WINDOW (entities));
  /* The library is shared with the tests before: Jana Novak is there. */
  g_assert_cmpuint (clip_entity_window_get_n_entities (CLIP_ENTITY_WINDOW (entities)), >=, 1);
  g_assert_true (widget_shows_text (entities, "Jana Novak"));
  clip_entity_window_show_entity (CLIP_ENTITY_WINDOW (entities), clip_annotation_get_entity_id (person));
  spin (400);
  save_widget_screenshot (entities, "entity-page.png");
  g_assert_true (widget_shows_text (entities, "Council approves new tram line after long debate"));

  row = find_widget (entities, is_place_row, NULL);
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  wait_for (article_is, GSIZE_TO_POINTER (tram), "the clipping of the mention");
  wait_for (selection_is, (gpointer)"Jana Novak", "the mention selected");

  /* Filter the library by the entity: the clippings that mention Jana
   * Novak (earlier tests may have added more), never the other one. */
  {
    g_autoptr(ClipStore) store = open_store ();
    g_autoptr(GError) error = NULL;
    g_autoptr(ClipQuery) query = clip_query_parse ("entity:\"Jana Novak\"", &error);
    GtkWidget *button = find_widget (entities, is_button_labelled, "_Show in Library");
    gint64 mentioning;

    g_assert_no_error (error);
    mentioning = clip_store_count_search (store, query, &error);
    g_assert_no_error (error);
    g_assert_cmpint (mentioning, >=, 1);
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    wait_for (library_has, GUINT_TO_POINTER ((guint)mentioning), "the clippings that mention her");
    g_assert_true (library_lists (tram));
    g_assert_false (library_lists (other));
    g_assert_true (widget_shows_text (GTK_WIDGET (window), "Council approves new tram line after long debate"));
    spin (300);
    save_screenshot ("library-entity-filter.png");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-for", "s", ""));
  }

  gtk_window_destroy (GTK_WINDOW (entities));
  stop_app ();
}

/* An article with MathML, inline and displayed: the reader shows it as
 * math, and the text the view counts in is the stored text, so a mark
 * after the formulas lands on its words. */
static void
test_math (void)
{
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(ClipAnnotation) after = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *n_math = NULL;
  g_autofree char *marked = NULL;
  gint64 id;

  start_app ();
  id = import_fixture ("article-with-math.html");
  store = open_store ();
  article = clip_store_get_article (store, id, NULL);
  g_assert_nonnull (article);
  g_assert_nonnull (strstr (clip_article_get_text (article), "span, f=12πkm, which"));
  g_assert_null (strstr (clip_article_get_text (article), "ddot"));

  n_math = eval_js ("String(document.querySelectorAll('#clip-article math').length)");
  g_assert_cmpstr (n_math, ==, "2");
  shown = eval_js ("document.getElementById('clip-article').textContent");
  g_assert_cmpstr (shown, ==, clip_article_get_text (article));

  after = annotate_phrase (id, "and with it, the engineers say", 0, "color:1");
  g_assert_nonnull (after);
  wait_for_marks ("mark.clip-color-1", 1);
  marked = eval_js ("document.querySelector('mark.clip-color-1').textContent");
  g_assert_cmpstr (marked, ==, "and with it, the engineers say");
  spin (300);
  save_screenshot ("reader-math.png");
  stop_app ();
}

static gboolean
damage_shown (gpointer data)
{
  return clip_window_get_damage_shown (window);
}

/* A damaged library: the background check finds it, the bar says so,
 * nothing is written, and Recover… saves what can be read. The library
 * is put back afterwards. */
static void
test_damaged_library (void)
{
  g_autofree char *path = clip_store_default_path ();
  g_autofree char *backup = g_strconcat (path, ".backup", NULL);
  g_autofree char *recovered = g_build_filename (data_home, "recovered.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length, before_len, after_len, at;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  start_app ();
  stop_app ();
  /* The articles table's root page: a B-tree page, which the check reads
   * (noise in an article's overflow page would only garble its text). */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (rootpage - 1) * (SELECT page_size FROM pragma_page_size)"
                                           " FROM sqlite_master WHERE name = 'articles'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  at = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (backup, contents, length, NULL));
  for (gsize i = 0; i < 4096 && at + i < length; i++)
    contents[at + i] = (char)(i * 7 + 3);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  before = g_steal_pointer (&contents);
  before_len = length;

  start_app_no_wait ();
  wait_for (damage_shown, NULL, "the damaged-library bar");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.recover-to", "s", recovered);
  g_assert_nonnull (strstr (clip_window_get_last_toast (window), "recovered.db"));
  g_assert_true (g_file_test (recovered, G_FILE_TEST_EXISTS));
  stop_app ();

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_remove (backup);
  g_remove (recovered);
}

int
main (int   argc,
      char *argv[])
{
  clip_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/highlight-and-restore", test_highlight_and_restore);
  g_test_add_func ("/ui/bad-files", test_bad_files);
  g_test_add_func ("/ui/paste", test_paste);
  g_test_add_func ("/ui/annotate-kinds", test_annotate_kinds);
  g_test_add_func ("/ui/bad-selections", test_bad_selections);
  g_test_add_func ("/ui/hostile-annotator", test_hostile_annotator);
  g_test_add_func ("/ui/export-pdf", test_export_pdf);
  g_test_add_func ("/ui/search", test_search);
  g_test_add_func ("/ui/entities", test_entities);
  g_test_add_func ("/ui/bulk", test_bulk);
  g_test_add_func ("/ui/math", test_math);
  g_test_add_func ("/ui/capture", test_capture);
  g_test_add_func ("/ui/capture-errors", test_capture_errors);
  g_test_add_func ("/ui/damaged-library", test_damaged_library);

  return g_test_run ();
}
