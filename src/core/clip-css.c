/* clip-css.c: style sheets made inert, by a CSS tokenizer
 *
 * A search for "url(" misses what CSS itself reads as a URL: escaped
 * names (u\72l(), @import with a plain string, image-set() and src()
 * with strings. Here the sheet is read token by token as CSS Syntax
 * Level 3 says, and every token is written again from its decoded value,
 * so that what is written is exactly what was understood.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-css.h"

typedef enum {
  TOKEN_EOF,
  TOKEN_WHITESPACE,
  TOKEN_COMMENT,
  TOKEN_STRING,
  TOKEN_URL,          /* url(unquoted) */
  TOKEN_IDENT,
  TOKEN_FUNCTION,     /* name( */
  TOKEN_AT_KEYWORD,
  TOKEN_HASH,
  TOKEN_NUMBER,       /* with its unit or % */
  TOKEN_CDO,          /* <!-- */
  TOKEN_CDC,          /* --> */
  TOKEN_OPEN,         /* ( [ { */
  TOKEN_CLOSE,        /* ) ] } */
  TOKEN_DELIM,        /* any other single character */
} TokenType;

typedef struct {
  TokenType type;
  const char *start;  /* in the sheet */
  GString *value;     /* decoded name, string or URL; raw for numbers */
  GString *unit;      /* of a number, decoded */
  char delim;
} Token;

typedef struct {
  const char *p;
} Reader;

static gboolean
is_name_start (guchar c)
{
  return g_ascii_isalpha (c) || c == '_' || c >= 0x80;
}

static gboolean
is_name (guchar c)
{
  return is_name_start (c) || g_ascii_isdigit (c) || c == '-';
}

