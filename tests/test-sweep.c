/* test-sweep.c: real pages through the real capture path
 *
 * A local server serves every page of ../shared/corpus/readability (and a
 * sample of the pages of ../shared/corpus/dragnet, when it is there), each
 * with a style sheet, an empty style sheet, a missing image and a broken
 * image added. The window captures each page by its address, as a user
 * would (WebKit, the page's own scripts, the snapshot), saves it and opens
 * Reader and Original. A page passes when:
 *
 * - nothing crashed (the app, or the web process of the article view);
 * - nothing in this process logged a WARNING or a CRITICAL (the web
 *   processes log to their own stderr, where this test cannot see; they
 *   inherit G_DEBUG=fatal-criticals, so a critical there ends the process,
 *   and that is seen, as a crash);
 * - the saved text is what `clippings-cli extract` gives for the HTML that
 *   was served, or close to it for a reason the test prints;
 * - Reader shows exactly the saved text, and Original shows the page;
 * - opening the saved clipping made no network request at all.
 *
 * Nothing reaches the internet: the capture's session sends every request
 * through this test's server, which serves its own pages (as if from
 * www.sweep.example.com, a name no request can reach) and answers 404 at
 * once for any other host (and counts those). The article views'
 * session gets a proxy of its own that serves nothing and counts every
 * request it is asked for: there must be none.
 *
 * CLIP_SWEEP_ONLY=name,name limits the run to those pages; CLIP_SWEEP_LIMIT=N
 * to the first N of each corpus; CLIP_SWEEP_DRAGNET=N samples N dragnet
 * pages instead of 50 (0: all of them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "clip-extract.h"
#include "clip-test-ui.h"

/* The capture's own time limit; a page that takes longer fails. */
#define CAPTURE_TIMEOUT_S 20
/* How long Reader or Original may take to show a saved page. */
#define VIEW_TIMEOUT_MS (15 * 1000)
#define DRAGNET_SAMPLE 50
/* The share of extract's words (a multiset) that the saved text may
 * miss before the two are not the same article any more. Short of that,
 * the differences come from the page's scripts, which run in the capture
 * and not in extract (a date, a tag list, a footer or a share box they
 * write, text written with document.write), and from WebKit writing the
 * DOM back (white space, elements the HTML parser moved): on the corpora
 * the saved text keeps all of extract's words but a few (at worst 97 %),
 * while a page read in the wrong charset shares almost none (qq.com's
 * page, UTF-8 read as gb2312: about 1 % in common) and a lost article only
 * its boilerplate. Words the saved text has and extract's lacks are no
 * failure: a footer under a short article (dragnet/R792: a fifth of its
 * words), or the whole of an article that extract cut short because the
 * raw markup nests badly and the browser's DOM does not (dragnet/T71: ten
 * times extract's text, and close to the text a person cut out). */
#define MIN_RECALL 0.9
/* Texts this short are what the extractor finds when a page holds no
 * article (its own threshold, CHAR_THRESHOLD in clip-extract.c): two of
 * them are two picks of boilerplate, not one article told two ways. */
#define NO_ARTICLE_LENGTH 500


/* Warnings and criticals logged by this process, since the page began. */
static GMutex log_lock;
static GPtrArray *log_lines;

/* A web server on the loopback. It serves its own pages; asked as a
 * proxy for any other host, it answers 404 at once and counts. */
typedef struct {
  SoupServer *server;
  guint port;
  char *base;
  /* path -> Served */
  GHashTable *pages;
  guint local;
  guint blocked;
  /* The last addresses blocked, newest last. */
  GPtrArray *blocked_uris;
  /* The hosts blocked since the page began. */
  GHashTable *blocked_hosts;
  /* Whether it serves PAGE_HOST, as a proxy. */
  gboolean pages_by_name;
} Server;

typedef struct {
  GBytes *html;
  const char *content_type;
} Served;

typedef struct {
  char *name;     /* "readability/nytimes-1" */
  char *file;     /* its source.html.gz */
  char *path;     /* where the server serves it: "/r/nytimes-1/" */
} Page;

