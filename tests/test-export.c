/* test-export.c: exports of annotated clippings, and W3C import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>

#include "clip-export.h"
#include "clip-pdf-info.h"
#include "clip-import.h"
#include "clip-text.h"

/* Everything that should never break out of its place. */
#define HOSTILE_TITLE "Mayor: \"No\" & <script>alert(1)</script> #1\n- yes: null — Zoë 東京"
#define HOSTILE_NOTE "Check <script>alert(\"x\")</script> & 'this'\nsecond line: null, {braces} 100% $5 #x_y ^~\\"
#define SITE "The Test & Wire"
#define URL "https://example.com/news/1?a=1&b=2"

typedef struct {
  char *dir;
  ClipStore *store;
  gint64 hostile;
  gint64 plain;
  GArray *ids;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static ClipAnnotation *
annotate (ClipStore          *store,
          gint64              article_id,
          ClipAnnotationKind  kind,
          const char         *quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_store_get_article (store, article_id, &error);
  const char *text = clip_article_get_text (article);
  const char *at = strstr (text, quote);
  glong start;
  ClipAnnotation *annotation;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  annotation = clip_annotation_new_for_range (kind, text, start, start + g_utf8_strlen (quote, -1));
  g_assert_nonnull (annotation);
  clip_annotation_set_article_id (annotation, article_id);
  return annotation;
}

static void
save (ClipStore      *store,
      ClipAnnotation *annotation)
{
  g_autoptr(GError) error = NULL;

  clip_store_add_annotation (store, annotation, &error);
  g_assert_no_error (error);
}

static char *
hostile_content (void)
{
  g_autoptr(ClipContentBuilder) builder = clip_content_builder_new ();

  clip_content_builder_add (builder, "p", "The mayor said “we will rebuild” on Monday in Tōkyō.");
  clip_content_builder_add (builder, "h2", "# Not a heading *or* _emphasis_");
  clip_content_builder_add (builder, "p", "- not a list, 1. not a list, <script>alert(2)</script> & [link](x) ==mark==");
  clip_content_builder_add (builder, "blockquote", "Budgets are 100% $5 #tags_and ^carets~.");
  clip_content_builder_add (builder, "p", "Ana Ruiz spoke last. The harbour reopened.");
  return clip_content_builder_free_to_html (g_steal_pointer (&builder));
}

static gint64
add_hostile (ClipStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_article_new ();
  g_autofree char *html = hostile_content ();
  const char * const tags[] = { "yes", "- dash", "<b>tag</b>", "quote\"tag", "Ünï", NULL };

  clip_article_set_title (article, HOSTILE_TITLE);
  clip_article_set_byline (article, "By Zoë O'Brien and Li Wei");
  clip_article_set_site_name (article, SITE);
  clip_article_set_source_url (article, URL);
  clip_article_set_published (article, "2024-05-01T10:00");
  clip_article_set_captured_at (article, "2024-05-02T08:30:00Z");
  clip_article_set_lang (article, "en");
  clip_article_set_content_html (article, html);
  clip_store_add_article (store, article, &error);
  g_assert_no_error (error);
  clip_store_set_article_tags (store, clip_article_get_id (article), tags, &error);
  g_assert_no_error (error);
  return clip_article_get_id (article);
}

static void
annotate_hostile (ClipStore *store,
                  gint64     id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipAnnotation) highlight = annotate (store, id, CLIP_ANNOTATION_HIGHLIGHT, "said “we will rebuild”");
  g_autoptr(ClipAnnotation) quote = annotate (store, id, CLIP_ANNOTATION_QUOTE, "we will rebuild");
  g_autoptr(ClipAnnotation) entity = annotate (store, id, CLIP_ANNOTATION_ENTITY, "Ana Ruiz");
  g_autoptr(ClipAnnotation) special = annotate (store, id, CLIP_ANNOTATION_HIGHLIGHT, "<script>alert(2)</script> &");
  g_autoptr(ClipAnnotation) orphan = clip_annotation_new (CLIP_ANNOTATION_NOTE);
  g_autoptr(ClipEntity) ruiz = clip_store_ensure_entity (store, "Ana Ruiz", "person", &error);
  const char * const tags[] = { "no", "#hash", "a,b", "null", NULL };

  clip_annotation_set_color (highlight, 2);
  clip_annotation_set_note (highlight, HOSTILE_NOTE);
  clip_annotation_set_tags (highlight, tags);
  save (store, highlight);

  clip_annotation_set_speaker (quote, clip_entity_get_id (ruiz), "Ana Ruiz");
  clip_annotation_set_quote_status (quote, "verified");
  save (store, quote);

  clip_annotation_set_entity (entity, clip_entity_get_id (ruiz), "Ana Ruiz", "person");
  save (store, entity);

  clip_annotation_set_color (special, 4);
  save (store, special);

  clip_annotation_set_article_id (orphan, id);
  clip_annotation_set_quote (orphan, "a sentence that was edited away", "before ", " after");
  clip_annotation_set_position (orphan, 3, 34);
  clip_annotation_set_note (orphan, "Lost note");
  clip_annotation_set_orphaned (orphan, TRUE);
  save (store, orphan);
}

