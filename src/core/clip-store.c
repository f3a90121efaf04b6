/* clip-store.c: the clippings library over SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <json-glib/json-glib.h>

#include "clip-json.h"
#include "clip-store-check.h"
#include "clip-store-private.h"
#include "clip-text.h"

struct _ClipStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  /* Prepared statements, keyed by their SQL text (a static string). */
  GHashTable *statements;
  gboolean created;
  gboolean read_only;
  /* Damage found: nothing more is written. checked: the quick check
   * that comes before the first write has run (here or elsewhere). */
  gboolean damaged;
  gboolean checked;
};

G_DEFINE_FINAL_TYPE (ClipStore, clip_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (clip-store-error-quark, clip_store_error)

enum {
  ARTICLES_CHANGED,
  ANNOTATIONS_CHANGED,
  DAMAGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* For migration 5: the words an article's annotations add to its search
 * row (their quotes and notes), and the index's row of an article (ROW
 * is old or new in a trigger), added or forgotten; FTS5 must be handed
 * exactly the values it indexed to forget them. */
#define SET_ANNOTATION_WORDS(ID) \
  " UPDATE articles SET notes = coalesce ((SELECT group_concat (exact || ' ' || coalesce (note, ''), ' ')" \
  "   FROM annotations WHERE article_id = " ID "), '') WHERE id = " ID ";"
#define FTS_ADD(ROW) \
  " INSERT INTO articles_fts (rowid, title, byline, text, notes)" \
  " VALUES (" ROW ".id, " ROW ".title, " ROW ".byline, " ROW ".text, " ROW ".notes);"
#define FTS_FORGET(ROW) \
  " INSERT INTO articles_fts (articles_fts, rowid, title, byline, text, notes)" \
  " VALUES ('delete', " ROW ".id, " ROW ".title, " ROW ".byline, " ROW ".text, " ROW ".notes);"

/* The ordered migration steps: step i takes the schema from version i to
 * version i + 1, in one transaction. Never edit a released step; append. */
static const char * const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE articles ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  byline TEXT,"
  "  site_name TEXT,"
  "  source_url TEXT,"
  "  published TEXT,"
  "  lang TEXT,"
  "  dir TEXT,"
  "  excerpt TEXT,"
  "  content_html TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  source_kind TEXT NOT NULL DEFAULT 'text',"
  "  original BLOB,"
  "  original_type TEXT,"
  "  original_sha256 TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX articles_created ON articles (created_at);"
  "CREATE TABLE entities ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'place', 'other')),"
  "  aliases TEXT NOT NULL DEFAULT '[]',"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (name, kind)"
  ");"
  "CREATE TABLE annotations ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('highlight', 'quote', 'entity', 'note')),"
  "  color INTEGER NOT NULL DEFAULT 0 CHECK (color BETWEEN 0 AND 5),"
  "  exact TEXT NOT NULL,"
  "  prefix TEXT NOT NULL DEFAULT '',"
  "  suffix TEXT NOT NULL DEFAULT '',"
  "  start_pos INTEGER NOT NULL CHECK (start_pos >= 0),"
  "  end_pos INTEGER NOT NULL CHECK (end_pos >= start_pos),"
  "  note TEXT,"
  "  entity_id INTEGER REFERENCES entities (id) ON DELETE SET NULL,"
  "  speaker_id INTEGER REFERENCES entities (id) ON DELETE SET NULL,"
  "  quote_status TEXT CHECK (quote_status IN ('unverified', 'verified')),"
  "  orphaned INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX annotations_article ON annotations (article_id, start_pos);"
  "CREATE INDEX annotations_entity ON annotations (entity_id);"
  "CREATE INDEX annotations_speaker ON annotations (speaker_id);"
  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE"
  ");"
  "CREATE TABLE article_tags ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (article_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_tags_tag ON article_tags (tag_id);"
  "CREATE TABLE annotation_tags ("
  "  annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (annotation_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX annotation_tags_tag ON annotation_tags (tag_id);"
  "CREATE TABLE assets ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  url TEXT,"
  "  mime_type TEXT NOT NULL,"
  "  data BLOB NOT NULL,"
  "  sha256 TEXT NOT NULL"
  ");"
  "CREATE INDEX assets_article ON assets (article_id);"
  /* The search index: one row per article, rowid = article id. */
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, byline, text, notes,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  "  INSERT INTO articles_fts (rowid, title, byline, text, notes)"
  "  VALUES (new.id, new.title, new.byline, new.text, '');"
  "END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  "  DELETE FROM articles_fts WHERE rowid = old.id;"
  "END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline, text ON articles BEGIN"
  "  UPDATE articles_fts SET title = new.title, byline = new.byline, text = new.text"
  "  WHERE rowid = new.id;"
  "END;"
  /* Annotation text and notes are searchable with their article. */
  "CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN"
  "  UPDATE articles_fts SET notes = (SELECT group_concat (exact || ' ' || coalesce (note, ''), ' ')"
  "    FROM annotations WHERE article_id = new.article_id) WHERE rowid = new.article_id;"
  "END;"
  "CREATE TRIGGER annotations_fts_update AFTER UPDATE OF exact, note ON annotations BEGIN"
  "  UPDATE articles_fts SET notes = (SELECT group_concat (exact || ' ' || coalesce (note, ''), ' ')"
  "    FROM annotations WHERE article_id = new.article_id) WHERE rowid = new.article_id;"
  "END;"
  "CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN"
  "  UPDATE articles_fts SET notes = coalesce ((SELECT group_concat (exact || ' ' || coalesce (note, ''), ' ')"
  "    FROM annotations WHERE article_id = old.article_id), '') WHERE rowid = old.article_id;"
  "END;",

  /* 1 -> 2: capture provenance */
  "ALTER TABLE articles ADD COLUMN http_status INTEGER;"
  "ALTER TABLE articles ADD COLUMN captured_at TEXT;"
  "ALTER TABLE articles ADD COLUMN lead_image_url TEXT;",

  /* 2 -> 3: indexes for the library's sort orders and filters (the
   * ORDER BY clauses in clip-search.c match them) */
  "CREATE INDEX articles_title ON articles (title COLLATE NOCASE);"
  "CREATE INDEX articles_site ON articles (site_name IS NULL, site_name COLLATE NOCASE, id DESC);"
  "CREATE INDEX articles_published ON articles (published IS NOT NULL, published);"
  "CREATE INDEX annotations_article_kind ON annotations (article_id, kind);",

  /* 3 -> 4: the search index merges its segments in larger, rarer steps,
   * which makes adding many articles cheaper */
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);"
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 32);",

  /* 4 -> 5: the search index keeps no copy of the text: it reads the
   * articles table (an external content table). The annotations' words
   * move into articles.notes so that the index can read them there; the
   * triggers hand FTS5 the old values of a row it must forget. */
  "DROP TRIGGER articles_fts_insert;"
  "DROP TRIGGER articles_fts_delete;"
  "DROP TRIGGER articles_fts_update;"
  "DROP TRIGGER annotations_fts_insert;"
  "DROP TRIGGER annotations_fts_update;"
  "DROP TRIGGER annotations_fts_delete;"
  "DROP TABLE articles_fts;"
  "ALTER TABLE articles ADD COLUMN notes TEXT NOT NULL DEFAULT '';"
  SET_ANNOTATION_WORDS ("articles.id")
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, byline, text, notes,"
  "  content = 'articles', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);"
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 32);"
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);"
  "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  FTS_ADD ("new")
  "END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  FTS_FORGET ("old")
  "END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline, text, notes ON articles"
  "  WHEN old.title IS NOT new.title OR old.byline IS NOT new.byline"
  "    OR old.text IS NOT new.text OR old.notes IS NOT new.notes BEGIN"
  FTS_FORGET ("old")
  FTS_ADD ("new")
  "END;"
  "CREATE TRIGGER annotations_notes_insert AFTER INSERT ON annotations BEGIN"
  SET_ANNOTATION_WORDS ("new.article_id")
  "END;"
  "CREATE TRIGGER annotations_notes_update AFTER UPDATE OF exact, note, article_id ON annotations"
  "  WHEN old.exact IS NOT new.exact OR old.note IS NOT new.note OR old.article_id IS NOT new.article_id BEGIN"
  SET_ANNOTATION_WORDS ("old.article_id")
  SET_ANNOTATION_WORDS ("new.article_id")
  "END;"
  "CREATE TRIGGER annotations_notes_delete AFTER DELETE ON annotations BEGIN"
  SET_ANNOTATION_WORDS ("old.article_id")
  "END;",

  /* 5 -> 6: the site and date filters of a search read these indexes,
   * not the articles' rows (the expression is DATE_OF_ARTICLE of
   * clip-search.c) */
  "CREATE INDEX articles_source ON articles (site_name, source_url);"
  "CREATE INDEX articles_date ON articles"
  "  ((CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]*' THEN published ELSE created_at END));",

  /* 6 -> 7: the file an opened clipping was read from (a page saved as
   * MHTML keeps its own address as source_url, and the file besides);
   * the published order now reads the date index of step 6, which also
   * places undated clippings, so the index of step 3 goes */
  "ALTER TABLE articles ADD COLUMN source_file TEXT;"
  "DROP INDEX articles_published;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CLIP_STORE_SCHEMA_VERSION);

