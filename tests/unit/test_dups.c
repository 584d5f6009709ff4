/* dups.c: the signature (header block and chrome left out, case folded, too short
   texts none) and its similarity; clusters from a scan (members in date and path
   order, the first, similarity to it, a distinct story on the same subject apart);
   dup and copy in queries; text thousands share, not quadratic. */
#include <sys/vfs.h>
#include <linux/magic.h>

#include "testutil.h"

#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "dups.h"
#include "query.h"
#include "scan.h"
#include "xmalloc.h"

static const char	 story[] =
    "The provincial council in Raqqa approved a new bridge over the Euphrates on "
    "Monday, after three years of delays that traders blamed on unpaid "
    "contractors.\n\n"
    "Officials said the bridge would open to lorries within ninety days, and "
    "that tolls would fund the repair of the old ferry landing near Mansoura.\n\n"
    "Residents of the eastern district said they had heard such promises "
    "before, and that the ferry still carried most of the grain to the market.\n\n"
    "A report by the water ministry found that a third of the money set aside "
    "for the crossing in 2019 was never spent.\n";
/* The same subject, names and places: another story. */
static const char	 other[] =
    "The provincial council in Raqqa rejected a plan for a second bridge over the "
    "Euphrates on Tuesday, saying the ferry landing near Mansoura was enough.\n\n"
    "Traders in the eastern district, who move grain to the market by lorry, "
    "called the vote a mistake and promised to protest outside the council.\n\n"
    "The water ministry has not published its report on the crossing, which "
    "engineers say is older than the old bridge itself.\n";

/* Chrome as config.ini has it, in short. */
static const char	 chrome_ini[] = "[chrome]\n"
    "pattern.skip = \"^\\s*skip to main content\\s*$\"\n"
    "pattern.share = \"^\\s*share this article\\s*$\"\n"
    "pattern.top = \"^\\s*back to top\\s*$\"\n"
    "pattern.ad = \"^\\s*advertisement\\s*$\"\n";

struct fixture {
	char		*tmp;
	char		*root;
	struct config	 cfg;
	struct diag	 d;
	struct corpus	 c;
	struct scan	*s;
	struct dups	*dups;
};

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);

	f->tmp = tu_mkdtemp();
	f->root = tu_path(f->tmp, "news");
	if (mkdir(f->root, 0755) == -1)
		abort();
	config_init(&f->cfg);
	free(tu_config_clean(&f->cfg, &f->d, f->tmp, "c.ini", chrome_ini,
	    TU_LEN(chrome_ini)));
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	dups_free(f->dups);
	scan_free(f->s);
	corpus_free(&f->c);
	tu_config_free(&f->cfg, &f->d, f->tmp);
	free(f->root);
	free(f);
	return 0;
}

static void
sign(const char *text, struct dups_sig *out, const struct chrome *chrome)
{
	dups_sign(text, strlen(text), 0, chrome, out);
}

/* The header block is not signed (the caller starts after it), chrome lines and
   case do not count, and a copy trimmed or edited stays close while another story
   on the subject does not. */
