#ifndef FLOWTOP_CNCURSES_SHIM_H
#define FLOWTOP_CNCURSES_SHIM_H
/* Wide-character ncurses plus static inline shims for what Swift cannot import: macros. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
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
#endif
