/* test-original.c: originals and snapshots as real pages leave them
 *
 * Real captures hold empty style sheets, images that failed, parts with
 * no type, the same address twice and sheets in legacy charsets. Each of
 * those must be served or skipped, never crash or reach the view as NULL
 * (G_DEBUG=fatal-criticals turns a critical into a failure here).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "clip-charset.h"
#include "clip-import.h"
#include "clip-original.h"
#include "clip-store.h"

#define BOUNDARY "----=_clip_test"
#define PAGE_URL "http://news.example/story.html"

typedef struct {
  const char *location;   /* or NULL: no Content-Location */
  const char *type;       /* the whole Content-Type value, or NULL: none */
  const char *encoding;   /* "binary", "quoted-printable", "base64" */
  const char *body;
  gsize length;           /* of body, for bodies with NULs */
} Part;

/* An MHTML snapshot as WebKit writes one, from its parts. */
static GBytes *
make_mhtml (const Part *parts,
            guint       n_parts)
{
  GString *out = g_string_new ("From: <Saved by WebKit>\r\n"
                               "Subject: Story\r\n"
                               "MIME-Version: 1.0\r\n"
                               "Content-Type: multipart/related;\r\n"
                               "\ttype=\"text/html\";\r\n"
                               "\tboundary=\"" BOUNDARY "\"\r\n\r\n");

  for (guint i = 0; i < n_parts; i++)
    {
      g_string_append (out, "--" BOUNDARY "\r\n");
      if (parts[i].type != NULL)
        g_string_append_printf (out, "Content-Type: %s\r\n", parts[i].type);
      g_string_append_printf (out, "Content-Transfer-Encoding: %s\r\n",
                              parts[i].encoding ? parts[i].encoding : "binary");
      if (parts[i].location != NULL)
        g_string_append_printf (out, "Content-Location: %s\r\n", parts[i].location);
      g_string_append (out, "\r\n");
      g_string_append_len (out, parts[i].body,
                           parts[i].length > 0 ? (gssize)parts[i].length : (gssize)strlen (parts[i].body));
      g_string_append (out, "\r\n");
    }
  g_string_append (out, "--" BOUNDARY "--\r\n");

  return g_string_free_to_bytes (out);
}

static const char page_html[] =
  "<!DOCTYPE html><html><head><title>Story</title>"
  "<link rel=\"stylesheet\" href=\"empty.css\">"
  "<link rel=\"stylesheet\" href=\"latin1.css\">"
  "<link rel=\"stylesheet\" href=\"twice.css\">"
  "</head><body><p>The harbour reopened on Monday.</p>"
  "<img src=\"failed.png\"><img src=\"untyped.bin\"></body></html>";

static ClipOriginal *
original_of (const Part *parts,
             guint       n_parts)
{
  g_autoptr(GBytes) mhtml = make_mhtml (parts, n_parts);
  g_autoptr(GError) error = NULL;
  ClipOriginal *original = clip_original_new (mhtml, "multipart/related", &error);

  g_assert_no_error (error);
  g_assert_nonnull (original);
  return original;
}

static guint
index_of (ClipOriginal *original,
          const char   *name)
{
  g_autofree char *url = g_strconcat ("http://news.example/", name, NULL);

  return clip_original_find (original, url);
}

static char *
resource_text (ClipOriginal *original,
               guint         index,
               char        **mime_type)
{
  g_autoptr(GBytes) bytes = clip_original_get_resource (original, index, "clip://original/1/", mime_type);
  gsize length = 0;
  const char *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &length);
  return g_strndup (data ? data : "", length);
}

/* The crash every real page hit: an empty style sheet. And with it the
 * rest of what captures hold. */