static void
test_signature(void **state)
{
	struct fixture	*f = *state;
	struct dups_sig	 a, b;
	char		 buf[4096], *p;

	sign(story, &a, f->cfg.chrome);
	assert_false(dups_sig_empty(&a));
	assert_true(dups_similarity(&a, &a) == 1.0);

	snprintf(buf, sizeof buf, "Skip to main content\nShare this article\n\n%s\n"
	    "Back to top\nAdvertisement\n", story);
	sign(buf, &b, f->cfg.chrome);
	assert_true(dups_similarity(&a, &b) == 1.0);
	/* Without the chrome patterns, the lines are words like any. */
	sign(buf, &b, NULL);
	assert_true(dups_similarity(&a, &b) < 1.0);

	for (p = strcpy(buf, story); *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p -= 'a' - 'A';
	sign(buf, &b, f->cfg.chrome);
	assert_true(dups_similarity(&a, &b) == 1.0);

	/* The last paragraph trimmed, two words changed. */
	strcpy(buf, story);
	*strstr(buf, "A report by") = '\0';
	memcpy(strstr(buf, "heard"), "found", 5);
	memcpy(strstr(buf, "lorries"), "trucks!", 7);
	sign(buf, &b, f->cfg.chrome);
	assert_true(dups_similarity(&a, &b) >= 0.55);

	sign(other, &b, f->cfg.chrome);
	assert_true(dups_similarity(&a, &b) < 0.3);

	/* Too short to call a copy, and nothing at all: no signature. */
	sign("one", &b, f->cfg.chrome);
	assert_true(dups_sig_empty(&b));
	sign("seven words are too few to judge", &b, f->cfg.chrome);
	assert_true(dups_sig_empty(&b));
	sign("", &b, f->cfg.chrome);
	assert_true(dups_sig_empty(&b));
	assert_true(dups_similarity(&a, &b) == 0);
	assert_true(dups_similarity(&b, &b) == 0);
	/* Where the body starts is where signing starts. */
	snprintf(buf, sizeof buf, "Title: x\nDate: 2021-01-01\n\n%s", story);
	dups_sign(buf, strlen(buf), strlen("Title: x\nDate: 2021-01-01\n\n"),
	    f->cfg.chrome, &b);
	assert_true(dups_similarity(&a, &b) == 1.0);
}

/* The signatures of two texts as they are: a cache keeps them, so one made
   otherwise (another hash, the top bits of a minimum rather than its low ones)
   must come with another DUPS_SIGN_VERSION, or a new article's signature is
   compared with its copy's old one and never matches. Change both together. */
static void
test_signature_pinned(void **state)
{
	static const uint16_t	 want[DUPS_SLOTS] = { 0x1097, 0x48d6, 0xf0cf,
	    0x575b, 0xd84e, 0x9376, 0x3f0c, 0xf5b1, 0x4a91, 0x2fce, 0x969e,
	    0x78ca, 0xdc5f, 0x4247, 0x610f, 0x6823 };
	/* Eight words, six shingles: ten slots or more densified. */
	static const uint16_t	 wshort[DUPS_SLOTS] = { 0xe59c, 0x7d6d, 0xf65f,
	    0x0a30, 0xa3dc, 0x2987, 0xefee, 0xeca8, 0x2432, 0x54bd, 0x4b94,
	    0x9733, 0x3a9c, 0x03ba, 0xda38, 0xfbdc };
	struct dups_sig		 a;
	size_t			 k;

	(void)state;
	assert_int_equal(DUPS_SIGN_VERSION, 5);
	sign(story, &a, NULL);
	for (k = 0; k < DUPS_SLOTS; k++)
		assert_int_equal(a.v[k], want[k]);
	sign("eight words here make six shingles at most", &a, NULL);
	for (k = 0; k < DUPS_SLOTS; k++)
		assert_int_equal(a.v[k], wshort[k]);
}

static void
put(struct fixture *f, const char *name, const char *head, const char *body)
{
	char	*text = xasprintf("%s\n%s", head, body);

	tu_corpus_write(f->root, name, text, strlen(text));
	free(text);
}

static void
build(struct fixture *f)
{
	tu_corpus_open(&f->c, &f->cfg, f->root);
	f->s = scan_new(&f->c, &f->cfg);
	tu_scan_all(f->s, &f->c);
	f->dups = dups_build(&f->c, f->s, f->cfg.duplicate_threshold);
}

static enum query_answer
match(struct fixture *f, const char *text, size_t i)
{
	struct query_error	 qe;
	struct query_subject	 sub;
	struct query		*q = query_parse(text, &f->cfg, &qe);
	enum query_answer	 r;

	assert_non_null(q);
	memset(&sub, 0, sizeof sub);
	sub.article = f->c.articles[i];
	sub.index = i;
	sub.has_index = 1;
	sub.dups = f->dups;
	r = query_match(q, &sub);
	query_subject_free(&sub);
	query_free(q);
	return r;
}

/* Three copies under other headers and chrome, one undated; the earliest date is
   first, the undated last; the other story, an empty and a one-word article are
   in no cluster. */
static void
test_clusters(void **state)
{
	struct fixture	*f = *state;
	const uint32_t	*m;
	char		 name[17], copy[4096];
	size_t		 n, a, b, c, d, o;

	put(f, "a.txt", "Title: Bridge approved\nDate: 2021-03-05\nSource: A\n", story);
	snprintf(copy, sizeof copy, "Share this article\n%s\nLocal reporting by "
	    "Zainab Okafor in Mansoura, where the council's decision was received with "
	    "relief by the owners of the ferry, who had feared the bridge would put them "
	    "out of work before the harvest season began in the autumn.\n", story);
	put(f, "b.txt", "Title: Raqqa gets its bridge\nDate: 2021-03-02\n", copy);
	put(f, "c.txt", "Title: Council says yes\n", story);
	put(f, "d.txt", "Title: Bridge approved\nDate: 2021-03-05\n", other);
	put(f, "e.txt", "Title: Empty\n", "");
	put(f, "f.txt", "Title: One\n", "word\n");
	put(f, "g.txt", "Title: Copy, same date as a\nDate: 2021-03-05\n", story);
	build(f);
	a = tu_article(&f->c, "a.txt");
	b = tu_article(&f->c, "b.txt");
	c = tu_article(&f->c, "c.txt");
	d = tu_article(&f->c, "d.txt");
	assert_int_equal(dups_nclusters(f->dups), 1);
	assert_int_equal(dups_narticles(f->dups), f->c.n);
	m = dups_members(f->dups, 0, &n);
	assert_int_equal(n, 4);
	assert_int_equal(dups_count(f->dups, 0), 4);
	/* Date, then path; the undated last. */
	assert_int_equal(m[0], b);
	assert_int_equal(m[1], a);
	assert_int_equal(m[2], tu_article(&f->c, "g.txt"));
	assert_int_equal(m[3], c);
	assert_int_equal(dups_first(f->dups, 0), b);
	assert_true(dups_is_first(f->dups, b));
	assert_false(dups_is_first(f->dups, a));
	assert_int_equal(dups_similarity_first(f->dups, b), 100);
	assert_true(dups_similarity_first(f->dups, a) >= 55);
	assert_int_equal(dups_cluster(f->dups, d), DUPS_NONE);
	assert_int_equal(dups_cluster(f->dups, tu_article(&f->c, "e.txt")), DUPS_NONE);
	assert_int_equal(dups_cluster(f->dups, tu_article(&f->c, "f.txt")), DUPS_NONE);
	assert_false(dups_is_first(f->dups, d));
	assert_int_equal(dups_similarity_first(f->dups, d), 0);
	assert_int_equal(dups_cluster(f->dups, f->c.n + 5), DUPS_NONE);
	dups_cluster_name(f->dups, 0, name);
	assert_int_equal(strlen(name), 16);
	assert_int_equal(strspn(name, "0123456789abcdef"), 16);

	/* The queries. */
	assert_int_equal(match(f, "dup", a), QUERY_YES);
	assert_int_equal(match(f, "dup", b), QUERY_YES);
	assert_int_equal(match(f, "dup", d), QUERY_NO);
	assert_int_equal(match(f, "copy", a), QUERY_YES);
	assert_int_equal(match(f, "copy", b), QUERY_NO);
	assert_int_equal(match(f, "not copy", d), QUERY_YES);
	o = tu_article(&f->c, "e.txt");
	assert_int_equal(match(f, "dup or copy", o), QUERY_NO);

	/* The same clusters again, in the same order, with the same names. */
	{
		struct dups	*again = dups_build(&f->c, f->s, 0.55);
		char		 name2[17];

		dups_cluster_name(again, 0, name2);
		assert_string_equal(name, name2);
		dups_free(again);
	}
	/* A threshold of 1 keeps only the exact copies: a, c, g, not b with its
	   paragraph added. */
	{
		struct dups	*strict = dups_build(&f->c, f->s, 1.0);

		assert_int_equal(dups_nclusters(strict), 1);
		assert_int_equal(dups_count(strict, 0), 3);
		assert_int_equal(dups_cluster(strict, b), DUPS_NONE);
		dups_free(strict);
	}
}

/* Whether two makings of the clusters agree: the same members in the same order,
   the same similarities. */
static void
same_clusters(const struct dups *x, const struct dups *y)
{
	const uint32_t	*mx, *my;
	size_t		 k, i, nx, ny;

	assert_int_equal(dups_nclusters(x), dups_nclusters(y));
	assert_int_equal(dups_narticles(x), dups_narticles(y));
	for (k = 0; k < dups_nclusters(x); k++) {
		mx = dups_members(x, (uint32_t)k, &nx);
		my = dups_members(y, (uint32_t)k, &ny);
		assert_int_equal(nx, ny);
		for (i = 0; i < nx; i++)
			assert_int_equal(mx[i], my[i]);
	}
	for (i = 0; i < dups_narticles(x); i++)
		assert_int_equal(dups_similarity_first(x, i),
		    dups_similarity_first(y, i));
}

/* The screen's start: the clusters the scan cache kept are taken as they are,
   without a pair compared; once an article is counted again (rewritten into a copy
   of the story), they are made again from the cache's signatures and the new one,
   as a scan with no cache makes them. */
static void
test_cached_clusters(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c2;
	struct scan	*s2, *s3;
	struct dups	*d2, *d3, *cold;
	char		*cache = tu_path(f->tmp, "scan-cache");
	size_t		 d;

	put(f, "a.txt", "Title: Bridge approved\nDate: 2021-03-05\n", story);
	put(f, "b.txt", "Title: Raqqa gets its bridge\nDate: 2021-03-02\n", story);
	put(f, "c.txt", "Title: Council says yes\n", story);
	put(f, "d.txt", "Title: Bridge rejected\nDate: 2021-03-01\n", other);
	put(f, "e.txt", "Title: One\n", "word\n");
	build(f);
	assert_int_equal(dups_nclusters(f->dups), 1);
	assert_true(dups_current(f->dups, f->s));
	assert_int_equal(scan_save_cache_with(f->s, cache, f->dups), 0);

	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, cache), f->c.n);
	d2 = dups_build(&f->c, s2, f->cfg.duplicate_threshold);
	assert_int_equal(dups_checks(d2), 0);
	same_clusters(f->dups, d2);
	/* Another threshold: made again, from the cache's signatures. */
	d3 = dups_build(&f->c, s2, 0.9);
	assert_true(dups_checks(d3) > 0);
	assert_int_equal(dups_nclusters(d3), 1);
	dups_free(d3);
	assert_false(scan_cache_wants(s2, f->cfg.duplicate_threshold));
	assert_true(scan_cache_wants(s2, 0.9));

	/* d.txt becomes a copy of the story, the earliest. */
	d = tu_article(&f->c, "d.txt");
	scan_forget(s2, d);
	put(f, "d.txt", "Title: Bridge rejected\nDate: 2021-03-01\n", story);
	scan_again(s2, d);
	scan_wait(s2);
	while (!scan_finished(s2))
		scan_wait(s2);
	assert_false(dups_current(d2, s2));
	dups_free(d2);
	d2 = dups_build(&f->c, s2, f->cfg.duplicate_threshold);
	assert_true(dups_checks(d2) > 0);
	assert_int_equal(dups_first(d2, 0), d);
	assert_int_equal(dups_count(d2, 0), 4);

	memset(&c2, 0, sizeof c2);
	tu_corpus_open(&c2, &f->cfg, f->root);
	s3 = scan_new(&c2, &f->cfg);
	tu_scan_all(s3, &c2);
	cold = dups_build(&c2, s3, f->cfg.duplicate_threshold);
	same_clusters(cold, d2);
	dups_free(cold);
	dups_free(d2);
	scan_free(s3);
	corpus_free(&c2);
	scan_free(s2);
	free(cache);
}

