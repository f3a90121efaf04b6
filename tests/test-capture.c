/* test-capture.c: capturing a page in the real window, under Xvfb
 *
 * What the reader sees while a page arrives (the stages in words, a page
 * that stalls, Cancel by Escape), every way a capture fails (each in
 * plain words, none with the network stack's own text), an address typed
 * without its scheme, and the preview's sidebar: its own details,
 * editable, and nothing of the clipping that was open before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "clip-import.h"
#include "clip-sidebar.h"
#include "clip-test-ui.h"

#define OLD_TITLE "Harbour notes from the old pier"
#define OLD_NOTE_TEXT "The old pier closed for repairs in the spring."
#define NEW_TITLE "River ferry returns after winter repairs"

static const char story_page[] =
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
  "<title>" NEW_TITLE " - Valley Courier</title>"
  "<meta property=\"og:title\" content=\"" NEW_TITLE "\">"
  "<meta property=\"og:site_name\" content=\"Valley Courier\">"
  "<meta name=\"author\" content=\"Ada Ferris\">"
  "<meta property=\"article:published_time\" content=\"2025-03-02T08:30:00Z\">"
  "</head><body><article><h1>" NEW_TITLE "</h1>"
  "<p>The chain ferry between Millbank and Orton crossed the river again on Monday morning, "
  "after three months in the boatyard for a new deck and engine.</p>"
  "<p>Commuters who had driven the long way round through the bridge town for the whole winter "
  "said the crossing saved them forty minutes each way, and the ferry ran full all day.</p>"
  "<p>The operator said the new engine burns a third less fuel and is quiet enough that passengers "
  "can hear the river again, which several of them told reporters they had missed.</p>"
  "</article></body></html>";

/* The start of a page whose rest never comes. */
static const char stalled_start[] =
  "<!DOCTYPE html><html><head><title>Slow story</title></head><body><p>The first paragraph arrived";

static const char stalled_more[] =
  " and then another line of the first paragraph, which goes on for a while,";

typedef struct {
  SoupServer *server;
  char *base;      /* http://127.0.0.1:port */
  guint port;
  GPtrArray *paused;
} Site;

static void
site_handler_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Site *site = user_data;

  if (g_str_equal (path, "/story.html"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, story_page, strlen (story_page));
    }
  else if (g_str_equal (path, "/stall.html"))
    {
      /* Headers and a first chunk, then nothing: the page is loading. */
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "text/html", NULL);
      soup_message_headers_append (headers, "X-Content-Type-Options", "nosniff");
      soup_message_body_append (body, SOUP_MEMORY_STATIC, stalled_start, strlen (stalled_start));
      /* Enough for WebKit to start showing the page rather than wait. */
      for (guint i = 0; i < 64; i++)
        soup_message_body_append (body, SOUP_MEMORY_STATIC, stalled_more, strlen (stalled_more));
      g_ptr_array_add (site->paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/silent.html"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (site->paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/broken.html"))
    {
      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<h1>Oops</h1>", 13);
    }
  else if (g_str_equal (path, "/photo.jpg"))
    {
      static const char jpeg[] = "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/jpeg", SOUP_MEMORY_STATIC, jpeg, sizeof jpeg - 1);
    }
  else if (g_str_equal (path, "/report.pdf"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/pdf", SOUP_MEMORY_STATIC, "%PDF-1.4\n%%EOF\n", 15);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<h1>Not here</h1>", 17);
    }
}

static void
site_start (Site *site)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  site->paused = g_ptr_array_new_with_free_func (g_object_unref);
  site->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (site->server, NULL, site_handler_cb, site, NULL);
  soup_server_listen_local (site->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (site->server);
  site->port = g_uri_get_port (uris->data);
  site->base = g_strdup_printf ("http://127.0.0.1:%u", site->port);
}

static void
site_stop (Site *site)
{
  soup_server_disconnect (site->server);
  g_clear_pointer (&site->paused, g_ptr_array_unref);
  g_clear_object (&site->server);
  g_clear_pointer (&site->base, g_free);
}

/* A port on which nothing listens any more. */
static guint
closed_port (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  guint port;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  port = g_uri_get_port (uris->data);
  soup_server_disconnect (server);
  return port;
}