const char *
clip_store_get_migration (guint step)
{
  g_return_val_if_fail (step < G_N_ELEMENTS (migrations), NULL);
  return migrations[step];
}

static void
clip_store_finalize (GObject *object)
{
  ClipStore *self = (ClipStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (clip_store_parent_class)->finalize (object);
}

static void
clip_store_class_init (ClipStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clip_store_finalize;

  /**
   * ClipStore::articles-changed:
   *
   * Emitted after an article was added or deleted.
   */
  signals[ARTICLES_CHANGED] =
    g_signal_new ("articles-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * ClipStore::annotations-changed:
   * @article_id: the article whose annotations changed
   */
  signals[ANNOTATIONS_CHANGED] =
    g_signal_new ("annotations-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * ClipStore::damaged:
   *
   * Emitted once, when the library is found damaged; it is not written
   * to from then on.
   */
  signals[DAMAGED] =
    g_signal_new ("damaged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
clip_store_init (ClipStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

static void
mark_damaged (ClipStore *self)
{
  if (self->damaged)
    return;
  self->damaged = TRUE;
  self->checked = TRUE;
  /* Every later write fails in SQLite too, whoever issues it. */
  if (self->db != NULL)
    sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  g_signal_emit (self, signals[DAMAGED], 0);
}

/* Turns the connection's last error into a GError. */
static gboolean
set_sqlite_error (ClipStore   *self,
                  GError     **error,
                  const char  *what)
{
  ClipStoreError code = clip_store_classify_error (self);

  if (code == CLIP_STORE_ERROR_CORRUPT)
    mark_damaged (self);
  if (self->read_only && code == CLIP_STORE_ERROR_PERMISSION)
    code = CLIP_STORE_ERROR_READ_ONLY;

  g_set_error (error, CLIP_STORE_ERROR, code, "%s: %s", what, clip_store_error_reason (self, code));
  return FALSE;
}

/* Before anything is written: not read-only, not damaged, and, the first
 * time in this session, a quick check of the file. */
static gboolean
ensure_writable (ClipStore  *self,
                 GError    **error)
{
  if (self->read_only)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_READ_ONLY,
                   _("The library “%s” was opened read-only; nothing is written to it"), self->path);
      return FALSE;
    }

  if (!self->checked)
    {
      g_autoptr(GError) check_error = NULL;

      self->checked = TRUE;
      if (!clip_store_quick_check (self, &check_error) && !self->damaged)
        {
          g_propagate_error (error, g_steal_pointer (&check_error));
          return FALSE;
        }
    }

  if (self->damaged)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_CORRUPT,
                   _("The library “%s” is damaged, so nothing more is written to it. "
                     "“clippings-cli check” says what is wrong; "
                     "“clippings-cli recover NEW.db” copies what can still be read into a new library"),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

/* Returns a reset, cached statement for a static SQL string. */
static sqlite3_stmt *
prepare (ClipStore   *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, _("Cannot read the library"));
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

static gboolean
exec (ClipStore   *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error, _("Cannot update the library"));
  return TRUE;
}

/* Runs a statement that returns no rows, then resets it. */
static gboolean
step_done (ClipStore     *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("Cannot update the library"));
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return (const char *)sqlite3_column_text (stmt, index);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
clip_store_in_transaction (ClipStore   *self,
                           gboolean   (*body) (ClipStore *, gpointer, GError **),
                           gpointer     data,
                           GError     **error)
{
  /* Inside a caller's transaction (clip-trash.c puts clippings back in
   * one), a savepoint: all of it is kept or none. */
  gboolean nested = !sqlite3_get_autocommit (self->db);
  const char *rollback = nested ? "ROLLBACK TO clip_nested; RELEASE clip_nested" : "ROLLBACK";

  if (!ensure_writable (self, error))
    return FALSE;

  if (!exec (self, nested ? "SAVEPOINT clip_nested" : "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!body (self, data, error))
    {
      sqlite3_exec (self->db, rollback, NULL, NULL, NULL);
      return FALSE;
    }

  if (!exec (self, nested ? "RELEASE clip_nested" : "COMMIT", error))
    {
      sqlite3_exec (self->db, rollback, NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
clip_store_run_in_transaction (ClipStore                *self,
                               ClipStoreTransactionFunc  body,
                               gpointer                  data,
                               GError                  **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  return clip_store_in_transaction (self, body, data, error);
}

static gboolean
read_int (ClipStore   *self,
          const char  *sql,
          gint64      *value,
          GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, error, _("Cannot read the library"));
  return TRUE;
}

gboolean
clip_store_read_int (ClipStore   *self,
                     const char  *sql,
                     gint64      *value,
                     GError     **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  return read_int (self, sql, value, error);
}

static gboolean
run_migration (ClipStore *self,
               gpointer   data,
               GError   **error)
{
  guint step = GPOINTER_TO_UINT (data);
  g_autofree char *set_version = NULL;

  if (!exec (self, migrations[step], error))
    return FALSE;

  set_version = g_strdup_printf ("PRAGMA user_version = %u", step + 1);
  return exec (self, set_version, error);
}

static gboolean
migrate (ClipStore   *self,
         gint64       version,
         GError     **error)
{
  for (guint step = version; step < CLIP_STORE_SCHEMA_VERSION; step++)
    {
      if (!clip_store_in_transaction (self, run_migration, GUINT_TO_POINTER (step), error))
        {
          g_prefix_error (error, _("Cannot upgrade the library to version %u: "), step + 1);
          return FALSE;
        }
    }

  self->created = version == 0;
  return TRUE;
}

static gboolean
open_connection (ClipStore   *self,
                 gboolean     read_only,
                 gboolean     immutable,
                 GError     **error)
{
  /* Always a file: ":memory:" or "" would open a database that is not the
   * one named, and every write to it would be lost. */
  g_autofree char *file_path = g_canonicalize_filename (self->path, NULL);
  g_autofree char *uri = NULL;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  if (immutable)
    {
      g_autofree char *file_uri = g_filename_to_uri (file_path, NULL, NULL);

      uri = g_strconcat (file_uri, "?immutable=1", NULL);
      flags |= SQLITE_OPEN_URI;
    }

  self->read_only = read_only;
  if (sqlite3_open_v2 (uri != NULL ? uri : file_path, &self->db, flags, NULL) != SQLITE_OK)
    {
      g_autoptr(GError) open_error = NULL;

      if (self->db == NULL)
        {
          g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_FAILED, _("Out of memory"));
          return FALSE;
        }
      set_sqlite_error (self, &open_error, "");
      return clip_store_set_open_error (self, error, open_error);
    }

  sqlite3_extended_result_codes (self->db, FALSE);
  sqlite3_busy_timeout (self->db, 5000);
  return TRUE;
}

static void
close_connection (ClipStore *self)
{
  g_hash_table_remove_all (self->statements);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
}

static gboolean
open_db (ClipStore           *self,
         ClipStoreOpenFlags   flags,
         GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version = 0;
  /* A library that is not there yet, or needs an upgrade, is opened for
   * writing even by a read. */
  gboolean read_only = (flags & CLIP_STORE_OPEN_READ_ONLY) && g_file_test (self->path, G_FILE_TEST_EXISTS);

  if (!clip_store_check_folder (self, error) ||
      !open_connection (self, read_only, FALSE, error))
    return FALSE;

  if (!clip_store_check_existing (self, &version, &local_error))
    {
      if (!read_only || !clip_store_can_read_immutable (self, local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      close_connection (self);
      if (!open_connection (self, TRUE, TRUE, error) || !clip_store_check_existing (self, &version, error))
        return FALSE;
    }

  if (read_only && version < CLIP_STORE_SCHEMA_VERSION)
    {
      close_connection (self);
      return open_db (self, flags & ~CLIP_STORE_OPEN_READ_ONLY, error);
    }
  if (read_only)
    return clip_store_configure_read_only (self, error);

  /* For a new library (an existing one keeps its own): fewer, larger
   * pages suit rows of whole articles and their index. */
  return exec (self, "PRAGMA page_size = 8192", error) &&
         clip_store_switch_to_wal (self, error) &&
         exec (self, "PRAGMA foreign_keys = ON", error) &&
         exec (self, "PRAGMA synchronous = NORMAL", error) &&
         /* A large library searches faster with its index pages in memory. */
         exec (self, "PRAGMA cache_size = -65536", error) &&
         exec (self, "PRAGMA mmap_size = 268435456", error) &&
         exec (self, "PRAGMA temp_store = MEMORY", error) &&
         /* Copying the log into the file less often (every 64 MB, not
          * 4 MB) makes adding many articles a third faster. */
         exec (self, "PRAGMA wal_autocheckpoint = 8192", error) &&
         exec (self, "PRAGMA journal_size_limit = 67108864", error) &&
         migrate (self, version, error);
}

char *
clip_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "clippings", "clippings.db", NULL);
}

ClipStore *
clip_store_open_full (const char          *path,
                      ClipStoreOpenFlags   flags,
                      GError             **error)
{
  g_autoptr(ClipStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path[0] == '\0')
    {
      g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                           _("No library was named: the library’s file name is empty"));
      return NULL;
    }

  self = g_object_new (CLIP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_db (self, flags, error))
    return NULL;

  return g_steal_pointer (&self);
}

ClipStore *
clip_store_open (const char  *path,
                 GError     **error)
{
  return clip_store_open_full (path, CLIP_STORE_OPEN_NONE, error);
}

gboolean
clip_store_get_read_only (ClipStore *self)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  return self->read_only;
}

gboolean
clip_store_get_damaged (ClipStore *self)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  return self->damaged;
}

void
clip_store_set_checked (ClipStore *self,
                        gboolean   damaged)
{
  g_return_if_fail (CLIP_IS_STORE (self));

  self->checked = TRUE;
  if (damaged)
    mark_damaged (self);
}

const char *
clip_store_get_path (ClipStore *self)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);
  return self->path;
}

gboolean
clip_store_get_created (ClipStore *self)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  return self->created;
}

static char *
sha256_of_bytes (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static gboolean
insert_article (ClipStore   *self,
                ClipArticle *article,
                GError     **error)
{
  GBytes *original = clip_article_get_original (article);
  g_autofree char *sha256 = original ? sha256_of_bytes (original) : NULL;
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "INSERT INTO articles (title, byline, site_name, source_url, published,"
                  " lang, dir, excerpt, content_html, text, source_kind, original,"
                  " original_type, original_sha256, created_at, updated_at, http_status,"
                  " captured_at, lead_image_url, source_file)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15,"
                  " ?16, ?17, ?18, ?19)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clip_article_get_title (article));
  bind_text (stmt, 2, clip_article_get_byline (article));
  bind_text (stmt, 3, clip_article_get_site_name (article));
  bind_text (stmt, 4, clip_article_get_source_url (article));
  bind_text (stmt, 5, clip_article_get_published (article));
  bind_text (stmt, 6, clip_article_get_lang (article));
  bind_text (stmt, 7, clip_article_get_dir (article));
  bind_text (stmt, 8, clip_article_get_excerpt (article));
  bind_text (stmt, 9, clip_article_get_content_html (article));
  bind_text (stmt, 10, clip_article_get_text (article));
  bind_text (stmt, 11, clip_article_get_source_kind (article) ?: "text");
  clip_store_bind_bytes (stmt, 12, original);
  bind_text (stmt, 13, clip_article_get_original_type (article));
  bind_text (stmt, 14, sha256);
  bind_text (stmt, 15, now);
  if (clip_article_get_http_status (article) > 0)
    sqlite3_bind_int (stmt, 16, clip_article_get_http_status (article));
  bind_text (stmt, 17, clip_article_get_captured_at (article));
  bind_text (stmt, 18, clip_article_get_lead_image_url (article));
  bind_text (stmt, 19, clip_article_get_source_file (article));

  if (!step_done (self, stmt, error))
    return FALSE;

  clip_article_set_id (article, sqlite3_last_insert_rowid (self->db));
  clip_article_set_created_at (article, now);
  clip_article_set_original_sha256 (article, sha256);
  return TRUE;
}

typedef struct {
  ClipArticle *article;
  GPtrArray *assets;
} ArticleWithAssets;

static gboolean
update_content (ClipStore   *self,
                ClipArticle *article,
                GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, "UPDATE articles SET content_html = ?1 WHERE id = ?2", error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clip_article_get_content_html (article));
  sqlite3_bind_int64 (stmt, 2, clip_article_get_id (article));
  return step_done (self, stmt, error);
}

/* Stores each image and points the content's <img> at clip://asset/<id>;
 * images have no text, so the article text does not change. */
static gboolean
insert_assets (ClipStore   *self,
               ClipArticle *article,
               GPtrArray   *assets,
               GError     **error)
{
  g_autofree char *content = g_strdup (clip_article_get_content_html (article));
  gint64 article_id = clip_article_get_id (article);

  for (guint i = 0; assets != NULL && i < assets->len; i++)
    {
      ClipAsset *asset = g_ptr_array_index (assets, i);
      g_autofree char *uri = NULL;
      char *rewritten;
      gint64 id;

      id = clip_store_add_asset (self, article_id, asset->url, asset->mime_type, asset->data, error);
      if (id == 0)
        return FALSE;

      uri = g_strdup_printf ("clip://asset/%" G_GINT64_FORMAT, id);
      rewritten = clip_content_replace_image (content, asset->url, uri);
      g_free (content);
      content = rewritten;
    }

  if (assets == NULL || assets->len == 0)
    return TRUE;

  clip_article_set_content_html (article, content);
  return update_content (self, article, error);
}

static gboolean
insert_article_with_assets (ClipStore *self,
                            gpointer   data,
                            GError   **error)
{
  ArticleWithAssets *aa = data;

  return insert_article (self, aa->article, error) &&
         insert_assets (self, aa->article, aa->assets, error);
}

void
clip_asset_free (ClipAsset *asset)
{
  if (asset == NULL)
    return;

  g_free (asset->url);
  g_free (asset->mime_type);
  g_clear_pointer (&asset->data, g_bytes_unref);
  g_free (asset);
}

ClipAsset *
clip_asset_new (const char *url,
                const char *mime_type,
                GBytes     *data)
{
  ClipAsset *asset = g_new0 (ClipAsset, 1);

  asset->url = g_strdup (url);
  asset->mime_type = g_strdup (mime_type);
  asset->data = g_bytes_ref (data);
  return asset;
}

gboolean
clip_store_add_article (ClipStore    *self,
                        ClipArticle  *article,
                        GError      **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIP_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (clip_article_get_id (article) == 0, FALSE);

  return clip_store_add_article_with_assets (self, article, NULL, error);
}

gboolean
clip_store_add_article_with_assets (ClipStore    *self,
                                    ClipArticle  *article,
                                    GPtrArray    *assets,
                                    GError      **error)
{
  ArticleWithAssets aa = { article, assets };

  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIP_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (clip_article_get_id (article) == 0, FALSE);

  if (clip_article_get_text (article)[0] == '\0')
    {
      g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                           _("The article has no text to keep"));
      return FALSE;
    }

  if (!clip_store_in_transaction (self, insert_article_with_assets, &aa, error))
    {
      clip_article_set_id (article, 0);
      return FALSE;
    }

  g_signal_emit (self, signals[ARTICLES_CHANGED], 0);
  return TRUE;
}