/* Signatures off (threshold 0): none made, no cluster. */
static void
test_off(void **state)
{
	struct fixture	*f = *state;

	f->cfg.duplicate_threshold = 0;
	put(f, "a.txt", "Title: A\n", story);
	put(f, "b.txt", "Title: B\n", story);
	build(f);
	assert_true(dups_sig_empty(scan_signature(f->s, 0)));
	assert_int_equal(dups_nclusters(f->dups), 0);
}

/* A text 5,000 articles share (a site's boilerplate): one cluster, and each
   member compared with a bounded number of others, not with every other. */
#define BOILER	5000
static void
test_boilerplate(void **state)
{
	struct fixture	*f = *state;
	char		 name[64];
	size_t		 i;

	for (i = 0; i < BOILER; i++) {
		snprintf(name, sizeof name, "b/%04zu.txt", i);
		put(f, name, "Title: Notice\n", "This page is part of our archive. "
		    "Content may have been moved or removed since it was first "
		    "published by the newsroom.\n");
	}
	put(f, "story.txt", "Title: S\n", story);
	build(f);
	assert_int_equal(dups_nclusters(f->dups), 1);
	assert_int_equal(dups_count(f->dups, 0), BOILER);
	assert_int_equal(dups_cluster(f->dups, tu_article(&f->c, "story.txt")),
	    DUPS_NONE);
	assert_true(dups_checks(f->dups) <= (size_t)BOILER * DUPS_BANDS *
	    DUPS_BUCKETCAP);
	/* Joined as they come: about one check a member, not BOILER^2 / 2. */
	assert_true(dups_checks(f->dups) < 2 * BOILER);
}

