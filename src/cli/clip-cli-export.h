/* clip-cli-export.h: the export and import-annotations commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-store.h"

G_BEGIN_DECLS

int clip_cli_export             (ClipStore  *store,
                                 int         argc,
                                 char      **argv);
int clip_cli_import_annotations (ClipStore  *store,
                                 int         argc,
                                 char      **argv);

G_END_DECLS
