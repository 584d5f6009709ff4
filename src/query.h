/* Queries: the one language of the screen's limit, `rubric list|export|tag -q` and
   saved views. A query is parsed once against the configuration (a theme it names must
   exist) and then matched against articles, each given as a query_subject.

       query   := or
       or      := and { ("or" | "|") and }
       and     := unary { ["and" | "&"] unary }	(no operator: and)
       unary   := ("not" | "!") unary | "(" query ")" | term
       term    := tag:NAME | auto:NAME | theme:NAME[OP N] | title:VALUE | text:VALUE
                | note:VALUE | path:GLOB | date:[OP]DATE | unread | dup | copy
                | view:NAME | WORD
                | "PHRASE"

   A VALUE is /RE/ (PCRE2), "a phrase" or a word; words and phrases are literal. Both
   ignore case unless they hold a capital (smart case, as less -i).

   A search that PCRE2 gives up (its match, depth or heap limit: a catastrophic /RE/)
   leaves its term undecided, never "no": the answer is then three-valued, as in
   Kleene's logic. not undecided is undecided; a or undecided is yes when a is yes,
   and a and undecided is no when a is no; otherwise both are undecided. */
#ifndef RUBRIC_QUERY_H
#define RUBRIC_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "dups.h"
#include "config.h"
#include "scan.h"
#include "sidecar.h"

struct query;

struct query_error {
	size_t	 offset;		/* byte offset in the query text */
	char	 message[256];
};

/* What matching needs besides the article's head and sidecar entry. */
#define QUERY_NEEDS_COUNTS	0x1	/* the themes' counts: theme:, auto: */
#define QUERY_NEEDS_BODY	0x2	/* the article's text: text:, words */
#define QUERY_NEEDS_DUPS	0x4	/* the near-duplicates' clusters: dup, copy */

/* What query_match() says of an article. */
enum query_answer {
	QUERY_NO,
	QUERY_YES,
	QUERY_UNDECIDED		/* a PCRE2 limit stopped a term that decides it, or
				   a theme's count is a lower bound that does */
};

/* One article as a query sees it. body is read by query_match() the first time a
   term needs it and stays until query_subject_free(). */
struct query_subject {
	const struct article		*article;
	const struct sidecar_entry	*entry;		/* NULL: none */
	const scan_count			*counts;	/* NULL: not counted (no hits) */
	const uint8_t			*incomplete;	/* a bit a theme: its count is a
							   lower bound; NULL: none is */
	struct body			 body;
	int				 body_state;	/* 0 unread, 1 read, -1 failed */
	size_t				 index;		/* with has_index: its number, for
							   query_remember() and dups */
	const struct dups		*dups;		/* the clusters (dups.h), of
							   subjects numbered by index;
							   NULL: none known, and dup
							   and copy say no */
	int				 has_index;
	/* Set by query_match() when it answers QUERY_UNDECIDED: a term that was not
	   decided, as written in the query (borrowed from it, valid until
	   query_free()), and why, in words ("PCRE2 match limit reached"; static). */
	const char			*undecided;
	const char			*why;
};

/* Parses text. On error returns NULL with where and why in err. The query borrows
   cfg, which must outlive it. */
struct query	*query_parse(const char *text, const struct config *cfg,
		    struct query_error *err);
void		 query_free(struct query *);
int		 query_needs(const struct query *);
/* Whether the subject matches: yes, no, or undecided with the term and why in the
   subject. */
enum query_answer query_match(struct query *, struct query_subject *);
void		 query_subject_free(struct query_subject *);
/* Keeps what the text terms found in subjects numbered 0 to count - 1 (index), so
   that matching one again does not read it again: for a caller that matches the same
   articles time and again, as the screen does after every change of a tag. An
   article's text counts as it was when first read; a file that could not be read is
   tried again. */
void		 query_remember(struct query *, size_t count);
struct textindex;
/* Asks the text index, brought up to date with the count articles numbered as
   subjects are (index), which articles may hold each word and phrase of the query:
   the others are not read for it. Terms the index cannot answer (textindex_usable)
   read every article as before, and so does every term when ti is NULL. Returns how
   many terms the index answers. */
size_t		 query_index(struct query *, struct textindex *ti, size_t count);
/* The query with every and, or and not spelled out and each chain of one of them in
   parentheses: how it was understood. Caller frees. */
char		*query_format(const struct query *);
/* The /RE/ terms of the query that are catastrophic (theme_catastrophic()), as
   written, borrowed from the query: up to max of them in terms[], in the query's
   order. Returns how many there are. For rubric check. */
size_t		 query_catastrophic(const struct query *, const char **terms,
		    size_t max);
/* The column (from 1, in characters) of a byte offset of text, for messages. */
size_t		 query_column(const char *text, size_t offset);

/* The fields a term can name, as the screen's l prompt completes them and its help
   lists them: the name (without its colon), the form of the term, and what it
   picks. The last has a NULL name. */
struct query_field {
	const char	*name;
	const char	*form;
	const char	*what;
};
extern const struct query_field query_fields[];
/* The ways terms join, for the help, the same way; the last has a NULL form. */
extern const struct query_field query_operators[];

#endif