static gboolean
insert_articles (ClipStore *self,
                 gpointer   data,
                 GError   **error)
{
  GPtrArray *articles = data;

  for (guint i = 0; i < articles->len; i++)
    {
      ClipArticle *article = g_ptr_array_index (articles, i);

      if (clip_article_get_text (article)[0] == '\0')
        {
          g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                               _("The article has no text to keep"));
          return FALSE;
        }
      if (!insert_article (self, article, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
clip_store_add_articles (ClipStore  *self,
                         GPtrArray  *articles,
                         GError    **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);

  for (guint i = 0; i < articles->len; i++)
    g_return_val_if_fail (clip_article_get_id (g_ptr_array_index (articles, i)) == 0, FALSE);

  if (!clip_store_in_transaction (self, insert_articles, articles, error))
    {
      for (guint i = 0; i < articles->len; i++)
        clip_article_set_id (g_ptr_array_index (articles, i), 0);
      return FALSE;
    }

  g_signal_emit (self, signals[ARTICLES_CHANGED], 0);
  return TRUE;
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NULL;

  return g_bytes_new (sqlite3_column_blob (stmt, index),
                      sqlite3_column_bytes (stmt, index));
}

static ClipArticle *
article_from_row (sqlite3_stmt *stmt)
{
  ClipArticle *article = clip_article_new ();
  g_autoptr(GBytes) original = column_bytes (stmt, 11);

  clip_article_set_id (article, sqlite3_column_int64 (stmt, 0));
  clip_article_set_title (article, column_text (stmt, 1));
  clip_article_set_byline (article, column_text (stmt, 2));
  clip_article_set_site_name (article, column_text (stmt, 3));
  clip_article_set_source_url (article, column_text (stmt, 4));
  clip_article_set_published (article, column_text (stmt, 5));
  clip_article_set_lang (article, column_text (stmt, 6));
  clip_article_set_dir (article, column_text (stmt, 7));
  clip_article_set_excerpt (article, column_text (stmt, 8));
  clip_article_set_content_html (article, column_text (stmt, 9));
  clip_article_set_source_kind (article, column_text (stmt, 10));
  clip_article_set_original (article, original, column_text (stmt, 12));
  clip_article_set_created_at (article, column_text (stmt, 13));
  clip_article_set_http_status (article, sqlite3_column_int (stmt, 14));
  clip_article_set_captured_at (article, column_text (stmt, 15));
  clip_article_set_lead_image_url (article, column_text (stmt, 16));
  clip_article_set_original_sha256 (article, column_text (stmt, 17));
  clip_article_set_source_file (article, column_text (stmt, 18));
  return article;
}

ClipArticle *
clip_store_get_article (ClipStore  *self,
                        gint64      id,
                        GError    **error)
{
  sqlite3_stmt *stmt;
  ClipArticle *article = NULL;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT id, title, byline, site_name, source_url, published, lang, dir,"
                  " excerpt, content_html, source_kind, original, original_type, created_at,"
                  " http_status, captured_at, lead_image_url, original_sha256, source_file"
                  " FROM articles WHERE id = ?1",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    article = article_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND,
                 _("There is no clipping with the number %lld"), (long long)id);
  else
    set_sqlite_error (self, error, _("Cannot read the library"));

  sqlite3_reset (stmt);
  return article;
}

GPtrArray *
clip_store_list_articles (ClipStore  *self,
                          GError    **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT a.id, a.title, a.site_name, a.published, a.created_at,"
                  " (SELECT count(*) FROM annotations n WHERE n.article_id = a.id)"
                  " FROM articles a ORDER BY a.created_at DESC, a.id DESC",
                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ClipArticle *article = clip_article_new ();

      clip_article_set_id (article, sqlite3_column_int64 (stmt, 0));
      clip_article_set_title (article, column_text (stmt, 1));
      clip_article_set_site_name (article, column_text (stmt, 2));
      clip_article_set_published (article, column_text (stmt, 3));
      clip_article_set_created_at (article, column_text (stmt, 4));
      clip_article_set_n_highlights (article, sqlite3_column_int (stmt, 5));
      g_ptr_array_add (articles, article);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("Cannot read the library"));
      return NULL;
    }

  return g_steal_pointer (&articles);
}