/* A story of words drawn from a small vocabulary by seed: distinct seeds,
   distinct stories that share their words, as one site's briefs do. */
static void
brief(char *buf, size_t size, unsigned seed, size_t nwords)
{
	static const char *const words[] = { "council", "bridge", "market",
	    "Raqqa", "ferry", "grain", "ministry", "water", "report", "lorries",
	    "traders", "district", "officials", "said", "would", "open", "the",
	    "new", "old", "plan", "vote", "mayor", "road", "school", "clinic",
	    "budget", "on", "Monday", "Tuesday", "of", "a", "in" };
	size_t		 k, at = 0;
	uint64_t	 x = seed * 0x9e3779b97f4a7c15ULL + 1;

	for (k = 0; k < nwords && at + 16 < size; k++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		at += (size_t)snprintf(buf + at, size - at, "%s%s", k ? " " : "",
		    words[(x >> 33) % (sizeof words / sizeof *words)]);
	}
	snprintf(buf + at, size - at, ".\n");
}

/* n briefs of 60 words at site/NNNN.txt, each under the site's boilerplate
   (a brief of 120 words, written into boiler), with a Source of the six
   agencies when agencies. */
static void
put_site(struct fixture *f, size_t n, char *boiler, size_t size, int agencies)
{
	static const char *const agency[] = { "AP", "Reuters", "AFP", "DPA",
	    "Staff", "Local" };
	char		 text[4096], own[1024], name[64], head[64];
	size_t		 i;

	brief(boiler, size, 999999, 120);
	for (i = 0; i < n; i++) {
		brief(own, sizeof own, (unsigned)i, 60);
		snprintf(text, sizeof text, "%s\n%s", own, boiler);
		snprintf(name, sizeof name, "site/%04zu.txt", i);
		if (agencies)
			snprintf(head, sizeof head, "Title: Brief\nSource: %s\n",
			    agency[i % 6]);
		else
			snprintf(head, sizeof head, "Title: Brief\n");
		put(f, name, head, text);
	}
}

