/* bench-extract.c: the extract-corpus benchmark
 *
 * Extracts every page of the Readability corpus and compares the text
 * with Readability's own output (issue 3 defines the text F1 used), the
 * title, byline and excerpt with its metadata; extracts every page of the
 * Dragnet corpus and compares the text with the cut a person made
 * (issue 13); and measures throughput on both against libxml2's parser
 * alone on the same files.
 *
 * Usage: bench-extract [-v] [-n MAX_PAGES] [-s PAGE] [-t] [READABILITY_DIR [DRAGNET_DIR]]
 *   -n  only the first MAX_PAGES pages of each corpus, to iterate quickly
 *   -s  print the text extracted from PAGE (a folder name) and exit
 *   -t  skip the throughput timing
 *   -d  write the text extracted from each page to DIR/CORPUS-PAGE.txt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>

#include "clip-extract.h"
#include "clip-text.h"

#define SHINGLE 4
/* Each timing runs for at least this long, to be stable. */
#define MIN_TIMING_USEC (2 * G_USEC_PER_SEC)

typedef struct {
  char *name;
  GBytes *source;
  char *expected_text;
  JsonObject *metadata;
  double precision;
  double recall;
  double f1;
} Page;

static void
page_free (Page *page)
{
  g_free (page->name);
  g_bytes_unref (page->source);
  g_free (page->expected_text);
  if (page->metadata != NULL)
    json_object_unref (page->metadata);
  g_free (page);
}

static gboolean
is_word_char (gunichar c)
{
  GUnicodeType type;

  if (g_unichar_isalnum (c))
    return TRUE;

  type = g_unichar_type (c);
  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK || type == G_UNICODE_CONNECT_PUNCTUATION;
}

static GPtrArray *
tokenize (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean word = is_word_char (g_utf8_get_char (p));

      if (word && start == NULL)
        start = p;
      else if (!word && start != NULL)
        {
          g_ptr_array_add (tokens, g_strndup (start, p - start));
          start = NULL;
        }
    }
  if (start != NULL)
    g_ptr_array_add (tokens, g_strndup (start, p - start));

  return tokens;
}

/* The multiset of 4-token shingles: shingle -> count. A text shorter
 * than a shingle is one shingle. */
static GHashTable *
shingles (const char *text)
{
  g_autoptr(GPtrArray) tokens = tokenize (text != NULL ? text : "");
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = tokens->len >= SHINGLE ? tokens->len - SHINGLE + 1 : (tokens->len > 0 ? 1 : 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) key = g_string_new (NULL);
      guint count;

      for (guint j = i; j < MIN (i + SHINGLE, tokens->len); j++)
        {
          g_string_append (key, g_ptr_array_index (tokens, j));
          g_string_append_c (key, ' ');
        }
      count = GPOINTER_TO_UINT (g_hash_table_lookup (set, key->str));
      g_hash_table_replace (set, g_string_free (g_steal_pointer (&key), FALSE), GUINT_TO_POINTER (count + 1));
    }

  return set;
}

static void
score_text (Page       *page,
            const char *got)
{
  g_autoptr(GHashTable) expected = shingles (page->expected_text);
  g_autoptr(GHashTable) actual = shingles (got);
  GHashTableIter iter;
  gpointer key, value;
  double tp = 0, fp = 0, fn = 0;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint e = GPOINTER_TO_UINT (value);
      guint a = GPOINTER_TO_UINT (g_hash_table_lookup (actual, key));

      tp += MIN (e, a);
      fn += e > a ? e - a : 0;
    }
  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint a = GPOINTER_TO_UINT (value);
      guint e = GPOINTER_TO_UINT (g_hash_table_lookup (expected, key));

      fp += a > e ? a - e : 0;
    }

  if (fp == 0 && fn == 0)
    {
      page->precision = page->recall = 1;
    }
  else
    {
      page->precision = tp + fp > 0 ? tp / (tp + fp) : 0;
      page->recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    }
  page->f1 = page->precision + page->recall > 0 ?
             2 * page->precision * page->recall / (page->precision + page->recall) : 0;
}

static GBytes *
read_gz (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = clip_extract_read_file (file, NULL, &error);

  if (bytes == NULL)
    g_printerr ("bench-extract: %s: %s\n", path, error->message);
  return bytes;
}

