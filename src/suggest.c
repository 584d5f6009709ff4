/* Spellings a theme misses (suggest.h). Two passes: the articles with the theme's
   hits give its spellings' keys and the words around them; then every article's
   word n-grams outside the hits are keyed, each new key weighed once against the
   hits' keys (its length, its consonants, its edit distance), and those that pass
   gather counts and the words around them. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "scan.h"
#include "suggest.h"
#include "theme.h"
#include "xmalloc.h"

#define SUGGEST_MAXN		5	/* words in a spelling, at most */
#define SUGGEST_SPAN		6	/* words each side that are its context */
#define SUGGEST_CONTEXT_MIN	5	/* letters of a context word, at least: the
					   short words of every sentence say little */
#define SUGGEST_CONTEXT_CAP	256	/* context words kept for a candidate */
#define SUGGEST_HITKEYS		256	/* the hits' keys weighed against, at most */
#define SUGGEST_LINE		120	/* bytes of a context line shown */
#define SUGGEST_KEYMAX		128	/* bytes of a spelling weighed, at most */

/* The Latin forms of the Arabic article, left out of a key before another word. */
static const char *const suggest_articles[] = {
	"al", "el", "ul", "il", "ad", "ed", "adh", "ar", "er", "as", "es", "ash", "esh",
	"at", "et", "az", "ez", "an", "en", "ath"
};

/* A set of strings, each with a number: open addressing on FNV-1a. */
struct suggest_map {
	char	**keys;
	size_t	 *vals;
	size_t	  cap, n;
};

/* A word of the folded text: bytes [s, e), and whether only blanks, hyphens and
   apostrophes part it from the next (join), and whether a hit covers it. */
struct suggest_word {
	size_t	 s, e;
	int	 join, hit;
};

/* A candidate or a hit spelling, by key. */
struct suggest_entry {
	char	*spelling;
	char	*key;			/* a candidate's, when it passes */
	size_t	 count, articles, lastart;
	size_t	 capital;		/* of count, those with a capital */
	int	 passes, skeleton;
	double	 similar;
	size_t	 nearest;		/* index of the hit key */
	size_t	 article, offset;
	struct suggest_map ctx;		/* context words, counted */
};

struct suggest_state {
	struct catalog	*c;
	const struct theme *th;
	size_t		 t;
	struct matcher	*m;
	struct fold	 f;
	struct match_list ml;
	struct suggest_word	*w;
	size_t		 nw, capw;
	size_t		 maxn;
	struct suggest_map	 hitmap;	/* key -> index into hits */
	struct suggest_entry	*hits;
	size_t		 nhits;
	struct suggest_map	 skel;		/* skeletons of the hits' keys */
	struct suggest_map	 hitctx;	/* context words of the hits */
	struct suggest_map	 candmap;	/* key -> index into cands */
	struct suggest_entry	*cands;
	size_t		 ncands;
	size_t		*top;		/* the hits' keys weighed against */
	size_t		*toplen;	/* and their lengths */
	size_t		 ntop;
};