/* A site's boilerplate, twice each story's length, under 2,000 distinct briefs:
   no cluster, though any two share two thirds of their text; the copies of one
   brief on that site and on another (without the boilerplate) are one
   cluster; 50 copies of one story under the same boilerplate, each with a line
   of its own, are one too. */
#define CROWD	2000
static void
test_crowd(void **state)
{
	struct fixture	*f = *state;
	char		 boiler[2048], text[4096], own[512], name[64];
	size_t		 i, k, n;
	uint32_t	 kc, km;

	put_site(f, CROWD, boiler, sizeof boiler, 0);
	/* Brief 7 twice more on the site, and once elsewhere without it. */
	brief(own, sizeof own, 7, 60);
	snprintf(text, sizeof text, "%s\n%s", own, boiler);
	put(f, "site/again1.txt", "Title: Brief\n", text);
	put(f, "site/again2.txt", "Title: Brief\n", text);
	put(f, "wire/7.txt", "Title: Brief\n", own);
	/* A story copied 50 times, a line of each copy's own. */
	for (i = 0; i < 50; i++) {
		snprintf(text, sizeof text, "%s\nReported for the %zu edition by "
		    "our correspondent in the city.\n%s", story, i, boiler);
		snprintf(name, sizeof name, "mass/%02zu.txt", i);
		put(f, name, "Title: Mass\n", text);
	}
	build(f);
	kc = dups_cluster(f->dups, tu_article(&f->c, "site/0007.txt"));
	km = dups_cluster(f->dups, tu_article(&f->c, "mass/00.txt"));
	assert_int_not_equal(kc, DUPS_NONE);
	assert_int_not_equal(km, DUPS_NONE);
	assert_int_not_equal(kc, km);
	assert_int_equal(dups_count(f->dups, kc), 4);
	assert_int_equal(dups_cluster(f->dups, tu_article(&f->c, "wire/7.txt")), kc);
	assert_int_equal(dups_count(f->dups, km), 50);
	/* The rest: alone, or at most a pair the vocabulary made alike. */
	for (k = 0, n = 0; k < dups_nclusters(f->dups); k++)
		if (k != kc && k != km) {
			assert_true(dups_count(f->dups, (uint32_t)k) <= 3);
			n += dups_count(f->dups, (uint32_t)k);
		}
	assert_true(n < CROWD / 100);
}