static gint64
add_plain (ClipStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_article_new ();
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_asset_free);
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n", 6);
  g_autoptr(ClipAnnotation) highlight = NULL;

  clip_article_set_title (article, "Plain page");
  clip_article_set_content_html (article,
                                 "<p>See <a href=\"https://example.org/report\">the report</a> here.</p>\n\n"
                                 "<figure><img src=\"https://example.org/a.png\" alt=\"A chart\">"
                                 "<figcaption>A caption.</figcaption></figure>\n\n"
                                 "<ul><li>First point</li>\n\n<li>Second point</li></ul>\n\n"
                                 "<p><img src=\"https://tracker.example.net/pixel.gif\" alt=\"\">After.</p>");
  g_ptr_array_add (assets, clip_asset_new ("https://example.org/a.png", "image/png", png));
  clip_store_add_article_with_assets (store, article, assets, &error);
  g_assert_no_error (error);

  highlight = annotate (store, clip_article_get_id (article), CLIP_ANNOTATION_HIGHLIGHT, "report here");
  save (store, highlight);
  return clip_article_get_id (article);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("clip-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "library.db", NULL);
  f->store = clip_store_open (path, &error);
  g_assert_no_error (error);

  f->hostile = add_hostile (f->store);
  annotate_hostile (f->store, f->hostile);
  f->plain = add_plain (f->store);
  f->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (f->ids, f->hostile);
  g_array_append_val (f->ids, f->plain);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_array_unref (f->ids);
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
export_one (ClipStore        *store,
            gint64            id,
            ClipExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GBytes) bytes = NULL;
  const ClipExportOptions options = { NULL, FALSE, "2025-01-02T03:04:05Z" };

  g_array_append_val (ids, id);
  bytes = clip_export_to_bytes (store, ids, format, &options, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
export_all (Fixture          *f,
            ClipExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = clip_export_to_bytes (f->store, f->ids, format, NULL, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_format_names (void)
{
  static const char * const names[] = { "md", "html", "jsonld", "csv", "ris", "bibtex", "csljson" };
  ClipExportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (clip_export_format_from_string (names[i], &format));
      g_assert_cmpstr (clip_export_format_to_string (format), ==, names[i]);
    }
  g_assert_false (clip_export_format_from_string ("pdf", &format));
  g_assert_false (clip_export_format_from_string ("", &format));
  g_assert_false (clip_export_format_from_string (NULL, &format));
}

static void
assert_safe_name (const char *title)
{
  g_autofree char *name = clip_export_safe_filename (title, "md");

  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_null (strchr (name, '/'));
  g_assert_null (strchr (name, '\\'));
  g_assert_cmpint (name[0], !=, '.');
  g_assert_cmpint (name[0], !=, ' ');
  g_assert_true (g_str_has_suffix (name, ".md"));
  g_assert_cmpuint (strlen (name), <=, 80 + strlen (".md"));
  g_assert_cmpuint (strlen (name), >, strlen (".md"));
  for (const char *p = name; *p != '\0'; p++)
    g_assert_cmpint ((guchar)*p, >=, 0x20);
  /* Obsidian refuses these in a note's name: its links use them. */
  g_assert_null (strpbrk (name, "#|[]^"));
}

static void
test_safe_filename (void)
{
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autofree char *name = NULL;

  for (guint i = 0; i < 60; i++)
    g_string_append (long_title, "東京");

  assert_safe_name ("../../etc/passwd");
  assert_safe_name ("..");
  assert_safe_name ("");
  assert_safe_name (NULL);
  assert_safe_name ("\x01\x02\n\t");
  assert_safe_name (".hidden: a/b\\c <d> \"e\" |f| ?*");
  assert_safe_name (long_title->str);
  assert_safe_name (HOSTILE_TITLE);
  assert_safe_name ("\xff\xfe broken UTF-8");

  name = clip_export_safe_filename ("Harbour reopens", "md");
  g_assert_cmpstr (name, ==, "Harbour reopens.md");
  g_free (name);
  name = clip_export_safe_filename ("#1 [live] a|b ^up", "md");
  g_assert_cmpstr (name, ==, "1 live a b up.md");
  g_free (name);
  name = clip_export_safe_filename ("", NULL);
  g_assert_cmpstr (name, ==, "clipping");
}

static char *
run_python (const char *script_args[],
            int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "test-export-formats.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *errors = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, (gpointer)"python3");
  g_ptr_array_add (argv, script);
  for (guint i = 0; script_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)script_args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &errors, status, &error);
  g_assert_no_error (error);
  if (errors != NULL && errors[0] != '\0')
    g_test_message ("%s", errors);
  return out;
}

/* The checks that need a YAML reader, cmark, JSON Schema or Python's csv
 * module run in tests/test-export-formats.py; 77 means it cannot run. */
static gboolean
python_check (const char *mode,
              const char *path,
              const char *extra)
{
  const char *args[] = { mode, path, extra, NULL };
  g_autofree char *out = NULL;
  int status = 0;

  out = run_python (args, &status);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip (out);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed:\n%s", mode, path, out);
  return TRUE;
}

static char *
write_temp (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_markdown (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *md = export_one (f->store, f->hostile, CLIP_EXPORT_MARKDOWN);
  g_autofree char *path = write_temp (f, "hostile.md", md);
  g_autofree char *all = export_all (f, CLIP_EXPORT_MARKDOWN);
  g_autofree char *all_path = write_temp (f, "all.md", all);

  g_test_message ("%s", md);
  /* One front matter block, then the body. */
  g_assert_true (g_str_has_prefix (md, "---\n"));
  g_assert_cmpuint (count (md, "\n---\n"), ==, 1);
  /* pandoc reads the title as Markdown: the tags are escaped there,
   * and the alias keeps the title as it is. */
  g_assert_nonnull (strstr (md, "title: \"Mayor: \\\"No\\\" & \\\\<script>alert(1)\\\\</script> #1\\n- yes: null — Zoë 東京\"\n"));
  g_assert_nonnull (strstr (md, "aliases:\n  - \"Mayor: \\\"No\\\" & <script>alert(1)</script> #1\\n- yes: null — Zoë 東京\"\n"));
  g_assert_nonnull (strstr (md, "author:\n  - \"Zoë O'Brien\"\n  - \"Li Wei\"\n"));
  g_assert_nonnull (strstr (md, "published: 2024-05-01\n"));
  g_assert_nonnull (strstr (md, "people:\n  - \"Ana Ruiz\"\n"));
  g_assert_nonnull (strstr (md, "## Highlights"));
  g_assert_nonnull (strstr (md, "\n## Quotes\n\n- “we will rebuild” — Ana Ruiz (verified)\n"));
  g_assert_nonnull (strstr (md, "\n## Entities\n\n- Ana Ruiz (person): “Ana Ruiz”\n"));
  g_assert_nonnull (strstr (md, "\n## Notes\n\n- “a sentence that was edited away”\n  - Note: Lost note\n"));
  /* The note keeps its line break; no character offsets. */
  g_assert_nonnull (strstr (md, "\\& 'this'  \n    second line"));
  g_assert_null (strstr (md, "characters"));
  /* The highlight, its colour meaning, speaker and note. */
  g_assert_nonnull (strstr (md, "==said “we will rebuild”=="));
  g_assert_nonnull (strstr (md, "Fact to check"));
  g_assert_nonnull (strstr (md, "Ana Ruiz (verified)"));
  g_assert_nonnull (strstr (md, "not found in the current text"));
  /* In the article: the mark, and text that cannot become structure. */
  g_assert_nonnull (strstr (md, "The mayor ==said “we will rebuild”== on Monday"));
  g_assert_nonnull (strstr (md, "\\- not a list, 1. not a list, ==\\<script\\>alert(2)\\</script\\> \\&== \\[link\\](x)"));
  g_assert_nonnull (strstr (md, "### \\# Not a heading \\*or\\* \\_emphasis\\_"));
  g_assert_nonnull (strstr (md, "\\=\\=mark\\=\\="));
  g_assert_null (strstr (md, "<script>alert(2)"));

  if (python_check ("check-md", path, "hostile"))
    python_check ("check-md", all_path, "all");
}

static void
test_markdown_structure (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *md = export_one (f->store, f->plain, CLIP_EXPORT_MARKDOWN);

  g_test_message ("%s", md);
  g_assert_nonnull (strstr (md, "See [the ==report==](https://example.org/report)== here=="));
  g_assert_nonnull (strstr (md, "- First point\n- Second point"));
  /* A web image that was never saved is a plain link, not an embed
   * (opening the file fetches nothing); no clip:// address leaks. */
  g_assert_null (strstr (md, "clip://"));
  g_assert_nonnull (strstr (md, "[image](https://tracker.example.net/pixel.gif)After."));
  g_assert_null (strstr (md, "![](https://"));
}

/* Math (kept as MathML at import) goes out as MathML in HTML and as raw
 * MathML in Markdown; a mark after it is still on its words. */
static void
test_math (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_article_new ();
  g_autoptr(ClipAnnotation) after = NULL;
  g_autofree char *html = NULL;
  g_autofree char *md = NULL;

  clip_article_set_title (article, "Sway");
  clip_article_set_content_html (article,
                                 "<p>The frequency <math display=\"block\"><mi>f</mi><mo>=</mo>"
                                 "<msup><mi>k</mi><mn>2</mn></msup></math> sets the sway of the span.</p>");
  clip_store_add_article (f->store, article, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_text (article), ==, "The frequency f=k2 sets the sway of the span.");
  after = annotate (f->store, clip_article_get_id (article), CLIP_ANNOTATION_HIGHLIGHT, "sets the sway");
  save (f->store, after);

  html = export_one (f->store, clip_article_get_id (article), CLIP_EXPORT_HTML);
  md = export_one (f->store, clip_article_get_id (article), CLIP_EXPORT_MARKDOWN);
  g_test_message ("%s\n%s", html, md);
  g_assert_nonnull (strstr (html, "<math display=\"block\"><mi>f</mi><mo>=</mo><msup><mi>k</mi><mn>2</mn></msup></math>"));
  g_assert_nonnull (strstr (md, "The frequency <math display=\"block\"><mi>f</mi><mo>&#61;</mo>"
                                "<msup><mi>k</mi><mn>2</mn></msup></math> ==sets the sway== of the span."));
}

/* A URL that runs or renders a page when opened: at the start of a word
 * (an attribute, a link, a field), whatever its case. */
static gboolean
has_active_url (const char *out)
{
  static const char * const schemes[] = { "javascript:", "vbscript:", "data:text/html", NULL };
  g_autofree char *lower = g_ascii_strdown (out, -1);

  for (guint i = 0; schemes[i] != NULL; i++)
    for (const char *p = strstr (lower, schemes[i]); p != NULL; p = strstr (p + 1, schemes[i]))
      if (p == lower || !g_ascii_isalnum (p[-1]))
        {
          g_test_message ("active URL at: %.60s", p);
          return TRUE;
        }
  return FALSE;
}

/* Every attribute of the HTML export: no script URL, no remote image. */
static void
check_html_urls (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        {
          g_autofree char *value = (char *)xmlNodeGetContent ((xmlNode *)attr);

          g_assert_false (has_active_url (g_strstrip (value)));
          if (g_str_equal ((const char *)attr->name, "src"))
            g_assert_true (g_str_has_prefix (value, "data:image/"));
        }
      g_assert_false (g_str_has_prefix ((const char *)node->name, "on"));
      check_html_urls (node->children);
    }
}

/* A page with script URLs in every place a page can put one, MathML
 * with a Markdown link in its text, remote images (one made absolute
 * by a <base> in the body) and a stored source that is a script URL
 * (as an older version could keep): no export may carry any of it. */
static void
test_hostile_page (Fixture       *f,
                   gconstpointer  data)
{
  static const ClipExportFormat formats[] = {
    CLIP_EXPORT_MARKDOWN, CLIP_EXPORT_HTML, CLIP_EXPORT_JSONLD, CLIP_EXPORT_CSV,
    CLIP_EXPORT_RIS, CLIP_EXPORT_BIBTEX, CLIP_EXPORT_CSLJSON,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "export-hostile.html", NULL);
  g_autofree char *page = NULL;
  gsize length;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(ClipAnnotation) highlight = NULL;
  g_autofree char *md = NULL;
  g_autofree char *md_path = NULL;
  gint64 id;

  g_file_get_contents (path, &page, &length, &error);
  g_assert_no_error (error);
  article = clip_import_html (page, length, "file:///tmp/export-hostile.html", &error);
  g_assert_no_error (error);
  clip_article_set_source_url (article, "javascript:alert(10)");
  clip_store_add_article (f->store, article, &error);
  g_assert_no_error (error);
  id = clip_article_get_id (article);
  highlight = annotate (f->store, id, CLIP_ANNOTATION_HIGHLIGHT, "a link after");
  clip_annotation_set_note (highlight, "see https://ok.example/c");
  save (f->store, highlight);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = export_one (f->store, id, formats[i]);

      g_test_message ("%s:\n%s", clip_export_format_to_string (formats[i]), out);
      if (formats[i] == CLIP_EXPORT_HTML)
        {
          xmlNode *root = NULL;
          htmlDocPtr doc = htmlReadMemory (out, strlen (out), NULL, "UTF-8",
                                           HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

          root = xmlDocGetRootElement (doc);
          g_assert_nonnull (root);
          check_html_urls (root);
          g_assert_null (strstr (out, "<img"));
          xmlFreeDoc (doc);
        }
      else
        g_assert_false (has_active_url (out));
      g_assert_null (strstr (out, "tracker.example/pixel.gif\""));
    }

  md = export_one (f->store, id, CLIP_EXPORT_MARKDOWN);
  /* The math's text shows as written and builds no link; the images,
   * never saved, are plain links that fetch nothing. */
  g_assert_nonnull (strstr (md, "<mtext>&#93;&#40;javascript&#58;alert&#40;5&#41;&#41; &#91;y</mtext>"));
  g_assert_nonnull (strstr (md, "<mi>x</mi>"));
  g_assert_nonnull (strstr (md, "[image: pixel](https://tracker.example/pixel.gif)"));
  g_assert_nonnull (strstr (md, "[image: A photo](https://cdn.example/photo.jpg)"));
  g_assert_null (strstr (md, "!["));
  g_assert_null (strstr (md, "<img"));
  md_path = write_temp (f, "hostile-page.md", md);
  python_check ("check-md-safe", md_path, "0");
}

/* Saved images go into the attachments folder, once each, and the
 * Markdown embeds them from there; without a folder (standard output)
 * they are plain links to where they were saved from. */
static void
test_markdown_attachments (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_export_attachment_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ClipExportOptions options = { NULL, FALSE, "2025-01-02T03:04:05Z", "Plain page", attachments };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *md = NULL;
  g_autofree char *plain = export_one (f->store, f->plain, CLIP_EXPORT_MARKDOWN);
  g_autofree char *saved = NULL;
  g_autofree char *dir_name = NULL;
  g_autofree char *md_path = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);
  ClipExportAttachment *attachment;
  gsize length;

  /* The same clipping twice: its image is written once. */
  g_array_append_val (ids, f->plain);
  g_array_append_val (ids, f->plain);
  bytes = clip_export_to_bytes (f->store, ids, CLIP_EXPORT_MARKDOWN, &options, &error);
  g_assert_no_error (error);
  md = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_test_message ("%s", md);
  g_assert_cmpuint (attachments->len, ==, 1);
  attachment = g_ptr_array_index (attachments, 0);
  g_assert_cmpstr (attachment->path, ==, "Plain page/1.png");
  g_assert_cmpstr (attachment->mime_type, ==, "image/png");
  g_assert_cmpuint (count (md, "![A chart](Plain%20page/1.png)"), ==, 2);
  g_assert_nonnull (strstr (md, "[image](https://tracker.example.net/pixel.gif)"));

  clip_export_save_attachments (attachments, dir, FALSE, NULL, &error);
  g_assert_no_error (error);
  md_path = g_build_filename (f->dir, "Plain page", "1.png", NULL);
  g_file_get_contents (md_path, &saved, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (saved, length, "\x89PNG\r\n", 6);
  /* Not over an existing file unless asked. */
  g_assert_false (clip_export_save_attachments (attachments, dir, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (clip_export_save_attachments (attachments, dir, TRUE, NULL, &error));
  g_assert_no_error (error);

  /* Standard output: a plain link to the address it was saved from. */
  g_assert_nonnull (strstr (plain, "[image: A chart](https://example.org/a.png)"));
  g_assert_null (strstr (plain, "!["));

  dir_name = clip_export_attachments_dir_for ("/tmp/x/notes.md");
  g_assert_cmpstr (dir_name, ==, "notes");
  g_free (dir_name);
  dir_name = clip_export_attachments_dir_for (".md");
  g_assert_cmpstr (dir_name, ==, "attachments");
}

/* Cells a spreadsheet would run as formulas are text; numbers stay. */
static void
test_csv_formulas (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const notes[] = {
    "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
    "\t=1", "\r=1", "-5", "fine = ok",
  };
  static const char * const cells[] = {
    "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "'+1+cmd|' /C calc'!A0", "'-2+3",
    "'@SUM(A1)", "'\t=1", "\"'\r=1\"", ",-5,", ",fine = ok,",
  };
  g_autofree char *csv = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autoptr(ClipAnnotation) note = annotate (f->store, f->plain, CLIP_ANNOTATION_HIGHLIGHT, "First point");

      clip_annotation_set_note (note, notes[i]);
      save (f->store, note);
    }
  csv = export_one (f->store, f->plain, CLIP_EXPORT_CSV);
  g_test_message ("%s", csv);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_assert_nonnull (strstr (csv, cells[i]));
  g_assert_null (strstr (csv, ",=HYPERLINK"));
  g_assert_null (strstr (csv, ",@SUM"));
}

static void
check_html_node (xmlNode    *node,
                 guint      *n_marks,
                 GString    *text)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          g_assert_cmpstr ((const char *)node->name, !=, "script");
          g_assert_cmpstr ((const char *)node->name, !=, "iframe");
          g_assert_cmpstr ((const char *)node->name, !=, "link");
          if (g_str_equal ((const char *)node->name, "mark"))
            (*n_marks)++;
          for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
            {
              g_autofree char *value = (char *)xmlGetProp (node, attr->name);
              const char *name = (const char *)attr->name;

              g_assert_false (g_ascii_strncasecmp (name, "on", 2) == 0);
              if (g_str_equal (name, "src"))
                g_assert_true (g_str_has_prefix (value, "data:image/"));
              if (g_str_equal (name, "href"))
                g_assert_true (g_str_has_prefix (value, "#"));
              g_assert_null (strstr (value, "http"));
            }
        }
      if (node->type == XML_TEXT_NODE)
        g_string_append (text, (const char *)node->content);
      check_html_node (node->children, n_marks, text);
    }
}

