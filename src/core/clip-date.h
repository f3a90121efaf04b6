/* clip-date.h: dates as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The parts of an ISO 8601 value that were written. */
typedef enum {
  CLIP_DATE_YEAR,    /* "2016" */
  CLIP_DATE_MONTH,   /* "2016-03" */
  CLIP_DATE_DAY,     /* "2016-03-25" */
  CLIP_DATE_MINUTE,  /* "2016-03-25T09:41", seconds and zone optional */
} ClipDatePrecision;

/* Reads an ISO 8601 date or date-time ("2016-03-25", "2016-03-25T09:41",
 * "2016-03-25 09:41:00.5Z", "…+01:00", "…+0100"). A value with a zone
 * or offset comes back in local time; one without stays as written.
 * Returns NULL when iso8601 is NULL or not such a value. */
GDateTime   *clip_date_parse          (const char        *iso8601,
                                       ClipDatePrecision *precision);

/* "25 March 2016, 09:41", "25 March 2016", "March 2016", in the user's
 * locale: as much as the value holds. Anything that is not an ISO 8601
 * date is returned as it was found; NULL or "" gives NULL. */
char        *clip_date_format_human   (const char        *iso8601);

/* The same without the time of day: "25 March 2016", for a citation. */
char        *clip_date_format_human_day (const char      *iso8601);

/* "25 Mar 2016" (the day, without the time) for a list row; NULL when
 * iso8601 is not an ISO 8601 date, so that the caller can show another. */
char        *clip_date_format_short   (const char        *iso8601);

/* The current time as ISO 8601 in UTC ("2016-03-25T09:41:00Z"), the form
 * every stored time takes. */
char        *clip_date_now_iso8601    (void);

G_END_DECLS
