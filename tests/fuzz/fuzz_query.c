/* Fuzzes queries: the input is a query, parsed against themes configured once. A
   query refused names an offset inside it; a query taken is written out as it was
   understood (query_format), which must parse again to the same thing, and is
   matched against a few articles made here, with and without tags, notes, counts
   and a date: read every time, and remembered (query_remember), which must agree. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

#include "article.h"
#include "config.h"
#include "query.h"
#include "sidecar.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char	 themes[] = "[theme deir]\npattern = deir\nautotag = 2\n"
    "[theme isis]\npattern = isis\n[theme al-qaim]\npattern = qaim\nautotag = 1\n";
static const char	 text[] = "Title: Convoy reaches Deir ez-Zor\nDate: 6 September "
    "2017\n\nThe convoy reached the city; ISIS fighters withdrew. \xff\xfe bad bytes.\n";

static struct fuzz_file	 conf, body;
static struct config	 cfg;
static struct article	*art, *bare;
/* bare's one text: a title, as an article with no file has. */
static const char *const bare_text[ARTICLE_NTEXTS] = { "x" };
static const size_t	 bare_len[ARTICLE_NTEXTS] = { 1 };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct config_file	 f;
	struct diag		 d;

	(void)argc;
	(void)argv;
	fuzz_locale();
	fuzz_file_open(&conf);
	fuzz_file_put(&conf, themes, sizeof themes - 1);
	fuzz_file_open(&body);
	fuzz_file_put(&body, text, sizeof text - 1);
	memset(&f, 0, sizeof f);
	f.path = conf.path;
	f.required = 1;
	memset(&d, 0, sizeof d);
	config_init(&cfg);
	FUZZ_CHECK(config_load(&cfg, &f, 1, &d) == 0 && cfg.nthemes == 3);
	diag_free(&d);
	art = article_new(body.path, "2017/convoy.txt");
	FUZZ_CHECK(article_head(art, NULL) == ARTICLE_OK);
	bare = article_new("/nonexistent/rubric-fuzz", "x");
	article_set_texts(bare, bare_text, bare_len);
	return 0;
}

/* Matches the eight subjects (every mix of article, entry and counts) into r, by
   number when remembered is set. */
static void
match_all(struct query *q, int remembered, int *r)
{
	static struct sidecar_tag	 tags[] = {
		{ (char *)"Urgent", SIDECAR_PERSON }, { (char *)"al-qaim", SIDECAR_REJECTED },
		{ (char *)"isis", SIDECAR_THEME }
	};
	struct sidecar_entry		 e;
	struct query_subject		 s;
	scan_count			 counts[3] = { 2, 5, 1 };
	int				 i, twice;

	memset(&e, 0, sizeof e);
	e.path = (char *)"2017/convoy.txt";
	e.tags = tags;
	e.ntags = 3;
	e.note = (char *)"check\nthe figures";
	for (i = 0; i < 8; i++) {
		memset(&s, 0, sizeof s);
		s.article = i & 4 ? bare : art;
		s.entry = i & 1 ? &e : NULL;
		s.counts = i & 2 ? counts : NULL;
		s.index = (size_t)i;
		s.has_index = remembered;
		/* The same answer twice: matching keeps no state between articles. */
		r[i] = query_match(q, &s);
		twice = query_match(q, &s);
		FUZZ_CHECK(r[i] == twice && (r[i] == QUERY_NO || r[i] == QUERY_YES ||
		    r[i] == QUERY_UNDECIDED));
		/* An undecided answer names its term, and only then. */
		FUZZ_CHECK((r[i] == QUERY_UNDECIDED) == (s.undecided != NULL &&
		    s.why != NULL));
		query_subject_free(&s);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct query_error	 err;
	struct query		*q, *again;
	char			*in, *out, *out2;
	int			 plain[8], first[8], after[8];

	if (size > 4096)
		return 0;
	in = malloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';
	if ((q = query_parse(in, &cfg, &err)) == NULL) {
		FUZZ_CHECK(err.offset <= strlen(in));
		FUZZ_CHECK(err.message[0] != '\0');
		FUZZ_CHECK(query_column(in, err.offset) <= strlen(in) + 1);
		free(in);
		return 0;
	}
	out = query_format(q);
	again = query_parse(out, &cfg, &err);
	FUZZ_CHECK(again != NULL);
	out2 = query_format(again);
	FUZZ_CHECK(strcmp(out, out2) == 0);
	FUZZ_CHECK(query_needs(q) == query_needs(again));
	/* What query_remember() keeps gives the answers of reading every time, the
	   first time and after. */
	match_all(q, 0, plain);
	query_remember(again, 8);
	match_all(again, 1, first);
	match_all(again, 1, after);
	FUZZ_CHECK(memcmp(plain, first, sizeof plain) == 0 &&
	    memcmp(plain, after, sizeof plain) == 0);
	query_free(again);
	query_free(q);
	free(out);
	free(out2);
	free(in);
	return 0;
}
