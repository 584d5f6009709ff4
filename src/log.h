/* Fatal errors and the debug log. Core code never talks to the terminal: the UI registers
   a hook that ends curses before fatal() prints. */
#ifndef RUBRIC_LOG_H
#define RUBRIC_LOG_H

/* Called once by fatal() before it prints; the UI sets it to leave curses mode. */
extern void	(*log_fatal_hook)(void);

void	fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Appends a line to the file named by $RUBRIC_LOG, if set; silent otherwise. */
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Logs what with the time since the first call (made by main() before any thread
   starts): where a start spends its time (make bench reads it). */
void	log_mark(const char *what);

#endif
