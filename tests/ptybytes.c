/* ptybytes: run a full-screen program on a pty and count the bytes it writes
   in reply to each key, so the benchmark can compare redraw cost. */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <pty.h>
#else
#include <util.h> /* forkpty lives here on the BSDs and macOS */
#endif

struct press {
	const char *name; /* as printed; points into the -k argument */
	const char *seq;  /* bytes to write, or NULL for a resize or a wait */
	struct winsize ws;
	long wait;        /* wait:MS: milliseconds to let the program run */
};

static const struct {
	const char *name, *seq;
} named_keys[] = {
	{"space", " "},       {"comma", ","},       {"down", "\033[B"},
	{"up", "\033[A"},     {"pgdn", "\033[6~"},  {"pgup", "\033[5~"},
	{"home", "\033[H"},   {"end", "\033[F"},    {"tab", "\t"},
	{"btab", "\033[Z"},   {"enter", "\r"},      {"esc", "\033"},
	{"ctrl-l", "\014"},   {"colon", ":"},
};

static struct press *presses;
static size_t npresses, cap;

static void usage(void)
{
	fputs("usage: ptybytes [-t] [-x COLS] [-y ROWS] [-q MS] [-w MS] [-o FILE] "
	      "-k KEYS -- COMMAND [ARG...]\n",
	      stderr);
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "ptybytes: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Parses a decimal number in [lo, hi] ending at *end (or the string's end
   when end is NULL); returns -1 when it is not one. */
static long number(const char *s, long lo, long hi, char **end)
{
	char *e;
	long v;

	errno = 0;
	v = strtol(s, &e, 10);
	if (e == s || errno || v < lo || v > hi || (!end && *e))
		return -1;
	if (end)
		*end = e;
	return v;
}

static long msecs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Turns one key name (not a repeat) into *p; false if it is unknown. */
static bool parse_key(const char *tok, struct press *p)
{
	char *e;
	long c, r;

	p->name = tok;
	p->seq = NULL;
	p->wait = 0;
	if (strncmp(tok, "wait:", 5) == 0)
		return (p->wait = number(tok + 5, 1, 3600000, NULL)) > 0;
	if (strncmp(tok, "resize:", 7) == 0) {
		c = number(tok + 7, 1, 65535, &e);
		if (c < 0 || *e != 'x' || (r = number(e + 1, 1, 65535, NULL)) < 0)
			return false;
		p->ws = (struct winsize){.ws_col = (unsigned short)c,
		                         .ws_row = (unsigned short)r};
		return true;
	}
	if (tok[0] > ' ' && tok[0] < 127 && tok[1] == '\0') {
		p->seq = tok;
		return true;
	}
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcmp(tok, named_keys[i].name) == 0) {
			p->seq = named_keys[i].seq;
			return true;
		}
	return false;
}

static void add(const struct press *p)
{
	if (npresses == cap) {
		cap = cap ? cap * 2 : 16;
		presses = realloc(presses, cap * sizeof *presses);
		if (!presses)
			die("realloc");
	}
	presses[npresses++] = *p;
}

/* Splits the -k list in place; all keys are checked before anything runs so
   a typo costs a usage error rather than a half-finished measurement. */
static void parse_keys(char *list)
{
	struct press p;
	char *tok, *e;
	long n;

	for (tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		n = 1;
		if (strncmp(tok, "repeat:", 7) == 0) {
			n = number(tok + 7, 1, 1000000, &e);
			if (n < 0 || *e != ':')
				usage();
			tok = e + 1;
		}
		if (!parse_key(tok, &p)) {
			fprintf(stderr, "ptybytes: unknown key '%s'\n", tok);
			usage();
		}
		while (n--)
			add(&p);
	}
	if (npresses == 0)
		usage();
}

static long last_byte, started;		/* when the last byte came, when it began */
static struct rusage child_usage;

/* Reads until the program has been silent for quiet ms, or max ms have passed
   in all.  With wait_first the silence only counts once output has begun, so
   a slow start does not leak its screen into the first key's count. */
static long drain(int fd, int quiet, int max, bool wait_first, FILE *raw,
                  bool *eof)
{
	char buf[65536];
	long total = 0, deadline = msecs() + max, left;
	struct pollfd pfd = {.fd = fd, .events = POLLIN};
	ssize_t n;
	int r;

	while (!*eof && (left = deadline - msecs()) > 0) {
		r = poll(&pfd, 1,
		         (int)(wait_first && total == 0 ? left
		               : quiet < left           ? quiet
		                                        : left));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die("poll");
		if (r == 0)
			break;
		n = read(fd, buf, sizeof buf);
		if (n > 0) {
			total += n;
			last_byte = msecs();
			if (raw && fwrite(buf, 1, (size_t)n, raw) != (size_t)n)
				die("write -o file");
		} else if (n == 0 || errno == EIO) {
			*eof = true; /* Linux reports a closed slave as EIO */
		} else if (errno != EINTR && errno != EAGAIN) {
			die("read");
		}
	}
	return total;
}