typedef struct {
  ClipApplication *app;
  ClipWindow *window;
  ClipStore *store;
  Server site;
  Server guard;
  char *toast_before;
  char *crash;

  guint tried;
  guint passed;
  guint exact;
  guint left;
  double slowest_seconds;
  char *slowest;
  GPtrArray *failures;
} Sweep;

/* A style sheet with references the snapshot has to keep or drop: one to
 * a file that is not there and one, relative to the sheet, to the broken
 * image. */
static const char style_sheet[] =
  "body { font-family: sans-serif; line-height: 1.4; }\n"
  ".sweep-missing { background: url(/sweep/missing-background.png); }\n"
  ".sweep-broken { background-image: url(\"broken.png\"); }\n";

/* A PNG signature, then nothing that a decoder can use. */
static const guchar broken_png[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0x00, 0x00, 0x00, 0x0d,
  'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e', 0xff, 0xfe,
};

static const char head_extras[] =
  "<link rel=\"stylesheet\" href=\"/sweep/style.css\">"
  "<link rel=\"stylesheet\" href=\"/sweep/empty.css\">";

static const char body_extras[] =
  "<img class=\"sweep-missing\" src=\"/sweep/missing.png\" alt=\"\">"
  "<img class=\"sweep-broken\" src=\"/sweep/broken.png\" alt=\"\">";

static GLogWriterOutput
log_writer_cb (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    {
      g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

      g_mutex_lock (&log_lock);
      if (log_lines != NULL)
        g_ptr_array_add (log_lines, g_steal_pointer (&line));
      g_mutex_unlock (&log_lock);
    }

  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* The lines logged since the last call, joined; NULL for none. */
static char *
take_log_lines (void)
{
  g_autoptr(GPtrArray) lines = NULL;

  g_mutex_lock (&log_lock);
  lines = g_steal_pointer (&log_lines);
  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&log_lock);

  if (lines == NULL || lines->len == 0)
    return NULL;

  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("; ", (char **)lines->pdata);
}

static void
served_free (Served *served)
{
  g_bytes_unref (served->html);
  g_free (served);
}

static void
page_free (Page *page)
{
  g_free (page->name);
  g_free (page->file);
  g_free (page->path);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

/* Where the pages are served, through the proxy: a name that no request
 * can reach on the internet (RFC 2606), and that looks like a web site's
 * to the scripts of a page (blogspot's send any host not under .com to
 * its own country site). */
#define PAGE_HOST "www.sweep.example.com"

static gboolean
is_own_address (Server *self,
                GUri   *uri)
{
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);

  if (g_strcmp0 (host, PAGE_HOST) == 0)
    return self->pages_by_name && (port == -1 || port == 80);

  return (g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0) &&
         port == (int)self->port;
}

static void
block (Server            *self,
       SoupServerMessage *msg)
{
  self->blocked++;
  g_hash_table_add (self->blocked_hosts, g_strdup (g_uri_get_host (soup_server_message_get_uri (msg))));
  if (self->blocked_uris->len >= 5)
    g_ptr_array_remove_index (self->blocked_uris, 0);
  g_ptr_array_add (self->blocked_uris, g_uri_to_string (soup_server_message_get_uri (msg)));
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
respond (SoupServerMessage *msg,
         const char        *content_type,
         gconstpointer      data,
         gsize              length)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, length);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *self = user_data;
  Served *served;

  if (!is_own_address (self, soup_server_message_get_uri (msg)))
    {
      block (self, msg);
      return;
    }

  self->local++;
  served = g_hash_table_lookup (self->pages, path);
  if (served != NULL)
    respond (msg, served->content_type, g_bytes_get_data (served->html, NULL),
             g_bytes_get_size (served->html));
  else if (g_str_equal (path, "/sweep/style.css"))
    respond (msg, "text/css", style_sheet, strlen (style_sheet));
  else if (g_str_equal (path, "/sweep/empty.css"))
    respond (msg, "text/css", "", 0);
  else if (g_str_equal (path, "/sweep/broken.png"))
    respond (msg, "image/png", broken_png, sizeof broken_png);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
server_start (Server *self)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  self->server = soup_server_new (NULL, NULL);
  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)served_free);
  self->blocked_uris = g_ptr_array_new_with_free_func (g_free);
  self->blocked_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  self->base = g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

