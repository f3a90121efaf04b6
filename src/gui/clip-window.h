/* clip-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "clip-application.h"
#include "clip-capture.h"

G_BEGIN_DECLS

#define CLIP_TYPE_WINDOW (clip_window_get_type ())

G_DECLARE_FINAL_TYPE (ClipWindow, clip_window, CLIP, WINDOW, AdwApplicationWindow)

ClipWindow *clip_window_new               (ClipApplication *application);
void        clip_window_show_article      (ClipWindow      *self,
                                           gint64           article_id);
gint64      clip_window_get_article_id    (ClipWindow      *self);
/* Reads and stores the file in the background; says so in a toast. */
void        clip_window_import_file       (ClipWindow      *self,
                                           GFile           *file);
void        clip_window_import_bytes      (ClipWindow      *self,
                                           GBytes          *bytes,
                                           const char      *mime_type);
/* Loads a web page, shows what was extracted, and waits for Save. */
void        clip_window_capture_uri       (ClipWindow      *self,
                                           const char      *uri);
/* Shows the article with [start, end) of its text selected and in view
 * (start < 0: just the article). */
void        clip_window_open_at           (ClipWindow      *self,
                                           gint64           article_id,
                                           glong            start,
                                           glong            end);
void        clip_window_show_toast        (ClipWindow      *self,
                                           const char      *message);

/* For the UI tests. */
GtkWidget  *clip_window_get_article_view  (ClipWindow      *self);
/* The library's rows (ClipSearchResult), as the list shows them. */
GListModel *clip_window_get_library_model (ClipWindow      *self);
GtkWidget  *clip_window_get_library_view  (ClipWindow      *self);
GtkWidget  *clip_window_get_sidebar       (ClipWindow      *self);
const char *clip_window_get_last_toast    (ClipWindow      *self);
GtkWidget  *clip_window_get_mark_popover  (ClipWindow      *self);
/* What the capture card says (progress, or why it failed), or NULL when
 * it is not shown. */
const char *clip_window_get_capture_message (ClipWindow  *self,
                                             gboolean    *failed);
/* The captured article waiting for Save, or NULL. */
ClipArticle *clip_window_get_preview      (ClipWindow      *self);
/* Whether the bar saying the library is damaged is showing. */
gboolean    clip_window_get_damage_shown  (ClipWindow      *self);
/* What captures web pages for the window (its proxy, its timeout). */
ClipCapture *clip_window_get_capture      (ClipWindow      *self);

G_END_DECLS
