/* The prefilter's extractor: finding, from a PCRE2 pattern's text, the literals every
   match of it must contain.

   The extractor reads a pattern as a tree of nodes. A node is "finite" when it matches
   only the strings of a small set (a literal, a short class, a group of such, an
   optional one); otherwise it may carry a "factor": a set of strings one of which each
   of its matches contains, with the most bytes that can come before it in the match.
   A sequence joins neighbouring finite nodes into the cross product of their sets and
   keeps the most selective factor; an alternation unites its branches' factors. What
   the extractor does not understand (backreferences, verbs, (?x)...) makes it give up,
   and the theme is then searched without a prefilter. Text and literals are compared
   folded to ASCII lower case, which only widens what counts as present: a caseless
   match can never be missed, nor a case-sensitive one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prefilter_int.h"
#include "xmalloc.h"

#define PF_MAXDEPTH	32	/* groups in groups: deeper, the extractor gives up
				   rather than recurse as far as PCRE2 allows (250) */

/* The characters a class is made of, while it is read (pf_class()): at most
   sizeof chars of them; any when the class is more than such a list can say. */
struct pf_chars {
	char	 chars[16];
	size_t	 n;
	int	 any;
};

static struct pf_node	pf_seq(struct pf_parser *);
static struct pf_node	pf_item(struct pf_parser *);
static struct pf_node	pf_atom(struct pf_parser *);
static struct pf_node	pf_class(struct pf_parser *);
static int		pf_count(struct pf_parser *, struct pf_node *, struct pf_node *);
static int		pf_class_item(struct pf_parser *, struct pf_chars *);
static int		pf_class_posix(struct pf_parser *, struct pf_chars *);
static int		pf_class_escape(struct pf_parser *, struct pf_chars *,
			    unsigned char *);
static struct pf_node	pf_group(struct pf_parser *);
static int		pf_group_special(struct pf_parser *, struct pf_node *);
static int		pf_group_options(struct pf_parser *, const char *,
			    struct pf_node *);
static struct pf_node	pf_escape(struct pf_parser *);
static struct pf_node	pf_escape_hex(struct pf_parser *);
static struct pf_node	pf_escape_quoted(struct pf_parser *);
static int		pf_isalpha(int);

static int
pf_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static int
pf_isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

struct pf_node
pf_alt(struct pf_parser *ps)
{
	struct pf_node	 n;

	/* Each group is a level of recursion here: a pattern nested too deep for
	   the stack of a sanitized build (fuzz_theme) is given up. */
	if (ps->depth >= PF_MAXDEPTH) {
		ps->fail = 1;
		return pf_any(-1);
	}
	ps->depth++;
	n = pf_seq(ps);
	while (*ps->p == '|') {
		ps->p++;
		n = pf_union(n, pf_seq(ps));
	}
	ps->depth--;
	return n;
}

/* A sequence: finite items join into runs; the best run or item factor stays. */
static struct pf_node
pf_seq(struct pf_parser *ps)
{
	struct pf_node	 s, run, item;
	long		 before = 0, runbefore = 0;
	int		 all_finite = 1;

	memset(&s, 0, sizeof s);
	s.prefix = -1;
	run = pf_empty();
	while (*ps->p != '\0' && *ps->p != '|' && *ps->p != ')' && !ps->fail) {
		item = pf_item(ps);
		if (item.fail)
			ps->fail = 1;
		if (item.finite && pf_cross(&run, &item) == 0) {
			before = pf_addlen(before, item.maxlen);
			pf_free(&item);
			continue;
		}
		/* The run ends here: keep it if it is the best factor so far. */
		pf_take(&s, run.set, run.nset, runbefore);
		pf_free(&run);
		if (item.finite) {
			all_finite = 0;
			runbefore = before;
			run = item;
			before = pf_addlen(before, item.maxlen);
			continue;
		}
		all_finite = 0;
		pf_take(&s, item.set, item.nset, item.prefix < 0 || before < 0 ? -1 :
		    before + item.prefix);
		before = pf_addlen(before, item.maxlen);
		runbefore = before;
		pf_free(&item);
		run = pf_empty();
	}
	if (all_finite) {
		pf_free(&s);
		run.maxlen = before;
		return run;
	}
	pf_take(&s, run.set, run.nset, runbefore);
	pf_free(&run);
	s.maxlen = before;
	s.fail = ps->fail;
	return s;
}

