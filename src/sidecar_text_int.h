/* What the sidecar_text*.c files share and no caller needs: the lexed line, the keys
   of a section, the layout of the text as read (where each section lies), and the
   helpers that read a fact or write one. sidecar_text_parse.c lexes and reads,
   sidecar_text_write.c saves a whole file, sidecar_text_rewrite.c writes one section
   again keeping its hand edits, sidecar_text_hands.c lists them for the merge driver;
   sidecar_text.c holds what they all use. */
#ifndef RUBRIC_SIDECAR_TEXT_INT_H
#define RUBRIC_SIDECAR_TEXT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "sidecar_text.h"

#define ST_CHUNK	700	/* encoded bytes of a value on one line */
#define ST_NAMEMAX	800	/* encoded bytes of a header's name */
/* Stock iniparser looks a key up as "section:key" lowercased into 1024 bytes: a
   longer one is never found, though it is read. */
#define ST_LOOKUPMAX	1024

enum sidecar_text_fact { ST_OTHER, ST_FP, ST_NOTE, ST_PATH, ST_READ, ST_TAG,
	ST_PASSAGE };
/* The facts of a passage, passage.ID.FIELD, in the order a section writes them. */
enum sidecar_text_pfield { SP_AT, SP_QUOTE, SP_BEFORE, SP_AFTER, SP_NOTE, SP_TAG };
#define SP_NFIELDS	5	/* the fields before the tags */
enum sidecar_text_form { ST_NONE, ST_QUOTED, ST_HASH, ST_OLD };
enum sidecar_text_kind { ST_BAD, ST_BLANK, ST_COMMENT, ST_SECTION, ST_KEY };

/* A key of a section as read. */
struct sidecar_text_kv {
	enum sidecar_text_fact	 fact;
	int			 piece;		/* N of NAME.NNNN; -1: the whole value */
	int			 old;		/* tag.NAME, of the first format */
	char			*key;		/* for messages */
	char			*name;		/* ST_TAG: the tag's name */
	char			*value;		/* without its quotes, not decoded */
	int			 line;
	/* ST_PASSAGE: the passage's id and which of its facts (a code's name is in
	   name). A passage.* key that cannot be one is ST_OTHER with why set. */
	char			 pid[SIDECAR_PASSAGE_IDLEN + 1];
	enum sidecar_text_pfield pfield;
	const char		*why;
};

struct sidecar_text_sec {
	size_t			 off, end;	/* header line to the next header */
	char			*path;		/* NULL: not an article's section */
	enum sidecar_text_form	 form;
	uint64_t		 hash;		/* of the article's entry as read */
	int			 line;		/* of the header; 0 before any */
	int			 old;		/* holds lines of the first format */
};

struct sidecar_layout {
	char			*text;
	size_t			 len;
	struct sidecar_text_sec	*secs;
	size_t			 nsecs;
	size_t			 cap;
	int			 crlf;		/* new lines end in CR LF */
	struct sidecar_layout	*next;		/* written, not yet settled */
};

/* One line, lexed. */
struct sidecar_text_line {
	enum sidecar_text_kind	 kind;
	const char		*why;		/* ST_BAD */
	char			*word;		/* ST_SECTION: first word, lowercased */
	char			*rest;		/* ST_SECTION: the rest, trimmed */
	struct sidecar_text_kv	 kv;		/* ST_KEY */
};

/* The origins' words, by origin number. */
extern const char *const sidecar_text_origins[];

/* Reading (sidecar_text_parse.c). */
int	sidecar_text_lex(const char *, const char *, struct sidecar_text_line *);
void	sidecar_text_line_free(struct sidecar_text_line *);
void	sidecar_text_kvs_free(struct sidecar_text_kv *, size_t);
void	sidecar_text_strays(struct sidecar_text_kv *, size_t,
	    enum sidecar_text_form, const char *, struct diag *);
int	sidecar_text_joined(const struct sidecar_text_kv *, size_t,
	    enum sidecar_text_fact, char **, const char *, struct diag *);
void	sidecar_text_pstrays(struct sidecar_text_kv *, size_t, const char *,
	    struct diag *);
int	sidecar_text_same(const struct sidecar_text_kv *,
	    const struct sidecar_text_kv *);
int	sidecar_text_pjoined(const struct sidecar_text_kv *, size_t, const char *,
	    enum sidecar_text_pfield, char **);
int	sidecar_text_entry(struct sidecar_entry *, const struct sidecar_text_kv *,
	    size_t, const char *, struct diag *);

/* What an entry says and how it is written (sidecar_text.c). */
int	sidecar_text_empty(const struct sidecar_entry *);
uint64_t sidecar_text_hash(const char *, const struct sidecar_entry *);
int	sidecar_text_cmp_tag(const void *, const void *);
void	sidecar_text_quote(struct buf *, const char *, const char *);
enum sidecar_text_form sidecar_text_form(const struct sidecar_entry *, struct buf *);
void	sidecar_text_header(struct buf *, const char *, enum sidecar_text_form,
	    const char *);
void	sidecar_text_fact(struct buf *, const struct sidecar_entry *,
	    enum sidecar_text_fact, size_t, const char *);
void	sidecar_text_pfact(struct buf *, const struct sidecar_passage *,
	    enum sidecar_text_pfield, size_t, const char *);
struct sidecar_text_sec *sidecar_text_sec_add(struct sidecar_layout *, size_t,
	    const char *, enum sidecar_text_form, int);

/* Writing one section again (sidecar_text_rewrite.c). */
void	sidecar_text_rewrite(struct buf *, const struct sidecar_layout *,
	    const struct sidecar_text_sec *, const struct sidecar_entry *, int);

#endif