static uint64_t
suggest_map_hash(const char *s)
{
	uint64_t	 h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The slot of key in m: where it is, or where it would go. */
static size_t
suggest_map_slot(const struct suggest_map *m, const char *key)
{
	size_t	 i = (size_t)suggest_map_hash(key) & (m->cap - 1);

	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void
suggest_map_grow(struct suggest_map *m)
{
	struct suggest_map	 old = *m;
	size_t		 i, j;

	m->cap = old.cap > 0 ? old.cap * 2 : 64;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->vals = xcalloc(m->cap, sizeof *m->vals);
	for (i = 0; i < old.cap; i++)
		if (old.keys[i] != NULL) {
			j = suggest_map_slot(m, old.keys[i]);
			m->keys[j] = old.keys[i];
			m->vals[j] = old.vals[i];
		}
	free(old.keys);
	free(old.vals);
}

/* The number of key in m, or SIZE_MAX. */
static size_t
suggest_map_get(const struct suggest_map *m, const char *key)
{
	size_t	 i;

	if (m->cap == 0)
		return SIZE_MAX;
	i = suggest_map_slot(m, key);
	return m->keys[i] != NULL ? m->vals[i] : SIZE_MAX;
}

/* The slot of key in m, put there (copied) with val unless it is there already. */
static size_t
suggest_map_insert(struct suggest_map *m, const char *key, size_t val)
{
	size_t	 i;

	if ((m->n + 1) * 2 > m->cap)
		suggest_map_grow(m);
	i = suggest_map_slot(m, key);
	if (m->keys[i] == NULL) {
		m->keys[i] = xstrdup(key);
		m->vals[i] = val;
		m->n++;
	}
	return i;
}

/* Puts key with val unless it is there; returns its value. */
static size_t
suggest_map_put(struct suggest_map *m, const char *key, size_t val)
{
	/* Before vals is read: the insertion may grow it. */
	size_t	 i = suggest_map_insert(m, key, val);

	return m->vals[i];
}

/* Adds one to key's count. */
static void
suggest_map_count(struct suggest_map *m, const char *key)
{
	size_t	 i = suggest_map_insert(m, key, 0);

	m->vals[i]++;
}

static void
suggest_map_free(struct suggest_map *m)
{
	size_t	 i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

static int
suggest_wordbyte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

static int
suggest_joinbyte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '\'';
}

/* Appends word s[0..n) to the key being made in out (room for n more), lowercased,
   q as k (Raqqa, Rakka). The Arabic article is left out where a word follows it
   (al-Mayadin, Ar Raqqah: the name without it), and so is its assimilated form
   glued to a word after the first (Deir Ezzour: Deir Zour). */
static size_t
suggest_keyword(char *out, size_t o, const char *s, size_t n, int first, int more)
{
	size_t	 i;
	char	 low[4], c;

	/* The article is of two or three letters, and starts with a, e, u, i
	   or d. */
	if (more && n >= 2 && n <= 3 && strchr("aeuidAEUID", s[0]) != NULL) {
		for (i = 0; i < n; i++)
			low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i];
		low[n] = '\0';
		for (i = 0; i < sizeof suggest_articles / sizeof suggest_articles[0];
		    i++)
			if (strcmp(low, suggest_articles[i]) == 0)
				return o;
	}
	if (!first && n > 4 && strchr("aeiuAEIU", s[0]) != NULL &&
	    (s[1] | 0x20) == (s[2] | 0x20) && strchr("tdrzsnTDRZSN", s[1]) != NULL) {
		s += 2;
		n -= 2;
	}
	for (i = 0; i < n; i++) {
		c = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i];
		out[o++] = c == 'q' ? 'k' : c;
	}
	return o;
}

/* The form of a spelling: its folded text s[0..n), lowercased, each run of blanks
   one space; "Deir Ezzor" and "DEIR  EZZOR" are one form, "Deir al-Zour" another.
   Caller frees. */
static char *
suggest_form(const char *s, size_t n)
{
	char	*out = xmalloc(n + 1), *o = out;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			if (o == out || o[-1] != ' ')
				*o++ = ' ';
			continue;
		}
		*o++ = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i];
	}
	*o = '\0';
	return out;
}

/* The key of folded words w[i..i+n) of text: their letters, no parting bytes. */
static char *
suggest_wkey(const char *text, const struct suggest_word *w, size_t i, size_t n)
{
	size_t	 k, len = 0, o = 0;
	char	*out;

	for (k = 0; k < n; k++)
		len += w[i + k].e - w[i + k].s + 2;
	out = xmalloc(len + 1);
	for (k = 0; k < n; k++)
		o = suggest_keyword(out, o, text + w[i + k].s, w[i + k].e - w[i + k].s,
		    k == 0, k + 1 < n);
	out[o] = '\0';
	return out;
}

/* Cuts the folded text [from, to) into words. */
static void
suggest_words(struct suggest_state *st, size_t from, size_t to)
{
	const char	*t = st->f.text;
	size_t		 p = from, s, q;
	int		 nl;

	st->nw = 0;
	while (p < to) {
		while (p < to && !suggest_wordbyte((unsigned char)t[p]))
			p++;
		if (p >= to)
			break;
		s = p;
		while (p < to && suggest_wordbyte((unsigned char)t[p]))
			p++;
		if (st->nw == st->capw) {
			st->capw = st->capw > 0 ? st->capw * 2 : 256;
			st->w = xreallocarray(st->w, st->capw, sizeof *st->w);
		}
		/* A line end may part the words of a name (hard-wrapped text),
		   a blank line not. */
		for (q = p, nl = 0; q < to && suggest_joinbyte((unsigned char)t[q]) &&
		    (nl += t[q] == '\n') < 2; q++)
			;
		st->w[st->nw].s = s;
		st->w[st->nw].e = p;
		st->w[st->nw].hit = 0;
		/* Joined to the next word when only blanks, hyphens and
		   apostrophes lie between: a comma or a full stop parts a name. */
		st->w[st->nw].join = q < to && suggest_wordbyte((unsigned char)t[q]);
		st->nw++;
	}
}