/* All the text nodes of a document, as the issue defines the expected text. */
static char *
document_text (GBytes *html)
{
  gsize length;
  const char *data = g_bytes_get_data (html, &length);
  htmlDocPtr doc = htmlReadMemory (data, (int)length, NULL, "UTF-8",
                                   HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                   HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  GString *text = g_string_new (NULL);

  for (xmlNode *node = root; node != NULL;)
    {
      if (node->type == XML_TEXT_NODE && node->content != NULL)
        g_string_append (text, (const char *)node->content);

      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      while (node != NULL && node->next == NULL)
        node = node->parent;
      if (node != NULL)
        node = node->next;
    }

  if (doc != NULL)
    xmlFreeDoc (doc);
  return g_string_free (text, FALSE);
}

static Page *
load_page (const char *dir,
           const char *name)
{
  g_autofree char *source_path = g_build_filename (dir, name, "source.html.gz", NULL);
  g_autofree char *expected_path = g_build_filename (dir, name, "expected.html.gz", NULL);
  g_autofree char *meta_path = g_build_filename (dir, name, "expected-metadata.json", NULL);
  g_autofree char *text_path = g_build_filename (dir, name, "expected.txt", NULL);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  Page *page;

  if (!g_file_test (source_path, G_FILE_TEST_EXISTS))
    return NULL;

  page = g_new0 (Page, 1);
  page->name = g_strdup (name);
  page->source = read_gz (source_path);
  /* Dragnet's cuts are plain text; Readability's are HTML. */
  if (g_file_test (text_path, G_FILE_TEST_EXISTS))
    {
      if (!g_file_get_contents (text_path, &page->expected_text, NULL, NULL))
        page->expected_text = g_strdup ("");
    }
  else
    {
      expected = read_gz (expected_path);
      page->expected_text = expected != NULL ? document_text (expected) : g_strdup ("");
    }
  if (json_parser_load_from_file (parser, meta_path, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    page->metadata = json_object_ref (json_node_get_object (json_parser_get_root (parser)));

  if (page->source == NULL)
    {
      page_free (page);
      return NULL;
    }

  return page;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

static GPtrArray *
load_corpus (const char *dir,
             guint       max_pages)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify)page_free);
  const char *name;

  if (handle == NULL)
    return pages;

  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len && pages->len < max_pages; i++)
    {
      Page *page = load_page (dir, g_ptr_array_index (names, i));

      if (page != NULL)
        g_ptr_array_add (pages, page);
    }

  return pages;
}

static char *
collapse (const char *text)
{
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return g_strdup ("");

  words = g_strsplit_set (text, " \t\n\r\f", -1);
  {
    g_autoptr(GPtrArray) kept = g_ptr_array_new ();

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (words[i][0] != '\0')
          g_ptr_array_add (kept, words[i]);
      }
    g_ptr_array_add (kept, NULL);
    return g_strjoinv (" ", (char **)kept->pdata);
  }
}

static gboolean
field_matches (JsonObject *metadata,
               const char *member,
               const char *got)
{
  JsonNode *node = metadata != NULL ? json_object_get_member (metadata, member) : NULL;
  const char *expected = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    expected = json_node_get_string (node);

  a = collapse (expected);
  b = collapse (got);
  return g_str_equal (a, b);
}

static void
parse_only (GBytes *source)
{
  gsize length;
  const char *data = g_bytes_get_data (source, &length);
  htmlDocPtr doc = htmlReadMemory (data, (int)length, NULL, "UTF-8",
                                   HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                   HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                   HTML_PARSE_COMPACT);

  if (doc != NULL)
    xmlFreeDoc (doc);
}

static void
extract_only (GBytes *source)
{
  gsize length;
  const char *data = g_bytes_get_data (source, &length);
  g_autoptr(ClipArticle) article = clip_extract_html (data, length, NULL, NULL, 0, NULL, NULL);
}

/* Times libxml2's parser alone and the whole extraction on the same
 * pages, one page after the other, so that the load of a shared machine
 * weighs on both alike. */
