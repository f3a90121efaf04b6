/* clip-charset.h: bytes of unknown quality read as UTF-8 text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bytes as valid UTF-8, never NULL: empty or missing bytes give "",
 * a byte order mark is dropped, text in a known charset other than UTF-8
 * is converted, and anything invalid left becomes U+FFFD. charset may be
 * NULL or a name iconv does not know; the bytes are then read as UTF-8. */
char *clip_charset_to_utf8     (const char *data,
                                gsize       length,
                                const char *charset);
char *clip_charset_bytes_to_utf8 (GBytes     *bytes,
                                  const char *charset);

/* The charset a style sheet declares in its first rule (@charset "…";),
 * or NULL. */
char *clip_charset_of_css      (const char *data,
                                gsize       length);

G_END_DECLS
