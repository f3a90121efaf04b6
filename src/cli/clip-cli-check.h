/* clip-cli-check.h: the check and recover commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* check: the library's integrity report; exit 1 when it is damaged. */
int clip_cli_check   (const char  *db_path,
                      int          argc,
                      char       **argv);
/* recover OUT.db: every row that can be read, into a new library. */
int clip_cli_recover (const char  *db_path,
                      int          argc,
                      char       **argv);

G_END_DECLS