static void
test_real_parts (void)
{
  const Part parts[] = {
    { PAGE_URL, "text/html; charset=utf-8", "binary", page_html },
    { "http://news.example/empty.css", "text/css", "binary", "" },
    { "http://news.example/latin1.css", "text/css", "binary",
      "@charset \"iso-8859-1\";\r\nh1::after { content: \"caf\xe9\"; background: url(failed.png) }" },
    { "http://news.example/twice.css", "text/css", "binary", "" },
    { "http://news.example/twice.css", "text/css", "binary", "p { color: red }" },
    { "http://news.example/failed.png", "image/png", "base64", "" },
    { "http://news.example/untyped.bin", NULL, "binary", "GIF89a" },
    { NULL, "image/gif", "binary", "GIF89a" },
  };
  g_autoptr(ClipOriginal) original = original_of (parts, G_N_ELEMENTS (parts));
  g_autofree char *page = clip_original_render_page (original, "clip://original/1/");
  g_autofree char *empty_type = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *latin1 = NULL;
  g_autofree char *twice = NULL;
  g_autofree char *image_type = NULL;
  g_autofree char *image = NULL;
  g_autofree char *untyped_type = NULL;
  g_autofree char *untyped = NULL;

  g_assert_nonnull (strstr (page, "The harbour reopened on Monday."));

  empty = resource_text (original, index_of (original, "empty.css"), &empty_type);
  g_assert_cmpstr (empty, ==, "");
  g_assert_true (g_str_has_prefix (empty_type, "text/css"));

  latin1 = resource_text (original, index_of (original, "latin1.css"), NULL);
  g_assert_true (g_utf8_validate (latin1, -1, NULL));
  g_assert_nonnull (strstr (latin1, "caf\xc3\xa9"));
  /* The image it names failed, but was saved (empty): it is addressed. */
  g_assert_nonnull (strstr (latin1, "url(\"clip://original/1/"));

  /* Of two parts under one address, the one that holds something. */
  twice = resource_text (original, index_of (original, "twice.css"), NULL);
  g_assert_cmpstr (twice, ==, "p { color: red }");

  image = resource_text (original, index_of (original, "failed.png"), &image_type);
  g_assert_cmpstr (image, ==, "");
  g_assert_cmpstr (image_type, ==, "image/png");

  /* A part without a type is read as MIME says: text/plain. */
  untyped = resource_text (original, index_of (original, "untyped.bin"), &untyped_type);
  g_assert_cmpstr (untyped, ==, "GIF89a");
  g_assert_nonnull (untyped_type);

  g_assert_cmpuint (clip_original_find (original, NULL), ==, 0);
  g_assert_cmpuint (clip_original_find (original, "http://news.example/nowhere.css"), ==, 0);
  g_assert_null (clip_original_get_resource (original, 999, "clip://original/1/", NULL));
}

/* The page is the first HTML part wherever it stands; a snapshot with no
 * page at all shows an empty one. */
static void
test_page_not_first (void)
{
  const Part late[] = {
    { "http://news.example/a.png", "image/png", "binary", "PNG" },
    { PAGE_URL, "text/html", "binary", "<p>Late page text.</p><img src=\"a.png\">" },
  };
  const Part none[] = {
    { "http://news.example/a.png", "image/png", "binary", "PNG" },
  };
  const Part empty_page[] = {
    { PAGE_URL, "text/html", "binary", "" },
  };
  g_autoptr(ClipOriginal) with_late = original_of (late, G_N_ELEMENTS (late));
  g_autoptr(ClipOriginal) without = original_of (none, G_N_ELEMENTS (none));
  g_autoptr(ClipOriginal) empty = original_of (empty_page, G_N_ELEMENTS (empty_page));
  g_autofree char *late_page = clip_original_render_page (with_late, "p/");
  g_autofree char *no_page = clip_original_render_page (without, "p/");
  g_autofree char *empty_html = clip_original_render_page (empty, "p/");
  g_autofree char *png = resource_text (with_late, index_of (with_late, "a.png"), NULL);

  g_assert_nonnull (strstr (late_page, "Late page text."));
  g_assert_cmpstr (png, ==, "PNG");
  g_assert_nonnull (strstr (late_page, "src=\"p/"));
  g_assert_nonnull (strstr (no_page, "<body"));
  g_assert_nonnull (strstr (empty_html, "<body"));
}