static void
test_html (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *html = export_all (f, CLIP_EXPORT_HTML);
  htmlDocPtr doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_marks = 0;

  g_test_message ("%s", html);
  g_assert_nonnull (doc);
  check_html_node (xmlDocGetRootElement (doc), &n_marks, text);
  xmlFreeDoc (doc);
  /* Several clippings: the page is "Clippings", each article has its
   * own language. */
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html>\n"));
  g_assert_nonnull (strstr (html, "<title>Clippings</title>"));
  {
    g_autofree char *one = export_one (f->store, f->hostile, CLIP_EXPORT_HTML);

    /* One clipping: its title, language and authors. */
    g_assert_true (g_str_has_prefix (one, "<!DOCTYPE html>\n<html lang=\"en\">\n"));
    g_assert_nonnull (strstr (one, "<title>Mayor: &quot;No&quot; &amp; &lt;script&gt;"));
    g_assert_nonnull (strstr (one, "<meta name=\"author\" content=\"Zoë O&#39;Brien\">\n"
                                   "<meta name=\"author\" content=\"Li Wei\">\n"));
  }

  /* Every user string comes back as the same text. */
  g_assert_nonnull (strstr (text->str, HOSTILE_TITLE));
  g_assert_nonnull (strstr (text->str, HOSTILE_NOTE));
  g_assert_nonnull (strstr (text->str, "<script>alert(2)</script> & [link](x)"));
  g_assert_nonnull (strstr (text->str, "<b>tag</b>"));
  g_assert_nonnull (strstr (text->str, "Fact to check"));
  g_assert_nonnull (strstr (text->str, "(https://example.org/report)"));
  /* And never as markup. */
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<b>"));
  /* Marks for the five placed annotations (the quote inside the
   * highlight splits it), the stored image inline, footnotes linked. */
  g_assert_cmpuint (n_marks, >=, 5);
  g_assert_nonnull (strstr (html, "<img src=\"data:image/png;base64,iVBORw0K\" alt=\"A chart\">"));
  g_assert_nonnull (strstr (html, "href=\"#c1-fn1\""));
  g_assert_nonnull (strstr (html, "id=\"c1-fn1\""));
}

