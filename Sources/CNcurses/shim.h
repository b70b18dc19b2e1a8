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
#include <signal.h>
#include <fcntl.h>
#include <errno.h>
#include <poll.h>
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
   process when the terminal cannot be used (unknown TERM, not a terminal).

   Then leaves it at once (endwin), so the first refresh resumes it, as after Ctrl-Z:
   until a screen has been resumed once, ncurses 6.4 takes it for a terminfo-only program
   and writes its output buffer to the terminal at every cursor movement, so a frame went
   out as one write(2) per run of changed cells (150-230 for a full repaint, each a trip
   through the tty layer and a wakeup of the terminal). Resumed, it writes a frame at
   once (a few writes for one larger than its buffer). Leaving and entering the alternate
   screen before the first frame shows nothing. */
static inline WINDOW *flowtop_start(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return NULL;
    set_term(screen);
    endwin();
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

/* The mouse: left-button presses and the wheel, nothing else (no motion reports, so no
   flood of events, and releases ignored); no click interval, so a press arrives at once.
   With TERM=xterm-256color ncurses 6 asks for SGR (1006) reports. Returns 1 when on. */
static inline int flowtop_enable_mouse(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
    mouseinterval(0);
    return mousemask(wanted, NULL) != 0;
}
static inline int flowtop_key_mouse(void) { return KEY_MOUSE; }
/* The pending mouse event after KEY_MOUSE: its cell and what happened, as KeyDecoder
   reads it: 1 left press or click, 4 wheel up, 5 wheel down, 0 anything else. */
static inline int flowtop_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}

/* ncurses reads the rest of an SGR mouse report with blocking read()s of its own; seen
   in tmux, a report could leave it waiting for bytes that never come, and the dashboard
   froze. While a key is read the input is made non-blocking, so such a read fails and the
   report is dropped instead; it is blocking again outside, as the shell expects. */
static inline void flowtop_input_nonblocking(int on) {
    int flags = fcntl(STDIN_FILENO, F_GETFL);
    if (flags < 0) return;
    fcntl(STDIN_FILENO, F_SETFL, on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK));
}

/* Ctrl-Z in raw mode (where the terminal sends no SIGTSTP): leave curses, stop the
   process group as the terminal would, and return once `fg` (SIGCONT) resumes it. The
   default action is put in place for the stop, so no SIGTSTP handler (ncurses' own) runs
   curses code inside a signal handler on another thread. The caller repaints. */
static inline void flowtop_suspend(void) {
    struct sigaction stop, previous;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    curs_set(1);
    endwin();
    fflush(stdout);
    sigaction(SIGTSTP, &stop, &previous);
    kill(0, SIGTSTP);
    sigaction(SIGTSTP, &previous, NULL);
}

/* Writes all of a frame's bytes to the terminal: again after a signal, and after waiting
   when the descriptor is non-blocking (stdin's flag is shared with stdout on a terminal
   opened once, and the mouse turns it on while a key is read). Only write(2) and poll(2):
   safe in a signal handler. */
static inline void flowtop_write_all(const void *bytes, size_t length) {
    const char *next = (const char *)bytes;
    while (length > 0) {
        ssize_t written = write(STDOUT_FILENO, next, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                struct pollfd out = { .fd = STDOUT_FILENO, .events = POLLOUT, .revents = 0 };
                poll(&out, 1, 100);
                continue;
            }
            return;
        }
        next += written;
        length -= (size_t)written;
    }
}
/* Writes a string straight to the terminal (stdio is not flushed): for escape sequences
   curses does not know (synchronized output); usable from a signal handler. */
static inline void flowtop_write_raw(const char *bytes) { flowtop_write_all(bytes, strlen(bytes)); }
static inline void flowtop_flush_stdout(void) { fflush(stdout); }
/* DEC private mode 2026: the terminal holds the frame until it is complete (no tearing).
   Terminals that do not know it ignore it. */
static inline void flowtop_begin_synchronized_output(void) { flowtop_write_raw("\033[?2026h"); }
static inline void flowtop_end_synchronized_output(void) { flowtop_write_raw("\033[?2026l"); }
/* Terminfo for EscapeOutput: a string capability of the terminal's entry, NULL when it
   has none (tigetstr's (char *)-1 for "not a string capability" too), and tiparm with
   one or two parameters (Swift cannot call a variadic C function). */
static inline const char *flowtop_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}
/* Loads TERM's terminfo entry without taking a terminal (for tests of EscapeOutput). */
extern int setupterm(const char *, int, int *);
static inline int flowtop_setupterm(const char *term, int fd) {
    int status = 0;
    return setupterm(term, fd, &status);
}
static inline const char *flowtop_tiparm1(const char *cap, int a) { return tiparm(cap, a); }
static inline const char *flowtop_tiparm2(const char *cap, int a, int b) { return tiparm(cap, a, b); }
#endif