gint64
clip_store_count_articles (ClipStore  *self,
                           GError    **error)
{
  gint64 count = -1;

  g_return_val_if_fail (CLIP_IS_STORE (self), -1);

  if (!read_int (self, "SELECT count(*) FROM articles", &count, error))
    return -1;
  return count;
}

/* Runs a one-parameter DELETE and fails with NOT_FOUND when nothing went. */
static gboolean
delete_by_id (ClipStore   *self,
              const char  *sql,
              gint64       id,
              GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND,
                   _("Nothing to delete: number %lld is not in the library"), (long long)id);
      return FALSE;
    }

  return TRUE;
}

gboolean
clip_store_delete_article (ClipStore  *self,
                           gint64      id,
                           GError    **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);

  if (!delete_by_id (self, "DELETE FROM articles WHERE id = ?1", id, error))
    return FALSE;

  g_signal_emit (self, signals[ARTICLES_CHANGED], 0);
  return TRUE;
}

static char *
article_text (ClipStore  *self,
              gint64      article_id,
              GError    **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT text FROM articles WHERE id = ?1", error);
  char *text = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup (column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND,
                 _("There is no clipping with the number %lld"), (long long)article_id);
  else
    set_sqlite_error (self, error, _("Cannot read the library"));
  sqlite3_reset (stmt);

  return text;
}

