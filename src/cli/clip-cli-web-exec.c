/* clip-cli-web-exec.c: the web commands, handed to clippings-cli-web
 *
 * clippings-cli links only the core, so that a script's hundred calls
 * start as fast as sqlite3 does. A command that needs WebKit runs the
 * same command line again in clippings-cli-web, the same program built
 * with the web layer: one --help, the same messages and exit statuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "clip-cli-common.h"
#include "clip-cli-web.h"

#define WEB_PROGRAM "clippings-cli-web"

/* CLIP_CLI_WEB (for tests and uninstalled runs), else beside this
 * program (the build tree), else where it is installed. */
static char *
find_web_program (void)
{
  const char *forced = g_getenv ("CLIP_CLI_WEB");
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir != NULL ? g_build_filename (dir, WEB_PROGRAM, NULL) : NULL;

  if (forced != NULL && forced[0] != '\0')
    return g_strdup (forced);
  if (beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);
  return g_build_filename (LIBEXECDIR, WEB_PROGRAM, NULL);
}

/* Replaces this process with the web program on the same command line.
 * The library's file descriptors close on exec (SQLite opens them so),
 * and with them its locks. Returns only when that fails. */
static int
run_web_program (void)
{
  g_autofree char *program = find_web_program ();
  char **arguments = clip_cli_get_arguments ();
  guint n = g_strv_length (arguments);
  g_autofree char **argv = g_new0 (char *, n + 1);
  g_autofree char *message = NULL;
  int saved;

  /* The same arguments, under the web program's own name. */
  memcpy (argv, arguments, n * sizeof (char *));
  argv[0] = program;
  fflush (stdout);
  fflush (stderr);
  execv (program, argv);
  saved = errno;

  message = g_strdup_printf (_("this command needs the web engine, but %s cannot be run: %s"),
                             program, g_strerror (saved));
  return clip_cli_fail (message);
}

int
clip_cli_import_uri (ClipStore  *store,
                     const char *uri)
{
  return run_web_program ();
}

int
clip_cli_export_pdf (ClipStore         *store,
                     GArray            *ids,
                     ClipExportOptions *export_options,
                     const char        *output,
                     gboolean           force)
{
  return run_web_program ();
}
