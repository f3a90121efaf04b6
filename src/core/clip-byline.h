/* clip-byline.h: a byline read as the people and organisations it names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CLIP_BYLINE_PERSON,
  CLIP_BYLINE_ORGANISATION,
} ClipBylineKind;

/* One name of a byline. literal is always set: the name as a reader
 * writes it ("Seán O'Brien", "Reuters"). A person whose name could be
 * split also has family and given (and maybe suffix); a person whose
 * name cannot be split (a mononym, a name in Chinese script) has only
 * literal, as an organisation does. */
typedef struct {
  ClipBylineKind  kind;
  char           *literal;
  char           *family;
  char           *given;
  char           *suffix;
} ClipBylineName;

void        clip_byline_name_free (ClipBylineName *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipBylineName, clip_byline_name_free)

/* Reads a byline as printed ("By A and B", "A, B and C",
 * "A (avec B et C)", "Staff", "Mac & i") into its names, in order.
 * Returns a GPtrArray of ClipBylineName, empty for NULL or a byline
 * that names no one; never NULL. */
GPtrArray  *clip_byline_parse     (const char *byline);

/* "Family, Given" or "Family, Suffix, Given" for a split person (the
 * BibTeX and RIS order), else the literal. */
char       *clip_byline_name_inverted (const ClipBylineName *name);

G_END_DECLS