/* Whether a file in dir is mapped in this process: a spilled scan's signatures. */
static int
mapped_in(const char *dir)
{
	FILE	*f = fopen("/proc/self/maps", "r");
	char	 line[4096];
	int	 found = 0;

	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL)
		found |= strstr(line, dir) != NULL;
	fclose(f);
	return found;
}

/* The signatures spilled to a file of their own (scan_spill()), a page handed back
   at a time as they are written and read: each is the anonymous scan's, read in
   order and out of it, and the clusters are the same, crowds and all. The file
   is mapped while the scan lives, and gone with it. */
static void
test_spilled(void **state)
{
	struct fixture	*f = *state;
	struct scan	*s2;
	struct dups	*d2;
	struct dups_sig	 x, y;
	struct scan_ahead ahead;
	struct statfs	 fs;
	char		 boiler[2048], text[4096], name[64], *beside;
	size_t		 i;

	/* 430 signatures: 13 kB, pages enough to be handed back. */
	put_site(f, 400, boiler, sizeof boiler, 0);
	for (i = 0; i < 30; i++) {
		snprintf(text, sizeof text, "%s\nFiled %zu.\n", story, i);
		snprintf(name, sizeof name, "copy/%02zu.txt", i);
		put(f, name, "Title: Copy\n", text);
	}
	build(f);
	assert_true(dups_nclusters(f->dups) > 0);
	beside = tu_path(f->tmp, "scan-cache");
	s2 = scan_new(&f->c, &f->cfg);
	/* Not below min: anonymous, as before. */
	scan_spill(s2, beside, f->c.n + 1, 4096);
	scan_start(s2, 2);
	scan_wait(s2);
	assert_false(mapped_in(f->tmp));
	scan_free(s2);
	s2 = scan_new(&f->c, &f->cfg);
	scan_spill(s2, beside, 0, 4096);
	scan_start(s2, 2);
	scan_wait(s2);
	/* A tmpfs (TMPDIR) is refused: its pages are memory all the same. */
	assert_int_equal(statfs(f->tmp, &fs), 0);
	assert_int_equal(mapped_in(f->tmp), fs.f_type != TMPFS_MAGIC &&
	    fs.f_type != RAMFS_MAGIC);
	/* In order, read ahead; backwards, a read each; one at a time. */
	memset(&ahead, 0, sizeof ahead);
	for (i = 0; i < f->c.n; i++) {
		assert_int_equal(scan_signature_copy(f->s, NULL, i, &x), 0);
		assert_int_equal(scan_signature_copy(s2, &ahead, i, &y), 0);
		assert_memory_equal(&x, &y, sizeof x);
		assert_memory_equal(scan_signature(s2, i), &x, sizeof x);
	}
	for (i = f->c.n; i-- > 0; ) {
		assert_int_equal(scan_signature_copy(s2, &ahead, i, &y), 0);
		assert_memory_equal(scan_signature(f->s, i), &y, sizeof y);
		assert_int_equal(scan_signature_copy(s2, NULL, i, &y), 0);
		assert_memory_equal(scan_signature(f->s, i), &y, sizeof y);
	}
	d2 = dups_build(&f->c, s2, f->cfg.duplicate_threshold);
	same_clusters(f->dups, d2);
	dups_free(d2);
	scan_free(s2);
	assert_false(mapped_in(f->tmp));
	/* Nothing is left beside the cache: the file had no name. */
	assert_int_equal(access(beside, F_OK), -1);
	/* Asked once a signature is made (as by the screen's scan_now()), it is
	   not: they stay where they are. */
	s2 = scan_new(&f->c, &f->cfg);
	scan_now(s2, 0);
	scan_spill(s2, beside, 0, 4096);
	assert_false(mapped_in(f->tmp));
	tu_scan_all(s2, &f->c);
	for (i = 0; i < f->c.n; i++)
		assert_memory_equal(scan_signature(s2, i), scan_signature(f->s, i),
		    sizeof x);
	scan_free(s2);
	free(beside);
}