static void
server_stop (Server *self)
{
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->blocked_uris, g_ptr_array_unref);
  g_clear_pointer (&self->blocked_hosts, g_hash_table_unref);
  g_clear_pointer (&self->base, g_free);
}

/* Where needle (ASCII, lower case) first is in data, in any case; -1. */
static gssize
find_ascii (const char *data,
            gsize       length,
            gsize       from,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = from; i + n <= length; i++)
    if (g_ascii_strncasecmp (data + i, needle, n) == 0)
      return i;
  return -1;
}

/* Just after the opening tag of the first paragraph of the body, so that
 * the images land in the article as often as not; else before </body>. */
static gsize
body_insertion_point (const char *data,
                      gsize       length)
{
  gssize body = find_ascii (data, length, 0, "<body");
  gsize from = body >= 0 ? (gsize)body : 0;
  gssize at;

  for (at = find_ascii (data, length, from, "<p"); at >= 0;
       at = find_ascii (data, length, at + 2, "<p"))
    {
      char next = (gsize)at + 2 < length ? data[at + 2] : '\0';
      gssize end;

      if (next != '>' && !g_ascii_isspace (next))
        continue;
      end = find_ascii (data, length, at, ">");
      if (end >= 0)
        return end + 1;
    }

  at = find_ascii (data, length, from, "</body");
  return at >= 0 ? (gsize)at : length;
}

static gsize
head_insertion_point (const char *data,
                      gsize       length)
{
  gssize at = find_ascii (data, length, 0, "</head");

  if (at < 0)
    at = find_ascii (data, length, 0, "<body");
  return at >= 0 ? (gsize)at : 0;
}

/* The page with the sweep's style sheets and images in it. */
static GBytes *
add_extras (GBytes *source)
{
  gsize length;
  const char *data = g_bytes_get_data (source, &length);
  gsize head = head_insertion_point (data, length);
  gsize body = body_insertion_point (data, length);
  GString *html = g_string_sized_new (length + 512);

  if (body < head)
    body = head;
  g_string_append_len (html, data, head);
  g_string_append (html, head_extras);
  g_string_append_len (html, data + head, body - head);
  g_string_append (html, body_extras);
  g_string_append_len (html, data + body, length - body);
  return g_string_free_to_bytes (html);
}

/* As the page's own server would label it. The corpora keep pages that
 * were re-saved as UTF-8 with their old declaration (qq.com's says
 * gb2312), which a browser believes, or with none before its 1024th byte
 * (the browser then guesses windows-1252); their servers sent what the
 * bytes are. Other bytes are left to their <meta>, as extract does. */
static const char *
content_type_for (GBytes *html)
{
  gsize length;
  const char *data = g_bytes_get_data (html, &length);

  return g_utf8_validate_len (data, length, NULL) ? "text/html; charset=utf-8" : "text/html";
}

static gboolean
wanted (const char *corpus,
        const char *name)
{
  const char *only = g_getenv ("CLIP_SWEEP_ONLY");
  g_auto(GStrv) names = NULL;
  g_autofree char *full = g_strconcat (corpus, "/", name, NULL);

  if (only == NULL || only[0] == '\0')
    return TRUE;

  names = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *)names, name) ||
         g_strv_contains ((const char * const *)names, full);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **)a, *(char **)b);
}

/* The folders of a corpus that hold a page, by name; every step-th. */
static void
add_corpus (GPtrArray  *pages,
            const char *dir,
            const char *corpus,
            const char *prefix,
            guint       sample)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *limit = g_getenv ("CLIP_SWEEP_LIMIT");
  guint step;
  guint taken = 0;
  const char *name;

  if (folder == NULL)
    return;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, "source.html.gz", NULL);
      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  /* A fixed sample, spread over the whole corpus. */
  step = sample > 0 && names->len > sample ? names->len / sample : 1;
  for (guint i = 0; i < names->len && (sample == 0 || taken < sample); i += step, taken++)
    {
      const char *page_name = g_ptr_array_index (names, i);
      Page *page;

      if (limit != NULL && taken >= (guint)atoi (limit))
        break;
      if (!wanted (corpus, page_name))
        continue;

      page = g_new0 (Page, 1);
      page->name = g_strconcat (corpus, "/", page_name, NULL);
      page->file = g_build_filename (dir, page_name, "source.html.gz", NULL);
      page->path = g_strconcat (prefix, page_name, "/", NULL);
      g_ptr_array_add (pages, page);
    }
}