static struct pf_node
pf_item(struct pf_parser *ps)
{
	struct pf_node	 a = pf_atom(ps), n;

	switch (*ps->p) {
	case '?':
		ps->p++;
		n = pf_union(a, pf_empty());
		break;
	case '*':
		ps->p++;
		pf_free(&a);
		n = pf_any(-1);
		break;
	case '+':
		ps->p++;
		/* At least once: the atom's factor stays, the length does not. */
		n = a;
		if (n.finite) {
			n.finite = 0;
			n.prefix = 0;
		}
		n.maxlen = -1;
		break;
	case '{':
		if (!pf_count(ps, &a, &n))
			return a;
		break;
	default:
		return a;
	}
	/* Lazy and possessive forms match the same strings. */
	if (*ps->p == '?' || *ps->p == '+')
		ps->p++;
	return n;
}

/* The count {n}, {n,} or {n,m} at ps->p applied to atom a, apart from pf_item()
   because reading it takes most of the lines. Returns 1 with the node in *n (a is
   taken), or 0 when what is there is not read as a count here (a stays the
   caller's, ps->fail set if PCRE2 might read it as one). */
static int
pf_count(struct pf_parser *ps, struct pf_node *a, struct pf_node *n)
{
	long	 lo, hi, i;
	char	*end;

	/* Digits only. PCRE2 10.42 reads anything else as text, but 10.43 reads
	   "{,3}" and "{ 3 }" as counts: what may be either is given up. "{U+41}" is
	   text to both. */
	end = (char *)ps->p + 1;
	lo = hi = pf_isdigit(*end) ? strtol(end, &end, 10) : -1;
	if (lo >= 0 && *end == ',' && end[1] == '}') {
		hi = -1;
		end++;
	} else if (lo >= 0 && *end == ',' && pf_isdigit(end[1]))
		hi = strtol(end + 1, &end, 10);
	if (lo < 0 || *end != '}') {
		for (end = (char *)ps->p + 1; *end == ' ' || *end == ',' ||
		    pf_isdigit(*end); end++)
			;
		if (*end == '}')
			ps->fail = 1;
		return 0;
	}
	if (hi >= 0 && hi < lo) {
		ps->fail = 1;
		return 0;
	}
	ps->p = end + 1;
	if (lo == 0) {
		*n = pf_any(pf_mullen(hi, a->maxlen));
		pf_free(a);
	} else if (lo == hi && lo <= 4 && a->finite) {
		*n = pf_empty();
		for (i = 0; i < lo; i++)
			if (pf_cross(n, a) == -1)
				break;
		if (i < lo) {
			pf_free(n);
			*n = *a;
			n->finite = 0;
			n->prefix = 0;
			n->maxlen = pf_mullen(lo, a->maxlen);
		} else
			pf_free(a);
	} else {
		*n = *a;
		if (n->finite) {
			n->finite = 0;
			n->prefix = 0;
		}
		n->maxlen = pf_mullen(hi, a->maxlen);
	}
	return 1;
}

/* A class [...]: finite when it is a few ASCII characters, else any one
   character. */
static struct pf_node
pf_class(struct pf_parser *ps)
{
	struct pf_chars	 cs;
	struct pf_node	 node;
	size_t		 i;

	memset(&cs, 0, sizeof cs);
	ps->p++;
	if (*ps->p == '^') {
		cs.any = 1;
		ps->p++;
	}
	if (*ps->p == ']') {
		cs.chars[cs.n++] = ']';
		ps->p++;
	}
	while (*ps->p != '\0' && *ps->p != ']')
		if (pf_class_item(ps, &cs) == -1)
			return pf_any(4);
	if (*ps->p != ']') {
		ps->fail = 1;
		return pf_any(4);
	}
	ps->p++;
	if (cs.any || cs.n == 0 || cs.n > 8)
		return pf_any(4);
	memset(&node, 0, sizeof node);
	node.finite = 1;
	node.maxlen = 1;
	for (i = 0; i < cs.n; i++) {
		char	 l = pf_lower(cs.chars[i]);

		pf_add(&node, &l, 1);
	}
	return node;
}

