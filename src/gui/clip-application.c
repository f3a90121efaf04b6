/* clip-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <epoxy/gl.h>
#include <glib/gi18n.h>

#include "clip-application.h"
#include "clip-article-view.h"
#include "clip-gui-resources.h"
#include "clip-import.h"
#include "clip-scheme.h"
#include "clip-store-check.h"
#include "clip-window.h"

#define SAMPLE_RESOURCE RESOURCE_PREFIX "/sample-article.html"

struct _ClipApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  ClipStore *store;
  GError *store_error;
  /* The one web context of the app (DESIGN.md). */
  WebKitWebContext *web_context;
};

G_DEFINE_FINAL_TYPE (ClipApplication, clip_application, ADW_TYPE_APPLICATION)

static void
add_sample_article (ClipApplication *self)
{
  g_autoptr(GBytes) html = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  html = g_resources_lookup_data (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (html != NULL)
    article = clip_import_bytes (html, "text/html", &error);

  if (article != NULL)
    {
      clip_article_set_source_kind (article, "sample");
      clip_store_add_article (self->store, article, &error);
    }

  if (error != NULL)
    g_warning ("Cannot add the sample article: %s", error->message);
}

/* The quick check of the file ran on its own connection, in a thread,
 * so that the window opened at once; a damaged library is written to no
 * more, and the window says so. */
static void
library_checked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ClipApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean damaged = FALSE;

  if (!clip_store_check_finish (result, &damaged, &error))
    g_warning ("The library could not be checked: %s", error->message);
  else if (self->store != NULL)
    clip_store_set_checked (self->store, damaged);
}

static void
open_library (ClipApplication *self)
{
  g_autofree char *path = clip_store_default_path ();

  self->store = clip_store_open (path, &self->store_error);
  if (self->store == NULL)
    {
      g_printerr ("%s\n", self->store_error->message);
      return;
    }

  /* A new library starts with an article that explains the app. */
  if (clip_store_get_created (self->store))
    add_sample_article (self);
  else
    clip_store_check_async (path, NULL, library_checked_cb, g_object_ref (self));

  self->web_context = clip_web_context_new (self->store);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Clippings developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Clippings"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Clippings developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Read, mark up and keep news articles"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "about", about_action_cb },
};

static void
set_accels (GtkApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.paste", { "<Control><Shift>v", NULL } },
    { "win.open-location", { "<Control>l", NULL } },
    { "win.save-capture", { "<Control>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.show-entities", { "<Control><Shift>e", NULL } },
    { "win.highlight", { "<Control>h", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", NULL } },
    { "win.sidebar-visible", { "F9", NULL } },
    { "win.delete-clipping", { "<Control>Delete", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

/* Whether GL is drawn by the processor (Mesa's llvmpipe or softpipe, as
 * in a virtual machine, a remote session or Xvfb) rather than a graphics
 * card. */
static gboolean
gl_is_software (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = gdk_display_create_gl_context (display, NULL);
  const char *renderer;
  gboolean software;

  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return FALSE;   /* no GL at all: GTK picks its cairo renderer itself */

  gdk_gl_context_make_current (context);
  renderer = (const char *)glGetString (GL_RENDERER);
  software = renderer != NULL &&
             (strstr (renderer, "llvmpipe") != NULL || strstr (renderer, "softpipe") != NULL ||
              strstr (renderer, "Software Rasterizer") != NULL);
  gdk_gl_context_clear_current ();
  return software;
}

/* GTK draws with GL by default. Without a graphics card, its cairo
 * renderer draws these windows of text and lists with less work and
 * about 65 MB less memory, so it is used there (and the article view
 * does without GL too), unless GSK_RENDERER already says which to use.
 * GTK reads GSK_RENDERER when it shows the first window. */
void
clip_application_choose_renderer (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (g_getenv ("GSK_RENDERER") != NULL || display == NULL)
    return;

  if (gl_is_software (display))
    {
      g_setenv ("GSK_RENDERER", "cairo", FALSE);
      clip_article_view_set_default_accelerated (FALSE);
    }
}

static void
clip_application_startup (GApplication *application)
{
  ClipApplication *self = CLIP_APPLICATION (application);

  G_APPLICATION_CLASS (clip_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  set_accels (GTK_APPLICATION (self));

  self->settings = g_settings_new (APP_ID);
  open_library (self);
}

static void
library_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           GApplication     *app)
{
  g_application_quit (app);
}

/* The library could not be opened: say why and change nothing. */
static void
show_library_error (ClipApplication *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("The Library Cannot Be Opened"),
                                   self->store_error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (library_error_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static ClipWindow *
ensure_window (ClipApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CLIP_IS_WINDOW (window))
    return CLIP_WINDOW (window);

  return clip_window_new (self);
}

static void
clip_application_activate (GApplication *application)
{
  ClipApplication *self = CLIP_APPLICATION (application);

  if (self->store == NULL)
    {
      show_library_error (self);
      return;
    }

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
clip_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  ClipApplication *self = CLIP_APPLICATION (application);
  ClipWindow *window;

  if (self->store == NULL)
    {
      show_library_error (self);
      return;
    }

  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < n_files; i++)
    clip_window_import_file (window, files[i]);
}

static void
clip_application_shutdown (GApplication *application)
{
  ClipApplication *self = CLIP_APPLICATION (application);

  G_APPLICATION_CLASS (clip_application_parent_class)->shutdown (application);

  g_clear_object (&self->web_context);
  g_clear_object (&self->store);
}

static void
clip_application_finalize (GObject *object)
{
  ClipApplication *self = (ClipApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->web_context);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (clip_application_parent_class)->finalize (object);
}

static void
clip_application_class_init (ClipApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = clip_application_finalize;

  /* Referencing the resource keeps it linked in from the static library;
   * its constructor registers it. */
  (void)clip_gui_get_resource ();

  app_class->startup = clip_application_startup;
  app_class->activate = clip_application_activate;
  app_class->open = clip_application_open;
  app_class->shutdown = clip_application_shutdown;
}

static void
clip_application_init (ClipApplication *self)
{
}

ClipApplication *
clip_application_new (GApplicationFlags flags)
{
  return g_object_new (CLIP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", flags,
                       NULL);
}

ClipStore *
clip_application_get_store (ClipApplication *self)
{
  g_return_val_if_fail (CLIP_IS_APPLICATION (self), NULL);
  return self->store;
}

WebKitWebContext *
clip_application_get_web_context (ClipApplication *self)
{
  g_return_val_if_fail (CLIP_IS_APPLICATION (self), NULL);
  return self->web_context;
}

GSettings *
clip_application_get_settings (ClipApplication *self)
{
  g_return_val_if_fail (CLIP_IS_APPLICATION (self), NULL);
  return self->settings;
}