/* An http server that answers a TLS handshake with plain text, as one
 * answers an https address typed for it: each connection's first byte
 * tells a ClientHello (0x16) from a request, and requests go on to the
 * site's server. Browsers open connections they use later, so the byte
 * is waited for, not read at once. */
typedef struct {
  Site *site;
  GSocketConnection *connection;
} Pending;

static gboolean
first_byte_cb (GSocket      *socket,
               GIOCondition  condition,
               gpointer      user_data)
{
  Pending *pending = user_data;
  GSocketConnection *connection = pending->connection;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;
  char first = 0;
  GInputVector vector = { &first, 1 };
  int flags = G_SOCKET_MSG_PEEK;

  if (g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, &error) != 1)
    ;
  else if (first == 0x16)
    {
      static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

      g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  else if (!soup_server_accept_iostream (pending->site->server, G_IO_STREAM (connection), local, remote, &error))
    g_test_message ("A connection was not taken: %s", error->message);

  g_object_unref (pending->connection);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autoptr(GSource) source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  Pending *pending = g_new0 (Pending, 1);

  pending->site = user_data;
  pending->connection = g_object_ref (connection);
  g_source_set_callback (source, G_SOURCE_FUNC (first_byte_cb), pending, NULL);
  g_source_attach (source, NULL);
  return TRUE;
}

static char *
start_http_only (Site            *site,
                 GSocketService **service)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  *service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (*service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (*service, "incoming", G_CALLBACK (incoming_cb), site);
  g_socket_service_start (*service);
  return g_strdup_printf ("127.0.0.1:%u/story.html",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

/* A clipping with a note, open in the window, as a reader would have one
 * when they start a capture. */
static gint64
open_old_clipping (ClipStore *store)
{
  static const char text[] = OLD_TITLE "\n\n" OLD_NOTE_TEXT " Boats moor at the new quay until the autumn.\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_import_bytes (bytes, "text/plain", &error);
  g_autoptr(ClipAnnotation) note = NULL;
  gint64 id;

  g_assert_no_error (error);
  clip_article_set_title (article, OLD_TITLE);
  g_assert_true (clip_store_add_article (store, article, &error));
  id = clip_article_get_id (article);
  {
    const char *text_of = clip_article_get_text (article);
    const char *found = strstr (text_of, OLD_NOTE_TEXT);

    g_assert_nonnull (found);
    note = clip_annotation_new_for_range (CLIP_ANNOTATION_HIGHLIGHT, text_of,
                                          g_utf8_pointer_to_offset (text_of, found),
                                          g_utf8_pointer_to_offset (text_of, found) + g_utf8_strlen (OLD_NOTE_TEXT, -1));
  }
  g_assert_nonnull (note);
  clip_annotation_set_article_id (note, id);
  clip_annotation_set_note (note, "Check the date with the council");
  g_assert_true (clip_store_add_annotation (store, note, &error));
  g_assert_no_error (error);

  clip_window_show_article (window, id);
  wait_for (article_ready, GSIZE_TO_POINTER (id), "the old clipping");
  return id;
}

static const char *
capture_message (gboolean *failed)
{
  return clip_window_get_capture_message (window, failed);
}

static gboolean
message_has (gpointer data)
{
  const char *message = capture_message (NULL);

  return message != NULL && strstr (message, data) != NULL;
}

static gboolean
capture_failed (gpointer data)
{
  gboolean failed = FALSE;

  capture_message (&failed);
  return failed;
}

static gboolean
card_hidden (gpointer data)
{
  return capture_message (NULL) == NULL;
}

static gboolean
is_location_entry (GtkWidget  *widget,
                   const char *data)
{
  return GTK_IS_ENTRY (widget) &&
         g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), "https://") == 0;
}

/* Any label or text field that shows text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget))
    return strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
  if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget))
    return strstr (gtk_editable_get_text (GTK_EDITABLE (widget)), text) != NULL;
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *content = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      content = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      return strstr (content, text) != NULL;
    }
  return FALSE;
}

/* The network stack's own words never reach the reader. */
static void
assert_plain_words (const char *message)
{
  static const char * const raw[] = {
    "quark", "Error resolving", "Could not connect", "handshake", "GLib", "soup", "Name or service",
  };

  for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
    if (strstr (message, raw[i]) != NULL)
      g_error ("The message “%s” holds “%s”", message, raw[i]);
}