static gboolean
is_whitespace (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
valid_escape (const char *p)
{
  return p[0] == '\\' && p[1] != '\n' && p[1] != '\r' && p[1] != '\f' && p[1] != '\0';
}

static gboolean
starts_ident (const char *p)
{
  if (p[0] == '-')
    return is_name_start ((guchar)p[1]) || p[1] == '-' || valid_escape (p + 1);
  return is_name_start ((guchar)p[0]) || valid_escape (p);
}

static gboolean
starts_number (const char *p)
{
  if (p[0] == '+' || p[0] == '-')
    p++;
  return g_ascii_isdigit (p[0]) || (p[0] == '.' && g_ascii_isdigit (p[1]));
}

/* After the backslash: a hex escape or the next character itself. */
static void
consume_escape (Reader  *r,
                GString *out)
{
  if (g_ascii_isxdigit (*r->p))
    {
      gunichar c = 0;

      for (guint i = 0; i < 6 && g_ascii_isxdigit (*r->p); i++, r->p++)
        c = c * 16 + g_ascii_xdigit_value (*r->p);
      if (is_whitespace (*r->p))
        r->p++;
      if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        c = 0xfffd;
      g_string_append_unichar (out, c);
    }
  else if (*r->p == '\0')
    {
      g_string_append_unichar (out, 0xfffd);
    }
  else
    {
      const char *next = g_utf8_next_char (r->p);

      g_string_append_len (out, r->p, next - r->p);
      r->p = next;
    }
}

static void
consume_name (Reader  *r,
              GString *out)
{
  for (;;)
    {
      if (is_name ((guchar)*r->p))
        g_string_append_c (out, *r->p++);
      else if (valid_escape (r->p))
        {
          r->p++;
          consume_escape (r, out);
        }
      else
        return;
    }
}

static void
consume_string (Reader  *r,
                char     quote,
                GString *out)
{
  for (;;)
    {
      char c = *r->p;

      if (c == '\0')
        return;
      if (c == quote)
        {
          r->p++;
          return;
        }
      /* A newline ends a bad string; the newline stays for the next token. */
      if (c == '\n' || c == '\r' || c == '\f')
        return;
      if (c == '\\')
        {
          r->p++;
          if (*r->p == '\n' || *r->p == '\f')
            r->p++;
          else if (*r->p == '\r')
            r->p += r->p[1] == '\n' ? 2 : 1;
          else
            consume_escape (r, out);
          continue;
        }
      g_string_append_c (out, c);
      r->p++;
    }
}

/* url(unquoted…): up to the ")", escapes decoded. A bad URL is read to
 * its ")" and comes out empty. */
static void
consume_url (Reader  *r,
             GString *out)
{
  gboolean bad = FALSE;

  while (is_whitespace (*r->p))
    r->p++;

  for (;;)
    {
      char c = *r->p;

      if (c == '\0')
        break;
      if (c == ')')
        {
          r->p++;
          break;
        }
      if (is_whitespace (c))
        {
          while (is_whitespace (*r->p))
            r->p++;
          if (*r->p != ')' && *r->p != '\0')
            bad = TRUE;
          continue;
        }
      if (c == '"' || c == '\'' || c == '(' || (guchar)c < 0x20 || c == 0x7f)
        {
          bad = TRUE;
          r->p++;
          continue;
        }
      if (c == '\\')
        {
          if (valid_escape (r->p))
            {
              r->p++;
              consume_escape (r, out);
            }
          else
            {
              bad = TRUE;
              r->p++;
            }
          continue;
        }
      g_string_append_c (out, c);
      r->p++;
    }

  if (bad)
    g_string_truncate (out, 0);
}

static void
consume_number (Reader *r,
                Token  *token)
{
  const char *start = r->p;

  if (*r->p == '+' || *r->p == '-')
    r->p++;
  while (g_ascii_isdigit (*r->p))
    r->p++;
  if (r->p[0] == '.' && g_ascii_isdigit (r->p[1]))
    {
      r->p++;
      while (g_ascii_isdigit (*r->p))
        r->p++;
    }
  if ((r->p[0] == 'e' || r->p[0] == 'E') &&
      (g_ascii_isdigit (r->p[1]) ||
       ((r->p[1] == '+' || r->p[1] == '-') && g_ascii_isdigit (r->p[2]))))
    {
      r->p += 2;
      while (g_ascii_isdigit (*r->p))
        r->p++;
    }
  g_string_append_len (token->value, start, r->p - start);

  if (starts_ident (r->p))
    consume_name (r, token->unit);
  else if (*r->p == '%')
    g_string_append_c (token->unit, *r->p++);
}

/* Reads one token; token's strings are emptied first. */
static void
next_token (Reader *r,
            Token  *token)
{
  char c = *r->p;

  g_string_truncate (token->value, 0);
  g_string_truncate (token->unit, 0);
  token->delim = c;
  token->start = r->p;

  if (c == '\0')
    {
      token->type = TOKEN_EOF;
      return;
    }

  if (is_whitespace (c))
    {
      while (is_whitespace (*r->p))
        r->p++;
      token->type = TOKEN_WHITESPACE;
      return;
    }

  if (c == '/' && r->p[1] == '*')
    {
      const char *end = strstr (r->p + 2, "*/");

      r->p = end != NULL ? end + 2 : r->p + strlen (r->p);
      token->type = TOKEN_COMMENT;
      return;
    }

  if (c == '"' || c == '\'')
    {
      r->p++;
      consume_string (r, c, token->value);
      token->type = TOKEN_STRING;
      return;
    }

  if (starts_number (r->p))
    {
      consume_number (r, token);
      token->type = TOKEN_NUMBER;
      return;
    }

  if (c == '<' && strncmp (r->p, "<!--", 4) == 0)
    {
      r->p += 4;
      token->type = TOKEN_CDO;
      return;
    }

  if (c == '-' && strncmp (r->p, "-->", 3) == 0)
    {
      r->p += 3;
      token->type = TOKEN_CDC;
      return;
    }

  if (starts_ident (r->p))
    {
      consume_name (r, token->value);
      token->type = TOKEN_IDENT;
      if (*r->p != '(')
        return;

      r->p++;
      token->type = TOKEN_FUNCTION;
      if (g_ascii_strcasecmp (token->value->str, "url") == 0)
        {
          const char *q = r->p;

          while (is_whitespace (*q))
            q++;
          /* url("…") is a function with a string; url(…) a URL token. */
          if (*q != '"' && *q != '\'')
            {
              g_string_truncate (token->value, 0);
              consume_url (r, token->value);
              token->type = TOKEN_URL;
            }
        }
      return;
    }

  if (c == '@' && starts_ident (r->p + 1))
    {
      r->p++;
      consume_name (r, token->value);
      token->type = TOKEN_AT_KEYWORD;
      return;
    }

  if (c == '#' && (is_name ((guchar)r->p[1]) || valid_escape (r->p + 1)))
    {
      r->p++;
      consume_name (r, token->value);
      token->type = TOKEN_HASH;
      return;
    }

  if (c == '(' || c == '[' || c == '{')
    token->type = TOKEN_OPEN;
  else if (c == ')' || c == ']' || c == '}')
    token->type = TOKEN_CLOSE;
  else
    token->type = TOKEN_DELIM;

  /* One character, whole: a delimiter may be the start of UTF-8. */
  r->p = g_utf8_next_char (r->p);
}

/* Writing */

static void
write_hex_escape (GString  *out,
                  gunichar  c)
{
  g_string_append_printf (out, "\\%x ", c);
}

/* Name characters as they are; anything else escaped. An identifier may
 * not start with a digit, or with "-" and a digit, unescaped. */
static void
write_name (GString    *out,
            const char *name,
            gboolean    as_ident)
{
  guint index = 0;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p), index++)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean leading_digit = as_ident && g_ascii_isdigit (*p) &&
                               (index == 0 || (index == 1 && name[0] == '-'));

      if (c >= 0x80 || (is_name ((guchar)*p) && !leading_digit))
        g_string_append_unichar (out, c);
      else
        write_hex_escape (out, c);
    }
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\' || c == '<' || c == '&' || c < 0x20 || c == 0x7f)
        write_hex_escape (out, c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');
}

