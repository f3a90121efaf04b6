/* clip-tags-dialog.h: the library's tags: rename, merge, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "clip-store.h"

G_BEGIN_DECLS

#define CLIP_TYPE_TAGS_DIALOG (clip_tags_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ClipTagsDialog, clip_tags_dialog, CLIP, TAGS_DIALOG, AdwWindow)

GtkWidget *clip_tags_dialog_new (GtkWindow *parent,
                                 ClipStore *store);

G_END_DECLS
