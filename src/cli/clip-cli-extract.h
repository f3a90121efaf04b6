/* clip-cli-extract.h: clippings-cli extract
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv holds the arguments after "extract". Returns an exit status. */
int clip_cli_extract (int    argc,
                      char **argv);

G_END_DECLS
