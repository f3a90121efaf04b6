/* clip-capture.c: load a web page and take its DOM and a snapshot
 *
 * The page's own JavaScript runs here, because many sites build their
 * articles with it; the DOM is read from an isolated script world once the
 * page has loaded and settled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "clip-capture.h"

#define CAPTURE_WORLD "clippings-capture"
#define DEFAULT_TIMEOUT_SECONDS 45
/* Pages often write their article into the DOM just after "load". */
#define SETTLE_MS 600

struct _ClipCapture
{
  GObject parent_instance;

  WebKitNetworkSession *session;
  WebKitWebView *view;
  GTask *task;
  guint timeout_id;
  guint settle_id;
  /* The page has loaded: what is left is reading and saving it. */
  gboolean loaded;
  guint timeout_seconds;
  guint status;
  ClipCaptureResult *result;
};

G_DEFINE_FINAL_TYPE (ClipCapture, clip_capture, G_TYPE_OBJECT)
G_DEFINE_QUARK (clip-capture-error-quark, clip_capture_error)

enum {
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
clip_capture_result_free (ClipCaptureResult *result)
{
  if (result == NULL)
    return;

  g_free (result->uri);
  g_free (result->html);
  g_clear_pointer (&result->mhtml, g_bytes_unref);
  g_free (result->captured_at);
  g_free (result);
}

gboolean
clip_capture_is_web_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  if (uri == NULL)
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || g_uri_get_host (parsed)[0] == '\0')
    return FALSE;

  scheme = g_uri_get_scheme (parsed);
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

static void
clear_sources (ClipCapture *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);
}

/* Ends the capture under way, once: later signals find no task. */
static void
finish (ClipCapture *self,
        GError      *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  ClipCaptureResult *result = g_steal_pointer (&self->result);

  clear_sources (self);
  if (task == NULL)
    {
      g_clear_error (&error);
      clip_capture_result_free (result);
      return;
    }

  /* Stops the page's scripts and timers; a capture leaves nothing running. */
  webkit_web_view_stop_loading (self->view);
  if (error != NULL)
    {
      clip_capture_result_free (result);
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_pointer (task, result, (GDestroyNotify)clip_capture_result_free);
    }
}

static void
fail (ClipCapture *self,
      int          code,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
fail (ClipCapture *self,
      int          code,
      const char  *format,
      ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (CLIP_CAPTURE_ERROR, code, format, args);
  va_end (args);

  finish (self, error);
}

static void
save_spliced_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ClipCapture) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    {
      fail (self, CLIP_CAPTURE_ERROR_FAILED, _("The page could not be saved: %s"), error->message);
      return;
    }

  if (self->result == NULL)
    return;

  self->result->mhtml = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (object));
  finish (self, NULL);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ClipCapture) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;

  stream = webkit_web_view_save_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (stream == NULL)
    {
      fail (self, CLIP_CAPTURE_ERROR_FAILED, _("The page could not be saved: %s"), error->message);
      return;
    }

  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, save_spliced_cb, g_object_ref (self));
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
dom_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(ClipCapture) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (self->task == NULL)
    return;

  if (value == NULL || !jsc_value_is_string (value))
    {
      fail (self, CLIP_CAPTURE_ERROR_FAILED, _("The page’s content could not be read"));
      return;
    }

  self->result = g_new0 (ClipCaptureResult, 1);
  self->result->html = jsc_value_to_string (value);
  self->result->uri = g_strdup (webkit_web_view_get_uri (self->view));
  self->result->status = self->status;
  self->result->captured_at = now_iso8601 ();

  webkit_web_view_save (self->view, WEBKIT_SAVE_MODE_MHTML,
                        g_task_get_cancellable (self->task), save_cb, g_object_ref (self));
}

