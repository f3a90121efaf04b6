/* clip-date.c: dates as people read them
 *
 * Every date the app stores is ISO 8601 text (and a page's published
 * date is whatever the page said, ISO or not). The reader, the sidebar,
 * the library, the CLI and the exports' prose all show them through
 * this file, so that one date reads the same everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-date.h"

/* Reads exactly n digits; GLib's own parser does not take a time
 * without seconds ("2016-03-25T09:41"), which pages and the text
 * importer write, hence this one. */
static gboolean
read_digits (const char **p,
             guint        n,
             int         *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *value = v;
  return TRUE;
}

/* "Z", "+01:00", "+0100", "+01"; sets *offset in seconds east of UTC. */
static gboolean
read_zone (const char  *p,
           gboolean    *has_zone,
           int         *offset)
{
  int sign, hours = 0, minutes = 0;

  *has_zone = *p != '\0';
  *offset = 0;
  if (*p == '\0')
    return TRUE;
  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    return TRUE;
  if (*p != '+' && *p != '-')
    return FALSE;

  sign = *p++ == '-' ? -1 : 1;
  if (!read_digits (&p, 2, &hours))
    return FALSE;
  if (*p == ':')
    p++;
  if (*p != '\0' && !read_digits (&p, 2, &minutes))
    return FALSE;
  if (*p != '\0' || hours > 23 || minutes > 59)
    return FALSE;

  *offset = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

/* hh:mm[:ss[.fraction]] and an optional zone, after the date. */
static gboolean
read_time (const char *p,
           int        *hour,
           int        *minute,
           double     *seconds,
           gboolean   *has_zone,
           int        *offset)
{
  int whole = 0;

  if (!read_digits (&p, 2, hour) || *p++ != ':' || !read_digits (&p, 2, minute))
    return FALSE;
  if (*p == ':')
    {
      p++;
      if (!read_digits (&p, 2, &whole))
        return FALSE;
      /* The fraction is read and dropped: no one reads a date to the
       * millisecond. */
      if (*p == '.' || *p == ',')
        for (p++; g_ascii_isdigit (*p); p++)
          ;
    }
  /* A leap second shows as the last second of its minute. */
  *seconds = MIN (whole, 59);
  return *hour < 24 && *minute < 60 && whole <= 60 && read_zone (p, has_zone, offset);
}

static GDateTime *
make_date_time (int      year,
                int      month,
                int      day,
                int      hour,
                int      minute,
                double   seconds,
                gboolean has_zone,
                int      offset)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) written = NULL;

  /* Without a zone the value is shown as written: UTC is the zone with
   * no gaps or repeated hours that could move it. */
  zone = has_zone ? g_time_zone_new_offset (offset) : g_time_zone_new_utc ();
  written = g_date_time_new (zone, year, month, day, hour, minute, seconds);
  if (written == NULL)
    return NULL;
  return has_zone ? g_date_time_to_local (written) : g_steal_pointer (&written);
}

GDateTime *
clip_date_parse (const char        *iso8601,
                 ClipDatePrecision *precision)
{
  const char *p = iso8601;
  int year, month = 1, day = 1, hour = 0, minute = 0, offset = 0;
  double seconds = 0;
  gboolean has_zone = FALSE;
  ClipDatePrecision found;

  if (p == NULL)
    return NULL;
  while (g_ascii_isspace (*p))
    p++;

  if (!read_digits (&p, 4, &year))
    return NULL;
  found = CLIP_DATE_YEAR;
  if (*p == '-')
    {
      p++;
      if (!read_digits (&p, 2, &month))
        return NULL;
      found = CLIP_DATE_MONTH;
      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, &day))
            return NULL;
          found = CLIP_DATE_DAY;
        }
    }

  if (found == CLIP_DATE_DAY && (*p == 'T' || *p == 't' || *p == ' '))
    {
      if (!read_time (p + 1, &hour, &minute, &seconds, &has_zone, &offset))
        return NULL;
      found = CLIP_DATE_MINUTE;
    }
  else if (*p != '\0')
    return NULL;

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return NULL;
  if (precision != NULL)
    *precision = found;
  return make_date_time (year, month, day, hour, minute, seconds, has_zone, offset);
}

static char *
format_long (const char *iso8601,
             gboolean    with_time)
{
  g_autoptr(GDateTime) date = NULL;
  ClipDatePrecision precision;

  if (iso8601 == NULL || iso8601[0] == '\0')
    return NULL;
  date = clip_date_parse (iso8601, &precision);
  if (date == NULL)
    return g_strdup (iso8601);
  if (precision == CLIP_DATE_MINUTE && !with_time)
    precision = CLIP_DATE_DAY;

  switch (precision)
    {
    case CLIP_DATE_MINUTE:
      /* Translators: a date and time as people read them, see
       * g_date_time_format(): "25 March 2016, 09:41". */
      return g_date_time_format (date, _("%-d %B %Y, %H:%M"));
    case CLIP_DATE_DAY:
      /* Translators: a date, see g_date_time_format(): "25 March 2016". */
      return g_date_time_format (date, _("%-d %B %Y"));
    case CLIP_DATE_MONTH:
      /* Translators: a month of a year, see g_date_time_format(); %OB is
       * the month's name standing alone: "March 2016". */
      return g_date_time_format (date, _("%OB %Y"));
    case CLIP_DATE_YEAR:
    default:
      return g_date_time_format (date, "%Y");
    }
}

char *
clip_date_format_human (const char *iso8601)
{
  return format_long (iso8601, TRUE);
}

char *
clip_date_format_human_day (const char *iso8601)
{
  return format_long (iso8601, FALSE);
}

char *
clip_date_format_short (const char *iso8601)
{
  g_autoptr(GDateTime) date = NULL;
  ClipDatePrecision precision;

  date = clip_date_parse (iso8601, &precision);
  if (date == NULL)
    return NULL;

  switch (precision)
    {
    case CLIP_DATE_MINUTE:
    case CLIP_DATE_DAY:
      /* Translators: a short date for a list, see g_date_time_format():
       * "25 Mar 2016". */
      return g_date_time_format (date, _("%-d %b %Y"));
    case CLIP_DATE_MONTH:
      /* Translators: a short month of a year, see g_date_time_format();
       * %Ob is the abbreviated month's name standing alone: "Mar 2016". */
      return g_date_time_format (date, _("%Ob %Y"));
    case CLIP_DATE_YEAR:
    default:
      return g_date_time_format (date, "%Y");
    }
}

char *
clip_date_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}