/* One item of a class at ps->p (a POSIX class, an escape, a character or a range
   of them) added to cs, apart from pf_class() so that each kind of item reads on
   its own. Returns -1 when the class is given up (ps->fail set), else 0. */
static int
pf_class_item(struct pf_parser *ps, struct pf_chars *cs)
{
	unsigned char	 c = (unsigned char)*ps->p, hi;

	if (c == '[' && ps->p[1] == ':')
		return pf_class_posix(ps, cs);
	if (c == '\\') {
		switch (pf_class_escape(ps, cs, &c)) {
		case -1:
			return -1;
		case 0:
			return 0;
		}
	}
	if (c >= 0x80) {
		cs->any = 1;
		ps->p++;
		return 0;
	}
	ps->p++;
	if (*ps->p == '-' && ps->p[1] != ']' && ps->p[1] != '\0') {
		hi = (unsigned char)ps->p[1];
		ps->p += 2;
		if (hi < c || hi >= 0x80 || hi - c > 8) {
			cs->any = 1;
			return 0;
		}
		for (; c <= hi && cs->n < sizeof cs->chars; c++)
			cs->chars[cs->n++] = (char)c;
		if (c <= hi)
			cs->any = 1;
		return 0;
	}
	if (cs->n < sizeof cs->chars)
		cs->chars[cs->n++] = (char)c;
	else
		cs->any = 1;
	return 0;
}

/* [:name:] or [:^name:] at ps->p inside a class: any character. Only that form is
   a POSIX class: "[[:al]" and "[l[:]" are classes of '[', ':' and letters to PCRE2
   (fuzz_theme, twice). Anything else is given up: returns -1 with ps->fail set. */
static int
pf_class_posix(struct pf_parser *ps, struct pf_chars *cs)
{
	const char	*name = ps->p + 2, *q;

	if (*name == '^')
		name++;
	for (q = name; pf_isalpha((unsigned char)*q); q++)
		;
	if (q == name || q[0] != ':' || q[1] != ']') {
		ps->fail = 1;
		return -1;
	}
	ps->p = q + 2;
	cs->any = 1;
	return 0;
}

/* The escape at ps->p (a backslash) inside a class. Returns -1 when the class is
   given up (ps->fail set); 0 when the escape is read (a shorthand class, or a
   letter not known here, makes the class any character); 1 when it stands for the
   character *c, with ps->p on its last byte, for pf_class_item() to add. */
static int
pf_class_escape(struct pf_parser *ps, struct pf_chars *cs, unsigned char *c)
{
	ps->p++;
	*c = (unsigned char)*ps->p;
	if (*c == '\0')
		return 0;	/* the class is unterminated: pf_class() says so */
	/* \Q...\E may hide a ']' that does not close the class. */
	if (*c == 'Q' || *c == 'E') {
		ps->fail = 1;
		return -1;
	}
	if (strchr("dDwWsShHvVpPNX", *c) != NULL || *c == 'x' ||
	    (*c >= '0' && *c <= '9')) {
		cs->any = 1;
		if ((*c == 'p' || *c == 'P' || *c == 'x') && ps->p[1] == '{') {
			const char	*close = strchr(ps->p, '}');

			if (close != NULL)
				ps->p = close;
		}
		ps->p++;
		return 0;
	}
	if (*c == 'n')
		*c = '\n';
	else if (*c == 't')
		*c = '\t';
	else if (*c == 'r')
		*c = '\r';
	else if (pf_isalpha(*c)) {
		cs->any = 1;
		ps->p++;
		return 0;
	}
	return 1;
}

static struct pf_node
pf_atom(struct pf_parser *ps)
{
	unsigned char	 c = (unsigned char)*ps->p;

	switch (c) {
	case '(':
		return pf_group(ps);
	case '[':
		return pf_class(ps);
	case '.':
		ps->p++;
		return pf_any(4);
	case '^':
	case '$':
		ps->p++;
		return pf_empty();
	case '\\':
		return pf_escape(ps);
	default:
		ps->p++;
		if (c >= 0x80) {
			/* A character outside ASCII: its case variants are not known
			   here, so it is treated as any one character. */
			while (((unsigned char)*ps->p & 0xc0) == 0x80)
				ps->p++;
			return pf_any(4);
		}
		return pf_finite1((char)c);
	}
}