/* Words: runs of letters and digits. */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean in_word = c != 0 && g_unichar_isalnum (c);

      if (in_word && start == NULL)
        start = p;
      else if (!in_word && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (c == 0)
        break;
    }

  return words;
}

/* How many words of the two texts' multisets they have in common. */
typedef struct {
  guint common;
  guint saved;
  guint expected;
} Overlap;

static Overlap
word_overlap (const char *saved,
              const char *expected)
{
  g_autoptr(GPtrArray) words_a = split_words (saved);
  g_autoptr(GPtrArray) words_b = split_words (expected);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  Overlap overlap = { 0, words_a->len, words_b->len };

  for (guint i = 0; i < words_a->len; i++)
    {
      gpointer word = g_ptr_array_index (words_a, i);
      g_hash_table_insert (counts, word, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, word)) + 1));
    }
  for (guint i = 0; i < words_b->len; i++)
    {
      gpointer word = g_ptr_array_index (words_b, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, word));

      if (n == 0)
        continue;
      overlap.common++;
      g_hash_table_insert (counts, word, GUINT_TO_POINTER (n - 1));
    }

  return overlap;
}

/* The share of expected's words that saved has; 1 for none at all. */
static double
recall (Overlap overlap)
{
  return overlap.expected > 0 ? overlap.common / (double)overlap.expected : 1;
}

/* The share of saved's words that expected has. */
static double
precision (Overlap overlap)
{
  return overlap.saved > 0 ? overlap.common / (double)overlap.saved : 1;
}

/* About 30 code points of text around p, on one line. */
static char *
excerpt (const char *text,
         const char *p)
{
  const char *start = p;
  const char *end = p;
  g_autofree char *part = NULL;

  for (guint i = 0; i < 10 && start > text; i++)
    start = g_utf8_prev_char (start);
  for (guint i = 0; i < 30 && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  part = g_strndup (start, end - start);
  g_strdelimit (part, "\n\t", ' ');
  return g_strdup_printf ("%s“%s”%s", start > text ? "…" : "", part, *end != '\0' ? "…" : "");
}

/* Says where the saved text first parts from extract's. */
static char *
report_difference (const char *saved,
                   const char *expected)
{
  Overlap overlap = word_overlap (saved, expected);
  const char *a = saved;
  const char *b = expected;
  g_autofree char *here = NULL;
  g_autofree char *there = NULL;
  glong offset = 0;

  while (*a != '\0' && g_utf8_get_char (a) == g_utf8_get_char (b))
    {
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
      offset++;
    }

  here = excerpt (saved, a);
  there = excerpt (expected, b);
  return g_strdup_printf ("it has %.1f %% of extract's words, and %.1f %% of its own are extract's "
                          "(%ld and %ld code points); from %ld on, saved %s, extract %s",
                          100 * recall (overlap), 100 * precision (overlap),
                          g_utf8_strlen (saved, -1), g_utf8_strlen (expected, -1),
                          offset, here, there);
}

/* A host the page sent a request to, blocked, that message names. */
static const char *
named_host (Server     *self,
            const char *message)
{
  GHashTableIter iter;
  gpointer host;

  g_hash_table_iter_init (&iter, self->blocked_hosts);
  while (message != NULL && g_hash_table_iter_next (&iter, &host, NULL))
    {
      if (strstr (message, host) != NULL)
        return host;
    }

  return NULL;
}

static gboolean
capture_ended (gpointer data)
{
  Sweep *sweep = data;

  return (clip_window_get_preview (sweep->window) != NULL &&
          clip_test_article_ready (sweep->window, 0)) ||
         g_strcmp0 (clip_window_get_last_toast (sweep->window), sweep->toast_before) != 0 ||
         sweep->crash != NULL;
}

typedef struct {
  Sweep *sweep;
  gint64 id;
} Shown;

static gboolean
article_shown (gpointer data)
{
  Shown *shown = data;

  return clip_test_article_ready (shown->sweep->window, shown->id) || shown->sweep->crash != NULL;
}

typedef struct {
  gboolean done;
  /* Given up on: the callback frees it. */
  gboolean abandoned;
  char *text;
  GError *error;
} Text;

static void
text_free (Text *text)
{
  g_free (text->text);
  g_clear_error (&text->error);
  g_free (text);
}

static void
text_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Text *text = user_data;

  text->text = clip_article_view_get_text_finish (CLIP_ARTICLE_VIEW (object), result, &text->error);
  text->done = TRUE;
  if (text->abandoned)
    text_free (text);
}

