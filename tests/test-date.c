/* test-date.c: dates as people read them (clip-date.c), in the C locale
 * and in locales whose month names differ from English
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <time.h>
#include <glib/gstdio.h>

#include "clip-date.h"

/* Where test_locale built the locales this machine lacked (or NULL). */
static char *locale_dir;

static void
assert_human (const char *iso,
              const char *expected)
{
  g_autofree char *human = clip_date_format_human (iso);

  g_assert_cmpstr (human, ==, expected);
}

static void
assert_short (const char *iso,
              const char *expected)
{
  g_autofree char *shown = clip_date_format_short (iso);

  g_assert_cmpstr (shown, ==, expected);
}

static void
test_parse (void)
{
  static const struct {
    const char *iso;
    ClipDatePrecision precision;
    const char *local;   /* NULL: not a date */
  } cases[] = {
    { "2016", CLIP_DATE_YEAR, "2016-01-01 00:00:00" },
    { "2016-03", CLIP_DATE_MONTH, "2016-03-01 00:00:00" },
    { "2016-03-25", CLIP_DATE_DAY, "2016-03-25 00:00:00" },
    { "  2016-03-25", CLIP_DATE_DAY, "2016-03-25 00:00:00" },
    { "2016-03-25T09:41", CLIP_DATE_MINUTE, "2016-03-25 09:41:00" },
    { "2016-03-25t09:41:07", CLIP_DATE_MINUTE, "2016-03-25 09:41:07" },
    { "2016-03-25 09:41:07.250", CLIP_DATE_MINUTE, "2016-03-25 09:41:07" },
    /* TZ is five hours east of UTC (main). */
    { "2016-03-25T09:41:00Z", CLIP_DATE_MINUTE, "2016-03-25 14:41:00" },
    { "2016-03-25T09:41Z", CLIP_DATE_MINUTE, "2016-03-25 14:41:00" },
    { "2016-03-25T09:41:00+01:00", CLIP_DATE_MINUTE, "2016-03-25 13:41:00" },
    { "2016-03-25T09:41:00-0330", CLIP_DATE_MINUTE, "2016-03-25 18:11:00" },
    { "2016-03-25T09:41:00,5+01", CLIP_DATE_MINUTE, "2016-03-25 13:41:00" },
    { "2016-12-31T23:59:60Z", CLIP_DATE_MINUTE, "2017-01-01 04:59:59" },
    { NULL, 0, NULL },
    { "", 0, NULL },
    { "Friday", 0, NULL },
    { "Spring 2016", 0, NULL },
    { "20160325", 0, NULL },
    { "2016-3-25", 0, NULL },
    { "2016-13-01", 0, NULL },
    { "2015-02-29", 0, NULL },
    { "0000-01-01", 0, NULL },
    { "2016-03-25T", 0, NULL },
    { "2016-03-25T24:00", 0, NULL },
    { "2016-03-25T09:60", 0, NULL },
    { "2016-03-25T09:41:00+24:00", 0, NULL },
    { "2016-03-25T09:41:00 GMT", 0, NULL },
    { "2016-03-25 and more", 0, NULL },
    { "2016-03T09:41", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ClipDatePrecision precision = CLIP_DATE_YEAR;
      g_autoptr(GDateTime) date = clip_date_parse (cases[i].iso, &precision);
      g_autofree char *local = date != NULL ? g_date_time_format (date, "%F %T") : NULL;

      g_test_message ("%s", cases[i].iso);
      g_assert_cmpstr (local, ==, cases[i].local);
      if (date != NULL)
        g_assert_cmpint (precision, ==, cases[i].precision);
    }
}

static void
test_human_c (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C"));

  assert_human ("2016-03-25", "25 March 2016");
  assert_human ("2016-03-25T09:41", "25 March 2016, 09:41");
  assert_human ("2016-03-05T09:41:59", "5 March 2016, 09:41");
  /* A zone puts the time in the reader's own (TZ, five hours east). */
  assert_human ("2016-03-25T09:41:00Z", "25 March 2016, 14:41");
  assert_human ("2016-03-25T09:41:00+01:00", "25 March 2016, 13:41");
  assert_human ("2016-03-25T21:30:00Z", "26 March 2016, 02:30");
  assert_human ("2016-03", "March 2016");
  assert_human ("2016", "2016");
  /* What is not an ISO date is shown as the page wrote it. */
  assert_human ("Friday, March 25th", "Friday, March 25th");
  assert_human ("2016-02-30", "2016-02-30");
  assert_human ("\xe2\x80\x94", "\xe2\x80\x94");
  assert_human (NULL, NULL);
  assert_human ("", NULL);
}

static void
test_human_day_c (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C"));

  {
    g_autofree char *day = clip_date_format_human_day ("2016-03-25T21:30:00Z");
    g_autofree char *month = clip_date_format_human_day ("2016-03");
    g_autofree char *words = clip_date_format_human_day ("last Friday");

    g_assert_cmpstr (day, ==, "26 March 2016");
    g_assert_cmpstr (month, ==, "March 2016");
    g_assert_cmpstr (words, ==, "last Friday");
    g_assert_null (clip_date_format_human_day (NULL));
  }
}

static void
test_short_c (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C"));

  assert_short ("2016-03-25", "25 Mar 2016");
  assert_short ("2016-03-25T09:41", "25 Mar 2016");
  assert_short ("2016-03-25T21:30:00Z", "26 Mar 2016");
  assert_short ("2016-03", "Mar 2016");
  assert_short ("2016", "2016");
  /* The library shows the saved date instead. */
  assert_short ("Friday, March 25th", NULL);
  assert_short ("", NULL);
  assert_short (NULL, NULL);
}

static void
test_now (void)
{
  g_autofree char *now = clip_date_now_iso8601 ();
  ClipDatePrecision precision;
  g_autoptr(GDateTime) parsed = clip_date_parse (now, &precision);
  g_autoptr(GDateTime) current = g_date_time_new_now_local ();

  g_assert_true (g_str_has_suffix (now, "Z"));
  g_assert_nonnull (parsed);
  g_assert_cmpint (precision, ==, CLIP_DATE_MINUTE);
  g_assert_cmpint (ABS (g_date_time_difference (current, parsed)), <, 5 * G_TIME_SPAN_MINUTE);
}

/* The locale, from the system or, when it has not been generated here,
 * built with localedef from the locale sources that glibc ships. */
static gboolean
use_locale (const char *name,
            const char *source)
{
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (setlocale (LC_ALL, name) != NULL)
    return TRUE;

  if (locale_dir == NULL)
    {
      locale_dir = g_dir_make_tmp ("clip-date-locales-XXXXXX", &error);
      g_assert_no_error (error);
    }
  target = g_build_filename (locale_dir, name, NULL);
  {
    const char *argv[] = { "localedef", "-i", source, "-f", "UTF-8", target, NULL };

    if (!g_spawn_sync (NULL, (char **)argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, &error))
      {
        g_test_message ("localedef: %s", error->message);
        return FALSE;
      }
  }
  /* glibc reads LOCPATH at each setlocale(). */
  g_setenv ("LOCPATH", locale_dir, TRUE);
  return setlocale (LC_ALL, name) != NULL;
}

static void
restore_c_locale (void)
{
  g_unsetenv ("LOCPATH");
  g_assert_nonnull (setlocale (LC_ALL, "C"));
}

static void
test_french (void)
{
  if (!use_locale ("fr_FR.UTF-8", "fr_FR"))
    {
      g_test_skip ("fr_FR.UTF-8 is neither installed nor can be built with localedef");
      return;
    }

  /* The format strings have no French translation here; the month names
   * come from the locale. */
  assert_human ("2016-03-25T09:41", "25 mars 2016, 09:41");
  assert_human ("2016-02-01", "1 février 2016");
  assert_human ("2016-08", "août 2016");
  assert_short ("2016-02-01", "1 févr. 2016");
  assert_human ("mardi 5 avril", "mardi 5 avril");
  restore_c_locale ();
}

/* Polish names a month differently after a day ("25 marca") than
 * alone ("marzec 2016"): the formats must ask for each form. */
static void
test_polish (void)
{
  if (!use_locale ("pl_PL.UTF-8", "pl_PL"))
    {
      g_test_skip ("pl_PL.UTF-8 is neither installed nor can be built with localedef");
      return;
    }

  assert_human ("2016-03-25", "25 marca 2016");
  assert_human ("2016-03", "marzec 2016");
  restore_c_locale ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* A fixed zone five hours east of UTC, without summer time, so that
   * the conversion to local time shows. */
  g_setenv ("TZ", "XYZ-5", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse", test_parse);
  g_test_add_func ("/date/human-c", test_human_c);
  g_test_add_func ("/date/human-day-c", test_human_day_c);
  g_test_add_func ("/date/short-c", test_short_c);
  g_test_add_func ("/date/now", test_now);
  g_test_add_func ("/date/french", test_french);
  g_test_add_func ("/date/polish", test_polish);

  status = g_test_run ();
  if (locale_dir != NULL)
    remove_tree (locale_dir);
  return status;
}
