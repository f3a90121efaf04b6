/* clip-entity-window.h: the library's people, organisations and places
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "clip-window.h"

G_BEGIN_DECLS

#define CLIP_TYPE_ENTITY_WINDOW (clip_entity_window_get_type ())

G_DECLARE_FINAL_TYPE (ClipEntityWindow, clip_entity_window, CLIP, ENTITY_WINDOW, AdwWindow)

GtkWidget *clip_entity_window_new         (ClipWindow       *window,
                                           ClipStore        *store);
/* Shows one entity's page: aliases, clippings, quotes. */
void       clip_entity_window_show_entity (ClipEntityWindow *self,
                                           gint64            entity_id);
/* The rows of the list page (tests). */
guint      clip_entity_window_get_n_entities (ClipEntityWindow *self);

G_END_DECLS