/* A group at ps->p, its '(': what is inside it, apart from pf_atom() because
   the (?...) forms each need reading of their own. */
static struct pf_node
pf_group(struct pf_parser *ps)
{
	struct pf_node	 n;

	ps->p++;
	if (*ps->p == '*') {
		ps->fail = 1;
		return pf_any(-1);
	}
	if (*ps->p == '?' && pf_group_special(ps, &n))
		return n;
	n = pf_alt(ps);
	if (*ps->p != ')') {
		ps->fail = 1;
		return n;
	}
	ps->p++;
	return n;
}

/* The (?...) form at ps->p, its '?'. Returns 1 when the form is the whole
   atom (a comment, a lookaround, an option setting alone, or something given up),
   its node in *n; 0 when a group's alternation follows at ps->p, as after "(?:",
   "(?<name>" or "(?i:". */
static int
pf_group_special(struct pf_parser *ps, struct pf_node *n)
{
	const char	*q = ps->p + 1;

	if (*q == ':' || *q == '|' || *q == '>') {
		ps->p = q + 1;
		return 0;
	}
	if (*q == '#') {
		while (*ps->p != '\0' && *ps->p != ')')
			ps->p++;
		if (*ps->p == ')')
			ps->p++;
		/* PCRE2 skips a comment, so a quantifier after it repeats what came
		   before (fuzz_theme): give up. */
		if (*ps->p != '\0' && strchr("?*+{", *ps->p) != NULL)
			ps->fail = 1;
		*n = pf_empty();
		return 1;
	}
	if (*q == '=' || *q == '!' || (*q == '<' && (q[1] == '=' || q[1] == '!'))) {
		/* A lookaround matches no text of its own. */
		ps->p = q + (*q == '<' ? 2 : 1);
		*n = pf_alt(ps);
		pf_free(n);
		if (*ps->p != ')')
			ps->fail = 1;
		else
			ps->p++;
		*n = pf_empty();
		return 1;
	}
	if (*q == '<' || *q == '\'' || (*q == 'P' && q[1] == '<')) {
		q = strchr(q, *q == '\'' ? '\'' : '>');
		if (q == NULL || (q = strpbrk(q + (*q == '\''),
		    *q == '\'' ? "'" : ">")) == NULL) {
			ps->fail = 1;
			*n = pf_any(-1);
			return 1;
		}
		ps->p = q + 1;
		return 0;
	}
	return pf_group_options(ps, q, n);
}

/* Option settings at q, after "(?": (?i) alone, or (?i:...) as a group; returns
   as pf_group_special() does. (?x) would change what spaces mean: give up. */
static int
pf_group_options(struct pf_parser *ps, const char *q, struct pf_node *n)
{
	while (*q != '\0' && strchr("imnsxJU-^", *q) != NULL) {
		if (*q == 'x') {
			ps->fail = 1;
			*n = pf_any(-1);
			return 1;
		}
		q++;
	}
	if (*q == ')') {
		ps->p = q + 1;
		/* As after a comment: give up. */
		if (*ps->p != '\0' && strchr("?*+{", *ps->p) != NULL)
			ps->fail = 1;
		*n = pf_empty();
		return 1;
	}
	if (*q != ':') {
		ps->fail = 1;
		*n = pf_any(-1);
		return 1;
	}
	ps->p = q + 1;
	return 0;
}

/* An escape at ps->p, its backslash, outside a class: an assertion, a shorthand
   class, a character, or what the extractor gives up (backreferences, case
   changes). */
