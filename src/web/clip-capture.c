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
#include <string.h>
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
  ClipCaptureStage stage;
  ClipCaptureResult *result;
};

G_DEFINE_FINAL_TYPE (ClipCapture, clip_capture, G_TYPE_OBJECT)
G_DEFINE_QUARK (clip-capture-error-quark, clip_capture_error)

enum {
  PROP_0,
  PROP_PROGRESS,
  PROP_STAGE,
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

/* The host of an address, for messages; the address when it has none. */
static char *
host_of (const char *uri)
{
  g_autoptr(GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = parsed != NULL ? g_uri_get_host (parsed) : NULL;

  return g_strdup (host != NULL && host[0] != '\0' ? host : (uri != NULL ? uri : ""));
}

static void
set_stage (ClipCapture      *self,
           ClipCaptureStage  stage)
{
  if (self->stage == stage)
    return;

  self->stage = stage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

static void
clear_sources (ClipCapture *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);
}

static gboolean
unref_later_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Ends the view of a run; from an idle, since this may run inside one of
 * the view's own signals. */
static void
drop_view (ClipCapture *self)
{
  WebKitWebView *view = g_steal_pointer (&self->view);

  if (view == NULL)
    return;

  g_signal_handlers_disconnect_by_data (view, self);
  webkit_web_view_stop_loading (view);
  g_idle_add (unref_later_cb, view);
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

  set_stage (self, CLIP_CAPTURE_STAGE_IDLE);

  /* Stops the page's scripts and timers; a capture leaves nothing running. */
  drop_view (self);
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
      g_debug ("Snapshot failed: %s", error->message);
      fail (self, CLIP_CAPTURE_ERROR_FAILED, _("The page loaded, but no snapshot of it could be made"));
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
      g_debug ("Snapshot failed: %s", error->message);
      fail (self, CLIP_CAPTURE_ERROR_FAILED, _("The page loaded, but no snapshot of it could be made"));
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

  set_stage (self, CLIP_CAPTURE_STAGE_SAVING);
  webkit_web_view_save (self->view, WEBKIT_SAVE_MODE_MHTML,
                        g_task_get_cancellable (self->task), save_cb, g_object_ref (self));
}

static gboolean
settled_cb (gpointer user_data)
{
  ClipCapture *self = user_data;

  self->settle_id = 0;
  set_stage (self, CLIP_CAPTURE_STAGE_READING);
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

/* "report.pdf is a PDF document, not a web page": what the file is, in
 * the desktop's own words for its type. */
static void
fail_not_html (ClipCapture       *self,
               WebKitURIResponse *response)
{
  const char *mime_type = webkit_uri_response_get_mime_type (response);
  g_autofree char *description = g_content_type_get_description (mime_type != NULL && mime_type[0] != '\0'
                                                                 ? mime_type : "application/octet-stream");
  g_autofree char *name = webkit_uri_response_get_suggested_filename (response) != NULL
                          ? g_strdup (webkit_uri_response_get_suggested_filename (response))
                          : host_of (webkit_uri_response_get_uri (response));
  g_autoptr(GUri) parsed = g_uri_parse (webkit_uri_response_get_uri (response), G_URI_FLAGS_NONE, NULL);
  const char *path = parsed != NULL ? g_uri_get_path (parsed) : NULL;

  /* The last part of the path names the file better than the host. */
  if (webkit_uri_response_get_suggested_filename (response) == NULL && path != NULL &&
      strrchr (path, '/') != NULL && strrchr (path, '/')[1] != '\0')
    {
      g_free (name);
      name = g_uri_unescape_string (strrchr (path, '/') + 1, NULL);
      if (name == NULL || !g_utf8_validate (name, -1, NULL))
        {
          g_free (name);
          name = host_of (webkit_uri_response_get_uri (response));
        }
    }

  fail (self, CLIP_CAPTURE_ERROR_NOT_HTML,
        _("“%s” is a file (%s), not a web page. Clippings captures web pages; open the file in an app made for it."),
        name, description);
}

static void
load_changed_cb (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 ClipCapture     *self)
{
  WebKitWebResource *resource;
  WebKitURIResponse *response;

  if (self->task == NULL)
    return;

  if (event == WEBKIT_LOAD_COMMITTED)
    set_stage (self, CLIP_CAPTURE_STAGE_LOADING);
  if (event != WEBKIT_LOAD_FINISHED || self->settle_id != 0)
    return;

  /* What was shown in the end decides, not what the policy saw: WebKit
   * shows some files (PDF) in a viewer of its own. */
  resource = webkit_web_view_get_main_resource (view);
  response = resource != NULL ? webkit_web_resource_get_response (resource) : NULL;
  if (response != NULL && webkit_uri_response_get_status_code (response) > 0)
    self->status = webkit_uri_response_get_status_code (response);

  if (response != NULL && !is_html_type (webkit_uri_response_get_mime_type (response)))
    {
      fail_not_html (self, response);
      return;
    }

  if (self->status == 0)
    {
      g_autofree char *host = host_of (webkit_web_view_get_uri (view));

      /* WebKit ends loads of blocked ports (such as 1 or 25) this way. */
      fail (self, CLIP_CAPTURE_ERROR_NETWORK, _("The page at %s did not load"), host);
      return;
    }

  set_stage (self, CLIP_CAPTURE_STAGE_READING);
  self->loaded = TRUE;
  self->settle_id = g_timeout_add (SETTLE_MS, settled_cb, self);
}

/* Says why a page did not load in words a reader can act on: the
 * network stack's own text is for the log, not for people. */
static void
fail_with_load_error (ClipCapture  *self,
                      const char   *uri,
                      const GError *error)
{
  g_autofree char *host = host_of (uri);

  g_debug ("Capture of %s failed: %s (%s %d)", uri, error->message,
           g_quark_to_string (error->domain), error->code);

  if (error->domain == G_RESOLVER_ERROR)
    fail (self, CLIP_CAPTURE_ERROR_UNKNOWN_HOST,
          _("No server called “%s” was found. Check the address, and that this computer is online."), host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    fail (self, CLIP_CAPTURE_ERROR_REFUSED, _("%s refused the connection"), host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    fail (self, CLIP_CAPTURE_ERROR_TIMEOUT, _("%s did not answer in time"), host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    fail (self, CLIP_CAPTURE_ERROR_NETWORK,
          _("%s cannot be reached. Check that this computer is online."), host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    fail (self, CLIP_CAPTURE_ERROR_NETWORK, _("%s closed the connection before the page arrived"), host);
  else if (error->domain == G_TLS_ERROR)
    fail (self, CLIP_CAPTURE_ERROR_TLS, _("A secure connection to %s could not be made"), host);
  else if (g_str_has_prefix (g_quark_to_string (error->domain), "g-io-error") &&
           error->code >= G_IO_ERROR_PROXY_FAILED && error->code <= G_IO_ERROR_PROXY_NOT_ALLOWED)
    fail (self, CLIP_CAPTURE_ERROR_NETWORK, _("The proxy server would not connect to %s"), host);
  else
    fail (self, CLIP_CAPTURE_ERROR_NETWORK, _("The page at %s could not be loaded"), host);
}

static gboolean
load_failed_cb (WebKitWebView   *view,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error,
                ClipCapture     *self)
{
  /* A load we stopped ourselves already said why; one that the page's
   * script cancelled by going to another address goes on there (and the
   * timeout still holds). */
  if (self->task == NULL ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE) ||
      g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    return TRUE;

  fail_with_load_error (self, uri, error);
  return TRUE;
}

static gboolean
load_failed_tls_cb (WebKitWebView        *view,
                    const char           *uri,
                    GTlsCertificate      *certificate,
                    GTlsCertificateFlags  errors,
                    ClipCapture          *self)
{
  g_autofree char *host = host_of (uri);

  g_debug ("Certificate of %s refused: flags %x", uri, errors);
  fail (self, CLIP_CAPTURE_ERROR_TLS,
        _("The secure connection to %s cannot be trusted: its certificate is not valid"), host);
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
      g_autofree char *host = host_of (webkit_uri_response_get_uri (response));
      const char *phrase = soup_status_get_phrase (status);

      fail (self, CLIP_CAPTURE_ERROR_HTTP,
            status >= 500 ? _("%s answered %u (%s): the server failed to give the page. Try again later.")
                          : _("%s answered %u (%s): there is no page to capture at this address"),
            host, status, phrase != NULL ? phrase : _("error"));
      return TRUE;
    }

  if (!is_html_type (mime_type))
    {
      webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));
      fail_not_html (self, response);
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
  /* The run's view goes with the run: held here to end its process. */
  g_autoptr(WebKitWebView) view = self->view != NULL ? g_object_ref (self->view) : NULL;

  self->timeout_id = 0;
  fail (self, CLIP_CAPTURE_ERROR_TIMEOUT,
        _("The page took longer than %u seconds to load"), self->timeout_seconds);
  /* A page that never finished loading may hold its web process with a
   * script that never ends. Not once it has loaded: ending the process
   * while WebKit saves the page crashes WebKit. */
  if (!loaded && view != NULL)
    webkit_web_view_terminate_web_process (view);
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
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
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
  /* A ClipCaptureStage. */
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL,
                      CLIP_CAPTURE_STAGE_IDLE, CLIP_CAPTURE_STAGE_SAVING, CLIP_CAPTURE_STAGE_IDLE,
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
  self->timeout_seconds = DEFAULT_TIMEOUT_SECONDS;
  self->session = webkit_network_session_new_ephemeral ();
}

/* Each run loads into a new view: nothing of the last page (its timers,
 * a load still ending, a PDF in WebKit's viewer) can reach the next. */
static void
new_view (ClipCapture *self)
{
  g_autoptr(WebKitSettings) settings = capture_settings ();

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
  return self->view != NULL ? webkit_web_view_get_estimated_load_progress (self->view) : 0;
}

ClipCaptureStage
clip_capture_get_stage (ClipCapture *self)
{
  g_return_val_if_fail (CLIP_IS_CAPTURE (self), CLIP_CAPTURE_STAGE_IDLE);
  return self->stage;
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
  set_stage (self, CLIP_CAPTURE_STAGE_CONNECTING);
  self->loaded = FALSE;
  self->timeout_id = g_timeout_add_seconds (self->timeout_seconds, timeout_cb, self);
  new_view (self);
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