/* The annotation must quote exactly the stored text at its position. */
static gboolean
validate_annotation (ClipStore       *self,
                     ClipAnnotation  *annotation,
                     GError         **error)
{
  g_autofree char *text = NULL;
  g_autofree char *covered = NULL;
  glong start = clip_annotation_get_start (annotation);
  glong end = clip_annotation_get_end (annotation);

  text = article_text (self, clip_annotation_get_article_id (annotation), error);
  if (text == NULL)
    return FALSE;

  if (start < 0 || end <= start || end > clip_text_length (text))
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                   _("The range %ld–%ld is not inside the article"), start, end);
      return FALSE;
    }

  covered = clip_text_slice (text, start, end);
  if (g_strcmp0 (covered, clip_annotation_get_exact (annotation)) != 0)
    {
      g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                           _("The quoted text does not match the article at that place"));
      return FALSE;
    }

  return TRUE;
}

/* An orphan keeps what it quoted and where, which must be a place that a
 * text could have: not a negative or reversed range, not one beyond
 * what any article can hold. */
static gboolean
validate_orphan (ClipAnnotation  *annotation,
                 GError         **error)
{
  glong start = clip_annotation_get_start (annotation);
  glong end = clip_annotation_get_end (annotation);
  const char *exact = clip_annotation_get_exact (annotation);

  if (exact == NULL || exact[0] == '\0')
    {
      g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                           _("An annotation that is not in the text must keep the text it quoted"));
      return FALSE;
    }
  if (start < 0 || end < start || end > CLIP_STORE_MAX_POSITION)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                   _("The range %ld–%ld is not a place in any article"), start, end);
      return FALSE;
    }
  return TRUE;
}

