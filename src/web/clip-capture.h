/* clip-capture.h: load a web page and take its DOM and a snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

#define CLIP_CAPTURE_ERROR (clip_capture_error_quark ())

typedef enum {
  CLIP_CAPTURE_ERROR_INVALID_URI,
  CLIP_CAPTURE_ERROR_NETWORK,     /* unreachable, closed, … */
  CLIP_CAPTURE_ERROR_UNKNOWN_HOST,
  CLIP_CAPTURE_ERROR_REFUSED,
  CLIP_CAPTURE_ERROR_TLS,
  CLIP_CAPTURE_ERROR_HTTP,        /* 4xx and 5xx answers */
  CLIP_CAPTURE_ERROR_NOT_HTML,    /* a PDF, an image, … */
  CLIP_CAPTURE_ERROR_TIMEOUT,
  CLIP_CAPTURE_ERROR_FAILED,
} ClipCaptureError;

/* What a capture is doing, for words shown to the reader. */
typedef enum {
  CLIP_CAPTURE_STAGE_IDLE,
  CLIP_CAPTURE_STAGE_CONNECTING,  /* asked for the page, nothing back yet */
  CLIP_CAPTURE_STAGE_LOADING,     /* the page is arriving: see progress */
  CLIP_CAPTURE_STAGE_READING,     /* loaded; its scripts settle, its DOM is read */
  CLIP_CAPTURE_STAGE_SAVING,      /* the snapshot of page and resources is made */
} ClipCaptureStage;

typedef struct {
  char *uri;          /* the final address, after redirects */
  guint status;       /* the HTTP status of the page */
  char *html;         /* the DOM as the page's scripts left it */
  GBytes *mhtml;      /* the untouched snapshot, page and resources */
  char *captured_at;  /* ISO 8601, UTC */
} ClipCaptureResult;

void clip_capture_result_free (ClipCaptureResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipCaptureResult, clip_capture_result_free)

#define CLIP_TYPE_CAPTURE (clip_capture_get_type ())

G_DECLARE_FINAL_TYPE (ClipCapture, clip_capture, CLIP, CAPTURE, GObject)

GQuark             clip_capture_error_quark  (void);

/* Each capture has a web view and an ephemeral network session of its
 * own: nothing of the page stays on disk, nothing is shared with the
 * article views. */
ClipCapture       *clip_capture_new          (void);
/* How far the page has loaded, 0 to 1. */
double             clip_capture_get_progress (ClipCapture         *self);
ClipCaptureStage   clip_capture_get_stage    (ClipCapture         *self);
void               clip_capture_set_timeout  (ClipCapture         *self,
                                              guint                seconds);
void               clip_capture_run_async    (ClipCapture         *self,
                                              const char          *uri,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ClipCaptureResult *clip_capture_run_finish   (ClipCapture         *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Ends the capture under way with G_IO_ERROR_CANCELLED. */
void               clip_capture_cancel       (ClipCapture         *self);

/* TRUE for an http or https address worth trying to capture. */
gboolean           clip_capture_is_web_uri   (const char          *uri);

/* Sends every request of the capture's session, the page's own included,
 * through the HTTP proxy at proxy_uri ("http://127.0.0.1:8080"); NULL
 * goes back to the system's proxy settings. The sweep test uses it to
 * keep real pages off the internet. */
void               clip_capture_set_proxy    (ClipCapture         *self,
                                              const char          *proxy_uri);

G_END_DECLS
