/* bench-store.c: the library at scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For N synthetic articles (default 10,000 then 100,000; or the N given
 * as arguments) of about 1,000 words drawn from a seeded Zipf (s = 1)
 * vocabulary of a million words, with two tags each and, for one in ten,
 * three annotations (a highlight with a note, a quote with a speaker, an
 * entity mention): insert throughput through the store's batch API
 * (clip_store_add_articles, 100 per transaction), database size per
 * article, search latency (top 20 with snippets) for rare words, words in
 * about 10% and in about 90% of articles, and the time the library model
 * takes to show its first page. It reports; it does not fail.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "clip-library-model.h"
#include "clip-search.h"
#include "clip-store-private.h"
#include "clip-store.h"
#include "clip-text.h"

#define VOCABULARY 1000000
#define WORDS_PER_ARTICLE 1000
#define WORDS_PER_PARAGRAPH 100
#define N_QUERIES 50
#define N_ENTITIES 200
#define N_TAGS 100
#define N_SITES 50
#define BATCH 100
/* Each annotation re-indexes its article's whole search row (the notes
 * column shares it with the text), so annotating every article would make
 * the 100,000 run too long; one in ten gets three. */
#define ANNOTATE_EVERY 10

static const char consonants[] = "bcdfghjklmnprstvwxyz";
static const char vowels[] = "aeiou";

/* The word of a rank: two-letter syllables, one per base-100 digit. */
static void
append_word (GString *out,
             guint    rank)
{
  do
    {
      guint syllable = rank % 100;

      g_string_append_c (out, consonants[syllable / 5]);
      g_string_append_c (out, vowels[syllable % 5]);
      rank /= 100;
    }
  while (rank > 0);
}

/* Zipf with s = 1 by inverting the continuous distribution. */
static guint
zipf_rank (GRand *rand)
{
  double u = g_rand_double (rand);
  guint rank = (guint)floor (exp (u * log (VOCABULARY + 1.0))) - 1;

  return MIN (rank, VOCABULARY - 1);
}

static ClipArticle *
make_article (GRand *rand,
              guint  n)
{
  g_autoptr(ClipContentBuilder) builder = clip_content_builder_new ();
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_autofree char *html = NULL;
  g_autofree char *site = g_strdup_printf ("Site %u", g_rand_int_range (rand, 0, N_SITES));
  g_autofree char *published = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 2005, 2025),
                                                g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  ClipArticle *article = clip_article_new ();

  for (guint i = 0; i < 6; i++)
    {
      if (i > 0)
        g_string_append_c (title, ' ');
      append_word (title, zipf_rank (rand));
    }

  for (guint i = 0; i < WORDS_PER_ARTICLE; i++)
    {
      if (paragraph->len > 0)
        g_string_append_c (paragraph, ' ');
      append_word (paragraph, zipf_rank (rand));
      if ((i + 1) % WORDS_PER_PARAGRAPH == 0)
        {
          g_string_append_c (paragraph, '.');
          clip_content_builder_add (builder, "p", paragraph->str);
          g_string_truncate (paragraph, 0);
        }
    }

  html = clip_content_builder_free_to_html (g_steal_pointer (&builder));
  clip_article_set_title (article, title->str);
  clip_article_set_site_name (article, site);
  clip_article_set_published (article, n % 10 == 0 ? NULL : published);
  clip_article_set_content_html (article, html);
  return article;
}

static ClipAnnotation *
make_annotation (ClipArticle        *article,
                 ClipAnnotationKind  kind,
                 glong               start,
                 gint64              entity_id)
{
  const char *text = clip_article_get_text (article);
  ClipAnnotation *annotation = clip_annotation_new_for_range (kind, text, start, start + 12);

  clip_annotation_set_article_id (annotation, clip_article_get_id (article));
  if (kind == CLIP_ANNOTATION_QUOTE)
    clip_annotation_set_speaker (annotation, entity_id, NULL);
  else if (kind == CLIP_ANNOTATION_ENTITY)
    clip_annotation_set_entity_id (annotation, entity_id);
  else
    clip_annotation_set_note (annotation, "worth a follow-up");
  return annotation;
}

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    {
      g_printerr ("bench-store: %s\n", error != NULL ? error->message : "failed");
      exit (EXIT_FAILURE);
    }
}