static gboolean
text_done (gpointer data)
{
  return ((Text *)data)->done;
}

/* The text the view shows, as the annotator counts it; NULL and why. */
static char *
view_text (Sweep   *sweep,
           char   **why)
{
  Text *text = g_new0 (Text, 1);
  char *result;

  clip_article_view_get_text_async (view (), NULL, text_cb, text);
  if (!clip_test_wait_until (text_done, text, VIEW_TIMEOUT_MS))
    {
      text->abandoned = TRUE;
      *why = g_strdup ("its text could not be read in time");
      return NULL;
    }

  if (text->text == NULL)
    *why = g_strdup (text->error->message);
  result = g_steal_pointer (&text->text);
  text_free (text);
  return result;
}

static void
web_process_terminated_cb (WebKitWebView                     *view,
                           WebKitWebProcessTerminationReason  reason,
                           Sweep                             *sweep)
{
  g_free (sweep->crash);
  sweep->crash = g_strdup (reason == WEBKIT_WEB_PROCESS_CRASHED ? "the article view's web process crashed"
                           : reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT
                           ? "the article view's web process ran out of memory"
                           : "the article view's web process was ended");
}

/* Shows the saved clipping in a view mode and waits for it; FALSE and
 * why if it does not come. */
static gboolean
show_saved (Sweep      *sweep,
            gint64      id,
            const char *mode,
            GString    *why)
{
  Shown shown = { sweep, id };

  gtk_widget_activate_action (GTK_WIDGET (sweep->window), "win.view-mode", "s", mode);
  if (!clip_test_wait_until (article_shown, &shown, VIEW_TIMEOUT_MS))
    {
      g_string_append_printf (why, "%s did not show the saved page within %d s; ",
                              mode, VIEW_TIMEOUT_MS / 1000);
      return FALSE;
    }
  return sweep->crash == NULL;
}

/* Reader shows exactly the saved text; Original shows the page's. */
static void
check_views (Sweep       *sweep,
             ClipArticle *saved,
             GString     *why)
{
  gint64 id = clip_article_get_id (saved);
  g_autofree char *reader = NULL;
  g_autofree char *original = NULL;
  g_autofree char *problem = NULL;

  if (!show_saved (sweep, id, "reader", why))
    return;
  reader = view_text (sweep, &problem);
  if (reader == NULL)
    g_string_append_printf (why, "Reader: %s; ", problem);
  else if (g_strcmp0 (reader, clip_article_get_text (saved)) != 0)
    {
      g_autofree char *difference = report_difference (reader, clip_article_get_text (saved));
      g_string_append_printf (why, "Reader's text is not the saved text (%s); ", difference);
    }

  if (!show_saved (sweep, id, "original", why))
    return;
  g_clear_pointer (&problem, g_free);
  original = view_text (sweep, &problem);
  if (original == NULL)
    g_string_append_printf (why, "Original: %s; ", problem);
  else if (g_strstrip (original)[0] == '\0')
    g_string_append (why, "Original shows no text; ");
}