static void
capture_fails (const char *uri,
               const char *words)
{
  gint64 before = count_articles ();
  const char *message;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.capture", "s", uri));
  wait_for (capture_failed, NULL, "a capture to fail");
  message = capture_message (NULL);
  g_test_message ("%s: %s", uri, message);
  if (strstr (message, words) == NULL)
    g_error ("The message for %s, “%s”, does not say “%s”", uri, message, words);
  assert_plain_words (message);
  g_assert_null (clip_window_get_preview (window));
  g_assert_cmpint (count_articles (), ==, before);
}

/* A page that stalls while loading: the card says how far it got and
 * that it still works; Reader and Original wait; Escape cancels and the
 * typed address stays. */
static void
test_progress_and_cancel (void)
{
  Site site = { 0 };
  g_autoptr(ClipStore) store = NULL;
  g_autofree char *uri = NULL;
  GtkWidget *original_button;
  GtkWidget *entry;
  gint64 old_id;
  gint64 before;

  site_start (&site);
  start_app ();
  store = open_store ();
  old_id = open_old_clipping (store);
  before = count_articles ();
  original_button = find_widget (GTK_WIDGET (window), is_button_labelled, "Original");
  g_assert_nonnull (original_button);
  g_assert_true (gtk_widget_is_sensitive (original_button));

  uri = g_strconcat (site.base, "/stall.html", NULL);
  press_key ("ctrl+l");
  entry = find_widget (GTK_WIDGET (window), is_location_entry, NULL);
  g_assert_nonnull (entry);
  wait_for ((Condition)gtk_widget_has_focus, gtk_widget_get_first_child (entry), "the address entry");
  type_text (uri);
  press_key ("Return");

  wait_for (message_has, (gpointer)"Loading", "the page to start loading");
  g_test_message ("While loading: %s", capture_message (NULL));
  g_assert_false (gtk_widget_is_sensitive (original_button));
  g_assert_true (clip_window_get_article_id (window) == old_id);

  wait_for (message_has, (gpointer)"Still loading", "the card to say it still works");
  g_test_message ("Stalled: %s", capture_message (NULL));
  spin (300);
  save_screenshot ("capture-progress.png");

  press_key ("Escape");
  wait_for (card_hidden, NULL, "Escape to cancel the capture");
  g_assert_cmpstr (clip_window_get_last_toast (window), ==, "Capture cancelled");
  g_assert_null (clip_window_get_preview (window));
  g_assert_cmpint (count_articles (), ==, before);
  g_assert_true (gtk_widget_is_sensitive (original_button));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, uri);
  g_assert_true (clip_window_get_article_id (window) == old_id);

  stop_app ();
  site_stop (&site);
}

/* Each way a capture fails, in words; an address without a scheme is
 * tried over https and then offered over http. */