/* The crowd's articles gone between the scan and the clusters: a third deleted,
   a third become FIFOs (which would block a reader that opened them). The rest
   are read, the boilerplate learnt from them, and the briefs stay apart. */
#define GONE	300
static void
test_crowd_gone(void **state)
{
	struct fixture	*f = *state;
	char		 boiler[2048], name[64], *path;
	const uint32_t	*m;
	size_t		 i, j, k, n, nm;

	put_site(f, GONE, boiler, sizeof boiler, 0);
	tu_corpus_open(&f->c, &f->cfg, f->root);
	f->s = scan_new(&f->c, &f->cfg);
	tu_scan_all(f->s, &f->c);
	for (i = 0; i < GONE; i++) {
		if (i % 3 == 2)
			continue;
		snprintf(name, sizeof name, "site/%04zu.txt", i);
		path = tu_path(f->root, name);
		assert_int_equal(unlink(path), 0);
		if (i % 3 == 1)
			assert_int_equal(mkfifo(path, 0644), 0);
		free(path);
	}
	f->dups = dups_build(&f->c, f->s, f->cfg.duplicate_threshold);
	/* Those left: alone, or at most a pair the vocabulary made alike. The
	   gone keep the scan's signatures, boilerplate and all, until the next
	   scan drops them. */
	for (i = 2, n = 0; i < GONE; i += 3) {
		snprintf(name, sizeof name, "site/%04zu.txt", i);
		k = dups_cluster(f->dups, tu_article(&f->c, name));
		if (k == DUPS_NONE)
			continue;
		m = dups_members(f->dups, (uint32_t)k, &nm);
		for (j = 0; j < nm; j++)
			n += atoi(f->c.articles[m[j]]->name + 5) % 3 == 2 &&
			    strcmp(f->c.articles[m[j]]->name, name) != 0;
	}
	assert_true(n < GONE / 30);
}