static void
time_both (GPtrArray *pages,
           double    *extract_mb_s,
           double    *parse_mb_s)
{
  gint64 extract_usec = 0, parse_usec = 0;
  gsize n_bytes = 0;

  do
    {
      for (guint i = 0; i < pages->len; i++)
        {
          Page *page = g_ptr_array_index (pages, i);
          gint64 start = g_get_monotonic_time ();
          gint64 middle;

          parse_only (page->source);
          middle = g_get_monotonic_time ();
          extract_only (page->source);
          extract_usec += g_get_monotonic_time () - middle;
          parse_usec += middle - start;
          n_bytes += g_bytes_get_size (page->source);
        }
    }
  while (extract_usec + parse_usec < MIN_TIMING_USEC);

  *extract_mb_s = (n_bytes / 1e6) / (MAX (extract_usec, 1) / (double)G_USEC_PER_SEC);
  *parse_mb_s = (n_bytes / 1e6) / (MAX (parse_usec, 1) / (double)G_USEC_PER_SEC);
}

static int
compare_f1 (gconstpointer a,
            gconstpointer b)
{
  const Page *pa = *(Page * const *)a;
  const Page *pb = *(Page * const *)b;

  return (pa->f1 > pb->f1) - (pa->f1 < pb->f1);
}

typedef struct {
  double precision;
  double recall;
  double f1;
  double titles;
  double bylines;
  double excerpts;
} Scores;

static const char *dump_dir;

static void
dump_text (const char *corpus,
           Page       *page,
           const char *text)
{
  g_autofree char *name = g_strdup_printf ("%s-%s.txt", corpus, page->name);
  g_autofree char *path = NULL;

  if (dump_dir == NULL)
    return;
  path = g_build_filename (dump_dir, name, NULL);
  g_file_set_contents (path, text != NULL ? text : "", -1, NULL);
}

static Scores
score_corpus (const char *corpus,
              GPtrArray  *pages,
              gboolean    verbose)
{
  Scores scores = { 0, };
  guint titles = 0, bylines = 0, excerpts = 0;

  for (guint i = 0; i < pages->len; i++)
    {
      Page *page = g_ptr_array_index (pages, i);
      gsize length;
      const char *data = g_bytes_get_data (page->source, &length);
      g_autoptr(ClipArticle) article = clip_extract_html (data, length, NULL, NULL, 0, NULL, NULL);
      const char *title = article != NULL ? clip_article_get_title (article) : NULL;
      const char *byline = article != NULL ? clip_article_get_byline (article) : NULL;

      score_text (page, article != NULL ? clip_article_get_text (article) : "");
      dump_text (corpus, page, article != NULL ? clip_article_get_text (article) : "");
      scores.precision += page->precision;
      scores.recall += page->recall;
      if (page->metadata == NULL)
        continue;
      titles += field_matches (page->metadata, "title", title);
      bylines += field_matches (page->metadata, "byline", byline);
      excerpts += field_matches (page->metadata, "excerpt", article ? clip_article_get_excerpt (article) : NULL);
      if (verbose && !field_matches (page->metadata, "title", title))
        g_print ("title %s: %s\n", page->name, title != NULL ? title : "(none)");
      if (verbose && !field_matches (page->metadata, "byline", byline))
        g_print ("byline %s: %s\n", page->name, byline != NULL ? byline : "(none)");
    }

  scores.precision /= MAX (pages->len, 1);
  scores.recall /= MAX (pages->len, 1);
  scores.f1 = scores.precision + scores.recall > 0 ?
              2 * scores.precision * scores.recall / (scores.precision + scores.recall) : 0;
  scores.titles = (double)titles / MAX (pages->len, 1);
  scores.bylines = (double)bylines / MAX (pages->len, 1);
  scores.excerpts = (double)excerpts / MAX (pages->len, 1);
  return scores;
}

static void
print_worst (const char *corpus,
             GPtrArray  *pages)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (pages, NULL, NULL);

  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_f1);
  for (guint i = 0; i < sorted->len; i++)
    {
      Page *page = g_ptr_array_index (sorted, i);

      g_print ("page %s/%s f1=%.3f precision=%.3f recall=%.3f\n",
               corpus, page->name, page->f1, page->precision, page->recall);
    }
}