static struct pf_node
pf_escape(struct pf_parser *ps)
{
	struct pf_node	 n;
	unsigned char	 c;
	const char	*q;

	ps->p++;
	c = (unsigned char)*ps->p;
	if (c == '\0') {
		ps->fail = 1;
		return pf_any(-1);
	}
	ps->p++;
	/* PCRE2 ignores a \E outside \Q...\E, so a quantifier after it goes to
	   the atom before, which this parser has already taken as required: give
	   up on the pattern (fuzz_theme). */
	if (c == 'E' && *ps->p != '\0' && strchr("?*+{", *ps->p) != NULL)
		ps->fail = 1;
	if (strchr("bBAzZGKE", c) != NULL)
		return pf_empty();
	/* \N{U+hh} is one character, not \N and a literal "{U+hh}"
	   (fuzz_theme); \N{3} is \N three times, as a quantifier. */
	if (c == 'N' && ps->p[0] == '{' && ps->p[1] == 'U' && ps->p[2] == '+') {
		if ((q = strchr(ps->p, '}')) == NULL) {
			ps->fail = 1;
			return pf_any(-1);
		}
		ps->p = q + 1;
		return pf_any(4);
	}
	if (strchr("dDwWsShHvVNC", c) != NULL)
		return pf_any(4);
	if (c == 'R')
		return pf_any(2);
	if (c == 'X')
		return pf_any(-1);
	if (c == 'p' || c == 'P') {
		if (*ps->p == '{' && (q = strchr(ps->p, '}')) != NULL)
			ps->p = q + 1;
		else if (*ps->p != '\0')
			ps->p++;
		return pf_any(4);
	}
	if (c == 'x')
		return pf_escape_hex(ps);
	if (c == 'Q') {
		/* A quantifier after \Q...\E applies to its last character
		   alone, not to the literal taken whole here. */
		n = pf_escape_quoted(ps);
		if (*ps->p != '\0' && strchr("?*+{", *ps->p) != NULL)
			ps->fail = 1;
		return n;
	}
	if ((c >= '1' && c <= '9') || c == 'g' || c == 'k' || c == 'c' ||
	    c == 'o' || c == '0' || c == 'u' || c == 'l' || c == 'U' || c == 'L') {
		ps->fail = 1;
		return pf_any(-1);
	}
	if (c == 'n')
		return pf_finite1('\n');
	if (c == 't')
		return pf_finite1('\t');
	if (c == 'r')
		return pf_finite1('\r');
	if (c == 'f')
		return pf_finite1('\f');
	if (c == 'e')
		return pf_finite1('\033');
	if (c == 'a')
		return pf_finite1('\a');
	if (pf_isalpha(c)) {
		ps->fail = 1;
		return pf_any(-1);
	}
	return c < 0x80 ? pf_finite1((char)c) : pf_any(4);
}

/* \x{hhh} or \xhh, ps->p after the x: one ASCII character, else any one. */
static struct pf_node
pf_escape_hex(struct pf_parser *ps)
{
	unsigned long	 v;
	char		*end;

	if (*ps->p == '{') {
		v = strtoul(ps->p + 1, &end, 16);
		if (*end != '}') {
			ps->fail = 1;
			return pf_any(4);
		}
		ps->p = end + 1;
	} else {
		char	 hex[3] = { 0, 0, 0 };

		hex[0] = *ps->p != '\0' ? *ps->p : 0;
		hex[1] = hex[0] != 0 ? ps->p[1] : 0;
		v = strtoul(hex, &end, 16);
		ps->p += end - hex;
	}
	return v < 0x80 && v > 0 ? pf_finite1((char)v) : pf_any(4);
}

/* \Q...\E, ps->p after the Q: the quoted text as one literal, as far as it is
   ASCII and short enough. */
static struct pf_node
pf_escape_quoted(struct pf_parser *ps)
{
	struct pf_node	 run = pf_empty(), one, cut;

	while (*ps->p != '\0' && !(ps->p[0] == '\\' && ps->p[1] == 'E')) {
		one = (unsigned char)*ps->p < 0x80 ? pf_finite1(*ps->p) : pf_any(4);
		ps->p++;
		if (!one.finite || pf_cross(&run, &one) == -1) {
			/* Too long or not ASCII: the rest is unknown. What was read
			   stays a factor at the start, but the node is no longer the
			   finite set of it: the text it matches goes on past the
			   cut, so what follows may start anywhere after. */
			pf_free(&one);
			while (*ps->p != '\0' && !(ps->p[0] == '\\' &&
			    ps->p[1] == 'E'))
				ps->p++;
			if (*ps->p != '\0')
				ps->p += 2;
			cut = pf_any(-1);
			pf_take(&cut, run.set, run.nset, 0);
			pf_free(&run);
			return cut;
		}
		pf_free(&one);
	}
	if (*ps->p != '\0')
		ps->p += 2;
	return run;
}
