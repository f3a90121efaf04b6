/* clip-inert-html.h: a page written again from an allowlist, inert by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Called with the absolute address of each resource the page loads (an
 * image, a style sheet, a background, a url() of its styles); returns the
 * address to load instead, or NULL to load nothing. */
typedef char *(*ClipInertUrlFunc) (const char *url,
                                   gpointer    user_data);

/* The page of doc (parsed by libxml2), written as HTML that is inert on
 * its own, whatever shows it: only allowlisted HTML, SVG and MathML
 * elements and attributes, no event handler, no form, no frame, no
 * script-capable URL, no address that fetches except those resource
 * gives, styles through clip_css_rewrite(), text escaped so that an
 * HTML5 parser reads what libxml2 read, and csp as a <meta> before
 * anything that loads. The page's layout and styles are kept. */
char *clip_inert_html_write (xmlDoc           *doc,
                             const char       *base_url,
                             const char       *csp,
                             ClipInertUrlFunc  resource,
                             gpointer          user_data);

G_END_DECLS
