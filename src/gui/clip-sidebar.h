/* clip-sidebar.h: the annotation workbench beside the article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "clip-store.h"

G_BEGIN_DECLS

#define CLIP_TYPE_SIDEBAR (clip_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (ClipSidebar, clip_sidebar, CLIP, SIDEBAR, AdwBin)

GtkWidget *clip_sidebar_new                (void);
/* Follows the store's changes for the current article. */
void       clip_sidebar_set_store          (ClipSidebar        *self,
                                            ClipStore          *store);
/* NULL clears the sidebar; anything else reloads every page. An article
 * without an id is a capture not saved yet: Info edits it in place (and
 * says so with "preview-edited"), nothing is read from the library. */
void       clip_sidebar_set_article        (ClipSidebar        *self,
                                            ClipArticle        *article);
/* A mark was clicked in the article: shows the Annotations page and
 * selects and scrolls to its row. */
void       clip_sidebar_select_annotation  (ClipSidebar        *self,
                                            gint64              id);
/* The rows on the Annotations page. */
guint      clip_sidebar_get_n_annotations  (ClipSidebar        *self);
/* "annotations", "quotes", "entities" or "info". */
GtkWidget *clip_sidebar_get_page           (ClipSidebar        *self,
                                            const char         *name);
void       clip_sidebar_set_visible_page   (ClipSidebar        *self,
                                            const char         *name);
/* What the five highlight colours mean to the reader, for tooltips. */
void       clip_sidebar_set_color_names    (ClipSidebar        *self,
                                            const char * const *names);

G_END_DECLS
