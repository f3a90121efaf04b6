/* clip-cli-library.h: the search, tags and entities commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-store.h"

G_BEGIN_DECLS

/* search QUERY... [--json] [--limit N] [--sort saved|published|title|site] */
int clip_cli_search   (ClipStore  *store,
                       int         argc,
                       char      **argv);
/* tags [--json] | tags rename OLD NEW | tags merge FROM INTO | tags delete NAME */
int clip_cli_tags     (ClipStore  *store,
                       int         argc,
                       char      **argv);
/* entities [--json] | entities merge INTO_ID FROM_ID */
int clip_cli_entities (ClipStore  *store,
                       int         argc,
                       char      **argv);

G_END_DECLS
