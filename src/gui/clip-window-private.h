/* clip-window-private.h: shared by the window and its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-article-view.h"
#include "clip-capture.h"
#include "clip-library-model.h"
#include "clip-sidebar.h"
#include "clip-window.h"

G_BEGIN_DECLS

struct _ClipWindow
{
  AdwApplicationWindow parent_instance;

  ClipStore *store;
  GSettings *settings;
  GListStore *highlights;
  ClipArticle *article;
  char *last_toast;
  /* "reader" or "original" */
  char *view_mode;

  /* Undo and redo: groups (GPtrArray) of ClipEdit, newest last. */
  GPtrArray *undo_stack;
  GPtrArray *redo_stack;
  gboolean replaying;
  gboolean can_annotate;
  /* The article whose annotations the highlights list holds. */
  gint64 highlights_article_id;
  GtkWidget *mark_popover;

  /* A captured page shown before it is saved. */
  ClipCapture *capture;
  ClipArticle *preview;
  GPtrArray *preview_assets;
  /* The capture under way or last failed (clip-window-capture.c). */
  struct _ClipCaptureRun *capture_run;

  /* Shown when the library is found damaged (clip-window-damage.c). */
  GtkWidget *damage_bar;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack *library_stack;
  GtkScrolledWindow *library_scroller;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel *search_error;
  GtkLabel *library_count;
  char *search_text;        /* the search the library list shows */
  GtkDropDown *tag_filter;
  ClipLibraryModel *library_model;
  GtkMultiSelection *library_selection;
  GtkWidget *bulk_bar;
  GtkLabel *bulk_label;
  GtkEntry *bulk_tag;
  /* Clippings deleted from the library, until the toast is gone. */
  struct _ClipTrash *trash;
  GtkListView *library_view;
  gboolean updating_tags;
  gboolean selecting;
  GtkBox *library_pane;
  AdwWindowTitle *article_title;
  GtkStack *article_stack;
  GtkWidget *sidebar;
  ClipSidebar *sidebar_widget;
  ClipArticleView *view;
  GtkMenuButton *location_button;
  GtkEntry *location_entry;
  GtkWidget *location_go;
  GtkWidget *mode_box;
  GtkWidget *save_button;
  GtkWidget *discard_button;
  GtkProgressBar *progress_bar;
  GtkRevealer *capture_revealer;
  GtkStack *capture_icon_stack;
  GtkSpinner *capture_spinner;
  GtkLabel *capture_title;
  GtkLabel *capture_status;
  GtkWidget *capture_cancel;
  GtkWidget *capture_actions;
  GtkButton *capture_http;
};

void clip_window_class_actions_init (ClipWindowClass *klass);
void clip_window_actions_init       (ClipWindow      *self);
void clip_window_update_actions     (ClipWindow      *self);
void clip_window_show_no_article    (ClipWindow      *self);
void clip_window_load_view          (ClipWindow      *self);
void clip_window_capture_init       (ClipWindow      *self);
void clip_window_annotate_init      (ClipWindow      *self);
void clip_window_annotate_dispose   (ClipWindow      *self);
void clip_window_class_annotate_init (ClipWindowClass *klass);
/* Records what changed between two lists of the same article's
 * annotations as one step to undo. */
void clip_window_record_changes     (ClipWindow      *self,
                                     GListModel      *before,
                                     GPtrArray       *after);
void clip_window_forget_history     (ClipWindow      *self);
/* In the Original view: anchors the annotations on the page's own text
 * and marks them there (nothing is saved). */
void clip_window_mark_original      (ClipWindow      *self);
void clip_window_show_undo_toast    (ClipWindow      *self,
                                     const char      *message);
void clip_window_class_capture_init (ClipWindowClass *klass);
void clip_window_class_export_init  (ClipWindowClass *klass);
void clip_window_class_library_init (ClipWindowClass *klass);
void clip_window_library_init       (ClipWindow      *self);
void clip_window_library_dispose    (ClipWindow      *self);
void clip_window_library_select     (ClipWindow      *self,
                                     gint64           article_id);
void clip_window_library_unselect   (ClipWindow      *self);
GtkWidget *clip_window_build_bulk_bar (ClipWindow      *self);
GArray *clip_window_library_selected_ids (ClipWindow *self);
GArray *clip_window_library_shown_ids    (ClipWindow *self);
gint64 clip_window_library_first_id (ClipWindow      *self);
void   clip_window_delete_clippings (ClipWindow   *self,
                                     const gint64 *ids,
                                     guint         n_ids);
/* Opens the current article at the library search's match, if any. */
void clip_window_reveal_search_match (ClipWindow     *self);
void clip_window_capture_dispose    (ClipWindow      *self);
void clip_window_class_damage_init  (ClipWindowClass *klass);
void clip_window_damage_init        (ClipWindow      *self);
gboolean clip_window_is_previewing  (ClipWindow      *self);
gboolean clip_window_is_capturing   (ClipWindow      *self);

G_END_DECLS