typedef struct {
  double insert_us;     /* in clip_store_add_articles */
  double annotate_us;   /* in clip_store_add_annotations */
  guint n_annotated;
} Timing;

static void
annotate (ClipStore   *store,
          GRand       *rand,
          ClipArticle *article,
          gint64      *entities)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (annotations, make_annotation (article, CLIP_ANNOTATION_HIGHLIGHT, 10, 0));
  g_ptr_array_add (annotations, make_annotation (article, CLIP_ANNOTATION_QUOTE, 200,
                                                 entities[g_rand_int_range (rand, 0, N_ENTITIES)]));
  g_ptr_array_add (annotations, make_annotation (article, CLIP_ANNOTATION_ENTITY, 400,
                                                 entities[g_rand_int_range (rand, 0, N_ENTITIES)]));
  check (clip_store_add_annotations (store, annotations, &error), error);
}

static void
tag (ClipStore   *store,
     GRand       *rand,
     ClipArticle *article)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tag_a = g_strdup_printf ("tag %u", g_rand_int_range (rand, 0, N_TAGS));
  g_autofree char *tag_b = g_strdup_printf ("tag %u", g_rand_int_range (rand, 0, N_TAGS));
  const char *tags[] = { tag_a, tag_b, NULL };

  check (clip_store_set_article_tags (store, clip_article_get_id (article), tags, &error), error);
}

/* Makes a batch (not timed: the text walk belongs to extraction), stores
 * it in one transaction, then annotates and tags. */
static void
add_batch (ClipStore *store,
           GRand     *rand,
           guint      first,
           guint      n,
           gint64    *entities,
           Timing    *timing)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (guint i = 0; i < n; i++)
    {
      ClipArticle *article = make_article (rand, first + i);

      clip_article_get_text (article);
      g_ptr_array_add (articles, article);
    }

  start = g_get_monotonic_time ();
  check (clip_store_add_articles (store, articles, &error), error);
  timing->insert_us += g_get_monotonic_time () - start;

  for (guint i = 0; i < n; i++)
    {
      if ((first + i) % ANNOTATE_EVERY == 0)
        {
          start = g_get_monotonic_time ();
          annotate (store, rand, g_ptr_array_index (articles, i), entities);
          timing->annotate_us += g_get_monotonic_time () - start;
          timing->n_annotated++;
        }
      tag (store, rand, g_ptr_array_index (articles, i));
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *times,
            double  p)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, (guint)MIN (times->len - 1, floor (p * times->len)));
}

typedef struct {
  double p50, p95, count_p95, mean_hits;
} Latency;

/* Searches N_QUERIES words of ranks in [low, high) for the top 20. */
static Latency
measure_search (ClipStore *store,
                guint      low,
                guint      high)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) count_times = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 hits = 0;
  Latency latency;

  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_autoptr(GString) word = g_string_new (NULL);
      g_autoptr(ClipQuery) query = NULL;
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start, middle;
      double ms;

      append_word (word, low + (guint)((guint64)(high - low) * i / N_QUERIES));
      query = clip_query_parse (word->str, &error);
      check (query != NULL, error);

      start = g_get_monotonic_time ();
      results = clip_store_search (store, query, CLIP_LIBRARY_SORT_SAVED, 0, 20, &error);
      middle = g_get_monotonic_time ();
      check (results != NULL, error);
      hits += clip_store_count_search (store, query, NULL);

      ms = (middle - start) / 1000.0;
      g_array_append_val (times, ms);
      ms = (g_get_monotonic_time () - middle) / 1000.0;
      g_array_append_val (count_times, ms);
    }

  latency.p50 = percentile (times, 0.50);
  latency.p95 = percentile (times, 0.95);
  latency.count_p95 = percentile (count_times, 0.95);
  latency.mean_hits = (double)hits / N_QUERIES;
  return latency;
}