/* A charset neither libxml2 nor iconv knows, and a page in a legacy one. */
static void
test_page_charsets (void)
{
  const Part bogus[] = {
    { PAGE_URL, "text/html; charset=x-no-such-charset", "binary", "<p>Bogus charset text.</p>" },
  };
  const Part latin1[] = {
    { PAGE_URL, "text/html; charset=iso-8859-1", "binary", "<p>Caf\xe9 society.</p>" },
  };
  g_autoptr(ClipOriginal) with_bogus = original_of (bogus, G_N_ELEMENTS (bogus));
  g_autoptr(ClipOriginal) with_latin1 = original_of (latin1, G_N_ELEMENTS (latin1));
  g_autofree char *bogus_page = clip_original_render_page (with_bogus, "p/");
  g_autofree char *latin1_page = clip_original_render_page (with_latin1, "p/");

  g_assert_nonnull (strstr (bogus_page, "Bogus charset text."));
  g_assert_true (g_utf8_validate (latin1_page, -1, NULL));
  g_assert_nonnull (strstr (latin1_page, "Caf"));
}

/* WebKit writes a DOM whose <atom:link> (a WordPress head's, its slash
 * ignored) holds the rest of the page: the page keeps it all. */
static void
test_prefixed_void_element (void)
{
  const Part page[] = {
    { PAGE_URL, "text/html; charset=utf-8", "binary",
      "<html><head></head><body><atom:link rel=\"hub\" href=\"/hub\"><cloud domain=\"example.org\">"
      "<h1>Feeds</h1><p>The whole story is in here.</p></cloud></atom:link></body></html>" },
  };
  g_autoptr(ClipOriginal) original = original_of (page, G_N_ELEMENTS (page));
  g_autofree char *html = clip_original_render_page (original, "p/");

  g_assert_nonnull (strstr (html, "The whole story is in here."));
}

/* Truncated, empty and not-MHTML snapshots fail with a message or give a
 * page; none crashes. */
static void
test_damaged_snapshots (void)
{
  const Part parts[] = {
    { PAGE_URL, "text/html", "binary", page_html },
    { "http://news.example/empty.css", "text/css", "binary", "body { color: blue }" },
  };
  g_autoptr(GBytes) whole = make_mhtml (parts, G_N_ELEMENTS (parts));
  gsize size = g_bytes_get_size (whole);

  for (gsize cut = 0; cut < size; cut += size / 40 + 1)
    {
      g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (whole, 0, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(ClipOriginal) original = clip_original_new (truncated, "multipart/related", &error);

      if (original == NULL)
        {
          g_assert_nonnull (error);
          continue;
        }
      g_free (clip_original_render_page (original, "p/"));
      for (guint i = 1; i < 4; i++)
        {
          g_autofree char *type = NULL;
          g_autoptr(GBytes) bytes = clip_original_get_resource (original, i, "p/", &type);
        }
    }
}

/* Empty originals of every kind. */
static void
test_empty_originals (void)
{
  const char * const types[] = { "text/plain", "text/html", "multipart/related", NULL };
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClipOriginal) original = clip_original_new (empty, types[i], &error);
      g_autofree char *page = NULL;

      if (original == NULL)
        {
          g_assert_nonnull (error);
          continue;
        }
      page = clip_original_render_page (original, "p/");
      g_assert_nonnull (strstr (page, "<body"));
    }
}

/* A snapshot file whose page part is empty is refused with a message. */
static void
test_import_empty_page (void)
{
  const Part parts[] = {
    { PAGE_URL, "text/html", "binary", "" },
    { "http://news.example/a.css", "text/css", "binary", "" },
  };
  g_autoptr(GBytes) mhtml = make_mhtml (parts, G_N_ELEMENTS (parts));
  g_autofree char *dir = g_dir_make_tmp ("clip-original-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.mhtml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (mhtml, NULL), g_bytes_get_size (mhtml), NULL));
  article = clip_import_file_with_assets (file, NULL, &assets, &error);
  g_assert_null (article);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "empty.mhtml"));
  g_unlink (path);
  g_rmdir (dir);
}

/* An empty asset and an empty original are stored as empty, not refused
 * as NULL. */