static void
test_errors (void)
{
  Site site = { 0 };
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *refused = g_strdup_printf ("http://127.0.0.1:%u/story.html", closed_port ());
  g_autofree char *broken = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *silent = NULL;
  g_autofree char *without_scheme = NULL;
  g_autoptr(GSocketService) http_only = NULL;
  GtkWidget *http_button;

  site_start (&site);
  start_app ();
  settings = g_settings_new (APP_ID);
  g_settings_set_uint (settings, "capture-timeout", 3);
  broken = g_strconcat (site.base, "/broken.html", NULL);
  pdf = g_strconcat (site.base, "/report.pdf", NULL);
  silent = g_strconcat (site.base, "/silent.html", NULL);

  capture_fails (refused, "127.0.0.1 refused the connection");
  capture_fails ("http://no-such-host.invalid/story.html", "No server called “no-such-host.invalid” was found");
  capture_fails (broken, "answered 500 (Internal Server Error)");
  capture_fails (pdf, "“report.pdf” is a file (PDF document), not a web page");
  {
    g_autofree char *photo = g_strconcat (site.base, "/photo.jpg", NULL);
    g_autofree char *missing = g_strconcat (site.base, "/nowhere.html", NULL);

    capture_fails (photo, "“photo.jpg” is a file (JPEG image), not a web page");
    capture_fails (missing, "answered 404 (Not Found): there is no page to capture at this address");
  }
  capture_fails (silent, "took longer than 3 seconds");

  /* Escape closes the message; the card goes. */
  press_key ("Escape");
  wait_for (card_hidden, NULL, "Escape to close the message");

  without_scheme = start_http_only (&site, &http_only);
  capture_fails (without_scheme, "secure connection to 127.0.0.1 could not be made");
  g_assert_nonnull (strstr (capture_message (NULL), "at http://127.0.0.1:"));
  http_button = find_widget (GTK_WIDGET (window), is_button_labelled, "Capture _Without Encryption");
  g_assert_nonnull (http_button);
  g_assert_true (gtk_widget_get_mapped (http_button));
  spin (300);
  save_screenshot ("capture-error.png");

  /* The offer has the focus: Return takes it. */
  wait_for ((Condition)gtk_widget_has_focus, http_button, "the offer to have the focus");
  press_key ("Return");
  wait_for (has_preview, NULL, "the page over http");
  g_assert_cmpstr (clip_article_get_title (clip_window_get_preview (window)), ==, NEW_TITLE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.discard-capture", NULL));

  g_settings_reset (settings, "capture-timeout");
  g_socket_service_stop (http_only);
  stop_app ();
  site_stop (&site);
}

static gboolean
reader_title_is (gpointer data)
{
  g_autofree char *title = NULL;

  if (!article_ready (NULL))
    return FALSE;
  title = eval_js ("document.querySelector('.clip-title').textContent");
  return g_strcmp0 (title, data) == 0;
}

/* While a capture is previewed, the sidebar is the preview's: its
 * details, editable before saving, and nothing of the clipping that was
 * open. */
static void
test_preview_sidebar (void)
{
  Site site = { 0 };
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(ClipArticle) old = NULL;
  g_autoptr(ClipArticle) saved = NULL;
  g_autofree char *uri = NULL;
  ClipSidebar *sidebar;
  GtkWidget *info;
  GtkWidget *title_row;
  gint64 old_id;

  site_start (&site);
  start_app ();
  store = open_store ();
  old_id = open_old_clipping (store);
  sidebar = CLIP_SIDEBAR (clip_window_get_sidebar (window));
  uri = g_strconcat (site.base, "/story.html", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.capture", "s", uri));
  wait_for (has_preview, NULL, "the preview");

  clip_sidebar_set_visible_page (sidebar, "info");
  spin (200);
  info = clip_sidebar_get_page (sidebar, "info");
  title_row = find_widget (info, is_entry_row_with_text, NEW_TITLE);
  g_assert_nonnull (title_row);
  g_assert_nonnull (find_widget (info, is_entry_row_with_text, uri));
  g_assert_nonnull (find_widget (info, is_entry_row_with_text, "Ada Ferris"));
  g_assert_nonnull (find_widget (info, is_entry_row_with_text, "Valley Courier"));
  g_assert_null (find_widget (GTK_WIDGET (sidebar), shows_text, OLD_TITLE));
  clip_sidebar_set_visible_page (sidebar, "annotations");
  spin (200);
  g_assert_cmpuint (clip_sidebar_get_n_annotations (sidebar), ==, 0);
  g_assert_null (find_widget (GTK_WIDGET (sidebar), shows_text, "Check the date with the council"));
  g_assert_nonnull (find_widget (GTK_WIDGET (sidebar), shows_text, "Not Saved Yet"));

  /* An edit before saving changes the preview, not the old clipping. */
  clip_sidebar_set_visible_page (sidebar, "info");
  spin (200);
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Ferry back on the river");
  g_signal_emit_by_name (title_row, "apply");
  g_assert_cmpstr (clip_article_get_title (clip_window_get_preview (window)), ==, "Ferry back on the river");
  wait_for (reader_title_is, (gpointer)"Ferry back on the river", "the reader to show the new title");
  spin (300);
  save_screenshot ("capture-preview-sidebar.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-capture", NULL));
  saved = clip_store_get_article (store, clip_window_get_article_id (window), NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (clip_article_get_title (saved), ==, "Ferry back on the river");
  g_assert_cmpstr (clip_article_get_byline (saved), ==, "Ada Ferris");
  old = clip_store_get_article (store, old_id, NULL);
  g_assert_cmpstr (clip_article_get_title (old), ==, OLD_TITLE);

  stop_app ();
  site_stop (&site);
}

int
main (int   argc,
      char *argv[])
{
  clip_test_ui_init (&argc, &argv);

  g_test_add_func ("/capture/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/capture/errors", test_errors);
  g_test_add_func ("/capture/preview-sidebar", test_preview_sidebar);

  return g_test_run ();
}