/* The words around words [i, i + n) (SUGGEST_SPAN each side, not in a hit, long
   enough) counted into m, each once. */
static void
suggest_context(struct suggest_state *st, size_t i, size_t n, struct suggest_map *m)
{
	size_t	 lo = i > SUGGEST_SPAN ? i - SUGGEST_SPAN : 0,
		 hi = i + n + SUGGEST_SPAN, k;
	char	*key;

	if (hi > st->nw)
		hi = st->nw;
	for (k = lo; k < hi; k++) {
		if ((k >= i && k < i + n) || st->w[k].hit ||
		    st->w[k].e - st->w[k].s < SUGGEST_CONTEXT_MIN)
			continue;
		key = suggest_wkey(st->f.text, st->w, k, 1);
		/* A candidate's words are capped: past the cap, only those it has
		   are counted again. */
		if (m == &st->hitctx || m->n < SUGGEST_CONTEXT_CAP ||
		    suggest_map_get(m, key) != SIZE_MAX)
			suggest_map_count(m, key);
		free(key);
	}
}

char *
suggest_key(const char *s, size_t len)
{
	struct suggest_state	 st;
	char		*key;

	memset(&st, 0, sizeof st);
	fold_text(&st.f, s, len);
	suggest_words(&st, 0, st.f.len);
	key = suggest_wkey(st.f.text, st.w, 0, st.nw);
	free(st.w);
	fold_free(&st.f);
	return key;
}

/* A vowel, to the skeleton: w and y too, as in Zawr and Dayr. */
static int
suggest_vowel(char c)
{
	switch (c) {
	case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w':
		return 1;
	default:
		return 0;
	}
}

char *
suggest_skeleton(const char *key)
{
	char	*out = xmalloc(strlen(key) + 1), *o = out, c;
	size_t	 i;

	for (i = 0; key[i] != '\0'; i++) {
		c = key[i];
		/* The first letter stays, vowel or not: "ayn" is not "yn". */
		if (i > 0 && suggest_vowel(c))
			continue;
		if (o > out && o[-1] == c)
			continue;
		*o++ = c;
	}
	*o = '\0';
	return out;
}

