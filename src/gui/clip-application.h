/* clip-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "clip-store.h"

G_BEGIN_DECLS

#define CLIP_TYPE_APPLICATION (clip_application_get_type ())

G_DECLARE_FINAL_TYPE (ClipApplication, clip_application, CLIP, APPLICATION, AdwApplication)

ClipApplication  *clip_application_new             (GApplicationFlags  flags);
/* NULL until startup, or when the library could not be opened. */
ClipStore        *clip_application_get_store       (ClipApplication   *self);
WebKitWebContext *clip_application_get_web_context (ClipApplication   *self);
GSettings        *clip_application_get_settings    (ClipApplication   *self);

/* Picks GTK's renderer (and the article view's compositing) for this
 * machine's graphics. Call it after gtk_init() and before the first
 * window: it may set GSK_RENDERER in the environment. (GLib's and GTK's
 * worker threads exist by then, idle; nothing else runs yet.) */
void              clip_application_choose_renderer (void);

G_END_DECLS
