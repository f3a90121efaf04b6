/* clip-store-open.c: opening a library, and saying what went wrong in
 * words for a reader (disk full, no permission, locked, damaged, newer,
 * not a library)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "clip-store-check.h"
#include "clip-store-private.h"

static ClipStoreError
error_code_for (int code,
                int system_errno)
{
  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
      return CLIP_STORE_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return CLIP_STORE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CLIP_STORE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return CLIP_STORE_ERROR_INVALID;
    case SQLITE_FULL:
      return CLIP_STORE_ERROR_NO_SPACE;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return CLIP_STORE_ERROR_PERMISSION;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      if (system_errno == ENOSPC || system_errno == EDQUOT)
        return CLIP_STORE_ERROR_NO_SPACE;
      if (system_errno == EACCES || system_errno == EPERM || system_errno == EROFS)
        return CLIP_STORE_ERROR_PERMISSION;
      return CLIP_STORE_ERROR_FAILED;
    default:
      return CLIP_STORE_ERROR_FAILED;
    }
}

static gboolean
folder_not_writable (ClipStore *self)
{
  g_autofree char *dir = g_path_get_dirname (clip_store_get_path (self));

  return access (dir, W_OK) != 0;
}

ClipStoreError
clip_store_classify_error (ClipStore *self)
{
  sqlite3 *db = clip_store_get_db (self);
  ClipStoreError code = error_code_for (sqlite3_errcode (db), sqlite3_system_errno (db));

  /* SQLite cannot make its -shm or -wal file beside the library. */
  if (code == CLIP_STORE_ERROR_FAILED && sqlite3_errcode (db) == SQLITE_CANTOPEN && folder_not_writable (self))
    code = CLIP_STORE_ERROR_PERMISSION;
  return code;
}

/* What went wrong, said for a reader rather than in SQLite's words. */
const char *
clip_store_error_reason (ClipStore      *self,
                         ClipStoreError  code)
{
  int system_errno = sqlite3_system_errno (clip_store_get_db (self));

  switch (code)
    {
    case CLIP_STORE_ERROR_NO_SPACE:
      return _("the disk is full");
    case CLIP_STORE_ERROR_PERMISSION:
      if (clip_store_get_read_only (self))
        return _("it was opened read-only");
      if (system_errno == EROFS || folder_not_writable (self))
        return _("the disk or folder is read-only");
      return _("there is no permission to write to it or to its folder");
    case CLIP_STORE_ERROR_BUSY:
      return _("another program is using it (it is locked)");
    case CLIP_STORE_ERROR_CORRUPT:
      return _("the file is damaged");
    case CLIP_STORE_ERROR_NOT_A_DATABASE:
      return _("it is not a Clippings library");
    default:
      return sqlite3_errmsg (clip_store_get_db (self));
    }
}

/* "Cannot open the library “path”: the disk is full" and so on, from the
 * error a first read gave. */
gboolean
clip_store_set_open_error (ClipStore  *self,
                           GError    **error,
                           GError     *read_error)
{
  int code = read_error != NULL ? read_error->code : CLIP_STORE_ERROR_FAILED;

  if (code == CLIP_STORE_ERROR_NOT_A_DATABASE)
    g_set_error (error, CLIP_STORE_ERROR, code,
                 _("“%s” is not a Clippings library (it is not an SQLite database)"), clip_store_get_path (self));
  else if (code == CLIP_STORE_ERROR_CORRUPT)
    g_set_error (error, CLIP_STORE_ERROR, code,
                 _("The library “%s” is damaged. “clippings-cli check” says what is wrong; "
                   "“clippings-cli recover NEW.db” copies what can still be read into a new library"),
                 clip_store_get_path (self));
  else
    g_set_error (error, CLIP_STORE_ERROR, code, _("Cannot open the library “%s”: %s"),
                 clip_store_get_path (self), clip_store_error_reason (self, code));
  return FALSE;
}

/* Reads the file before anything writes to it, so that a file that is not
 * ours, a damaged one or a newer library is refused and left exactly as
 * it was. */
