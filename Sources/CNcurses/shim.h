#ifndef FLOWTOP_CNCURSES_SHIM_H
#define FLOWTOP_CNCURSES_SHIM_H
/* Wide-character ncurses plus static inline shims for what Swift cannot import: macros,
   and globals (stdscr, stdout, COLORS) that Swift 6 would treat as shared mutable state. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

static inline int flowtop_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int flowtop_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline attr_t flowtop_a_bold(void) { return A_BOLD; }
static inline attr_t flowtop_a_dim(void) { return A_DIM; }
static inline attr_t flowtop_a_reverse(void) { return A_REVERSE; }
static inline attr_t flowtop_a_underline(void) { return A_UNDERLINE; }
static inline attr_t flowtop_a_normal(void) { return A_NORMAL; }
static inline int flowtop_key_f(int n) { return KEY_F(n); }
static inline int flowtop_err(void) { return ERR; }
static inline int flowtop_lc_all(void) { return LC_ALL; }

/* Starts curses on stdout/stdin like initscr(), but returns NULL instead of exiting the
   process when the terminal cannot be used (unknown TERM, not a terminal). */
static inline WINDOW *flowtop_start(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return NULL;
    set_term(screen);
    return stdscr;
}

/* After setlocale(LC_ALL, ""): if the character set is not UTF-8 (LANG unset, as in many
   containers), switch LC_CTYPE to C.UTF-8 as btop does; terminals today speak UTF-8, and
   without it every non-ASCII cell would be lost. Returns 1 when the locale is UTF-8. */
static inline int flowtop_ensure_utf8_ctype(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset != NULL && strcmp(codeset, "UTF-8") == 0) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) return 1;
    return setlocale(LC_CTYPE, "en_US.UTF-8") != NULL;
}

/* Columns the C library (and so ncurses) gives a character: -1 unprintable, 0, 1 or 2. */
extern int wcwidth(wchar_t c);
static inline int flowtop_wcwidth(wchar_t c) { return wcwidth(c); }

static inline int flowtop_colors(void) { return COLORS; }
static inline int flowtop_color_pairs(void) { return COLOR_PAIRS; }

/* get_wch results and key codes. */
static inline int flowtop_key_code_yes(void) { return KEY_CODE_YES; }
static inline int flowtop_ok(void) { return OK; }
static inline int flowtop_key_up(void) { return KEY_UP; }
static inline int flowtop_key_down(void) { return KEY_DOWN; }
static inline int flowtop_key_left(void) { return KEY_LEFT; }
static inline int flowtop_key_right(void) { return KEY_RIGHT; }
static inline int flowtop_key_ppage(void) { return KEY_PPAGE; }
static inline int flowtop_key_npage(void) { return KEY_NPAGE; }
static inline int flowtop_key_home(void) { return KEY_HOME; }
static inline int flowtop_key_end(void) { return KEY_END; }
static inline int flowtop_key_backspace(void) { return KEY_BACKSPACE; }
static inline int flowtop_key_enter(void) { return KEY_ENTER; }
static inline int flowtop_key_btab(void) { return KEY_BTAB; }
static inline int flowtop_key_resize(void) { return KEY_RESIZE; }

/* Writes bytes straight to the terminal after flushing stdio: for escape sequences curses
   does not know (synchronized output), and usable from a signal handler (write(2) only). */
static inline void flowtop_write_raw(const char *bytes) {
    size_t length = strlen(bytes);
    while (length > 0) {
        ssize_t written = write(STDOUT_FILENO, bytes, length);
        if (written <= 0) return;
        bytes += written;
        length -= (size_t)written;
    }
}
static inline void flowtop_flush_stdout(void) { fflush(stdout); }
/* DEC private mode 2026: the terminal holds the frame until it is complete (no tearing).
   Terminals that do not know it ignore it. */
static inline void flowtop_begin_synchronized_output(void) { flowtop_write_raw("\033[?2026h"); }
static inline void flowtop_end_synchronized_output(void) { flowtop_write_raw("\033[?2026l"); }
#endif