static int
show_page (GPtrArray  *pages,
           const char *name)
{
  for (guint i = 0; i < pages->len; i++)
    {
      Page *page = g_ptr_array_index (pages, i);
      gsize length;
      const char *data = g_bytes_get_data (page->source, &length);
      g_autoptr(ClipArticle) article = NULL;

      if (!g_str_equal (page->name, name))
        continue;
      article = clip_extract_html (data, length, NULL, NULL, 0, NULL, NULL);
      score_text (page, article != NULL ? clip_article_get_text (article) : "");
      g_print ("title: %s\n\n%s\n", article ? clip_article_get_title (article) : "(none)",
               article ? clip_article_get_text (article) : "(none)");
      g_print ("-- f1=%.3f precision=%.3f recall=%.3f\n", page->f1, page->precision, page->recall);
      return 0;
    }
  return 1;
}

static GPtrArray *
load_named_corpus (const char *given,
                   const char *name,
                   guint       max_pages)
{
  g_autofree char *dir = NULL;

  if (given != NULL)
    dir = g_strdup (given);
  else if (g_getenv ("CLIP_SHARED_DIR") != NULL)
    dir = g_build_filename (g_getenv ("CLIP_SHARED_DIR"), "corpus", name, NULL);
  else
    return g_ptr_array_new ();

  return load_corpus (dir, max_pages);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) readability = NULL;
  g_autoptr(GPtrArray) dragnet = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  const char *dirs[2] = { NULL, NULL };
  const char *show = NULL;
  guint n_dirs = 0, max_pages = G_MAXUINT;
  gboolean verbose = FALSE, timing = TRUE;
  Scores r, d;
  double extract_mb_s = 0, parse_mb_s = 0;

  /* meson sets MALLOC_PERTURB_ for benchmarks too; filling every block
   * on malloc and free measures glibc, not the extractor. glibc reads it
   * at startup only, so the benchmark starts again without it. */
  if (g_getenv ("MALLOC_PERTURB_") != NULL)
    {
      g_unsetenv ("MALLOC_PERTURB_");
      execv ("/proc/self/exe", argv);
    }

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "-v"))
        verbose = TRUE;
      else if (g_str_equal (argv[i], "-t"))
        timing = FALSE;
      else if (g_str_equal (argv[i], "-n") && i + 1 < argc)
        max_pages = (guint)g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "-d") && i + 1 < argc)
        dump_dir = argv[++i];
      else if (g_str_equal (argv[i], "-s") && i + 1 < argc)
        show = argv[++i];
      else if (n_dirs < 2)
        dirs[n_dirs++] = argv[i];
    }

  readability = load_named_corpus (dirs[0], "readability", show != NULL ? G_MAXUINT : max_pages);
  dragnet = load_named_corpus (dirs[1], "dragnet", show != NULL ? G_MAXUINT : max_pages);
  if (readability->len == 0 && dragnet->len == 0)
    {
      g_printerr ("bench-extract: no corpus: set CLIP_SHARED_DIR or give a directory\n");
      return 77;
    }
  if (show != NULL)
    return show_page (dragnet, show) == 0 ? 0 : show_page (readability, show);

  r = score_corpus ("readability", readability, verbose);
  d = score_corpus ("dragnet", dragnet, verbose);

  g_ptr_array_extend (all, readability, NULL, NULL);
  g_ptr_array_extend (all, dragnet, NULL, NULL);
  if (timing)
    {
      time_both (all, &extract_mb_s, &parse_mb_s);
    }

  if (verbose)
    {
      print_worst ("readability", readability);
      print_worst ("dragnet", dragnet);
    }

  g_print ("extract-corpus: readability pages=%u f1=%.3f precision=%.3f recall=%.3f "
           "title=%.2f byline=%.2f excerpt=%.2f\n",
           readability->len, r.f1, r.precision, r.recall, r.titles, r.bylines, r.excerpts);
  g_print ("extract-corpus: dragnet pages=%u f1=%.3f precision=%.3f recall=%.3f\n",
           dragnet->len, d.f1, d.precision, d.recall);
  if (timing)
    g_print ("extract-corpus: throughput pages=%u extract_mb_s=%.1f parse_mb_s=%.1f ratio=%.2f\n",
             all->len, extract_mb_s, parse_mb_s, extract_mb_s / parse_mb_s);

  return 0;
}