/* A site that credits each story to one of six agencies in its Source header:
   still one site, its boilerplate learnt and its briefs apart (read as six
   sites, no crowd was learnt and the briefs chained); a folder of a story's
   copies from sixty papers, each naming its own, each with a paragraph of its
   own, is many sites: one cluster. */
#define AGENCY	300
static void
test_crowd_agencies(void **state)
{
	struct fixture	*f = *state;
	char		 boiler[2048], text[4096], own[1024], name[64];
	char		 head[64];
	size_t		 i, k, n;
	uint32_t	 kw;

	put_site(f, AGENCY, boiler, sizeof boiler, 1);
	for (i = 0; i < 60; i++) {
		brief(own, sizeof own, (unsigned)(1000 + i), 50);
		snprintf(text, sizeof text, "%s\n%s\n%s", story, other, own);
		snprintf(name, sizeof name, "wire/%02zu.txt", i);
		snprintf(head, sizeof head, "Title: Wire\nSource: Paper %zu\n",
		    i);
		put(f, name, head, text);
	}
	build(f);
	kw = dups_cluster(f->dups, tu_article(&f->c, "wire/00.txt"));
	assert_int_not_equal(kw, DUPS_NONE);
	assert_true(dups_count(f->dups, kw) >= 55);
	for (k = 0, n = 0; k < dups_nclusters(f->dups); k++)
		if (k != kw) {
			assert_true(dups_count(f->dups, (uint32_t)k) <= 3);
			n += dups_count(f->dups, (uint32_t)k);
		}
	assert_true(n < AGENCY / 30);
}

/* Typography is not the story: curly quotes and apostrophes, dashes, ellipses and
   no-break spaces where a copy has straight ones, hyphens and spaces sign the
   same; a letter outside ASCII is still a word's. */
static void
test_typography(void **state)
{
	struct fixture	*f = *state;
	struct dups_sig	 a, b;
	static const char plain[] =
	    "The minister said: \"We will not accept this.\" He added that the "
	    "country's farmers - who've waited years - \"deserve better\"... and "
	    "that the plan's critics \"don't understand\" what's at stake, said the "
	    "mayor's spokesman. The council's vote didn't pass.\n";
	static const char curly[] =
	    "The minister said: \u201cWe will not accept this.\u201d He added that "
	    "the country\u2019s farmers\u2014who\u2019ve waited years\u2014"
	    "\u201cdeserve better\u201d\u2026 and that the plan\u2019s critics "
	    "\u201cdon\u2019t understand\u201d what\u2019s at\u00a0stake, said "
	    "the mayor\u2019s\u00a0spokesman. The council\u2019s vote "
	    "didn\u2019t pass.\n";

	sign(plain, &a, f->cfg.chrome);
	sign(curly, &b, f->cfg.chrome);
	assert_true(dups_similarity(&a, &b) == 1.0);
	/* Accented letters are letters: "caf\u00e9" is not "caf". */
	sign("the new caf\u00e9 on the corner of the square opened today", &a,
	    f->cfg.chrome);
	sign("the new caf on the corner of the square opened today", &b,
	    f->cfg.chrome);
	assert_true(dups_similarity(&a, &b) < 1.0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_signature, setup, teardown),
		cmocka_unit_test(test_signature_pinned),
		cmocka_unit_test_setup_teardown(test_clusters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cached_clusters, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boilerplate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crowd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crowd_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crowd_agencies, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_typography, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spilled, setup, teardown),
	};

	tu_locale();
	/* The files are seconds old: the cache is to keep them. */
	setenv("RUBRIC_INDEX_RACY", "0", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