static void
test_store_empty_bytes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("clip-original-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clippings.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (path, &error);
  g_autoptr(ClipArticle) article = clip_article_new ();
  g_autoptr(ClipArticle) back = NULL;
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_asset_free);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  g_assert_no_error (error);
  clip_article_set_title (article, "Empty parts");
  clip_article_set_content_html (article, "<p>Text and <img src=\"http://news.example/a.png\"></p>");
  clip_article_set_original (article, empty, "text/html");
  g_ptr_array_add (assets, clip_asset_new ("http://news.example/a.png", "image/png", empty));
  g_assert_true (clip_store_add_article_with_assets (store, article, assets, &error));
  g_assert_no_error (error);

  back = clip_store_get_article (store, clip_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_nonnull (clip_article_get_original (back));
  g_assert_cmpuint (g_bytes_get_size (clip_article_get_original (back)), ==, 0);
  g_clear_object (&store);
}

/* A snapshot that names a script as its address and passes SVG off as a
 * picture: neither is kept. */
static void
test_import_hostile_snapshot (void)
{
  static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
  static const char gif[] = "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!"
                            "\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
  const Part parts[] = {
    { "javascript:alert(1)", "text/html", "binary",
      "<html><body><article><h1>Harbour</h1><p>The harbour reopened on Monday after a winter of repairs, "
      "and the ferry crossed again.</p><img src=\"http://news.example/a.gif\"><img src=\"http://news.example/b.svg\">"
      "<img src=\"http://news.example/c.png\"><p>Boats moored at the new quay until the autumn.</p></article></body></html>" },
    { "http://news.example/a.gif", "image/gif", "binary", gif, sizeof gif - 1 },
    { "http://news.example/b.svg", "image/x-svg+xml", "binary", svg },
    { "http://news.example/c.png", "image/png", "binary", svg },
  };
  g_autoptr(GBytes) mhtml = make_mhtml (parts, G_N_ELEMENTS (parts));
  g_autofree char *dir = g_dir_make_tmp ("clip-original-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hostile.mhtml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  const char *source;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (mhtml, NULL), g_bytes_get_size (mhtml), NULL));
  article = clip_import_file_with_assets (file, NULL, &assets, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  source = clip_article_get_source_url (article);
  g_test_message ("source: %s", source);
  g_assert_true (source == NULL || g_str_has_prefix (source, "file://") || g_str_has_prefix (source, "http"));
  g_assert_cmpuint (assets->len, ==, 1);
  g_assert_cmpstr (((ClipAsset *)g_ptr_array_index (assets, 0))->url, ==, "http://news.example/a.gif");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_charset_helpers (void)
{
  g_autofree char *none = clip_charset_to_utf8 (NULL, 0, NULL);
  g_autofree char *bom = clip_charset_to_utf8 ("\xef\xbb\xbfok", 5, "iso-8859-1");
  g_autofree char *bad = clip_charset_to_utf8 ("a\xff" "b", 3, NULL);
  g_autofree char *unknown = clip_charset_to_utf8 ("abc", 3, "x-nothing");
  g_autofree char *nul = clip_charset_to_utf8 ("a\0b", 3, "iso-8859-1");
  g_autofree char *declared = clip_charset_of_css ("@charset \"windows-1252\"; p{}", 27);
  g_autofree char *not_first = clip_charset_of_css (" @charset \"windows-1252\";", 25);
  g_autofree char *hostile = clip_charset_of_css ("@charset \"a;b\";", 15);

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (bom, ==, "ok");
  g_assert_cmpstr (bad, ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (unknown, ==, "abc");
  g_assert_true (g_utf8_validate (nul, -1, NULL));
  g_assert_cmpstr (declared, ==, "windows-1252");
  g_assert_null (not_first);
  g_assert_null (hostile);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/original/real-parts", test_real_parts);
  g_test_add_func ("/original/page-not-first", test_page_not_first);
  g_test_add_func ("/original/page-charsets", test_page_charsets);
  g_test_add_func ("/original/prefixed-void-element", test_prefixed_void_element);
  g_test_add_func ("/original/damaged-snapshots", test_damaged_snapshots);
  g_test_add_func ("/original/empty-originals", test_empty_originals);
  g_test_add_func ("/original/import-empty-page", test_import_empty_page);
  g_test_add_func ("/original/store-empty-bytes", test_store_empty_bytes);
  g_test_add_func ("/original/charset-helpers", test_charset_helpers);
  g_test_add_func ("/original/import-hostile-snapshot", test_import_hostile_snapshot);

  return g_test_run ();
}
