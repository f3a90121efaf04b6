/* clip-pdf.h: clippings printed to PDF through WebKit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clip-export.h"

G_BEGIN_DECLS

/* Renders the HTML export of the clippings (marks, footnotes) in an
 * offscreen view with no scripts and no network, and prints it to file.
 * Needs a display. */
void     clip_pdf_export_async  (ClipStore               *store,
                                 GArray                  *article_ids,
                                 const ClipExportOptions *options,
                                 GFile                   *file,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data);
gboolean clip_pdf_export_finish (GAsyncResult            *result,
                                 GError                 **error);

G_END_DECLS