static void write_all(int fd, const char *s)
{
	size_t len = strlen(s);
	ssize_t n;

	while (len) {
		n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("write");
		s += n;
		len -= (size_t)n;
	}
}

/* Waits up to ms for the child; true once it has been reaped, with its resource
   use in child_usage. */
static bool reap(pid_t pid, int ms)
{
	const struct timespec tick = {0, 50 * 1000000L};

	for (; ms > 0; ms -= 50) {
		if (wait4(pid, NULL, WNOHANG, &child_usage) != 0)
			return true;
		nanosleep(&tick, NULL);
	}
	return false;
}

/* Starts argv on a new pty; the close-on-exec pipe carries the exec errno
   back, so a missing command fails here instead of as odd byte counts. */
static pid_t spawn(char **argv, struct winsize *ws, int *master)
{
	int pfd[2], err = 0;
	pid_t pid;

	if (pipe(pfd) < 0 || fcntl(pfd[1], F_SETFD, FD_CLOEXEC) < 0)
		die("pipe");
	pid = forkpty(master, NULL, NULL, ws);
	if (pid < 0)
		die("forkpty");
	if (pid == 0) {
		close(pfd[0]);
		execvp(argv[0], argv);
		err = errno;
		ssize_t w = write(pfd[1], &err, sizeof err);
		(void)w; /* nothing more can be done if this fails */
		_exit(127);
	}
	close(pfd[1]);
	if (read(pfd[0], &err, sizeof err) == (ssize_t)sizeof err) {
		errno = err;
		die(argv[0]);
	}
	close(pfd[0]);
	return pid;
}

int main(int argc, char **argv)
{
	struct winsize ws = {.ws_col = 80, .ws_row = 24};
	int quiet = 300, max = 5000, master, opt, timing = 0;
	long t0;
	char *keys = NULL;
	FILE *raw = NULL;
	bool eof = false;
	long n, total = 0;
	pid_t pid;

	while ((opt = getopt(argc, argv, "x:y:q:w:k:o:t")) != -1) {
		switch (opt) {
		case 't':
			timing = 1;
			break;
		case 'x':
		case 'y':
			if ((n = number(optarg, 1, 65535, NULL)) < 0)
				usage();
			*(opt == 'x' ? &ws.ws_col : &ws.ws_row) = (unsigned short)n;
			break;
		case 'q':
		case 'w':
			if ((n = number(optarg, 1, 3600000, NULL)) < 0)
				usage();
			*(opt == 'q' ? &quiet : &max) = (int)n;
			break;
		case 'k':
			keys = optarg;
			break;
		case 'o':
			if (!(raw = fopen(optarg, "ab")))
				die(optarg);
			break;
		default:
			usage();
		}
	}
	if (!keys || optind >= argc)
		usage();
	parse_keys(keys);

	started = msecs();
	pid = spawn(argv + optind, &ws, &master);
	n = drain(master, quiet, max, true, raw, &eof);
	/* The first screen is done when its last byte arrives. */
	printf("startup %ld\nfirst-screen-ms %ld\n", n, last_byte - started);
	fflush(stdout);

	for (size_t i = 0; i < npresses; i++) {
		struct press *p = &presses[i];

		/* Once the program has gone, later keys honestly cost nothing. */
		if (!eof && p->wait > 0) {
			n = drain(master, (int)p->wait, (int)p->wait, true, raw, &eof);
			total += n;
			printf("%s\t%ld\n", p->name, n);
			fflush(stdout);
			continue;
		}
		t0 = msecs();
		if (!eof && p->seq) {
			write_all(master, p->seq);
		} else if (!eof) {
			/* The kernel signals the foreground group on a size change;
			   the explicit kill covers a child that changed group. */
			if (ioctl(master, TIOCSWINSZ, &p->ws) < 0)
				die("TIOCSWINSZ");
			kill(pid, SIGWINCH);
		}
		n = drain(master, quiet, max, false, raw, &eof);
		total += n;
		/* With -t, also the milliseconds from the key to the last byte of the
		   reply: how long the screen took to answer. */
		if (timing)
			printf("%s\t%ld\t%ld\n", p->name, n, n > 0 ? last_byte - t0 : 0);
		else
			printf("%s\t%ld\n", p->name, n);
		fflush(stdout);
	}

	/* Closing the master hangs up the child; escalate if it lingers. */
	close(master);
	if (!reap(pid, 2000)) {
		kill(pid, SIGTERM);
		if (!reap(pid, 2000)) {
			kill(pid, SIGKILL);
			wait4(pid, NULL, 0, &child_usage);
		}
	}
	if (raw && fclose(raw) != 0)
		die("close -o file");
	printf("total %ld\n", total);
	printf("maxrss-kb %ld\n", child_usage.ru_maxrss);
	return 0;
}
