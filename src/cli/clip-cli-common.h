/* clip-cli-common.h: what every clippings-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The exit status of a command line that cannot be understood. */
#define CLIP_CLI_EXIT_USAGE 2

/* Prints "clippings-cli: message" on standard error; returns
 * EXIT_FAILURE. */
int clip_cli_fail  (const char *message);
/* Prints the message, then help, on standard error; returns
 * CLIP_CLI_EXIT_USAGE. */
int clip_cli_usage (const char *message,
                    const char *help);

/* The command line as main() had it, for a command that runs it again in
 * another program. */
void   clip_cli_set_arguments (int    argc,
                               char **argv);
char **clip_cli_get_arguments (void);

G_END_DECLS