static gboolean
settled_cb (gpointer user_data)
{
  ClipCapture *self = user_data;

  self->settle_id = 0;
  webkit_web_view_evaluate_javascript (self->view,
                                       "'<!DOCTYPE html>' + document.documentElement.outerHTML",
                                       -1, CAPTURE_WORLD, NULL,
                                       g_task_get_cancellable (self->task),
                                       dom_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static gboolean
is_html_type (const char *mime_type)
{
  return g_strcmp0 (mime_type, "text/html") == 0 ||
         g_strcmp0 (mime_type, "application/xhtml+xml") == 0;
}

static void
load_changed_cb (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 ClipCapture     *self)
{
  WebKitWebResource *resource;
  WebKitURIResponse *response;

  if (event != WEBKIT_LOAD_FINISHED || self->task == NULL || self->settle_id != 0)
    return;

  /* What was shown in the end decides, not what the policy saw: WebKit
   * shows some files (PDF) in a viewer of its own. */
  resource = webkit_web_view_get_main_resource (view);
  response = resource != NULL ? webkit_web_resource_get_response (resource) : NULL;
  if (response != NULL && webkit_uri_response_get_status_code (response) > 0)
    self->status = webkit_uri_response_get_status_code (response);

  if (response != NULL && !is_html_type (webkit_uri_response_get_mime_type (response)))
    {
      const char *mime_type = webkit_uri_response_get_mime_type (response);
      g_autofree char *description = g_content_type_get_description (mime_type ? mime_type : "application/octet-stream");

      fail (self, CLIP_CAPTURE_ERROR_NOT_HTML,
            _("“%s” is not a web page but a file of type %s; Clippings captures web pages"),
            webkit_uri_response_get_uri (response), description);
      return;
    }

  if (self->status == 0)
    {
      fail (self, CLIP_CAPTURE_ERROR_NETWORK, _("The page did not load"));
      return;
    }

  self->loaded = TRUE;
  self->settle_id = g_timeout_add (SETTLE_MS, settled_cb, self);
}

static gboolean
load_failed_cb (WebKitWebView   *view,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error,
                ClipCapture     *self)
{
  /* A load we stopped ourselves already said why. */
  if (self->task == NULL ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return TRUE;

  fail (self, CLIP_CAPTURE_ERROR_NETWORK, _("“%s” could not be loaded: %s"), uri, error->message);
  return TRUE;
}

static gboolean
load_failed_tls_cb (WebKitWebView        *view,
                    const char           *uri,
                    GTlsCertificate      *certificate,
                    GTlsCertificateFlags  errors,
                    ClipCapture          *self)
{
  fail (self, CLIP_CAPTURE_ERROR_TLS,
        _("The secure connection to “%s” cannot be trusted (its certificate is not valid)"), uri);
  return TRUE;
}

/* Only the page itself is checked: an HTTP error or something that is
 * not a web page ends the capture with a message. */
static gboolean
check_response (ClipCapture               *self,
                WebKitResponsePolicyDecision *decision)
{
  WebKitURIResponse *response = webkit_response_policy_decision_get_response (decision);
  const char *mime_type = webkit_uri_response_get_mime_type (response);
  guint status = webkit_uri_response_get_status_code (response);

  if (!webkit_response_policy_decision_is_main_frame_main_resource (decision))
    return FALSE;

  self->status = status;
  if (status >= 400)
    {
      webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));
      fail (self, CLIP_CAPTURE_ERROR_HTTP, _("The server answered %u %s for “%s”"),
            status, soup_status_get_phrase (status),
            webkit_uri_response_get_uri (response));
      return TRUE;
    }

  if (!is_html_type (mime_type))
    {
      g_autofree char *description = g_content_type_get_description (mime_type ? mime_type : "application/octet-stream");

      webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));
      fail (self, CLIP_CAPTURE_ERROR_NOT_HTML,
            _("“%s” is not a web page but a file of type %s; Clippings captures web pages"),
            webkit_uri_response_get_uri (response), description);
      return TRUE;
    }

  return FALSE;
}

static gboolean
decide_policy_cb (WebKitWebView            *view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  ClipCapture              *self)
{
  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      return check_response (self, WEBKIT_RESPONSE_POLICY_DECISION (decision));
    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      webkit_policy_decision_ignore (decision);
      return TRUE;
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
    default:
      return FALSE;
    }
}

