/* clip-file.h: reading and writing whole files safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes the file's new contents to out; returns FALSE with error set
 * when it cannot. */
typedef gboolean (*ClipFileWriteFunc) (GOutputStream  *out,
                                       gpointer        user_data,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* Reads a regular file, refusing devices, FIFOs, sockets and folders
 * (checked on the opened file, not on its name), and refusing it as soon
 * as more than max_size bytes have been read, whatever size the file
 * claims. Errors: G_IO_ERROR_NOT_REGULAR_FILE, G_IO_ERROR_IS_DIRECTORY,
 * G_IO_ERROR_MESSAGE_TOO_LARGE, or what opening and reading gave. */
GBytes   *clip_file_read_regular (GFile             *file,
                                  gsize              max_size,
                                  GCancellable      *cancellable,
                                  GError           **error);

/* Writes a file through a temporary file beside it, renamed over it only
 * when every byte was written, so that a full disk or a crash never
 * leaves a truncated file under the target's name. Without replace, an
 * existing target is left alone (G_IO_ERROR_EXISTS). */
gboolean  clip_file_write_atomic (GFile             *file,
                                  gboolean           replace,
                                  ClipFileWriteFunc  func,
                                  gpointer           user_data,
                                  GCancellable      *cancellable,
                                  GError           **error);
/* The same for bytes in memory. */
gboolean  clip_file_set_contents (GFile             *file,
                                  GBytes            *bytes,
                                  gboolean           replace,
                                  GError           **error);

/* A name beside path for a file that becomes path when complete
 * ("dir/.name.XXXXXX"); the caller creates it. */
char     *clip_file_temp_path    (const char        *path);
/* Renames from over to, or, without replace, only when to does not
 * exist (atomically where the file system can link). */
gboolean  clip_file_commit       (const char        *from,
                                  const char        *to,
                                  gboolean           replace,
                                  GError           **error);

G_END_DECLS
