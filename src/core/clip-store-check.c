/* clip-store-check.c: finding damage in a library, and saving what can
 * still be read from a damaged one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "clip-file.h"
#include "clip-store-check.h"
#include "clip-store-private.h"

/* The integrity checks report at most this many problems. */
#define MAX_PROBLEMS 100

/* Runs a check pragma; collects its rows other than "ok". */
static gboolean
collect_problems (sqlite3     *db,
                  const char  *sql,
                  GPtrArray   *problems,
                  int         *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row = (const char *)sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (row, "ok") != 0)
        g_ptr_array_add (problems, g_strdup (row != NULL ? row : "?"));
    }
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  *rc_out = rc;
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

gboolean
clip_store_quick_check (ClipStore  *self,
                        GError    **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);

  if (!collect_problems (clip_store_get_db (self), "PRAGMA quick_check (1)", problems, &rc) &&
      (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
    return clip_store_set_sqlite_error (self, error, _("Cannot check the library"));

  if (rc == SQLITE_OK && problems->len == 0)
    {
      clip_store_set_checked (self, FALSE);
      return TRUE;
    }

  clip_store_set_checked (self, TRUE);
  g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_CORRUPT,
               _("The library “%s” is damaged, so nothing is written to it (%s). "
                 "“clippings-cli recover NEW.db” copies what can still be read into a new library"),
               clip_store_get_path (self),
               problems->len > 0 ? (const char *)g_ptr_array_index (problems, 0) : sqlite3_errmsg (clip_store_get_db (self)));
  return FALSE;
}

/* FTS5's own check is an INSERT: run it inside a savepoint that is rolled
 * back, so that nothing is written, even to a damaged library. */
