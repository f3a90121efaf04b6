/* hostile-vectors.h: pages that try to run or fetch from a snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The attacker's host in the unit test; the UI test puts its own
 * listener there. */
#define HOSTILE_EVIL_HOST "evil.example"

typedef struct {
  const char *name;
  /* HTML with {E} for the attacker's site (scheme://host[:port]) and {P}
   * for a script that shows it ran (a request to {E}/ran, a title). */
  const char *html;
} HostileVector;

extern const HostileVector hostile_vectors[];

/* The vector's page with the attacker's site put in. */
char *hostile_vector_page (const HostileVector *vector,
                           const char          *evil);

G_END_DECLS