static char *
shared_path (const char *first,
             ...)
{
  const char *shared = g_getenv ("CLIP_SHARED_DIR");
  g_autofree char *base = NULL;
  va_list args;
  char *path;

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    return NULL;
  base = g_build_filename (shared, first, NULL);
  va_start (args, first);
  path = g_build_filename_valist (base, &args);
  va_end (args);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_clear_pointer (&path, g_free);
  return path;
}

static void
test_jsonld_schema (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *json = export_all (f, CLIP_EXPORT_JSONLD);
  g_autofree char *path = write_temp (f, "all.jsonld", json);
  g_autofree char *schemas = shared_path ("w3c-annotation", NULL);

  g_test_message ("%s", json);
  if (schemas == NULL)
    {
      g_test_skip ("CLIP_SHARED_DIR/w3c-annotation is not there");
      return;
    }
  python_check ("check-jsonld", path, schemas);
}

/* The annotations of an export, without what a new library renumbers. */
static JsonArray *
exported_annotations (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *items;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "AnnotationCollection");
  items = json_object_get_array_member (json_object_get_object_member (root, "first"), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      json_object_remove_member (item, "id");
      json_object_remove_member (item, "created");
    }
  return json_array_ref (items);
}

static ClipStore *
copy_articles (Fixture    *f,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  ClipStore *other = clip_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < f->ids->len; i++)
    {
      g_autoptr(ClipArticle) article = clip_store_get_article (f->store, g_array_index (f->ids, gint64, i), &error);

      g_assert_no_error (error);
      clip_article_set_id (article, 0);
      clip_store_add_article (other, article, &error);
      g_assert_no_error (error);
    }
  return other;
}