/* Compares what was saved with extract's article of the same HTML. */
static void
check_text (Sweep       *sweep,
            ClipArticle *expected,
            ClipArticle *saved,
            GString     *why,
            GString     *notes)
{
  const char *text = clip_article_get_text (saved);
  g_autofree char *difference = NULL;
  Overlap overlap;

  if (text == NULL || text[0] == '\0')
    {
      g_string_append (why, "the saved text is empty; ");
      return;
    }

  if (expected == NULL)
    {
      g_string_append (notes, "extract finds no article in the served HTML, the capture's DOM has one; ");
      return;
    }

  if (g_strcmp0 (text, clip_article_get_text (expected)) == 0)
    {
      sweep->exact++;
      return;
    }

  overlap = word_overlap (text, clip_article_get_text (expected));
  difference = report_difference (text, clip_article_get_text (expected));
  if (g_utf8_strlen (text, -1) < NO_ARTICLE_LENGTH &&
      g_utf8_strlen (clip_article_get_text (expected), -1) < NO_ARTICLE_LENGTH)
    g_string_append_printf (notes, "neither text is an article (both shorter than %d code points, "
                            "a page of a video or a photo): %s; ", NO_ARTICLE_LENGTH, difference);
  else if (recall (overlap) < MIN_RECALL)
    g_string_append_printf (why, "the saved text is not extract's: %s; ", difference);
  else
    g_string_append_printf (notes, "the saved text differs from extract's (the page's scripts ran, and "
                            "WebKit wrote the DOM back): %s; ", difference);
}

/* Captures the page through the window and waits for the preview. */
static ClipArticle *
capture_page (Sweep      *sweep,
              const char *uri,
              double     *seconds,
              GString    *why)
{
  gint64 start = g_get_monotonic_time ();
  ClipArticle *preview;

  /* A message of its own first: a failure that says what the last one
   * said is still seen. */
  g_free (sweep->toast_before);
  sweep->toast_before = g_strdup_printf ("Sweep: capturing %s", uri);
  clip_window_show_toast (sweep->window, sweep->toast_before);
  gtk_widget_activate_action (GTK_WIDGET (sweep->window), "win.capture", "s", uri);
  if (!clip_test_wait_until (capture_ended, sweep, (CAPTURE_TIMEOUT_S + 10) * 1000))
    {
      clip_capture_cancel (clip_window_get_capture (sweep->window));
      g_string_append_printf (why, "no preview and no message after %d s; ", CAPTURE_TIMEOUT_S + 10);
      return NULL;
    }

  *seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  preview = clip_window_get_preview (sweep->window);
  if (preview == NULL)
    return NULL;
  return g_object_ref (preview);
}

static gboolean
sweep_page (Sweep   *sweep,
            Page    *page,
            GString *why,
            GString *notes,
            double  *seconds)
{
  g_autoptr(GFile) file = g_file_new_for_path (page->file);
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(ClipArticle) expected = NULL;
  g_autoptr(ClipArticle) preview = NULL;
  g_autoptr(ClipArticle) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strconcat ("http://" PAGE_HOST, page->path, NULL);
  g_autofree char *logged = NULL;
  Served *served;
  guint guarded;
  gint64 id;

  source = clip_extract_read_file (file, NULL, &error);
  g_assert_no_error (error);
  html = add_extras (source);
  served = g_new0 (Served, 1);
  served->html = g_bytes_ref (html);
  served->content_type = content_type_for (html);
  g_hash_table_replace (sweep->site.pages, g_strdup (page->path), served);

  /* What `clippings-cli extract --base-url URI` prints for the same HTML:
   * the same core call, in this process, rather than a process per page. */
  expected = clip_extract_html (g_bytes_get_data (html, NULL), g_bytes_get_size (html), NULL, uri,
                                CLIP_EXTRACT_FLAGS_NONE, NULL, &error);

  g_free (take_log_lines ());
  g_clear_pointer (&sweep->crash, g_free);
  g_hash_table_remove_all (sweep->site.blocked_hosts);
  preview = capture_page (sweep, uri, seconds, why);
  if (preview == NULL && why->len == 0)
    {
      const char *message = clip_window_get_last_toast (sweep->window);

      const char *host = named_host (&sweep->site, message);

      /* An app that says what extract says about the same HTML is right;
       * so is one that followed the page's script to another host (that
       * this offline sweep does not serve) and says what it found there. */
      if (expected == NULL && error != NULL && g_strcmp0 (message, error->message) == 0)
        g_string_append_printf (notes, "no article, as extract says: %s; ", message);
      else if (host != NULL)
        {
          sweep->left++;
          g_string_append_printf (notes, "its own script sent it to %s, which this offline sweep does "
                                  "not serve, and the capture said so: %s; ", host, message);
        }
      else
        g_string_append_printf (why, "the capture failed: %s; ", message);
    }

  if (preview != NULL)
    {
      guarded = sweep->guard.blocked;
      gtk_widget_activate_action (GTK_WIDGET (sweep->window), "win.save-capture", NULL);
      id = clip_window_get_article_id (sweep->window);
      saved = id > 0 && clip_window_get_preview (sweep->window) == NULL
              ? clip_store_get_article (sweep->store, id, NULL) : NULL;
      if (saved == NULL)
        {
          g_string_append_printf (why, "not saved: %s; ", clip_window_get_last_toast (sweep->window));
          gtk_widget_activate_action (GTK_WIDGET (sweep->window), "win.discard-capture", NULL);
        }
      else
        {
          guint before = sweep->site.local + sweep->site.blocked;

          check_text (sweep, expected, saved, why, notes);
          check_views (sweep, saved, why);
          if (sweep->site.local + sweep->site.blocked != before)
            g_string_append_printf (notes, "the captured page went on making %u requests after its capture; ",
                                    sweep->site.local + sweep->site.blocked - before);
          if (sweep->guard.blocked != guarded)
            g_string_append_printf (why, "opening the saved clipping made %u network requests (last: %s); ",
                                    sweep->guard.blocked - guarded,
                                    (char *)g_ptr_array_index (sweep->guard.blocked_uris,
                                                               sweep->guard.blocked_uris->len - 1));
        }
    }

  if (sweep->crash != NULL)
    g_string_append_printf (why, "%s; ", sweep->crash);
  logged = take_log_lines ();
  if (logged != NULL)
    g_string_append_printf (why, "logged: %s; ", logged);

  g_hash_table_remove (sweep->site.pages, page->path);
  return why->len == 0;
}