gboolean
clip_store_check_existing (ClipStore  *self,
                           gint64     *version,
                           GError    **error)
{
  g_autoptr(GError) read_error = NULL;
  gint64 n_objects = 0;
  gint64 n_ours = 0;

  if (!clip_store_read_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, &read_error) ||
      !clip_store_read_int (self, "PRAGMA user_version", version, &read_error) ||
      !clip_store_read_int (self,
                 "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name IN"
                 " ('articles', 'annotations', 'entities', 'tags', 'articles_fts')",
                 &n_ours, &read_error))
    return clip_store_set_open_error (self, error, read_error);

  if (*version > CLIP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NEWER_VERSION,
                   _("The library “%s” was made by a newer version of Clippings "
                     "(format %lld, this version reads up to %d)"),
                   clip_store_get_path (self), (long long)*version, CLIP_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (*version < 0)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Clippings library (its format number, %lld, is not one of ours)"),
                   clip_store_get_path (self), (long long)*version);
      return FALSE;
    }

  if (*version == 0 && n_objects > 0)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is an SQLite database of another program, not a Clippings library"),
                   clip_store_get_path (self));
      return FALSE;
    }

  /* A format number without our tables: not ours, or damaged. */
  if (*version > 0 && n_ours < 5)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Clippings library: it has a format number but not the library’s tables"),
                   clip_store_get_path (self));
      return FALSE;
    }

  return TRUE;
}

/* Only the default location's folders are made; a path elsewhere whose
 * folder does not exist is most likely mistyped. */
gboolean
clip_store_check_folder (ClipStore  *self,
                         GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (clip_store_get_path (self));
  g_autofree char *default_path = clip_store_default_path ();

  if (g_strcmp0 (clip_store_get_path (self), default_path) == 0)
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot open the library “%s”: the folder “%s” does not exist"), clip_store_get_path (self), dir);
      return FALSE;
    }
  return TRUE;
}

/* A reader of a WAL library writes its -shm file; on a read-only folder
 * or a full disk it cannot. When the library was closed cleanly (no log
 * waiting beside it) it is read as it stands in its file instead. */
gboolean
clip_store_can_read_immutable (ClipStore    *self,
                               const GError *error)
{
  g_autofree char *wal = g_strconcat (clip_store_get_path (self), "-wal", NULL);
  GStatBuf st;

  if (error->domain != CLIP_STORE_ERROR ||
      (error->code != CLIP_STORE_ERROR_PERMISSION && error->code != CLIP_STORE_ERROR_READ_ONLY &&
       error->code != CLIP_STORE_ERROR_NO_SPACE && error->code != CLIP_STORE_ERROR_FAILED))
    return FALSE;

  return g_stat (wal, &st) != 0 || st.st_size == 0;
}

/* Switching the journal mode writes the file's header: a library not in
 * WAL mode yet is checked first, so that a damaged one is left as it is. */
gboolean
clip_store_switch_to_wal (ClipStore  *self,
                          GError    **error)
{
  sqlite3_stmt *stmt = clip_store_prepare (self, "PRAGMA journal_mode", error);
  gboolean wal;

  if (stmt == NULL)
    return FALSE;
  wal = sqlite3_step (stmt) == SQLITE_ROW &&
        g_ascii_strcasecmp ((const char *)sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_reset (stmt);
  if (wal)
    return TRUE;

  if (!clip_store_quick_check (self, error))
    return FALSE;
  return clip_store_exec (self, "PRAGMA journal_mode = WAL", error);
}

/* A read changes nothing in the file: no journal mode, no migration. */
gboolean
clip_store_configure_read_only (ClipStore  *self,
                                GError    **error)
{
  return clip_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         clip_store_exec (self, "PRAGMA cache_size = -65536", error) &&
         clip_store_exec (self, "PRAGMA mmap_size = 268435456", error) &&
         clip_store_exec (self, "PRAGMA temp_store = MEMORY", error);
}
