/* clip-css.h: style sheets made inert, by a CSS tokenizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called for each address a sheet loads from (url(), image-set(), src()),
 * as written; returns the address to load instead, or NULL to load
 * nothing. */
typedef char *(*ClipCssUrlFunc) (const char *url,
                                 gpointer    user_data);

/* The sheet (or a style attribute's declarations), tokenized as CSS
 * Syntax Level 3 reads it and written again: every address goes through
 * func, @import and @charset rules are dropped, escapes are decoded
 * before names are compared (u\72l( is url(), and the output holds no
 * '<', so it reads the same as the raw text of an HTML <style> or as
 * the text of an SVG one. Never NULL; css may be NULL. */
char *clip_css_rewrite (const char     *css,
                        ClipCssUrlFunc  func,
                        gpointer        user_data);

G_END_DECLS