static void
test_jsonld_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = export_all (f, CLIP_EXPORT_JSONLD);
  g_autoptr(ClipStore) other = copy_articles (f, "other.db");
  g_auto(ClipAnnotationImportReport) report = { 0 };
  g_autoptr(GBytes) second = NULL;
  g_autoptr(JsonArray) before = NULL;
  g_autoptr(JsonArray) after = NULL;
  g_autoptr(JsonNode) before_node = NULL;
  g_autoptr(JsonNode) after_node = NULL;
  g_autofree char *second_text = NULL;

  clip_annotation_import_report_init (&report);
  g_assert_true (clip_import_annotations (other, first, -1, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 5);
  g_assert_cmpuint (report.orphaned, ==, 1);
  g_assert_cmpuint (report.skipped, ==, 0);
  g_assert_cmpuint (report.invalid, ==, 0);

  second = clip_export_to_bytes (other, f->ids, CLIP_EXPORT_JSONLD, NULL, &error);
  g_assert_no_error (error);
  second_text = g_strndup (g_bytes_get_data (second, NULL), g_bytes_get_size (second));

  before = exported_annotations (first);
  after = exported_annotations (second_text);
  before_node = json_node_init_array (json_node_alloc (), before);
  after_node = json_node_init_array (json_node_alloc (), after);
  if (!json_node_equal (before_node, after_node))
    g_error ("Round trip differs:\n%s\n---\n%s", first, second_text);

  /* Importing the same file again adds nothing. */
  clip_annotation_import_report_clear (&report);
  clip_annotation_import_report_init (&report);
  g_assert_true (clip_import_annotations (other, first, -1, &report, &error));
  g_assert_cmpuint (report.imported, ==, 0);
  g_assert_cmpuint (report.skipped, ==, 6);
}

