/* clip-cli-annotate.h: the annotate and annotations commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-store.h"

G_BEGIN_DECLS

int clip_cli_annotate    (ClipStore  *store,
                          int         argc,
                          char      **argv);
int clip_cli_annotations (ClipStore  *store,
                          int         argc,
                          char      **argv);

G_END_DECLS
