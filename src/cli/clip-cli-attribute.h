/* clip-cli-attribute.h: clippings-cli attribute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv holds the arguments after "attribute". Returns an exit status. */
int clip_cli_attribute (int    argc,
                        char **argv);

G_END_DECLS