static gboolean
check_search_index (ClipStore *self,
                    GPtrArray *problems)
{
  sqlite3 *db = clip_store_get_db (self);
  int rc;

  if (clip_store_get_read_only (self))
    {
      g_ptr_array_add (problems, g_strdup (_("note: the search index was not checked "
                                              "(the library could only be opened read-only)")));
      return TRUE;
    }

  sqlite3_exec (db, "SAVEPOINT clip_check; PRAGMA query_only = OFF", NULL, NULL, NULL);
  rc = sqlite3_exec (db, "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_ptr_array_add (problems, g_strdup_printf (_("search index: %s"), sqlite3_errmsg (db)));
  sqlite3_exec (db, "ROLLBACK TO clip_check; RELEASE clip_check", NULL, NULL, NULL);
  if (clip_store_get_damaged (self) || rc != SQLITE_OK)
    sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  return rc == SQLITE_OK;
}

GStrv
clip_store_check (ClipStore  *self,
                  GError    **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  gboolean damaged;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);

  if (!collect_problems (clip_store_get_db (self), "PRAGMA integrity_check (100)", problems, &rc))
    {
      if ((rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
        {
          clip_store_set_sqlite_error (self, error, _("Cannot check the library"));
          return NULL;
        }
      g_ptr_array_add (problems, g_strdup (sqlite3_errmsg (clip_store_get_db (self))));
    }

  damaged = problems->len > 0 || !check_search_index (self, problems);
  clip_store_set_checked (self, damaged);

  while (problems->len > MAX_PROBLEMS)
    g_ptr_array_remove_index (problems, problems->len - 1);
  g_ptr_array_add (problems, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&problems), FALSE);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = g_canonicalize_filename (task_data, NULL);
  sqlite3 *db = NULL;
  int rc;

  /* Its own connection, read-only: the app's goes on serving the window. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      collect_problems (db, "PRAGMA quick_check (1)", problems, &rc);
    }

  if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    g_task_return_int (task, rc != SQLITE_OK || problems->len > 0);
  else
    g_task_return_new_error (task, CLIP_STORE_ERROR, CLIP_STORE_ERROR_FAILED,
                             _("Cannot check the library: %s"),
                             db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
}

void
clip_store_check_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clip_store_check_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, check_thread);
}

gboolean
clip_store_check_finish (GAsyncResult  *result,
                         gboolean      *damaged,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (damaged != NULL)
    *damaged = value != 0;
  return TRUE;
}

/* The tables in the order that keeps references pointing backwards, with
 * the columns of the current format. The first column(s) are the key that
 * a copy walks in order: after a row that cannot be read it jumps ahead. */
typedef struct {
  const char *select_sql;  /* ?1 (and ?2): the last key copied */
  const char *insert_sql;
  int n_columns;
  gboolean two_keys;       /* WITHOUT ROWID: (first, second) */
} TableCopy;

static const TableCopy tables[] = {
  { "SELECT id, name, kind, aliases, created_at FROM entities WHERE id > ?1 ORDER BY id",
    "INSERT INTO entities (id, name, kind, aliases, created_at) VALUES (?1, ?2, ?3, ?4, ?5)", 5, FALSE },
  { "SELECT id, title, byline, site_name, source_url, published, lang, dir, excerpt, content_html,"
    " text, source_kind, original, original_type, original_sha256, created_at, updated_at,"
    " http_status, captured_at, lead_image_url, notes FROM articles WHERE id > ?1 ORDER BY id",
    "INSERT INTO articles (id, title, byline, site_name, source_url, published, lang, dir, excerpt,"
    " content_html, text, source_kind, original, original_type, original_sha256, created_at,"
    " updated_at, http_status, captured_at, lead_image_url, notes)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    21, FALSE },
  { "SELECT id, name FROM tags WHERE id > ?1 ORDER BY id",
    "INSERT INTO tags (id, name) VALUES (?1, ?2)", 2, FALSE },
  { "SELECT id, article_id, kind, color, exact, prefix, suffix, start_pos, end_pos, note, entity_id,"
    " speaker_id, quote_status, orphaned, created_at, updated_at FROM annotations WHERE id > ?1 ORDER BY id",
    "INSERT INTO annotations (id, article_id, kind, color, exact, prefix, suffix, start_pos, end_pos,"
    " note, entity_id, speaker_id, quote_status, orphaned, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", 16, FALSE },
  { "SELECT article_id, tag_id FROM article_tags WHERE (article_id, tag_id) > (?1, ?2)"
    " ORDER BY article_id, tag_id",
    "INSERT INTO article_tags (article_id, tag_id) VALUES (?1, ?2)", 2, TRUE },
  { "SELECT annotation_id, tag_id FROM annotation_tags WHERE (annotation_id, tag_id) > (?1, ?2)"
    " ORDER BY annotation_id, tag_id",
    "INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?1, ?2)", 2, TRUE },
  { "SELECT id, article_id, url, mime_type, data, sha256 FROM assets WHERE id > ?1 ORDER BY id",
    "INSERT INTO assets (id, article_id, url, mime_type, data, sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    6, FALSE },
};

/* What is left pointing at rows that were lost goes too, so that the new
 * library is whole; the search index is rebuilt from the copied rows. */
static const char tidy_sql[] =
  "DELETE FROM annotations WHERE article_id NOT IN (SELECT id FROM articles);"
  "DELETE FROM assets WHERE article_id NOT IN (SELECT id FROM articles);"
  "DELETE FROM article_tags WHERE article_id NOT IN (SELECT id FROM articles)"
  "  OR tag_id NOT IN (SELECT id FROM tags);"
  "DELETE FROM annotation_tags WHERE annotation_id NOT IN (SELECT id FROM annotations)"
  "  OR tag_id NOT IN (SELECT id FROM tags);"
  "UPDATE annotations SET entity_id = NULL WHERE entity_id NOT IN (SELECT id FROM entities);"
  "UPDATE annotations SET speaker_id = NULL WHERE speaker_id NOT IN (SELECT id FROM entities);"
  "UPDATE articles SET notes = coalesce ((SELECT group_concat (exact || ' ' || coalesce (note, ''), ' ')"
  "  FROM annotations WHERE article_id = articles.id), '');"
  "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');";

typedef struct {
  sqlite3 *from;
  sqlite3 *to;
  ClipStoreRecovery *recovery;
} Recover;

static void
copy_row (Recover      *r,
          sqlite3_stmt *row,
          sqlite3_stmt *insert,
          int           n_columns)
{
  sqlite3_reset (insert);
  for (int i = 0; i < n_columns; i++)
    sqlite3_bind_value (insert, i + 1, sqlite3_column_value (row, i));
  if (sqlite3_step (insert) == SQLITE_DONE)
    r->recovery->copied++;
  else
    r->recovery->refused++;
  sqlite3_reset (insert);
}

/* Copies one table in key order. Where reading fails, the walk jumps
 * ahead by a growing step until it can read again: the rows in between
 * are lost, every row that can be reached is kept. */
static gboolean
copy_table (Recover         *r,
            const TableCopy *table,
            GError         **error)
{
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *insert = NULL;
  gint64 key1 = G_MININT64, key2 = G_MININT64;
  gint64 step = 1;

  if (sqlite3_prepare_v2 (r->to, table->insert_sql, -1, &insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (r->from, table->select_sql, -1, &select, NULL) != SQLITE_OK)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_CORRUPT,
                   _("Cannot read the damaged library’s tables: %s"), sqlite3_errmsg (r->from));
      sqlite3_finalize (insert);
      sqlite3_finalize (select);
      return FALSE;
    }

  for (;;)
    {
      int rc;

      sqlite3_reset (select);
      sqlite3_bind_int64 (select, 1, key1);
      sqlite3_bind_int64 (select, 2, key2);
      while ((rc = sqlite3_step (select)) == SQLITE_ROW)
        {
          key1 = sqlite3_column_int64 (select, 0);
          key2 = table->two_keys ? sqlite3_column_int64 (select, 1) : G_MININT64;
          step = 1;
          copy_row (r, select, insert, table->n_columns);
        }
      if (rc == SQLITE_DONE)
        break;

      r->recovery->unreadable++;
      if (key1 > G_MAXINT64 - step || step > G_MAXINT64 / 4)
        break;
      key1 = key1 == G_MININT64 ? step : key1 + step;
      key2 = G_MININT64;
      step *= 4;
    }

  sqlite3_finalize (select);
  sqlite3_finalize (insert);
  return TRUE;
}

static gboolean
exec_on (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_FAILED,
               _("Cannot write the recovered library: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
copy_all (Recover  *r,
          GError  **error)
{
  if (!exec_on (r->to, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!copy_table (r, &tables[i], error))
      {
        sqlite3_exec (r->to, "ROLLBACK", NULL, NULL, NULL);
        return FALSE;
      }

  if (!exec_on (r->to, tidy_sql, error) || !exec_on (r->to, "COMMIT", error))
    {
      sqlite3_exec (r->to, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  /* One file, no -wal beside it, before it is renamed. */
  return exec_on (r->to, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = DELETE", error);
}

static void
remove_library_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
}

gboolean
clip_store_recover (ClipStore          *self,
                    const char         *path,
                    ClipStoreRecovery  *recovery,
                    GError            **error)
{
  g_autofree char *temp = NULL;
  g_autoptr(ClipStore) target = NULL;
  ClipStoreRecovery local = { 0, 0, 0 };
  Recover r;
  gboolean ok;

  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” exists already; the recovered library needs a new file"), path);
      return FALSE;
    }

  temp = clip_file_temp_path (path);
  target = clip_store_open (temp, error);
  if (target == NULL)
    return FALSE;

  r.from = clip_store_get_db (self);
  r.to = clip_store_get_db (target);
  r.recovery = recovery != NULL ? recovery : &local;
  *r.recovery = (ClipStoreRecovery) { 0, 0, 0 };

  ok = copy_all (&r, error);
  g_clear_object (&target);
  if (!ok || !clip_file_commit (temp, path, FALSE, error))
    {
      remove_library_files (temp);
      return FALSE;
    }
  return TRUE;
}
