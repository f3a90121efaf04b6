/* fuzz.h: what every fuzz harness shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each harness defines LLVMFuzzerTestOneInput(). Built with
 * -Dfuzzing=true (clang), libFuzzer drives it; in every other build
 * fuzz-replay.c gives it a main() that replays the files it is given
 * (the crash fixtures), so the unit suite keeps every crash fixed.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);

/* A GLib critical or warning is a bug: abort, which libFuzzer catches
 * and saves the input of (G_DEBUG=fatal-criticals raises SIGTRAP,
 * which it does not). Call from LLVMFuzzerInitialize(). */
static inline void
fuzz_log_cb (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  g_printerr ("%s: %s\n", domain != NULL ? domain : "", message);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

static inline void
fuzz_init_logging (void)
{
  g_log_set_default_handler (fuzz_log_cb, NULL);
}

/* A property the code promises that does not hold: a bug as real as a
 * crash, so it stops the fuzzer the same way. */
#define FUZZ_CHECK(cond)                                                  \
  G_STMT_START {                                                          \
    if (!(cond))                                                          \
      {                                                                   \
        g_printerr ("%s:%d: property failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                               \
        abort ();                                                         \
      }                                                                   \
  } G_STMT_END
