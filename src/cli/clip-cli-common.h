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

G_END_DECLS
