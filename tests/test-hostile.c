/* test-hostile.c: hostile originals under a real HTML5 parser, under Xvfb
 *
 * The Original's rewritten page must be inert by itself. Each hostile
 * vector is written as the Original view writes it, its CSP taken out,
 * and shown in a WebKit view with JavaScript on: no script may run and
 * nothing may be requested (a local listener stands in for the
 * attacker's site and counts). Then, in the app, the Original view must
 * not follow a form or a script to another page, and one clipping's page
 * must not load another's parts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "clip-import.h"
#include "clip-original.h"
#include "clip-scheme.h"
#include "clip-test-ui.h"
#include "hostile-vectors.h"

typedef struct {
  SoupServer *server;
  char *base;
  GPtrArray *requests;
} Listener;

static void
listener_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Listener *listener = user_data;

  g_ptr_array_add (listener->requests, g_strdup (path));
  soup_server_message_set_status (msg, 404, NULL);
}

static void
listener_start (Listener *listener)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  listener->requests = g_ptr_array_new_with_free_func (g_free);
  listener->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (listener->server, NULL, listener_cb, listener, NULL);
  soup_server_listen_local (listener->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (listener->server);
  listener->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

static void
listener_stop (Listener *listener)
{
  soup_server_disconnect (listener->server);
  g_clear_object (&listener->server);
  g_clear_pointer (&listener->base, g_free);
  g_clear_pointer (&listener->requests, g_ptr_array_unref);
}

/* The page as the Original view serves it, less the CSP it carries: what
 * is tested here is the markup alone. */
static char *
rewritten_without_csp (const char *html)
{
  g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));
  g_autoptr(ClipOriginal) original = clip_original_new (bytes, "text/html", NULL);
  g_autoptr(GString) page = NULL;
  char *rendered;

  g_assert_nonnull (original);
  rendered = clip_original_render_page (original, "clip://original/1/");
  page = g_string_new (rendered);
  g_free (rendered);
  g_assert_cmpuint (g_string_replace (page, "http-equiv=\"Content-Security-Policy\"", "name=\"x-removed\"", 0), ==, 1);
  return g_string_free (g_steal_pointer (&page), FALSE);
}

typedef struct {
  gboolean done;
  char *result;
} Eval;

static void
view_eval_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Eval *eval = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);

  g_assert_no_error (error);
  eval->result = jsc_value_to_string (value);
  eval->done = TRUE;
}

/* In a world of the test's own, so that it runs whatever the page does. */
static char *
view_eval (WebKitWebView *web_view,
           const char    *script)
{
  Eval eval = { FALSE, NULL };

  webkit_web_view_evaluate_javascript (web_view, script, -1, "clippings-test", NULL, NULL, view_eval_cb, &eval);
  wait_for (spin_done_cb, &eval.done, "a script in the test's world");
  return eval.result;
}

static gboolean
load_finished (gpointer data)
{
  return !webkit_web_view_is_loading (WEBKIT_WEB_VIEW (data));
}

/* What an HTML5 parser made of the page that could run or load. */
static const char dom_check[] =
  "(() => {"
  "  const found = [];"
  "  for (const el of document.querySelectorAll('*')) {"
  "    const tag = el.localName;"
  "    if (['script','iframe','frame','object','embed','form','input','textarea','select','base',"
  "         'foreignobject','image','animate','set','animatetransform','animatemotion','feimage',"
  "         'template','noscript','portal','annotation-xml','maction'].includes(tag.toLowerCase()))"
  "      found.push('<' + tag + '>');"
  "    for (const a of el.attributes) {"
  "      const v = a.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();"
  "      if (a.name.toLowerCase().startsWith('on')) found.push(tag + ' ' + a.name);"
  "      if (v.startsWith('javascript:') || v.startsWith('vbscript:') || v.startsWith('data:text'))"
  "        found.push(tag + ' ' + a.name + '=' + a.value);"
  "      if (['href','src','xlink:href','action','formaction','background','poster','ping','srcset','data']"
  "          .includes(a.name.toLowerCase()) && !(tag === 'a' && a.name === 'href') &&"
  "          !/^(clip:|#|data:image\\/)/.test(v))"
  "        found.push(tag + ' ' + a.name + '=' + a.value);"
  "    }"
  "  }"
  "  return found.join(', ');"
  "})()";