static void
run_page (Sweep *sweep,
          Page  *page)
{
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  guint blocked = sweep->site.blocked;
  double seconds = 0;

  sweep->tried++;
  g_test_message ("%s: capturing http://%s%s", page->name, PAGE_HOST, page->path);
  if (sweep_page (sweep, page, why, notes, &seconds))
    sweep->passed++;
  else
    g_ptr_array_add (sweep->failures, g_strdup_printf ("%s: %s", page->name, why->str));

  if (seconds > sweep->slowest_seconds)
    {
      sweep->slowest_seconds = seconds;
      g_free (sweep->slowest);
      sweep->slowest = g_strdup (page->name);
    }

  g_test_message ("%s: %s in %.1f s, %u requests for other hosts blocked%s%s%s%s",
                  page->name, why->len == 0 ? "passed" : "FAILED", seconds,
                  sweep->site.blocked - blocked,
                  why->len > 0 ? "; " : "", why->str,
                  notes->len > 0 ? "; " : "", notes->str);
}

static GPtrArray *
corpus_pages (const char *shared)
{
  g_autofree char *readability = g_build_filename (shared, "corpus", "readability", NULL);
  g_autofree char *dragnet = g_build_filename (shared, "corpus", "dragnet", NULL);
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify)page_free);
  const char *sample = g_getenv ("CLIP_SWEEP_DRAGNET");

  add_corpus (pages, readability, "readability", "/r/", 0);
  add_corpus (pages, dragnet, "dragnet", "/d/", sample != NULL ? (guint)atoi (sample) : DRAGNET_SAMPLE);
  return pages;
}

static void
set_proxy (WebKitNetworkSession *session,
           const char           *proxy_uri)
{
  g_autoptr(WebKitNetworkProxySettings) settings = webkit_network_proxy_settings_new (proxy_uri, NULL);

  webkit_network_session_set_proxy_settings (session, WEBKIT_NETWORK_PROXY_MODE_CUSTOM, settings);
}

static gboolean
guard_asked (gpointer data)
{
  return ((Server *)data)->blocked > 0;
}

/* The guard counts what the article views' session asks for: a view of
 * that session without the article views' policies asks it once. */
static void
check_guard (Sweep                *sweep,
             WebKitNetworkSession *session)
{
  WebKitWebView *probe = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, NULL));

  webkit_web_view_load_uri (probe, "http://guard.invalid/");
  g_assert_true (clip_test_wait_until (guard_asked, &sweep->guard, 10 * 1000));
  webkit_web_view_stop_loading (probe);
  g_object_unref (probe);
  sweep->guard.blocked = 0;
}