static void
bind_id (sqlite3_stmt *stmt,
         int           index,
         gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
ensure_tag (ClipStore   *self,
            const char  *name,
            GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  return step_done (self, stmt, error);
}

static gboolean
insert_annotation_tags (ClipStore       *self,
                        ClipAnnotation  *annotation,
                        GError         **error)
{
  const char * const *tags = clip_annotation_get_tags (annotation);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (tags[i]));
      sqlite3_stmt *stmt;

      if (name[0] == '\0')
        continue;
      if (!ensure_tag (self, name, error))
        return FALSE;

      stmt = prepare (self,
                      "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)"
                      " SELECT ?1, id FROM tags WHERE name = ?2",
                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, clip_annotation_get_id (annotation));
      bind_text (stmt, 2, name);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_annotation (ClipStore *self,
                   gpointer   data,
                   GError   **error)
{
  ClipAnnotation *annotation = data;
  gint64 wanted_id = clip_annotation_get_id (annotation);
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;

  /* An orphan is kept as it came: its quote is not in this text. */
  if (clip_annotation_get_orphaned (annotation) ? !validate_orphan (annotation, error)
                                                : !validate_annotation (self, annotation, error))
    return FALSE;

  stmt = prepare (self,
                  "INSERT INTO annotations (article_id, kind, color, exact, prefix, suffix,"
                  " start_pos, end_pos, note, created_at, updated_at, entity_id, speaker_id,"
                  " quote_status, orphaned, id)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12, ?13, ?14, ?15)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, clip_annotation_get_article_id (annotation));
  bind_text (stmt, 2, clip_annotation_kind_to_string (clip_annotation_get_kind (annotation)));
  sqlite3_bind_int (stmt, 3, clip_annotation_get_color (annotation));
  bind_text (stmt, 4, clip_annotation_get_exact (annotation));
  bind_text (stmt, 5, clip_annotation_get_prefix (annotation));
  bind_text (stmt, 6, clip_annotation_get_suffix (annotation));
  sqlite3_bind_int64 (stmt, 7, clip_annotation_get_start (annotation));
  sqlite3_bind_int64 (stmt, 8, clip_annotation_get_end (annotation));
  bind_text (stmt, 9, clip_annotation_get_note (annotation));
  bind_text (stmt, 10, now);
  bind_id (stmt, 11, clip_annotation_get_entity_id (annotation));
  bind_id (stmt, 12, clip_annotation_get_speaker_id (annotation));
  bind_text (stmt, 13, clip_annotation_get_quote_status (annotation));
  sqlite3_bind_int (stmt, 14, clip_annotation_get_orphaned (annotation));
  /* An undone deletion comes back under its old number. */
  bind_id (stmt, 15, wanted_id);

  if (!step_done (self, stmt, error))
    return FALSE;

  clip_annotation_set_id (annotation, sqlite3_last_insert_rowid (self->db));
  clip_annotation_set_created_at (annotation, now);
  return insert_annotation_tags (self, annotation, error);
}

gboolean
clip_store_add_annotation (ClipStore       *self,
                           ClipAnnotation  *annotation,
                           GError         **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIP_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (clip_annotation_get_id (annotation) == 0, FALSE);

  if (!clip_store_in_transaction (self, insert_annotation, annotation, error))
    {
      clip_annotation_set_id (annotation, 0);
      return FALSE;
    }

  g_signal_emit (self, signals[ANNOTATIONS_CHANGED], 0,
                 clip_annotation_get_article_id (annotation));
  return TRUE;
}

static ClipAnnotation *
annotation_from_row (sqlite3_stmt *stmt)
{
  ClipAnnotationKind kind = CLIP_ANNOTATION_HIGHLIGHT;
  ClipAnnotation *annotation;

  clip_annotation_kind_from_string (column_text (stmt, 2), &kind);
  annotation = clip_annotation_new (kind);
  clip_annotation_set_id (annotation, sqlite3_column_int64 (stmt, 0));
  clip_annotation_set_article_id (annotation, sqlite3_column_int64 (stmt, 1));
  clip_annotation_set_color (annotation, CLAMP (sqlite3_column_int (stmt, 3), 0, 5));
  clip_annotation_set_quote (annotation, column_text (stmt, 4),
                             column_text (stmt, 5), column_text (stmt, 6));
  clip_annotation_set_position (annotation, sqlite3_column_int64 (stmt, 7),
                                sqlite3_column_int64 (stmt, 8));
  clip_annotation_set_note (annotation, column_text (stmt, 9));
  clip_annotation_set_created_at (annotation, column_text (stmt, 10));
  clip_annotation_set_entity (annotation, sqlite3_column_int64 (stmt, 11),
                              column_text (stmt, 12), column_text (stmt, 13));
  clip_annotation_set_speaker (annotation, sqlite3_column_int64 (stmt, 14), column_text (stmt, 15));
  clip_annotation_set_quote_status (annotation, column_text (stmt, 16));
  clip_annotation_set_orphaned (annotation, sqlite3_column_int (stmt, 17));
  if (column_text (stmt, 18) != NULL)
    {
      g_auto(GStrv) tags = g_strsplit (column_text (stmt, 18), "\x1f", -1);
      clip_annotation_set_tags (annotation, (const char * const *)tags);
    }
  return annotation;
}

GPtrArray *
clip_store_list_annotations (ClipStore  *self,
                             gint64      article_id,
                             GError    **error)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT a.id, a.article_id, a.kind, a.color, a.exact, a.prefix, a.suffix,"
                  " a.start_pos, a.end_pos, a.note, a.created_at, a.entity_id, e.name, e.kind,"
                  " a.speaker_id, s.name, a.quote_status, a.orphaned,"
                  " (SELECT group_concat (t.name, char(31)) FROM annotation_tags x"
                  "  JOIN tags t ON t.id = x.tag_id WHERE x.annotation_id = a.id)"
                  " FROM annotations a"
                  " LEFT JOIN entities e ON e.id = a.entity_id"
                  " LEFT JOIN entities s ON s.id = a.speaker_id"
                  " WHERE a.article_id = ?1"
                  " ORDER BY a.orphaned, a.start_pos, a.end_pos, a.id",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (annotations, annotation_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("Cannot read the library"));
      return NULL;
    }

  return g_steal_pointer (&annotations);
}

gboolean
clip_store_delete_annotation (ClipStore  *self,
                              gint64      id,
                              GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 article_id = 0;

  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);

  stmt = prepare (self, "SELECT article_id FROM annotations WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    article_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (!delete_by_id (self, "DELETE FROM annotations WHERE id = ?1", id, error))
    return FALSE;

  g_signal_emit (self, signals[ANNOTATIONS_CHANGED], 0, article_id);
  return TRUE;
}

typedef struct {
  gint64 article_id;
  const char *tag;
} TagArticle;

static gboolean
insert_article_tag (ClipStore *self,
                    gpointer   data,
                    GError   **error)
{
  TagArticle *ta = data;
  sqlite3_stmt *stmt;

  if (!ensure_tag (self, ta->tag, error))
    return FALSE;

  stmt = prepare (self,
                  "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
                  " SELECT ?1, id FROM tags WHERE name = ?2",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ta->article_id);
  bind_text (stmt, 2, ta->tag);
  return step_done (self, stmt, error);
}

gboolean
clip_store_tag_article (ClipStore   *self,
                        gint64       article_id,
                        const char  *tag,
                        GError     **error)
{
  g_autofree char *name = NULL;
  TagArticle ta;

  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  name = g_strstrip (g_strdup (tag));
  if (name[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                           _("A tag needs a name"));
      return FALSE;
    }

  ta.article_id = article_id;
  ta.tag = name;
  return clip_store_in_transaction (self, insert_article_tag, &ta, error);
}

GStrv
clip_store_get_article_tags (ClipStore  *self,
                             gint64      article_id,
                             GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id"
                  " WHERE at.article_id = ?1 ORDER BY t.name",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("Cannot read the library"));
      return NULL;
    }

  return g_strv_builder_end (builder);
}