/* A library with the pages the W3C samples point at, so that only
 * validation can keep a bad annotation out. */
static ClipStore *
sample_library (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "samples.db", NULL);
  ClipStore *store = clip_store_open (path, &error);
  const char * const urls[] = {
    "http://example.org/post1", "http://example.com/page1", "http://example.org/target",
    "http://example.org/page1", "http://example.org/ebook1", "http://example.org/page2", NULL,
  };

  g_assert_no_error (error);
  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(ClipArticle) article = clip_article_new ();

      clip_article_set_title (article, urls[i]);
      clip_article_set_source_url (article, urls[i]);
      clip_article_set_content_html (article, "<p>Some text with a quote from the page.</p>");
      clip_store_add_article (store, article, &error);
      g_assert_no_error (error);
    }
  return store;
}

static void
import_samples (Fixture    *f,
                const char *kind,
                gboolean    correct)
{
  g_autofree char *dir_path = shared_path ("w3c-annotation", "samples", kind, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(ClipStore) store = NULL;
  const char *name;
  guint n = 0;

  if (dir_path == NULL)
    {
      g_test_skip ("CLIP_SHARED_DIR/w3c-annotation is not there");
      return;
    }
  store = sample_library (f);
  dir = g_dir_open (dir_path, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(ClipAnnotationImportReport) report = { 0 };
      gboolean ok;

      g_file_get_contents (path, &contents, NULL, &error);
      g_assert_no_error (error);
      /* Most samples also have two ids: with one, their other fault
       * must still be found. */
      if (!correct && strstr (contents, "[\"http://example.org/1\", \"http://example.org/2\"]") != NULL &&
          strstr (contents, "multiple identifiers") == NULL)
        {
          g_autoptr(GString) one_id = g_string_new (contents);

          g_string_replace (one_id, "[\"http://example.org/1\", \"http://example.org/2\"]",
                            "\"http://example.org/1\"", 1);
          g_free (contents);
          contents = g_string_free (g_steal_pointer (&one_id), FALSE);
        }
      clip_annotation_import_report_init (&report);
      ok = clip_import_annotations (store, contents, -1, &report, &error);
      g_test_message ("%s: %s, %s", name, ok ? "read" : error->message,
                      report.messages->len > 0 ? (char *)g_ptr_array_index (report.messages, 0) : "");
      n++;
      if (correct)
        {
          g_assert_true (ok);
          g_assert_cmpuint (report.invalid, ==, 0);
          continue;
        }
      /* Refused with a reason, and nothing of it stored. */
      if (ok)
        {
          g_assert_cmpuint (report.invalid, >, 0);
          g_assert_cmpuint (report.messages->len, >, 0);
          g_assert_cmpuint (report.imported + report.orphaned, ==, 0);
        }
      else
        g_assert_cmpstr (error->message, !=, "");
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_import_incorrect (Fixture       *f,
                       gconstpointer  data)
{
  import_samples (f, "incorrect", FALSE);
}

static void
test_import_correct (Fixture       *f,
                     gconstpointer  data)
{
  import_samples (f, "correct", TRUE);
}

static void
test_import_partial (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(ClipAnnotationImportReport) report = { 0 };
  const char *json =
    "[{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"id\": \"urn:x:1\", \"type\": \"Annotation\","
    " \"bodyValue\": \"Hypothesis-style note\","
    " \"target\": {\"source\": \"" URL "\", \"selector\": {\"type\": \"TextQuoteSelector\","
    " \"exact\": \"harbour reopened\"}}},"
    " {\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"id\": \"not an iri\", \"type\": \"Annotation\","
    " \"target\": \"" URL "\"},"
    " {\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"id\": \"urn:x:3\", \"type\": \"Annotation\","
    " \"target\": {\"source\": \"https://elsewhere.example/\", \"selector\": {\"type\": \"TextQuoteSelector\","
    " \"exact\": \"x\"}}},"
    " 42]";
  g_autoptr(GPtrArray) annotations = NULL;

  clip_annotation_import_report_init (&report);
  g_assert_true (clip_import_annotations (f->store, json, -1, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 1);
  g_assert_cmpuint (report.invalid, ==, 2);
  g_assert_cmpuint (report.skipped, ==, 1);

  annotations = clip_store_list_annotations (f->store, f->hostile, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    if (g_strcmp0 (clip_annotation_get_note (g_ptr_array_index (annotations, i)), "Hypothesis-style note") == 0)
      {
        g_assert_cmpstr (clip_annotation_get_exact (g_ptr_array_index (annotations, i)), ==, "harbour reopened");
        return;
      }
  g_assert_not_reached ();

  clip_annotation_import_report_clear (&report);
}

static void
test_import_not_json (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(ClipAnnotationImportReport) report = { 0 };

  clip_annotation_import_report_init (&report);
  g_assert_false (clip_import_annotations (f->store, "{\"a\": ", -1, &report, &error));
  g_assert_error (error, CLIP_EXPORT_ERROR, CLIP_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (clip_import_annotations (f->store, "\xff\xfe{}", -1, &report, &error));
  g_assert_error (error, CLIP_EXPORT_ERROR, CLIP_EXPORT_ERROR_INVALID);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *csv = export_all (f, CLIP_EXPORT_CSV);
  g_autofree char *path = write_temp (f, "all.csv", csv);

  g_test_message ("%s", csv);
  g_assert_true (g_str_has_prefix (csv, "article_id,title,site,published,url,annotation_id,kind,"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  g_assert_nonnull (strstr (csv, "\"Check <script>alert(\"\"x\"\")</script> & 'this'\nsecond line"));
  g_assert_nonnull (strstr (csv, ",\"no;#hash;a,b;null\","));
  python_check ("check-csv", path, "7");
}

static void
test_citations (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *ris = export_all (f, CLIP_EXPORT_RIS);
  g_autofree char *bib = export_all (f, CLIP_EXPORT_BIBTEX);
  g_autofree char *csl = export_all (f, CLIP_EXPORT_CSLJSON);
  g_autofree char *csl_path = write_temp (f, "all.json", csl);

  g_test_message ("%s\n%s\n%s", ris, bib, csl);
  g_assert_true (g_str_has_prefix (ris, "TY  - NEWS\r\nTI  - Mayor: \"No\" & <script>alert(1)</script> #1 - yes"));
  g_assert_nonnull (strstr (ris, "AU  - O'Brien, Zoë\r\nAU  - Wei, Li\r\n"));
  g_assert_nonnull (strstr (ris, "PY  - 2024\r\nDA  - 2024/05/01/\r\n"));
  g_assert_nonnull (strstr (ris, "T2  - " SITE "\r\n"));
  g_assert_nonnull (strstr (ris, "UR  - " URL "\r\n"));
  g_assert_nonnull (strstr (ris, "Y2  - 2024/05/02/\r\n"));
  g_assert_nonnull (strstr (ris, "TY  - ELEC\r\nTI  - Plain page\r\n"));
  g_assert_cmpuint (count (ris, "ER  - "), ==, 2);
  g_assert_nonnull (strstr (ris, "N1  - quote: \u201cwe will rebuild\u201d \u2014 Ana Ruiz [verified]\r\n"));
  g_assert_nonnull (strstr (ris, "N1  - highlight (Fact to check): "));
  g_assert_nonnull (strstr (ris, "[not found in the current text]\r\n"));
  g_assert_cmpuint (count (ris, "N1  - "), ==, 6);

  g_assert_true (g_str_has_prefix (bib, "@article{obrien2024mayor-1,\n"));
  g_assert_nonnull (strstr (bib, "title = {{Mayor: \"No\" \\& <script>alert(1)</script> \\#1 - yes: null — Zoë 東京}}"));
  g_assert_nonnull (strstr (bib, "author = {O'Brien, Zoë and Wei, Li}"));
  g_assert_nonnull (strstr (bib, "journal = {{The Test \\& Wire}}"));
  g_assert_nonnull (strstr (bib, "date = {2024-05-01}"));
  g_assert_nonnull (strstr (bib, "url = {" URL "}"));
  g_assert_nonnull (strstr (bib, "urldate = {2024-05-02}"));
  g_assert_nonnull (strstr (bib, "@misc{clippingplain-2,"));
  g_assert_nonnull (strstr (bib, "entrysubtype = {newspaper}"));

  python_check ("check-csl", csl_path, NULL);
}

/* The Info update appended to a printed PDF points back at the old
 * cross-reference table and holds the title and author as UTF-16. */
static void
test_pdf_info (void)
{
  static const char pdf[] =
    "%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n"
    "2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\n"
    "xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000056 00000 n \n"
    "trailer\n<</Size 3\n/Root 1 0 R>>\nstartxref\n101\n%%EOF\n";
  g_autoptr(GBytes) in = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GBytes) bad = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = clip_pdf_info_update (in, "Zoë", "Seán O'Brien", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  g_assert_true (g_str_has_prefix (text, pdf));
  g_assert_nonnull (strstr (text, "3 0 obj\n<</Title <FEFF005A006F00EB>/Author <FEFF"));
  g_assert_nonnull (strstr (text, "/Size 4 /Root 1 0 R /Info 3 0 R /Prev 101>>"));
  g_assert_true (g_str_has_suffix (text, "%%EOF\n"));
  g_assert_null (clip_pdf_info_update (bad, "x", NULL, &error));
  g_assert_error (error, CLIP_EXPORT_ERROR, CLIP_EXPORT_ERROR_INVALID);
}

/* A clipping's citation key is its own: the same alone as in a batch. */
static void
test_bibtex_key_stable (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *alone = export_one (f->store, f->plain, CLIP_EXPORT_BIBTEX);
  g_autofree char *batch = export_all (f, CLIP_EXPORT_BIBTEX);

  g_assert_true (g_str_has_prefix (alone, "@misc{clippingplain-2,"));
  g_assert_nonnull (strstr (batch, "@misc{clippingplain-2,"));
}

static void
test_bibtex_escapes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_store_get_article (f->store, f->plain, &error);
  g_autofree char *bib = NULL;

  clip_article_set_title (article, "{a} \\b % c & d $ e # f _ g ^ h ~ i");
  clip_store_update_article_info (f->store, article, &error);
  g_assert_no_error (error);
  bib = export_one (f->store, f->plain, CLIP_EXPORT_BIBTEX);
  g_assert_nonnull (strstr (bib, "title = {{\\{a\\} \\textbackslash{}b \\% c \\& d \\$ e \\# f \\_ g \\^{} h \\~{} i}}"));
}

static void
test_empty_export (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 nowhere = 9999;
  g_autoptr(GBytes) bytes = clip_export_to_bytes (f->store, none, CLIP_EXPORT_JSONLD, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_array_append_val (missing, nowhere);
  g_assert_null (clip_export_to_bytes (f->store, missing, CLIP_EXPORT_MARKDOWN, NULL, &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND);
}

/* People read the dates of the prose parts as dates; the fields that
 * programs read keep ISO 8601. An opened file is named without its
 * folders. */
static void
test_dates_and_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_article_new ();
  g_autoptr(ClipContentBuilder) builder = clip_content_builder_new ();
  g_autofree char *content = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *ris = NULL;
  g_autofree char *quote = NULL;
  g_autoptr(ClipAnnotation) annotation = NULL;
  const char *text;

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  clip_content_builder_add (builder, "p", "The harbour reopened on Monday.");
  content = clip_content_builder_free_to_html (g_steal_pointer (&builder));
  clip_article_set_content_html (article, content);
  clip_article_set_title (article, "Harbour reopens");
  clip_article_set_site_name (article, "Test Wire");
  clip_article_set_published (article, "2024-05-01T10:00");
  clip_article_set_byline (article, "By Li Wei");
  clip_article_set_captured_at (article, "2024-05-02T08:30:00Z");
  clip_article_set_source_file (article, "file:///home/reader/Downloads/harbour%20news.html");
  g_assert_true (clip_store_add_article (f->store, article, &error));
  g_assert_no_error (error);

  md = export_one (f->store, clip_article_get_id (article), CLIP_EXPORT_MARKDOWN);
  g_test_message ("%s", md);
  /* A date property, as Obsidian reads one. */
  g_assert_nonnull (strstr (md, "published: 2024-05-01\n"));
  g_assert_nonnull (strstr (md, "captured: \"2024-05-02T08:30:00Z\"\n"));
  g_assert_nonnull (strstr (md, "file: \"harbour news.html\"\n"));
  g_assert_nonnull (strstr (md, "# Harbour reopens\n\nTest Wire · 1 May 2024, 10:00 · By Li Wei\n"));

  html = export_one (f->store, clip_article_get_id (article), CLIP_EXPORT_HTML);
  g_assert_nonnull (strstr (html, "<dt>Published</dt><dd><time datetime=\"2024-05-01T10:00\">1 May 2024, 10:00</time></dd>"));
  g_assert_nonnull (strstr (html, "<dt>Captured</dt><dd><time datetime=\"2024-05-02T08:30:00Z\">"));
  g_assert_nonnull (strstr (html, "<dt>File</dt><dd>harbour news.html</dd>"));
  g_assert_null (strstr (html, "/home/reader"));

  csv = export_one (f->store, clip_article_get_id (article), CLIP_EXPORT_CSV);
  ris = export_one (f->store, clip_article_get_id (article), CLIP_EXPORT_RIS);
  g_assert_null (strstr (csv, "1 May 2024"));
  g_assert_nonnull (strstr (ris, "2024/05/01"));

  text = clip_article_get_text (article);
  annotation = clip_annotation_new_for_range (CLIP_ANNOTATION_QUOTE, text, 4, 11);
  quote = clip_export_quote_citation (article, annotation);
  g_assert_cmpstr (quote, ==, "“harbour”, “Harbour reopens”, Test Wire, 1 May 2024");
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/format-names", test_format_names);
  g_test_add_func ("/export/safe-filename", test_safe_filename);
  add ("/export/markdown", test_markdown);
  add ("/export/markdown-structure", test_markdown_structure);
  add ("/export/html", test_html);
  add ("/export/math", test_math);
  add ("/export/jsonld-schema", test_jsonld_schema);
  add ("/export/jsonld-round-trip", test_jsonld_round_trip);
  add ("/export/import-incorrect", test_import_incorrect);
  add ("/export/import-correct", test_import_correct);
  add ("/export/import-partial", test_import_partial);
  add ("/export/import-not-json", test_import_not_json);
  add ("/export/csv", test_csv);
  add ("/export/citations", test_citations);
  add ("/export/bibtex-key-stable", test_bibtex_key_stable);
  g_test_add_func ("/export/pdf-info", test_pdf_info);
  add ("/export/bibtex-escapes", test_bibtex_escapes);
  add ("/export/empty", test_empty_export);
  add ("/export/dates-and-file", test_dates_and_file);
  add ("/export/hostile-page", test_hostile_page);
  add ("/export/markdown-attachments", test_markdown_attachments);
  add ("/export/csv-formulas", test_csv_formulas);

  return g_test_run ();
}
