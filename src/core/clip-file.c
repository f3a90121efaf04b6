/* clip-file.c: reading and writing whole files safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "clip-file.h"

#define READ_CHUNK (64 * 1024)

/* "Cannot read “name”: No space left on device" and the like; what is
 * the verb phrase ("Cannot read"). */
static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *name)
{
  /* Translators: "Cannot read", a file name, and the system's reason. */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s “%s”: %s"), what, name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
set_too_large (GError     **error,
               const char  *name,
               gsize        max_size)
{
  g_autofree char *size = g_format_size (max_size);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               _("“%s” is larger than %s, the most that can be read"), name, size);
  return FALSE;
}

/* What a file that is not a regular file is, for the message. */
static gboolean
check_mode (mode_t       mode,
            const char  *name,
            GError     **error)
{
  if (S_ISREG (mode))
    return TRUE;
  if (S_ISDIR (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 _("“%s” is a folder, not a file"), name);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("“%s” is not a regular file (a device, a pipe or a socket cannot be read)"), name);
  return FALSE;
}

static GBytes *
read_fd (int          fd,
         const char  *name,
         gsize        max_size,
         GCancellable *cancellable,
         GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[READ_CHUNK];

  for (;;)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, _("Cannot read"), name);
          return NULL;
        }
      if (n == 0)
        break;
      /* The cap holds whatever the file claimed its size to be. */
      if (data->len + (gsize)n > max_size)
        {
          set_too_large (error, name, max_size);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static GBytes *
read_native (const char   *path,
             const char   *name,
             gsize         max_size,
             GCancellable *cancellable,
             GError      **error)
{
  struct stat st;
  GBytes *bytes;
  int fd;

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      set_errno_error (error, errno, _("Cannot open"), name);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, _("Cannot read"), name);
      close (fd);
      return NULL;
    }
  if (!check_mode (st.st_mode, name, error))
    {
      close (fd);
      return NULL;
    }

  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  bytes = read_fd (fd, name, max_size, cancellable, error);
  close (fd);
  return bytes;
}

/* Files that are not local (GVfs): the stream's own type says. */
static GBytes *
read_stream (GFile        *file,
             const char   *name,
             gsize         max_size,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[READ_CHUNK];

  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE, cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR &&
      g_file_info_get_file_type (info) != G_FILE_TYPE_UNKNOWN)
    {
      check_mode (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY ? S_IFDIR : S_IFIFO,
                  name, error);
      return NULL;
    }

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize)n > max_size)
        {
          set_too_large (error, name, max_size);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

GBytes *
clip_file_read_regular (GFile         *file,
                        gsize          max_size,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path != NULL)
    return read_native (path, name, max_size, cancellable, error);
  return read_stream (file, name, max_size, cancellable, error);
}

char *
clip_file_temp_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);

  return g_build_filename (dir, name, NULL);
}

gboolean
clip_file_commit (const char  *from,
                  const char  *to,
                  gboolean     replace,
                  GError     **error)
{
  g_autofree char *name = g_filename_display_name (to);

  if (replace)
    {
      if (g_rename (from, to) != 0)
        return set_errno_error (error, errno, _("Cannot write"), name);
      return TRUE;
    }

  /* link() fails when the target exists: no window where another file
   * made meanwhile is replaced. */
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return TRUE;
    }
  if (errno == EEXIST)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” exists already"), name);
      return FALSE;
    }
  /* File systems without hard links (FAT): check, then rename. */
  if (g_file_test (to, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” exists already"), name);
      return FALSE;
    }
  if (g_rename (from, to) != 0)
    return set_errno_error (error, errno, _("Cannot write"), name);
  return TRUE;
}

static gboolean
write_through_temp (const char        *path,
                    gboolean           replace,
                    ClipFileWriteFunc  func,
                    gpointer           user_data,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autofree char *temp = clip_file_temp_path (path);
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(GOutputStream) out = NULL;
  int fd;

  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” exists already"), name);
      return FALSE;
    }

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno, _("Cannot write"), name);

  out = g_unix_output_stream_new (fd, TRUE);
  /* fsync: the new name must never point at blocks not yet on disk. */
  if (!func (out, user_data, cancellable, error) ||
      !g_output_stream_flush (out, cancellable, error) ||
      (fsync (fd) != 0 && !set_errno_error (error, errno, _("Cannot write"), name)) ||
      !g_output_stream_close (out, cancellable, error) ||
      !clip_file_commit (temp, path, replace, error))
    {
      g_output_stream_close (out, NULL, NULL);
      g_unlink (temp);
      return FALSE;
    }
  return TRUE;
}

gboolean
clip_file_write_atomic (GFile              *file,
                        gboolean            replace,
                        ClipFileWriteFunc   func,
                        gpointer            user_data,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFileOutputStream) out = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path != NULL)
    return write_through_temp (path, replace, func, user_data, cancellable, error);

  /* Not a local file: GIO's replace writes beside it where the backend can. */
  if (replace)
    out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  else
    out = g_file_create (file, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;
  if (!func (G_OUTPUT_STREAM (out), user_data, cancellable, error))
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      /* A cancelled close makes GIO drop what it wrote. */
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
}

static gboolean
write_bytes_cb (GOutputStream  *out,
                gpointer        user_data,
                GCancellable   *cancellable,
                GError        **error)
{
  GBytes *bytes = user_data;
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  return g_output_stream_write_all (out, data, size, NULL, cancellable, error);
}

gboolean
clip_file_set_contents (GFile     *file,
                        GBytes    *bytes,
                        gboolean   replace,
                        GError   **error)
{
  g_return_val_if_fail (bytes != NULL, FALSE);
  return clip_file_write_atomic (file, replace, write_bytes_cb, bytes, NULL, error);
}