/* The longest searches accepted (CLIP_QUERY_MAX_TERMS words). */
static double
measure_longest (ClipStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < N_QUERIES / 5; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(ClipQuery) query = NULL;
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;
      /* 64 words: common ones (many articles hold the first 20 of them
       * all), one common word 64 times, and words in about 10%. */
      guint base = i % 3 == 0 ? 1 + i : 600 + 7 * i;
      gint64 start;
      double ms;

      for (guint w = 0; w < CLIP_QUERY_MAX_TERMS; w++)
        {
          if (w > 0)
            g_string_append_c (text, ' ');
          if (i % 3 == 1)
            append_word (text, 2 + i);
          else if (i % 3 == 0)
            append_word (text, base + w % 20);
          else
            append_word (text, base + w);
        }
      query = clip_query_parse (text->str, &error);
      check (query != NULL, error);
      start = g_get_monotonic_time ();
      results = clip_store_search (store, query, CLIP_LIBRARY_SORT_SAVED, 0, 20, &error);
      check (results != NULL, error);
      check (clip_store_count_search (store, query, &error) >= 0, error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      if (g_getenv ("CLIP_BENCH_VERBOSE") != NULL)
        g_printerr ("longest %u (%s): %.1f ms, %u results\n", i, i % 3 == 0 ? "20 common" : i % 3 == 1 ? "one word 64 times" : "10%", ms, results->len);
    }
  return percentile (times, 0.95);
}

/* Searches and counts with filters: a 10% word after a date from one
 * site; a site and a date range alone (the library's own listing). */