size_t
suggest_distance(const char *a, const char *b, size_t max)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, *row, prev, cur, best;

	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	row = xreallocarray(NULL, lb + 1, sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			row[j] = a[i - 1] == b[j - 1] ? prev :
			    1 + (prev < row[j - 1] ? (prev < cur ? prev : cur) :
			    (row[j - 1] < cur ? row[j - 1] : cur));
			prev = cur;
			if (row[j] < best)
				best = row[j];
		}
		if (best > max) {
			free(row);
			return max + 1;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

/* Reads article i into b and finds the theme's hits and the words of its text. Returns
   -1 when it could not be read. */
static int
suggest_read(struct suggest_state *st, size_t i, struct body *b)
{
	size_t	 k, j, fs, fe, from;
	int	 stopped;

	if (st->c->corpus.articles[i]->error != NULL ||
	    article_read(st->c->corpus.articles[i], b) == -1)
		return -1;
	match_list_clear(&st->ml);
	stopped = matcher_theme(st->m, st->th, st->t, b->buf, b->len, b->start, b->len,
	    &st->ml) == -1;
	fold_text(&st->f, b->buf, b->len);
	/* The body: the header's fields are no running text. */
	from = fold_to(&st->f, b->header_end > b->start ? b->header_end : b->start);
	suggest_words(st, from, st->f.len);
	/* A search a limit stopped says nothing of the text it did not reach, nor
	   of the patterns it did not try: no word of it is a miss. */
	if (stopped)
		for (k = 0; k < st->nw; k++)
			st->w[k].hit = 1;
	/* The words a hit covers, in part or whole. */
	for (k = 0, j = 0; k < st->ml.n; k++) {
		fs = fold_to(&st->f, st->ml.v[k].start);
		fe = fold_to(&st->f, st->ml.v[k].end);
		while (j < st->nw && st->w[j].e <= fs)
			j++;
		for (; j < st->nw && st->w[j].s < fe; j++)
			st->w[j].hit = 1;
		if (j > 0)
			j--;
	}
	return 0;
}

/* Whether a word of w[k..k+n) starts with a capital: a name as written. */
static int
suggest_capital(const struct suggest_state *st, size_t k, size_t n)
{
	size_t	 i;
	char	 c;

	for (i = k; i < k + n; i++)
		if ((c = st->f.text[st->w[i].s]) >= 'A' && c <= 'Z')
			return 1;
	return 0;
}

/* Pass one, an article with hits: each hit's key, spelling and context. */
static void
suggest_hits(struct suggest_state *st, size_t i)
{
	struct body	 b;
	struct suggest_entry	*e;
	size_t		 k, j, n, fs, fe, idx;
	char		*key;

	if (suggest_read(st, i, &b) == -1)
		return;
	for (k = 0, j = 0; k < st->ml.n; k++) {
		fs = fold_to(&st->f, st->ml.v[k].start);
		fe = fold_to(&st->f, st->ml.v[k].end);
		while (j < st->nw && st->w[j].e <= fs)
			j++;
		for (n = 0; j + n < st->nw && st->w[j + n].s < fe; n++)
			;
		if (n == 0)
			continue;
		if (n > st->maxn)
			st->maxn = n > SUGGEST_MAXN ? SUGGEST_MAXN : n;
		key = suggest_wkey(st->f.text, st->w, j, n);
		if ((idx = suggest_map_get(&st->hitmap, key)) == SIZE_MAX) {
			st->hits = xreallocarray(st->hits, st->nhits + 1,
			    sizeof *st->hits);
			e = &st->hits[st->nhits];
			memset(e, 0, sizeof *e);
			e->spelling = xstrndup(b.buf + st->ml.v[k].start,
			    st->ml.v[k].end - st->ml.v[k].start);
			e->lastart = SIZE_MAX;
			idx = suggest_map_put(&st->hitmap, key, st->nhits++);
		}
		e = &st->hits[idx];
		e->count++;
		e->capital += suggest_capital(st, j, n);
		if (e->lastart != i) {
			e->articles++;
			e->lastart = i;
		}
		free(key);
		suggest_context(st, j, n, &st->hitctx);
	}
	article_body_free(&b);
}

/* Weighs a new candidate key once: near enough to a hit's key, or of its consonants. */
static void
suggest_weigh(struct suggest_state *st, struct suggest_entry *e, const char *key)
{
	size_t	 k, len = strlen(key), hl, max, d;
	char	*sk;
	double	 sim;

	if (len < 3)
		return;
	/* Four consonants at least: sdf is not "side of". */
	sk = suggest_skeleton(key);
	e->skeleton = strlen(sk) >= 4 && suggest_map_get(&st->skel, sk) != SIZE_MAX;
	free(sk);
	for (k = 0; k < st->ntop; k++) {
		const char	*h = st->hitmap.keys[st->top[k]];

		hl = strlen(h);
		/* One edit in two letters, at most: what passes is decided below. */
		max = (hl > len ? hl : len) / 2;
		if ((len > hl ? len - hl : hl - len) > max)
			continue;
		d = suggest_distance(key, h, max);
		if (d > max)
			continue;
		sim = 1.0 - (double)d / (double)(hl > len ? hl : len);
		if (sim > e->similar) {
			e->similar = sim;
			e->nearest = st->hitmap.vals[st->top[k]];
		}
	}
	/* Near (one edit in four, at most, and no edit in a key of four letters:
	   "is in" is not ISIS), or of the same consonants and not far (Dayr Zur,
	   Deir Zor): Medina has Mayadin's consonants, not its letters. */
	e->passes = (e->similar >= 0.75 && (len >= 5 || e->similar >= 1)) ||
	    (e->skeleton && e->similar >= 0.5);
}

/* Bigrams two keys share, each of a's counted once where b has it. */
static size_t
suggest_bigrams(const char *a, size_t la, const char *b, size_t lb)
{
	size_t	 i, j, n = 0;

	for (i = 0; i + 1 < la; i++)
		for (j = 0; j + 1 < lb; j++)
			if (a[i] == b[j] && a[i + 1] == b[j + 1]) {
				n++;
				break;
			}
	return n;
}

/* Whether words w[k..k+n) may pass suggest_weigh(): their skeleton is a hit's, or
   a hit's key of about their length shares the bigrams that one edit in four
   leaves (each edit spoils two). A quick no, never a wrong one. */
static int
suggest_maybe(struct suggest_state *st, size_t k, size_t n)
{
	char		 key[SUGGEST_KEYMAX * 2], sk[SUGGEST_KEYMAX * 2];
	const char	*h;
	size_t		 i, len = 0, hl, big, d, o = 0;

	for (i = 0; i < n; i++)
		len = suggest_keyword(key, len, st->f.text + st->w[k + i].s,
		    st->w[k + i].e - st->w[k + i].s, i == 0, i + 1 < n);
	key[len] = '\0';
	if (len < 3)
		return 0;
	for (i = 0; i < len; i++) {
		if ((i > 0 && suggest_vowel(key[i])) ||
		    (o > 0 && sk[o - 1] == key[i]))
			continue;
		sk[o++] = key[i];
	}
	sk[o] = '\0';
	if (o >= 4 && suggest_map_get(&st->skel, sk) != SIZE_MAX)
		return 1;
	for (i = 0; i < st->ntop; i++) {
		h = st->hitmap.keys[st->top[i]];
		hl = st->toplen[i];
		big = hl > len ? hl : len;
		d = big / 4;
		if ((hl > len ? hl - len : len - hl) > d)
			continue;
		if (big - 1 <= 2 * d ||
		    suggest_bigrams(key, len, h, hl) + 2 * d >= big - 1)
			return 1;
	}
	return 0;
}

/* Pass two, any article: its n-grams outside the hits. */
static void
suggest_cands(struct suggest_state *st, size_t i)
{
	struct body	 b;
	struct suggest_entry	*e;
	size_t		 k, n, idx;
	char		*key, *form;

	if (suggest_read(st, i, &b) == -1)
		return;
	for (k = 0; k < st->nw; k++) {
		for (n = 1; n <= st->maxn + 1 && k + n <= st->nw; n++) {
			if (st->w[k + n - 1].hit)
				break;
			/* Most n-grams are no name near a hit: told so from
			   their key made on the stack, with no allocation. */
			if (st->w[k + n - 1].e - st->w[k].s >= SUGGEST_KEYMAX)
				break;
			if (!suggest_maybe(st, k, n))
				goto next;
			/* Candidates by their form (each spelling the theme would
			   need), weighed by their key (the name): a key a hit has
			   too is a miss here all the same. */
			form = suggest_form(st->f.text + st->w[k].s,
			    st->w[k + n - 1].e - st->w[k].s);
			if ((idx = suggest_map_get(&st->candmap, form)) == SIZE_MAX) {
				if (st->ncands % 1024 == 0)
					st->cands = xreallocarray(st->cands,
					    st->ncands + 1024, sizeof *st->cands);
				e = &st->cands[st->ncands];
				memset(e, 0, sizeof *e);
				e->lastart = SIZE_MAX;
				key = suggest_wkey(st->f.text, st->w, k, n);
				suggest_weigh(st, e, key);
				e->key = e->passes ? key : NULL;
				if (!e->passes)
					free(key);
				idx = suggest_map_put(&st->candmap, form, st->ncands++);
			}
			e = &st->cands[idx];
			free(form);
			if (e->passes) {
				if (e->count == 0) {
					e->spelling = xstrndup(b.buf +
					    fold_start(&st->f, st->w[k].s),
					    fold_end(&st->f, st->w[k + n - 1].e) -
					    fold_start(&st->f, st->w[k].s));
					e->article = i;
					e->offset = fold_start(&st->f, st->w[k].s);
				}
				e->count++;
				e->capital += suggest_capital(st, k, n);
				if (e->lastart != i) {
					e->articles++;
					e->lastart = i;
				}
				suggest_context(st, k, n, &e->ctx);
			}
next:
			if (!st->w[k + n - 1].join)
				break;
		}
	}
	article_body_free(&b);
}

/* Whether form a holds form b as whole words, and more. */
static int
suggest_holds(const char *a, const char *b)
{
	const char	*p;
	size_t		 n = strlen(b);

	for (p = a; (p = strstr(p, b)) != NULL; p++)
		if ((p == a || !suggest_wordbyte((unsigned char)p[-1])) &&
		    !suggest_wordbyte((unsigned char)p[n]) && strlen(a) > n)
			return 1;
	return 0;
}

/* The cosine of a candidate's context words against the hits', each word once. */
static double
suggest_cosine(const struct suggest_map *a, const struct suggest_map *h)
{
	size_t	 i, both = 0;

	if (a->n == 0 || h->n == 0)
		return 0;
	for (i = 0; i < a->cap; i++)
		if (a->keys[i] != NULL && suggest_map_get(h, a->keys[i]) != SIZE_MAX)
			both++;
	return (double)both / sqrt((double)a->n * (double)h->n);
}

static int
suggest_cmp(const void *x, const void *y)
{
	const struct suggestion	*a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* A hit's key by its count, to weigh candidates against the most hit first. */
struct suggest_rank {
	size_t	 count, slot;
};

static int
suggest_cmp_rank(const void *x, const void *y)
{
	const struct suggest_rank	*a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->slot < b->slot ? -1 : a->slot > b->slot;
}

/* The line around offset off of article i, its ends trimmed to SUGGEST_LINE. */
static char *
suggest_line(const struct catalog *c, size_t i, size_t off)
{
	struct body	 b;
	size_t		 s, e;
	char		*out;

	if (article_read(c->corpus.articles[i], &b) == -1)
		return xstrdup("");
	if (off > b.len)
		off = b.len;
	for (s = off; s > 0 && b.buf[s - 1] != '\n' && off - s < SUGGEST_LINE / 2; s--)
		;
	for (e = off; e < b.len && b.buf[e] != '\n' && e - s < SUGGEST_LINE; e++)
		;
	/* Not inside a character at either end. */
	while (s < off && ((unsigned char)b.buf[s] & 0xc0) == 0x80)
		s++;
	while (e > off && e < b.len && ((unsigned char)b.buf[e] & 0xc0) == 0x80)
		e--;
	out = xstrndup(b.buf + s, e - s);
	article_body_free(&b);
	return out;
}

void
suggest_run(struct suggest *sg, struct catalog *c, size_t t, const size_t *sel,
    size_t nsel, const struct progress *p)
{
	struct suggest_state	 st;
	struct suggestion *s;
	struct suggest_rank *rank;
	const scan_count *counts;
	size_t		 k, i, j, n, done = 0, hitcap = 0;
	double		 bonus, ctx;
	char		*sk;

	memset(sg, 0, sizeof *sg);
	memset(&st, 0, sizeof st);
	st.c = c;
	st.t = t;
	st.th = &c->config.themes[t];
	st.m = matcher_new();
	if (sel == NULL)
		nsel = c->corpus.n;
	/* One: the articles the scan found hits in. */
	for (k = 0; k < nsel; k++) {
		i = sel != NULL ? sel[k] : k;
		if ((counts = catalog_counts(c, i)) != NULL && counts[t] > 0)
			suggest_hits(&st, i);
		if (p != NULL && progress_report(p, ++done, 2 * nsel))
			goto out;
	}
	if (st.maxn == 0)
		st.maxn = 1;
	/* The spellings most hit are weighed against, and all their skeletons. */
	rank = xreallocarray(NULL, st.hitmap.cap + 1, sizeof *rank);
	for (j = 0; j < st.hitmap.cap; j++)
		if (st.hitmap.keys[j] != NULL) {
			rank[st.ntop].count = st.hits[st.hitmap.vals[j]].count;
			rank[st.ntop++].slot = j;
			sk = suggest_skeleton(st.hitmap.keys[j]);
			if (strlen(sk) >= 3)
				suggest_map_put(&st.skel, sk, 0);
			free(sk);
			sg->hits += st.hits[st.hitmap.vals[j]].count;
			hitcap += st.hits[st.hitmap.vals[j]].capital;
		}
	if (st.ntop > 0)
		qsort(rank, st.ntop, sizeof *rank, suggest_cmp_rank);
	st.top = xreallocarray(NULL, st.ntop + 1, sizeof *st.top);
	st.toplen = xreallocarray(NULL, st.ntop + 1, sizeof *st.toplen);
	for (j = 0; j < st.ntop; j++) {
		st.top[j] = rank[j].slot;
		st.toplen[j] = strlen(st.hitmap.keys[rank[j].slot]);
	}
	free(rank);
	if (st.ntop > SUGGEST_HITKEYS)
		st.ntop = SUGGEST_HITKEYS;
	/* Two: every article's n-grams outside the hits. */
	for (k = 0; k < nsel; k++) {
		i = sel != NULL ? sel[k] : k;
		suggest_cands(&st, i);
		if (p != NULL && progress_report(p, ++done, 2 * nsel))
			break;
	}
	/* The candidates that passed, scored. */
	for (j = 0; j < st.candmap.cap; j++) {
		struct suggest_entry	*e;

		if (st.candmap.keys[j] == NULL)
			continue;
		e = &st.cands[st.candmap.vals[j]];
		if (!e->passes || e->count == 0)
			continue;
		/* A weak likeness (one edit in four or five) is taken only where
		   the words around it are those around the hits: "is a mistake"
		   is a few edits from "Islamic State", and in another sentence. */
		ctx = suggest_cosine(&e->ctx, &st.hitctx);
		if (e->similar < 0.8 && !e->skeleton && ctx < 0.1)
			continue;
		/* Where the theme's every hit is written as a name is, with a
		   capital, words never written so are not a spelling of it but
		   of the same key: "is a mistake" again, in a corpus whose
		   context words are everywhere. */
		if (e->similar < 1 && e->capital == 0 && sg->hits > 0 &&
		    hitcap == sg->hits)
			continue;
		if (sg->n % 64 == 0)
			sg->v = xreallocarray(sg->v, sg->n + 64, sizeof *sg->v);
		s = &sg->v[sg->n++];
		memset(s, 0, sizeof *s);
		s->spelling = e->spelling;
		e->spelling = NULL;
		s->key = e->key;
		e->key = NULL;
		s->form = xstrdup(st.candmap.keys[j]);
		s->count = e->count;
		s->articles = e->articles;
		s->similar = e->similar;
		s->skeleton = e->skeleton;
		s->context = ctx;
		s->near = e->similar > 0 ? xstrdup(st.hits[e->nearest].spelling) : NULL;
		s->article = e->article;
		s->offset = e->offset;
		/* A little for being common: a tenth for each tenfold. */
		for (n = s->count, bonus = 0; n >= 10; n /= 10)
			bonus += 0.1;
		s->score = s->similar + (s->skeleton ? 0.25 : 0) + 0.5 * s->context +
		    bonus;
	}
	if (sg->n > 0)
		qsort(sg->v, sg->n, sizeof *sg->v, suggest_cmp);
	/* A spelling that holds a better one and a word more ("in Deir al-Zour",
	   "Ar Raqqah" by "Raqqah") is caught with it: left out. */
	for (k = 0, j = 0; k < sg->n; k++) {
		for (i = 0; i < j; i++)
			if (suggest_holds(sg->v[k].form, sg->v[i].form) &&
			    sg->v[k].count <= sg->v[i].count)
				break;
		if (i < j) {
			free(sg->v[k].spelling);
			free(sg->v[k].key);
			free(sg->v[k].form);
			free(sg->v[k].near);
			continue;
		}
		sg->v[j++] = sg->v[k];
	}
	sg->n = j;
	for (k = 0; k < sg->n; k++)
		sg->v[k].line = suggest_line(c, sg->v[k].article, sg->v[k].offset);
out:
	for (k = 0; k < st.nhits; k++)
		free(st.hits[k].spelling);
	free(st.hits);
	for (k = 0; k < st.ncands; k++) {
		free(st.cands[k].spelling);
		free(st.cands[k].key);
		suggest_map_free(&st.cands[k].ctx);
	}
	free(st.cands);
	free(st.top);
	free(st.toplen);
	free(st.w);
	suggest_map_free(&st.hitmap);
	suggest_map_free(&st.skel);
	suggest_map_free(&st.hitctx);
	suggest_map_free(&st.candmap);
	match_list_free(&st.ml);
	fold_free(&st.f);
	matcher_free(st.m);
}

void
suggest_free(struct suggest *sg)
{
	size_t	 i;

	for (i = 0; i < sg->n; i++) {
		free(sg->v[i].spelling);
		free(sg->v[i].key);
		free(sg->v[i].form);
		free(sg->v[i].near);
		free(sg->v[i].line);
	}
	free(sg->v);
	memset(sg, 0, sizeof *sg);
}