/* Every vector, read by WebKit with its scripts on and no CSP: nothing
 * runs, nothing is fetched, nothing that could is in the DOM. */
static void
test_vectors_in_webkit (void)
{
  Listener listener = { 0 };
  g_autoptr(WebKitSettings) settings = webkit_settings_new ();
  WebKitWebView *web_view;
  GtkWidget *shell;
  g_autofree char *base = NULL;
  guint tried = 0;

  listener_start (&listener);
  base = g_strconcat (listener.base, "/page.html", NULL);
  webkit_settings_set_enable_javascript (settings, TRUE);
  webkit_settings_set_enable_javascript_markup (settings, TRUE);
  web_view = WEBKIT_WEB_VIEW (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                            "settings", settings,
                                            "network-session", webkit_network_session_new_ephemeral (),
                                            NULL));
  shell = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (shell), GTK_WIDGET (web_view));
  gtk_window_present (GTK_WINDOW (shell));

  /* The listener and the scripts are live: a page of the attacker's own
   * runs and fetches here, or this test proves nothing. */
  {
    g_autofree char *live = g_strdup_printf ("<p>live</p><script>document.title='ran';"
                                             "new Image().src='%s/ran'</script>", listener.base);
    g_autofree char *title = NULL;

    webkit_web_view_load_html (web_view, live, base);
    wait_for (load_finished, web_view, "the live page");
    spin (500);
    title = view_eval (web_view, "document.title");
    g_assert_cmpstr (title, ==, "ran");
    g_assert_cmpuint (listener.requests->len, >=, 1);
    g_ptr_array_set_size (listener.requests, 0);
  }

  for (guint i = 0; hostile_vectors[i].name != NULL; i++)
    {
      const HostileVector *vector = &hostile_vectors[i];
      g_autofree char *html = hostile_vector_page (vector, listener.base);
      g_autofree char *page = rewritten_without_csp (html);
      g_autofree char *title = NULL;
      g_autofree char *found = NULL;

      webkit_web_view_load_html (web_view, page, base);
      wait_for (load_finished, web_view, vector->name);
      spin (150);
      title = view_eval (web_view, "document.title");
      found = view_eval (web_view, dom_check);
      if (g_strcmp0 (title, "ran") == 0)
        g_error ("%s: a script ran:\n%s", vector->name, page);
      if (found[0] != '\0')
        g_error ("%s: WebKit's DOM holds %s:\n%s", vector->name, found, page);
      if (listener.requests->len > 0)
        g_error ("%s: %s was requested:\n%s", vector->name,
                 (char *)g_ptr_array_index (listener.requests, 0), page);
      tried++;
    }

  /* Late loads (lazy images, fonts) have had their time. */
  spin (500);
  g_assert_cmpuint (listener.requests->len, ==, 0);
  g_test_message ("%u hostile pages read by WebKit with scripts on: none ran or fetched", tried);

  gtk_window_destroy (GTK_WINDOW (shell));
  listener_stop (&listener);
}

static gint64
import_original (ClipStore  *store,
                 const char *html)
{
  g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_import_bytes (bytes, "text/html", &error);

  g_assert_no_error (error);
  g_assert_true (clip_store_add_article (store, article, &error));
  g_assert_no_error (error);
  return clip_article_get_id (article);
}

/* A captured clipping whose snapshot holds a picture as its part 1. */
static gint64
import_capture_with_part (ClipStore *store)
{
  static const char html[] =
    "<html><body><article><h1>Pier</h1><p>The pier reopened on Monday after a winter of repairs, "
    "and the ferry crossed the river again.</p><img src=\"http://news.example/p.png\">"
    "<p>Boats moored at the new quay until the autumn, the harbour master said.</p></article></body></html>";
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GString) mhtml = g_string_new ("MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; "
                                           "boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html\r\n"
                                           "Content-Location: http://news.example/pier.html\r\n\r\n");
  g_autofree char *encoded = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_autoptr(GBytes) snapshot = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;

  g_string_append_printf (mhtml, "%s\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
                          "Content-Location: http://news.example/p.png\r\n\r\n%s\r\n--b--\r\n", html, encoded);
  snapshot = g_bytes_new (mhtml->str, mhtml->len);
  article = clip_import_capture (html, "http://news.example/pier.html", 200, "2026-01-01T00:00:00Z",
                                 snapshot, &assets, &error);
  g_assert_no_error (error);
  g_assert_true (clip_store_add_article_with_assets (store, article, assets, &error));
  g_assert_no_error (error);
  return clip_article_get_id (article);
}