static Latency
measure_filtered (ClipStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  Latency latency = { 0, 0, 0, 0 };

  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(ClipQuery) query = NULL;
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start;
      double ms;

      if (i % 2 == 0)
        append_word (text, 600 + 4 * i);
      g_string_append_printf (text, " site:\"site %u\" after:%u before:%u",
                              i % N_SITES, 2005 + i % 10, 2015 + i % 10);
      query = clip_query_parse (text->str, &error);
      check (query != NULL, error);

      start = g_get_monotonic_time ();
      results = clip_store_search (store, query, CLIP_LIBRARY_SORT_SAVED, 0, 20, &error);
      check (results != NULL, error);
      check (clip_store_count_search (store, query, &error) >= 0, error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  latency.p50 = percentile (times, 0.50);
  latency.p95 = percentile (times, 0.95);
  return latency;
}

static double
measure_first_page (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (path, &error);
  g_autoptr(ClipLibraryModel) model = NULL;
  gint64 start;

  check (store != NULL, error);
  start = g_get_monotonic_time ();
  model = clip_library_model_new (store);
  for (guint i = 0; i < 20 && i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static guint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (guint64)buf.st_size : 0;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

static void
make_entities (ClipStore *store,
               gint64    *ids)
{
  for (guint i = 0; i < N_ENTITIES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autoptr(ClipEntity) entity = clip_store_ensure_entity (store, name, "person", &error);

      check (entity != NULL, error);
      ids[i] = clip_entity_get_id (entity);
    }
}

static void
run (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240501);
  gint64 entities[N_ENTITIES];
  Timing timing = { 0, 0, 0 };
  double insert_s;
  Latency rare, ten, ninety, filtered;
  double first_page, longest;

  check (dir != NULL, error);
  store = clip_store_open (path, &error);
  check (store != NULL, error);
  make_entities (store, entities);

  for (guint i = 0; i < n; i += BATCH)
    add_batch (store, rand, i, MIN (BATCH, n - i), entities, &timing);
  insert_s = timing.insert_us / 1e6;
  sqlite3_exec (clip_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);

  /* Ranks chosen so that a word is in ~0.07% / ~10% / ~90% of the
   * articles (measured: hits). */
  rare = measure_search (store, 100000, 150000);
  ten = measure_search (store, 600, 800);
  ninety = measure_search (store, 26, 36);
  filtered = measure_filtered (store);
  longest = measure_longest (store);
  g_clear_object (&store);
  first_page = measure_first_page (path);

  g_print ("store: n=%u insert_per_s=%.0f bytes_per_article=%.0f"
           " rare_p50_ms=%.2f rare_p95_ms=%.2f ten_p50_ms=%.2f ten_p95_ms=%.2f"
           " ninety_p50_ms=%.2f ninety_p95_ms=%.2f first_page_ms=%.2f\n",
           n, n / insert_s, (double)file_size (path) / n,
           rare.p50, rare.p95, ten.p50, ten.p95, ninety.p50, ninety.p95, first_page);
  g_print ("store: n=%u filtered_p50_ms=%.2f filtered_p95_ms=%.2f (top 20 and count, with site: and dates)\n",
           n, filtered.p50, filtered.p95);
  g_print ("store: n=%u longest_p95_ms=%.2f (%d words, the most a search takes)\n",
           n, longest, CLIP_QUERY_MAX_TERMS);
  g_print ("store: n=%u annotated_articles=%u annotate_ms_per_article=%.2f\n",
           n, timing.n_annotated, timing.annotate_us / 1000.0 / MAX (timing.n_annotated, 1));
  g_print ("store: n=%u rare_hits=%.1f ten_hits=%.1f ninety_hits=%.1f"
           " count_p95_ms rare=%.2f ten=%.2f ninety=%.2f\n",
           n, rare.mean_hits, ten.mean_hits, ninety.mean_hits,
           rare.count_p95, ten.count_p95, ninety.count_p95);

  /* CLIP_BENCH_KEEP_DIR keeps the library, as an XDG_DATA_HOME to open
   * the app on (its memory use with a big library is measured that way). */
  if (g_getenv ("CLIP_BENCH_KEEP_DIR") != NULL)
    {
      g_autofree char *keep = g_strdup_printf ("%s/%u/clippings", g_getenv ("CLIP_BENCH_KEEP_DIR"), n);
      g_autofree char *target = g_build_filename (keep, "clippings.db", NULL);

      g_mkdir_with_parents (keep, 0700);
      if (g_rename (path, target) == 0)
        g_print ("store: n=%u kept %s\n", n, target);
    }
  remove_tree (dir);
}

/* --search PATH: only the search figures, on a library kept before. */
static void
search_only (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (path, &error);
  Latency rare, ten, ninety, filtered;

  check (store != NULL, error);
  rare = measure_search (store, 100000, 150000);
  ten = measure_search (store, 600, 800);
  ninety = measure_search (store, 26, 36);
  filtered = measure_filtered (store);
  g_print ("store: %s filtered_p50_ms=%.2f filtered_p95_ms=%.2f\n", path, filtered.p50, filtered.p95);
  g_print ("store: %s longest_p95_ms=%.2f (%d words)\n", path, measure_longest (store), CLIP_QUERY_MAX_TERMS);
  g_print ("store: %s rare_p50_ms=%.2f rare_p95_ms=%.2f ten_p50_ms=%.2f ten_p95_ms=%.2f"
           " ninety_p50_ms=%.2f ninety_p95_ms=%.2f\n", path,
           rare.p50, rare.p95, ten.p50, ten.p95, ninety.p50, ninety.p95);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--search"))
    {
      search_only (argv[2]);
      return EXIT_SUCCESS;
    }

  if (argc < 2)
    {
      run (10000);
      run (100000);
      return EXIT_SUCCESS;
    }

  for (int i = 1; i < argc; i++)
    run ((guint)g_ascii_strtoull (argv[i], NULL, 10));
  return EXIT_SUCCESS;
}
