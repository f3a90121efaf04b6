/* clip-rank.c: bm25 for the library's search, without a lookup per row
 *
 * FTS5's bm25() reads the length of every matching row from its docsize
 * table, one SQL lookup per row: for a word in 90,000 clippings that is
 * most of the search. clip_bm25() computes the same score (same formula,
 * k1 = 1.2, b = 0.75, one weight per column) but keeps each clipping's
 * length in memory once it has been read. A length is forgotten when its
 * article row changes through this connection (the update hook, which
 * sees the changes triggers make too: an annotation's words are in its
 * article's row), and all of them when another connection has committed
 * to the file (PRAGMA data_version), so a score is never computed from a
 * stale length.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "clip-rank.h"
#include "clip-store-private.h"

#define K1 1.2
#define B 0.75
/* Lengths are kept for clippings numbered below this (at 4 bytes each,
 * at most 256 MB); the lengths of the rest are read each time. */
#define MAX_CACHED_ID (1 << 26)

typedef struct {
  ClipStore *store;          /* not owned: the cache lives as long as it */
  guint32 *lengths;          /* by clipping number: tokens + 1; 0 = unknown */
  gsize n_lengths;
  gint64 data_version;       /* others' commits, as PRAGMA data_version */
} RankCache;

/* What one search computes once: the inverse document frequency of each
 * phrase and the mean length. */
typedef struct {
  int n_phrases;
  /* How many phrases are in fewer than half of the clippings (their idf
   * is not clamped). */
  int n_significant;
  double avgdl;
  double *idf;
  double *freq;
} QueryData;

/* FTS5's bm25 clamps the idf of a phrase found in more than half of the
 * rows to this. */
#define CLAMPED_IDF 1e-6
/* Above this many phrases, those with a clamped idf are left out of the
 * sum (each adds less than 2.2e-6): reading their positions in every
 * matching row is what made a long search of common words take seconds. */
#define EXACT_PHRASES 4

static void
rank_cache_free (gpointer data)
{
  RankCache *cache = data;

  g_free (cache->lengths);
  g_free (cache);
}

static void
query_data_free (void *data)
{
  QueryData *q = data;

  g_free (q->idf);
  g_free (q->freq);
  g_free (q);
}

static int
count_row_cb (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              void                   *user_data)
{
  (*(sqlite3_int64 *)user_data)++;
  return SQLITE_OK;
}

/* Forgets every length when another connection has committed since they
 * were read. */
static void
check_fresh (RankCache *cache)
{
  sqlite3_stmt *stmt = clip_store_prepare (cache->store, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  if ((version < 0 || version != cache->data_version) && cache->lengths != NULL)
    memset (cache->lengths, 0, cache->n_lengths * sizeof (guint32));
  cache->data_version = version;
}

/* A row of articles changed through this connection: its length may. */
static void
row_changed_cb (void          *data,
                int            operation,
                const char    *database,
                const char    *table,
                sqlite3_int64  id)
{
  RankCache *cache = data;

  if (g_str_equal (table, "articles") && id > 0 && (gsize)id < cache->n_lengths)
    cache->lengths[id] = 0;
}

static int
query_data (RankCache              *cache,
            const Fts5ExtensionApi *api,
            Fts5Context            *fts,
            QueryData             **out)
{
  QueryData *q = api->xGetAuxdata (fts, 0);
  sqlite3_int64 n_rows = 0, n_tokens = 0;
  int rc;

  if (q != NULL)
    {
      *out = q;
      return SQLITE_OK;
    }

  check_fresh (cache);

  q = g_new0 (QueryData, 1);
  q->n_phrases = api->xPhraseCount (fts);
  q->idf = g_new0 (double, MAX (q->n_phrases, 1));
  q->freq = g_new0 (double, MAX (q->n_phrases, 1));

  rc = api->xRowCount (fts, &n_rows);
  if (rc == SQLITE_OK)
    rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  q->avgdl = n_rows > 0 ? (double)n_tokens / (double)n_rows : 1.0;

  for (int i = 0; rc == SQLITE_OK && i < q->n_phrases; i++)
    {
      sqlite3_int64 n_hits = 0;

      rc = api->xQueryPhrase (fts, i, &n_hits, count_row_cb);
      if (rc == SQLITE_OK)
        {
          double idf = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));
          q->idf[i] = idf > 0.0 ? idf : CLAMPED_IDF;
          if (idf > 0.0)
            q->n_significant++;
        }
    }

  if (rc == SQLITE_OK)
    rc = api->xSetAuxdata (fts, q, query_data_free);
  else
    query_data_free (q);

  if (rc == SQLITE_OK)
    *out = q;
  return rc;
}