gint64
clip_store_add_asset (ClipStore   *self,
                      gint64       article_id,
                      const char  *url,
                      const char  *mime_type,
                      GBytes      *data,
                      GError     **error)
{
  g_autofree char *sha256 = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CLIP_IS_STORE (self), 0);
  g_return_val_if_fail (mime_type != NULL, 0);
  g_return_val_if_fail (data != NULL, 0);

  stmt = prepare (self,
                  "INSERT INTO assets (article_id, url, mime_type, data, sha256)"
                  " VALUES (?1, ?2, ?3, ?4, ?5)",
                  error);
  if (stmt == NULL)
    return 0;

  sha256 = sha256_of_bytes (data);
  sqlite3_bind_int64 (stmt, 1, article_id);
  bind_text (stmt, 2, url);
  bind_text (stmt, 3, mime_type);
  clip_store_bind_bytes (stmt, 4, data);
  bind_text (stmt, 5, sha256);
  if (!step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

GBytes *
clip_store_get_asset (ClipStore  *self,
                      gint64      id,
                      char      **mime_type,
                      GError    **error)
{
  sqlite3_stmt *stmt;
  GBytes *data = NULL;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT mime_type, data FROM assets WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (mime_type != NULL)
        *mime_type = g_strdup (column_text (stmt, 0));
      data = column_bytes (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND,
                 _("There is no image with the number %lld"), (long long)id);
  else
    set_sqlite_error (self, error, _("Cannot read the library"));
  sqlite3_reset (stmt);

  return data;
}

char *
clip_store_get_asset_url (ClipStore  *self,
                          gint64      id,
                          GError    **error)
{
  sqlite3_stmt *stmt;
  char *url = NULL;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = prepare (self, "SELECT url FROM assets WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    url = g_strdup (column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND,
                 _("There is no image with the number %lld"), (long long)id);
  else
    set_sqlite_error (self, error, _("Cannot read the library"));
  sqlite3_reset (stmt);

  return url;
}

static ClipEntity *
entity_from_row (sqlite3_stmt *stmt)
{
  ClipEntityKind kind = CLIP_ENTITY_OTHER;
  g_autoptr(JsonNode) aliases = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  ClipEntity *entity;

  clip_entity_kind_from_string (column_text (stmt, 2), &kind);
  entity = clip_entity_new (column_text (stmt, 1), kind);
  clip_entity_set_id (entity, sqlite3_column_int64 (stmt, 0));

  aliases = clip_json_from_string (column_text (stmt, 3), NULL);
  if (aliases != NULL && JSON_NODE_HOLDS_ARRAY (aliases))
    {
      JsonArray *array = json_node_get_array (aliases);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *alias = json_array_get_string_element (array, i);
          if (alias != NULL)
            g_strv_builder_add (builder, alias);
        }
    }

  strv = g_strv_builder_end (builder);
  clip_entity_set_aliases (entity, (const char * const *)strv);
  return entity;
}

ClipEntity *
clip_store_find_entity (ClipStore   *self,
                        const char  *name,
                        const char  *kind,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  ClipEntity *entity = NULL;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* The name itself first, then an alias; case does not matter. */
  stmt = prepare (self,
                  "SELECT id, name, kind, aliases FROM entities"
                  " WHERE (?2 IS NULL OR kind = ?2)"
                  " AND (name = ?1 COLLATE NOCASE"
                  "      OR EXISTS (SELECT 1 FROM json_each (aliases) WHERE value = ?1 COLLATE NOCASE))"
                  " ORDER BY name = ?1 COLLATE NOCASE DESC, id LIMIT 1",
                  error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, name);
  bind_text (stmt, 2, kind);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    entity = entity_from_row (stmt);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, error, _("Cannot read the library"));
  sqlite3_reset (stmt);

  return entity;
}

ClipEntity *
clip_store_ensure_entity (ClipStore   *self,
                          const char  *name,
                          const char  *kind,
                          GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(GError) local_error = NULL;
  ClipEntityKind parsed;
  ClipEntity *entity;
  sqlite3_stmt *stmt;
  g_autofree char *now = now_iso8601 ();

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  clean = g_strstrip (g_strdup (name));
  if (clean[0] == '\0' || !clip_entity_kind_from_string (kind, &parsed))
    {
      g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                           _("An entity needs a name and a kind (person, organisation, place or other)"));
      return NULL;
    }

  entity = clip_store_find_entity (self, clean, clip_entity_kind_to_string (parsed), &local_error);
  if (entity != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return entity;
    }

  stmt = prepare (self, "INSERT INTO entities (name, kind, created_at) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, clean);
  bind_text (stmt, 2, clip_entity_kind_to_string (parsed));
  bind_text (stmt, 3, now);
  if (!step_done (self, stmt, error))
    return NULL;

  entity = clip_entity_new (clean, parsed);
  clip_entity_set_id (entity, sqlite3_last_insert_rowid (self->db));
  return entity;
}

gboolean
clip_store_add_entity_alias (ClipStore   *self,
                             gint64       entity_id,
                             const char  *alias,
                             GError     **error)
{
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (alias != NULL, FALSE);

  clean = g_strstrip (g_strdup (alias));
  if (clean[0] == '\0')
    {
      g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                           _("An alias needs a name"));
      return FALSE;
    }

  stmt = prepare (self,
                  "UPDATE entities SET aliases = json_insert (aliases, '$[#]', ?2)"
                  " WHERE id = ?1 AND name <> ?2 COLLATE NOCASE"
                  " AND NOT EXISTS (SELECT 1 FROM json_each (aliases) WHERE value = ?2 COLLATE NOCASE)",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  bind_text (stmt, 2, clean);
  return step_done (self, stmt, error);
}

GPtrArray *
clip_store_list_entities (ClipStore  *self,
                          GError    **error)
{
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT id, name, kind, aliases FROM entities ORDER BY kind, name COLLATE NOCASE",
                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entities, entity_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("Cannot read the library"));
      return NULL;
    }

  return g_steal_pointer (&entities);
}

gboolean
clip_store_restore_annotation (ClipStore       *self,
                               ClipAnnotation  *annotation,
                               GError         **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIP_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (clip_annotation_get_id (annotation) > 0, FALSE);

  if (!clip_store_in_transaction (self, insert_annotation, annotation, error))
    return FALSE;

  g_signal_emit (self, signals[ANNOTATIONS_CHANGED], 0,
                 clip_annotation_get_article_id (annotation));
  return TRUE;
}

ClipAnnotation *
clip_store_get_annotation (ClipStore  *self,
                           gint64      id,
                           GError    **error)
{
  g_autoptr(GPtrArray) all = NULL;
  sqlite3_stmt *stmt;
  gint64 article_id = 0;

  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT article_id FROM annotations WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    article_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  all = article_id > 0 ? clip_store_list_annotations (self, article_id, error) : NULL;
  for (guint i = 0; all != NULL && i < all->len; i++)
    if (clip_annotation_get_id (g_ptr_array_index (all, i)) == id)
      return g_object_ref (g_ptr_array_index (all, i));

  if (error != NULL && *error == NULL)
    g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND,
                 _("There is no annotation with the number %lld"), (long long)id);
  return NULL;
}