/* The log writer sees what this process logs, as the pages will. */
static void
check_log_writer (void)
{
  g_autofree char *seen = NULL;

  g_free (take_log_lines ());
  g_warning ("The sweep checks that it sees warnings; this one is expected");
  seen = take_log_lines ();
  g_assert_nonnull (seen);
  g_assert_nonnull (strstr (seen, "this one is expected"));
}

static void
sweep_start (Sweep *sweep)
{
  WebKitWebView *article_view;

  check_log_writer ();
  server_start (&sweep->site);
  server_start (&sweep->guard);
  sweep->site.pages_by_name = TRUE;
  sweep->failures = g_ptr_array_new_with_free_func (g_free);
  start_app ();
  sweep->app = app;
  sweep->window = window;
  sweep->store = open_store ();

  clip_capture_set_proxy (clip_window_get_capture (sweep->window), sweep->site.base);
  clip_capture_set_timeout (clip_window_get_capture (sweep->window), CAPTURE_TIMEOUT_S);

  /* Every article view shares this session: any request it makes at
   * all goes to the guard, which counts it. */
  article_view = WEBKIT_WEB_VIEW (view ());
  set_proxy (webkit_web_view_get_network_session (article_view), sweep->guard.base);
  check_guard (sweep, webkit_web_view_get_network_session (article_view));
  g_signal_connect (article_view, "web-process-terminated", G_CALLBACK (web_process_terminated_cb), sweep);
}

static void
sweep_stop (Sweep *sweep)
{
  g_signal_handlers_disconnect_by_data (view (), sweep);
  g_clear_object (&sweep->store);
  stop_app ();
  sweep->app = NULL;
  sweep->window = NULL;
  server_stop (&sweep->site);
  server_stop (&sweep->guard);
  g_clear_pointer (&sweep->failures, g_ptr_array_unref);
  g_clear_pointer (&sweep->slowest, g_free);
  g_clear_pointer (&sweep->toast_before, g_free);
  g_clear_pointer (&sweep->crash, g_free);
}

/* The library holds every page's snapshot: it is not left behind. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
test_sweep (void)
{
  const char *shared = g_getenv ("CLIP_SHARED_DIR");
  g_autoptr(GPtrArray) pages = NULL;
  Sweep sweep = { 0 };
  gint64 start = g_get_monotonic_time ();
  guint failed;
  guint tried;

  pages = corpus_pages (shared != NULL ? shared : "../shared");
  if (pages->len == 0)
    {
      g_test_skip_printf ("No corpus pages under %s/corpus (readability, dragnet): nothing to sweep",
                          shared != NULL ? shared : "../shared");
      return;
    }

  sweep_start (&sweep);
  for (guint i = 0; i < pages->len; i++)
    run_page (&sweep, g_ptr_array_index (pages, i));

  for (guint i = 0; i < sweep.failures->len; i++)
    g_test_message ("failed: %s", (char *)g_ptr_array_index (sweep.failures, i));
  g_test_message ("sweep: tried=%u passed=%u exact=%u left-for-other-hosts=%u slowest=%s %.1fs total=%.0fs",
                  sweep.tried, sweep.passed, sweep.exact, sweep.left,
                  sweep.slowest ? sweep.slowest : "none", sweep.slowest_seconds,
                  (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
  failed = sweep.tried - sweep.passed;
  tried = sweep.tried;
  /* Before the verdict: a failed test ends the program there. */
  sweep_stop (&sweep);
  remove_tree (data_home);
  if (failed > 0)
    g_test_fail_printf ("%u of %u pages failed", failed, tried);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before anything logs: every warning and critical is recorded. */
  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (log_writer_cb, NULL, NULL);

  /* A library of its own, made before anything reads the environment. */
  data_home = g_dir_make_tmp ("clip-sweep-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  /* A warning or a critical fails the page it came from, and the run
   * goes on to the next page instead of ending there. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  gtk_init ();
  clip_application_choose_renderer ();

  g_test_add_func ("/sweep/pages", test_sweep);
  status = g_test_run ();
  remove_tree (data_home);
  return status;
}