/* The row's length in tokens, all columns. */
static int
row_length (RankCache              *cache,
            const Fts5ExtensionApi *api,
            Fts5Context            *fts,
            int                    *length)
{
  sqlite3_int64 id = api->xRowid (fts);
  int rc;

  if (id > 0 && (gsize)id < cache->n_lengths && cache->lengths[id] != 0)
    {
      *length = (int)cache->lengths[id] - 1;
      return SQLITE_OK;
    }

  rc = api->xColumnSize (fts, -1, length);
  if (rc != SQLITE_OK || id <= 0 || id >= MAX_CACHED_ID || *length < 0)
    return rc;

  if ((gsize)id >= cache->n_lengths)
    {
      gsize n = MAX ((gsize)id + 1, cache->n_lengths * 2);

      cache->lengths = g_renew (guint32, cache->lengths, n);
      memset (cache->lengths + cache->n_lengths, 0, (n - cache->n_lengths) * sizeof (guint32));
      cache->n_lengths = n;
    }
  cache->lengths[id] = (guint32)*length + 1;
  return SQLITE_OK;
}

/* The weighted frequency of each phrase with a real idf, read phrase by
 * phrase: the positions of the others are never read. */
static int
count_significant (const Fts5ExtensionApi  *api,
                   Fts5Context             *fts,
                   QueryData               *q,
                   int                      n_values,
                   sqlite3_value          **values)
{
  for (int i = 0; i < q->n_phrases; i++)
    {
      Fts5PhraseIter iter;
      int column = -1, offset = -1;
      int rc;

      if (q->idf[i] <= CLAMPED_IDF)
        continue;
      rc = api->xPhraseFirst (fts, i, &iter, &column, &offset);
      if (rc != SQLITE_OK)
        return rc;
      for (; column >= 0; api->xPhraseNext (fts, &iter, &column, &offset))
        q->freq[i] += column < n_values ? sqlite3_value_double (values[column]) : 1.0;
    }
  return SQLITE_OK;
}

/* clip_bm25 (table, weight of column 0, weight of column 1, ...) */
static void
clip_bm25 (const Fts5ExtensionApi  *api,
           Fts5Context             *fts,
           sqlite3_context         *context,
           int                      n_values,
           sqlite3_value          **values)
{
  RankCache *cache = api->xUserData (fts);
  QueryData *q = NULL;
  double score = 0.0;
  int n_inst = 0, length = 0;
  int rc;

  rc = query_data (cache, api, fts, &q);
  if (rc == SQLITE_OK)
    memset (q->freq, 0, sizeof (double) * MAX (q->n_phrases, 1));

  if (rc == SQLITE_OK && q->n_phrases > EXACT_PHRASES && q->n_significant < q->n_phrases)
    rc = count_significant (api, fts, q, n_values, values);
  else
    {
      if (rc == SQLITE_OK)
        rc = api->xInstCount (fts, &n_inst);
      for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
        {
          int phrase, column, offset;

          rc = api->xInst (fts, i, &phrase, &column, &offset);
          if (rc == SQLITE_OK && phrase >= 0 && phrase < q->n_phrases)
            q->freq[phrase] += column < n_values ? sqlite3_value_double (values[column]) : 1.0;
        }
    }

  if (rc == SQLITE_OK)
    rc = row_length (cache, api, fts, &length);

  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  for (int i = 0; i < q->n_phrases; i++)
    score += q->idf[i] * (q->freq[i] * (K1 + 1.0)) /
             (q->freq[i] + K1 * (1.0 - B + B * length / q->avgdl));

  sqlite3_result_double (context, -1.0 * score);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

gboolean
clip_rank_register (ClipStore  *store,
                    GError    **error)
{
  sqlite3 *db;
  fts5_api *api;
  RankCache *cache;

  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);

  if (g_object_get_data (G_OBJECT (store), "clip-rank-cache") != NULL)
    return TRUE;

  db = clip_store_get_db (store);
  api = get_fts5_api (db);
  if (api == NULL || api->iVersion < 2)
    return clip_store_set_sqlite_error (store, error, _("Cannot search the library"));

  cache = g_new0 (RankCache, 1);
  cache->store = store;
  cache->data_version = -1;
  if (api->xCreateFunction (api, "clip_bm25", cache, clip_bm25, NULL) != SQLITE_OK)
    {
      rank_cache_free (cache);
      return clip_store_set_sqlite_error (store, error, _("Cannot search the library"));
    }

  /* The function and the hook keep a pointer to the cache, which lives
   * as long as the store (and so the connection). Nothing else in the
   * library sets an update hook. */
  sqlite3_update_hook (db, row_changed_cb, cache);
  g_object_set_data_full (G_OBJECT (store), "clip-rank-cache", cache, rank_cache_free);
  return TRUE;
}
