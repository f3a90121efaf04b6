/* clip-cli-check.c: the check and recover commands
 *
 * They open the library themselves: a damaged library must still be
 * opened to be checked, and recovery reads it read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "clip-cli-check.h"
#include "clip-cli-common.h"
#include "clip-store-check.h"

/* Read-write when it can be (the search index's check needs it, though it
 * writes nothing), else read-only. */
static ClipStore *
open_for_check (const char  *path,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  ClipStore *store = clip_store_open (path, &local_error);

  if (store != NULL)
    return store;
  if (!g_error_matches (local_error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_PERMISSION) &&
      !g_error_matches (local_error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NO_SPACE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return clip_store_open_full (path, CLIP_STORE_OPEN_READ_ONLY, error);
}

int
clip_cli_check (const char  *db_path,
                int          argc,
                char       **argv)
{
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  gboolean damaged = FALSE;

  if (argc != 0)
    return clip_cli_usage (_("check takes no arguments"), _("Usage: clippings-cli check\n"));

  store = open_for_check (db_path, &error);
  if (store == NULL)
    return clip_cli_fail (error->message);

  problems = clip_store_check (store, &error);
  if (problems == NULL)
    return clip_cli_fail (error->message);

  for (guint i = 0; problems[i] != NULL; i++)
    g_print ("%s\n", problems[i]);
  damaged = clip_store_get_damaged (store);
  if (damaged)
    {
      g_autofree char *message =
        g_strdup_printf (_("the library “%s” is damaged; nothing will be written to it. "
                           "Save what can be read with: clippings-cli --db %s recover NEW.db"),
                         db_path, db_path);
      return clip_cli_fail (message);
    }

  g_print ("%s\n", _("ok"));
  return EXIT_SUCCESS;
}

int
clip_cli_recover (const char  *db_path,
                  int          argc,
                  char       **argv)
{
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ClipStoreRecovery recovery;

  if (argc != 1 || argv[0][0] == '\0')
    return clip_cli_usage (_("recover needs the file of the new library"),
                           _("Usage: clippings-cli recover OUT.db\n"));

  /* Read-only: the damaged file stays exactly as it is. */
  store = clip_store_open_full (db_path, CLIP_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return clip_cli_fail (error->message);

  if (!clip_store_recover (store, argv[0], &recovery, &error))
    return clip_cli_fail (error->message);

  g_print (_("copied: %u\nunreadable: %u\nrefused: %u\n"),
           recovery.copied, recovery.unreadable, recovery.refused);
  g_printerr (_("The readable rows are in “%s”; “%s” was not changed.\n"), argv[0], db_path);
  return EXIT_SUCCESS;
}
