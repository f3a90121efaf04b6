/* test-capture.c: ClipCapture on pages that try to hold it up
 *
 * Its own view and session, no window: a page whose scripts open
 * dialogs (nobody is there to answer them), and a page whose script
 * never ends, after which the next capture must work as if it had not
 * been there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "clip-capture.h"
#include "clip-test-ui.h"

static const char dialogs_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Dialogs</title></head><body>"
  "<article><h1>Lighthouse keepers return</h1>"
  "<p>The council said the keepers will look after the building, guide visitors and record "
  "the weather every three hours, as their predecessors once did.</p>"
  "<p id=\"answers\"></p></article><script>"
  "alert('Welcome');"
  "const sure = confirm('Subscribe?');"
  "const name = prompt('Your name?', 'someone');"
  "window.addEventListener('beforeunload', (e) => { e.preventDefault(); e.returnValue = ''; });"
  "document.getElementById('answers').textContent = 'Answers: ' + sure + ' ' + name;"
  "</script></body></html>";

static const char endless_page[] =
  "<!DOCTYPE html><html><head><title>Endless</title></head><body><p>Never done.</p>"
  "<script>for (;;) {}</script></body></html>";

/* A page whose script sends the reader on before the page has loaded:
 * the first load is cancelled, and the capture follows the page. */
static const char moving_page[] =
  "<!DOCTYPE html><html><head><title>Moved</title>"
  "<script>location.replace('/dialogs.html');</script></head>"
  "<body><p>This page has moved.</p><img src=\"/slow.png\"></body></html>";

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *page = g_str_equal (path, "/endless.html") ? endless_page
                     : g_str_equal (path, "/moving.html") ? moving_page : dialogs_page;

  /* Never answered: the page that holds it is still loading when its
   * script moves on. */
  if (g_str_equal (path, "/slow.png"))
    {
      soup_server_message_pause (msg);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC, page, strlen (page));
}

typedef struct {
  gboolean done;
  ClipCaptureResult *result;
  GError *error;
} Outcome;

static void
capture_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->result = clip_capture_run_finish (CLIP_CAPTURE (source), result, &outcome->error);
  outcome->done = TRUE;
}

static gboolean
capture_done (gpointer data)
{
  return ((Outcome *)data)->done;
}

/* Captures uri; the time it took, in seconds. */
static double
capture (ClipCapture *capture,
         const char  *uri,
         Outcome     *outcome)
{
  gint64 start = g_get_monotonic_time ();

  clip_capture_run_async (capture, uri, NULL, capture_done_cb, outcome);
  wait_for (capture_done, outcome, "the capture to end");
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

static void
assert_dialogs_answered (Outcome *outcome,
                         double   seconds)
{
  g_assert_no_error (outcome->error);
  g_assert_nonnull (outcome->result);
  /* Answered at once: no, nothing. */
  g_assert_nonnull (strstr (outcome->result->html, "Answers: false null"));
  g_assert_cmpfloat (seconds, <, 10);
  g_clear_pointer (&outcome->result, clip_capture_result_free);
}

static void
test_hostile_pages (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(ClipCapture) capturer = clip_capture_new ();
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *dialogs = NULL;
  g_autofree char *endless = NULL;
  Outcome first = { 0 };
  Outcome stuck = { 0 };
  Outcome after = { 0 };
  double seconds;

  soup_server_add_handler (server, NULL, handler_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  dialogs = g_strdup_printf ("http://127.0.0.1:%d/dialogs.html", g_uri_get_port (uris->data));
  endless = g_strdup_printf ("http://127.0.0.1:%d/endless.html", g_uri_get_port (uris->data));
  clip_capture_set_timeout (capturer, 15);

  seconds = capture (capturer, dialogs, &first);
  assert_dialogs_answered (&first, seconds);

  {
    g_autofree char *moving = g_strdup_printf ("http://127.0.0.1:%d/moving.html", g_uri_get_port (uris->data));
    Outcome moved = { 0 };

    seconds = capture (capturer, moving, &moved);
    g_assert_no_error (moved.error);
    g_assert_true (g_str_has_suffix (moved.result->uri, "/dialogs.html"));
    assert_dialogs_answered (&moved, seconds);
  }

  clip_capture_set_timeout (capturer, 3);
  capture (capturer, endless, &stuck);
  g_assert_error (stuck.error, CLIP_CAPTURE_ERROR, CLIP_CAPTURE_ERROR_TIMEOUT);
  g_clear_error (&stuck.error);

  /* The endless script held its web process; this one has its own. */
  clip_capture_set_timeout (capturer, 15);
  seconds = capture (capturer, dialogs, &after);
  assert_dialogs_answered (&after, seconds);

  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  clip_test_ui_init (&argc, &argv);

  g_test_add_func ("/capture/hostile-pages", test_hostile_pages);

  return g_test_run ();
}