static void
write_url (GString        *out,
           const char     *url,
           ClipCssUrlFunc  func,
           gpointer        user_data)
{
  g_autofree char *local = func != NULL && url[0] != '\0' ? func (url, user_data) : NULL;

  g_string_append (out, "url(");
  write_string (out, local != NULL ? local : "");
  g_string_append_c (out, ')');
}

/* Functions whose string arguments are addresses. */
static gboolean
loads_strings (const char *function)
{
  static const char * const names[] = {
    "url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade",
  };

  for (guint i = 0; function != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (function, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Rules that load a sheet or change how bytes are read are dropped whole:
 * up to their ";" or the end of the block they stand in. */
static gboolean
is_dropped_rule (const char *name)
{
  return g_ascii_strcasecmp (name, "import") == 0 || g_ascii_strcasecmp (name, "charset") == 0;
}

static void
skip_rule (Reader *r,
           Token  *token)
{
  int depth = 0;

  for (next_token (r, token); token->type != TOKEN_EOF; next_token (r, token))
    {
      if (token->type == TOKEN_OPEN)
        depth++;
      else if (token->type == TOKEN_CLOSE && depth > 0)
        depth--;
      else if (token->type == TOKEN_CLOSE && token->delim == '}')
        {
          /* The block's end belongs to the block. */
          r->p--;
          return;
        }
      else if (token->delim == ';' && token->type == TOKEN_DELIM && depth == 0)
        return;
    }
}

char *
clip_css_rewrite (const char     *css,
                  ClipCssUrlFunc  func,
                  gpointer        user_data)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) functions = g_ptr_array_new_with_free_func (g_free);
  Reader reader = { css != NULL ? css : "" };
  Token token = { TOKEN_EOF, NULL, g_string_new (NULL), g_string_new (NULL), 0 };

  for (next_token (&reader, &token); token.type != TOKEN_EOF; next_token (&reader, &token))
    {
      const char *function = functions->len > 0 ? g_ptr_array_index (functions, functions->len - 1) : NULL;

      switch (token.type)
        {
        case TOKEN_WHITESPACE:
          g_string_append_c (out, ' ');
          break;
        case TOKEN_CDO:
        case TOKEN_CDC:
        case TOKEN_COMMENT:
          /* Still separates what it stood between. */
          g_string_append (out, "/**/");
          break;
        case TOKEN_STRING:
          if (loads_strings (function))
            {
              g_autofree char *local = func != NULL && token.value->len > 0
                                       ? func (token.value->str, user_data) : NULL;
              write_string (out, local != NULL ? local : "");
            }
          else
            write_string (out, token.value->str);
          break;
        case TOKEN_URL:
          write_url (out, token.value->str, func, user_data);
          break;
        case TOKEN_IDENT:
          write_name (out, token.value->str, TRUE);
          break;
        case TOKEN_FUNCTION:
          write_name (out, token.value->str, TRUE);
          g_string_append_c (out, '(');
          g_ptr_array_add (functions, g_strdup (token.value->str));
          break;
        case TOKEN_AT_KEYWORD:
          if (is_dropped_rule (token.value->str))
            skip_rule (&reader, &token);
          else
            {
              g_string_append_c (out, '@');
              write_name (out, token.value->str, TRUE);
            }
          break;
        case TOKEN_HASH:
          g_string_append_c (out, '#');
          write_name (out, token.value->str, FALSE);
          break;
        case TOKEN_NUMBER:
          g_string_append (out, token.value->str);
          if (g_strcmp0 (token.unit->str, "%") == 0)
            g_string_append_c (out, '%');
          else if (token.unit->len > 0)
            {
              /* "1e3" read as a number must not come back as one with
               * a unit "e3", and the reverse. */
              const char *unit = token.unit->str;

              if ((unit[0] == 'e' || unit[0] == 'E') &&
                  (g_ascii_isdigit (unit[1]) || ((unit[1] == '-' || unit[1] == '+') && g_ascii_isdigit (unit[2]))))
                {
                  write_hex_escape (out, (guchar)unit[0]);
                  write_name (out, unit + 1, FALSE);
                }
              else
                write_name (out, unit, TRUE);
            }
          break;
        case TOKEN_OPEN:
          g_string_append_c (out, token.delim);
          if (token.delim == '(')
            g_ptr_array_add (functions, g_strdup (""));
          else
            g_ptr_array_add (functions, NULL);
          break;
        case TOKEN_CLOSE:
          g_string_append_c (out, token.delim);
          if (functions->len > 0)
            g_ptr_array_remove_index (functions, functions->len - 1);
          break;
        case TOKEN_DELIM:
          /* A lone "<" or a backslash that escapes nothing means nothing
           * to CSS, and "<" could mean something to an HTML parser. */
          if (token.delim != '<' && token.delim != '\\')
            g_string_append_len (out, token.start, reader.p - token.start);
          break;
        case TOKEN_EOF:
        default:
          break;
        }
    }

  g_string_free (token.value, TRUE);
  g_string_free (token.unit, TRUE);
  return g_string_free (out, FALSE);
}
