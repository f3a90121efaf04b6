/* clip-cli-common.c: what every clippings-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "clip-cli-common.h"

int
clip_cli_fail (const char *message)
{
  g_printerr ("clippings-cli: %s\n", message);
  return EXIT_FAILURE;
}

int
clip_cli_usage (const char *message,
                const char *help)
{
  g_printerr ("clippings-cli: %s\n%s", message, help);
  return CLIP_CLI_EXIT_USAGE;
}

static char **arguments;

void
clip_cli_set_arguments (int    argc,
                        char **argv)
{
  g_strfreev (arguments);
  arguments = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    arguments[i] = g_strdup (argv[i]);
}

char **
clip_cli_get_arguments (void)
{
  return arguments;
}