static gboolean
probe_done (gpointer data)
{
  g_autofree char *state = eval_js ("String(window.clipProbe.complete)");

  return g_strcmp0 (state, "true") == 0;
}

/* Loads address as a picture from the page shown; its width, 0 when it
 * was refused. */
static char *
probe_picture (const char *address)
{
  g_autofree char *script = g_strdup_printf ("window.clipProbe = new Image(); clipProbe.src = '%s'; 'asked'", address);

  g_free (eval_js (script));
  wait_for (probe_done, NULL, "the picture to load or fail");
  return eval_js ("String(clipProbe.naturalWidth)");
}

static gboolean
original_shown (gpointer data)
{
  return article_ready (data) &&
         g_strcmp0 (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view ())), (const char *)g_object_get_data (G_OBJECT (view ()), "expected")) == 0;
}

static void
show_original (gint64 id)
{
  g_autofree char *uri = clip_scheme_original_uri (id);

  clip_window_show_article (window, id);
  wait_for (article_ready, GSIZE_TO_POINTER (id), "the clipping");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view-mode", "s", "original"));
  g_object_set_data_full (G_OBJECT (view ()), "expected", g_strdup (uri), g_free);
  wait_for (original_shown, GSIZE_TO_POINTER (id), "the original");
}


/* In the app: a form or a script in the Original view takes it nowhere,
 * and a page cannot load another clipping's parts. */
static void
test_navigation (void)
{
  static const char page[] =
    "<!DOCTYPE html><html><head><title>Kept page</title></head><body>"
    "<p>The harbour reopened on Monday after a winter of repairs, and the ferry crossed again.</p>"
    "<p>Boats moored at the new quay until the autumn, the harbour master said.</p>"
    "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\">"
    "</body></html>";
  g_autoptr(ClipStore) store = NULL;
  g_autofree char *original_uri = NULL;
  g_autofree char *other_uri = NULL;
  g_autofree char *script = NULL;
  g_autofree char *part = NULL;
  g_autofree char *own = NULL;
  g_autofree char *foreign = NULL;
  gint64 id;
  gint64 other;

  start_app ();
  store = open_store ();
  id = import_original (store, page);
  other = import_capture_with_part (store);
  original_uri = clip_scheme_original_uri (id);
  other_uri = clip_scheme_original_uri (other);
  part = g_strconcat (other_uri, "/1", NULL);

  /* Its own page loads the part... */
  show_original (other);
  own = probe_picture (part);
  g_assert_cmpstr (own, ==, "8");

  show_original (id);

  /* A form submitted to another clipping's original. */
  script = g_strdup_printf ("const f = document.createElement('form'); f.method = 'get';"
                            "f.action = '%s'; document.body.appendChild(f); f.submit(); 'sent'", other_uri);
  g_free (eval_js (script));
  spin (800);
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view ())), ==, original_uri);

  /* A script that sets the location, to a page or to a raw part. */
  g_free (script);
  script = g_strdup_printf ("location.href = '%s/1'; 'moved'", other_uri);
  g_free (eval_js (script));
  spin (800);
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view ())), ==, original_uri);

  /* ... another clipping's page does not. */
  foreign = probe_picture (part);
  g_assert_cmpstr (foreign, ==, "0");

  stop_app ();
}

int
main (int   argc,
      char *argv[])
{
  clip_test_ui_init (&argc, &argv);

  g_test_add_func ("/hostile/vectors-in-webkit", test_vectors_in_webkit);
  g_test_add_func ("/hostile/navigation", test_navigation);

  return g_test_run ();
}