static void
progress_cb (ClipCapture *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static gboolean
timeout_cb (gpointer user_data)
{
  ClipCapture *self = user_data;
  gboolean loaded = self->loaded;

  self->timeout_id = 0;
  fail (self, CLIP_CAPTURE_ERROR_TIMEOUT,
        _("The page took longer than %u seconds to load"), self->timeout_seconds);
  /* A page that never finished loading may hold its web process with a
   * script that never ends; the next capture in this view then gets a
   * process of its own. Not once it has loaded: ending the process while
   * WebKit saves the page crashes WebKit. */
  if (!loaded)
    webkit_web_view_terminate_web_process (self->view);
  return G_SOURCE_REMOVE;
}

/* Nobody sees the capture's view: a dialog of the page (alert, confirm,
 * prompt, "leave this page?") would wait for an answer forever and hold
 * the page, and every capture after it, until the timeout. It is
 * answered at once, as a reader in a hurry would: no, nothing, leave. */
static gboolean
script_dialog_cb (WebKitWebView      *view,
                  WebKitScriptDialog *dialog,
                  ClipCapture        *self)
{
  switch (webkit_script_dialog_get_dialog_type (dialog))
    {
    case WEBKIT_SCRIPT_DIALOG_CONFIRM:
      webkit_script_dialog_confirm_set_confirmed (dialog, FALSE);
      break;
    case WEBKIT_SCRIPT_DIALOG_BEFORE_UNLOAD_CONFIRM:
      webkit_script_dialog_confirm_set_confirmed (dialog, TRUE);
      break;
    case WEBKIT_SCRIPT_DIALOG_PROMPT:
    case WEBKIT_SCRIPT_DIALOG_ALERT:
    default:
      break;
    }

  return TRUE;
}

static void
clip_capture_dispose (GObject *object)
{
  ClipCapture *self = (ClipCapture *)object;

  clear_sources (self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->view);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (clip_capture_parent_class)->dispose (object);
}

static void
clip_capture_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ClipCapture *self = CLIP_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, clip_capture_get_progress (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_capture_class_init (ClipCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clip_capture_dispose;
  object_class->get_property = clip_capture_get_property;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static WebKitSettings *
capture_settings (void)
{
  return g_object_new (WEBKIT_TYPE_SETTINGS,
                       "enable-javascript", TRUE,
                       "enable-javascript-markup", TRUE,
                       "enable-developer-extras", FALSE,
                       "enable-media", FALSE,
                       "enable-webaudio", FALSE,
                       "enable-webgl", FALSE,
                       "enable-page-cache", FALSE,
                       "javascript-can-open-windows-automatically", FALSE,
                       "javascript-can-access-clipboard", FALSE,
                       "allow-file-access-from-file-urls", FALSE,
                       "allow-universal-access-from-file-urls", FALSE,
                       NULL);
}

static void
clip_capture_init (ClipCapture *self)
{
  g_autoptr(WebKitSettings) settings = capture_settings ();

  self->timeout_seconds = DEFAULT_TIMEOUT_SECONDS;
  self->session = webkit_network_session_new_ephemeral ();
  self->view = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                                "network-session", self->session,
                                                "settings", settings,
                                                NULL));

  g_signal_connect (self->view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->view, "load-failed", G_CALLBACK (load_failed_cb), self);
  g_signal_connect (self->view, "load-failed-with-tls-errors", G_CALLBACK (load_failed_tls_cb), self);
  g_signal_connect (self->view, "decide-policy", G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (self->view, "script-dialog", G_CALLBACK (script_dialog_cb), self);
  g_signal_connect_swapped (self->view, "notify::estimated-load-progress",
                            G_CALLBACK (progress_cb), self);
}

ClipCapture *
clip_capture_new (void)
{
  return g_object_new (CLIP_TYPE_CAPTURE, NULL);
}

double
clip_capture_get_progress (ClipCapture *self)
{
  g_return_val_if_fail (CLIP_IS_CAPTURE (self), 0);
  return webkit_web_view_get_estimated_load_progress (self->view);
}

void
clip_capture_set_timeout (ClipCapture *self,
                          guint        seconds)
{
  g_return_if_fail (CLIP_IS_CAPTURE (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
}

void
clip_capture_cancel (ClipCapture *self)
{
  g_return_if_fail (CLIP_IS_CAPTURE (self));

  finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The capture was cancelled")));
}

void
clip_capture_run_async (ClipCapture         *self,
                        const char          *uri,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLIP_IS_CAPTURE (self));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clip_capture_run_async);

  if (self->task != NULL)
    {
      g_task_return_new_error (task, CLIP_CAPTURE_ERROR, CLIP_CAPTURE_ERROR_FAILED,
                               _("Another page is being captured"));
      return;
    }

  if (!clip_capture_is_web_uri (uri))
    {
      g_task_return_new_error (task, CLIP_CAPTURE_ERROR, CLIP_CAPTURE_ERROR_INVALID_URI,
                               _("“%s” is not a web address (http or https)"), uri);
      return;
    }

  self->task = g_steal_pointer (&task);
  self->status = 0;
  self->loaded = FALSE;
  self->timeout_id = g_timeout_add_seconds (self->timeout_seconds, timeout_cb, self);
  webkit_web_view_load_uri (self->view, uri);
}

ClipCaptureResult *
clip_capture_run_finish (ClipCapture   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CLIP_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clip_capture_set_proxy (ClipCapture *self,
                        const char  *proxy_uri)
{
  g_autoptr(WebKitNetworkProxySettings) settings = NULL;

  g_return_if_fail (CLIP_IS_CAPTURE (self));

  if (proxy_uri == NULL)
    {
      webkit_network_session_set_proxy_settings (self->session, WEBKIT_NETWORK_PROXY_MODE_DEFAULT, NULL);
      return;
    }

  /* No hosts are left out, not even the loopback: the proxy sees all. */
  settings = webkit_network_proxy_settings_new (proxy_uri, NULL);
  webkit_network_session_set_proxy_settings (self->session, WEBKIT_NETWORK_PROXY_MODE_CUSTOM, settings);
}
