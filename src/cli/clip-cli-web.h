/* clip-cli-web.h: the commands that need a web engine
 *
 * Two files give these: clip-cli-web.c runs them (in clippings-cli-web,
 * which links WebKit), clip-cli-web-exec.c hands the whole command line
 * over to clippings-cli-web (in clippings-cli, which does not).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-export.h"
#include "clip-store.h"

G_BEGIN_DECLS

/* Captures a web page (WebKit needs a display) and stores it with its
 * images and snapshot; prints its number. An exit status. */
int clip_cli_import_uri (ClipStore         *store,
                         const char        *uri);
/* Prints the clippings to a PDF file through WebKit. An exit status. */
int clip_cli_export_pdf (ClipStore         *store,
                         GArray            *ids,
                         ClipExportOptions *export_options,
                         const char        *output,
                         gboolean           force);

G_END_DECLS
