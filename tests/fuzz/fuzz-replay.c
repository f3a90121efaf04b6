/* fuzz-replay.c: a main() for a fuzz harness built without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the harness once on each file named on the command line, and on
 * each file of each directory named. A crash or a failed property
 * aborts, as it would under the fuzzer; otherwise prints a TAP line per
 * file so that meson counts them.
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "fuzz.h"

static guint n_run;

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  LLVMFuzzerTestOneInput ((const uint8_t *)data, length);
  g_print ("ok %u %s\n", ++n_run, path);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
replay_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  /* The same order every run, so that a failure names the same file. */
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    replay_file (g_ptr_array_index (names, i));
}

int
main (int   argc,
      char *argv[])
{
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    replay_path (argv[i]);
  g_print ("1..%u\n", n_run);
  return 0;
}
