/* fuzz-mhtml.c: any bytes as an MHTML snapshot, parsed and imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "clip-import.h"
#include "clip-mhtml.h"
#include "clip-store.h"
#include "fuzz.h"

static char *snapshot_dir;
static char *snapshot_path;

static void
remove_snapshot (void)
{
  g_unlink (snapshot_path);
  g_rmdir (snapshot_dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  snapshot_dir = g_dir_make_tmp ("fuzz-mhtml-XXXXXX", NULL);

  g_assert (snapshot_dir != NULL);
  snapshot_path = g_build_filename (snapshot_dir, "snapshot.mhtml", NULL);
  atexit (remove_snapshot);
  return 0;
}

static void
check_parts (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = clip_mhtml_parse (bytes, &error);

  FUZZ_CHECK ((parts == NULL) == (error != NULL));
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      ClipMhtmlPart *part = g_ptr_array_index (parts, i);

      FUZZ_CHECK (part->data != NULL);
      if (part->location != NULL)
        FUZZ_CHECK (clip_mhtml_find (parts, part->location) != NULL);
    }
}

/* The path a snapshot file takes when it is imported. */
static void
check_import (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GFile) file = g_file_new_for_path (snapshot_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(ClipArticle) article = NULL;

  if (!g_file_set_contents (snapshot_path, (const char *)data, size, NULL))
    abort ();
  article = clip_import_file_with_assets (file, NULL, &assets, &error);
  FUZZ_CHECK ((article == NULL) == (error != NULL));
  FUZZ_CHECK (assets != NULL);
  for (guint i = 0; i < assets->len; i++)
    {
      ClipAsset *asset = g_ptr_array_index (assets, i);

      FUZZ_CHECK (g_str_has_prefix (asset->mime_type, "image/"));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  check_parts (bytes);
  check_import (data, size);
  return 0;
}