static gboolean
update_annotation (ClipStore *self,
                   gpointer   data,
                   GError   **error)
{
  ClipAnnotation *annotation = data;
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "UPDATE annotations SET color = ?2, note = ?3, entity_id = ?4, speaker_id = ?5,"
                  " quote_status = ?6, orphaned = ?7, start_pos = ?8, end_pos = ?9, updated_at = ?10,"
                  " exact = ?11, prefix = ?12, suffix = ?13"
                  " WHERE id = ?1",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, clip_annotation_get_id (annotation));
  sqlite3_bind_int (stmt, 2, clip_annotation_get_color (annotation));
  bind_text (stmt, 3, clip_annotation_get_note (annotation));
  bind_id (stmt, 4, clip_annotation_get_entity_id (annotation));
  bind_id (stmt, 5, clip_annotation_get_speaker_id (annotation));
  bind_text (stmt, 6, clip_annotation_get_quote_status (annotation));
  sqlite3_bind_int (stmt, 7, clip_annotation_get_orphaned (annotation));
  sqlite3_bind_int64 (stmt, 8, clip_annotation_get_start (annotation));
  sqlite3_bind_int64 (stmt, 9, clip_annotation_get_end (annotation));
  bind_text (stmt, 10, now);
  bind_text (stmt, 11, clip_annotation_get_exact (annotation));
  bind_text (stmt, 12, clip_annotation_get_prefix (annotation));
  bind_text (stmt, 13, clip_annotation_get_suffix (annotation));
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND,
                   _("There is no annotation with the number %lld"),
                   (long long)clip_annotation_get_id (annotation));
      return FALSE;
    }

  stmt = prepare (self, "DELETE FROM annotation_tags WHERE annotation_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, clip_annotation_get_id (annotation));
  return step_done (self, stmt, error) && insert_annotation_tags (self, annotation, error);
}

gboolean
clip_store_update_annotation (ClipStore       *self,
                              ClipAnnotation  *annotation,
                              GError         **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIP_IS_ANNOTATION (annotation), FALSE);

  if (!clip_store_in_transaction (self, update_annotation, annotation, error))
    return FALSE;

  g_signal_emit (self, signals[ANNOTATIONS_CHANGED], 0,
                 clip_annotation_get_article_id (annotation));
  return TRUE;
}

static gboolean
update_article_info (ClipStore *self,
                     gpointer   data,
                     GError   **error)
{
  ClipArticle *article = data;
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "UPDATE articles SET title = ?2, byline = ?3, site_name = ?4, published = ?5,"
                  " source_url = ?6, updated_at = ?7 WHERE id = ?1",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, clip_article_get_id (article));
  bind_text (stmt, 2, clip_article_get_title (article));
  bind_text (stmt, 3, clip_article_get_byline (article));
  bind_text (stmt, 4, clip_article_get_site_name (article));
  bind_text (stmt, 5, clip_article_get_published (article));
  bind_text (stmt, 6, clip_article_get_source_url (article));
  bind_text (stmt, 7, now);
  return step_done (self, stmt, error);
}

gboolean
clip_store_update_article_info (ClipStore    *self,
                                ClipArticle  *article,
                                GError      **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIP_IS_ARTICLE (article), FALSE);

  if (!clip_store_in_transaction (self, update_article_info, article, error))
    return FALSE;

  g_signal_emit (self, signals[ARTICLES_CHANGED], 0);
  return TRUE;
}

typedef struct {
  gint64 article_id;
  const char * const *tags;
} ArticleTags;

static gboolean
replace_article_tags (ClipStore *self,
                      gpointer   data,
                      GError   **error)
{
  ArticleTags *at = data;
  sqlite3_stmt *stmt = prepare (self, "DELETE FROM article_tags WHERE article_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, at->article_id);
  if (!step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; at->tags != NULL && at->tags[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (at->tags[i]));
      TagArticle ta = { at->article_id, name };

      if (name[0] != '\0' && !insert_article_tag (self, &ta, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
clip_store_set_article_tags (ClipStore           *self,
                             gint64               article_id,
                             const char * const  *tags,
                             GError             **error)
{
  ArticleTags at = { article_id, tags };

  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);

  if (!clip_store_in_transaction (self, replace_article_tags, &at, error))
    return FALSE;

  g_signal_emit (self, signals[ARTICLES_CHANGED], 0);
  return TRUE;
}

static gboolean
insert_annotations (ClipStore *self,
                    gpointer   data,
                    GError   **error)
{
  GPtrArray *annotations = data;

  for (guint i = 0; i < annotations->len; i++)
    if (!insert_annotation (self, g_ptr_array_index (annotations, i), error))
      return FALSE;
  return TRUE;
}

gboolean
clip_store_add_annotations (ClipStore  *self,
                            GPtrArray  *annotations,
                            GError    **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  if (annotations->len == 0)
    return TRUE;

  if (!clip_store_in_transaction (self, insert_annotations, annotations, error))
    {
      for (guint i = 0; i < annotations->len; i++)
        clip_annotation_set_id (g_ptr_array_index (annotations, i), 0);
      return FALSE;
    }

  g_signal_emit (self, signals[ANNOTATIONS_CHANGED], 0,
                 clip_annotation_get_article_id (g_ptr_array_index (annotations, 0)));
  return TRUE;
}

sqlite3 *
clip_store_get_db (ClipStore *self)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);
  return self->db;
}

sqlite3_stmt *
clip_store_prepare (ClipStore   *self,
                    const char  *sql,
                    GError     **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), NULL);
  return prepare (self, sql, error);
}

gboolean
clip_store_set_sqlite_error (ClipStore   *self,
                             GError     **error,
                             const char  *what)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  return set_sqlite_error (self, error, what);
}

gboolean
clip_store_exec (ClipStore   *self,
                 const char  *sql,
                 GError     **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  return exec (self, sql, error);
}

gboolean
clip_store_step_done (ClipStore     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (self), FALSE);
  return step_done (self, stmt, error);
}

/* Empty bytes are an empty blob: SQLite reads a NULL pointer as NULL. */
void
clip_store_bind_bytes (sqlite3_stmt *stmt,
                       int           index,
                       GBytes       *bytes)
{
  gsize size = 0;
  const void *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (bytes == NULL)
    sqlite3_bind_null (stmt, index);
  else if (data == NULL || size == 0)
    sqlite3_bind_zeroblob (stmt, index, 0);
  else
    sqlite3_bind_blob64 (stmt, index, data, size, SQLITE_TRANSIENT);
}

void
clip_store_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *text)
{
  bind_text (stmt, index, text);
}
