/* Articles: one text file of the corpus. What the list needs (title, header fields) comes
   from the first few KiB of the file; the body is read only when it is shown. */
#ifndef RUBRIC_ARTICLE_H
#define RUBRIC_ARTICLE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "chrome.h"

#define ARTICLE_HEADMAX	8192	/* bytes read to find the title and the header block */
#define ARTICLE_TITLEMAX 300	/* bytes of a title kept */
/* The largest article read: a bigger file (a sparse one of a few KB on disk can say
   2 GB) is listed as unreadable with the reason, not read into memory. */
#define ARTICLE_MAXSIZE	((off_t)64 * 1024 * 1024)

enum article_head_result {
	ARTICLE_OK,
	ARTICLE_BINARY,		/* a NUL byte in the first block: not an article */
	ARTICLE_UNREADABLE	/* kept, with the reason in error */
};

/* A million of these are kept, so an article holds only what the list needs: its
   texts in one allocation and its stamp as integers, its path in its own. The
   texts are written only through article.c (article_set_texts(),
   article_set_error(), article_wipe()); date, source, url and author are read
   through article_text(), title and error, which the list reads all the time, as
   fields. */
struct article {
	char		*name;		/* shown, relative to the corpus root; in
					   the article's allocation */
	char		*title;		/* raw bytes: draw only through glyph_next() */
	char		*error;		/* why it could not be read, NULL if it could */
	char		*texts;		/* the allocation the texts are in, NULL
					   when there are none */
	/* The stamp, compared exactly with stat's: read through article_stamp()
	   and the like. */
	int64_t		 size;
	int64_t		 mtime;		/* nanoseconds since the epoch */
	int64_t		 ctime;		/* the same, doubled, plus 1 for the head
					   store's mark of a racy stamp; with ino,
					   what `touch -r` cannot put back */
	uint64_t	 ino;
	char		 path[];	/* to open */
};

/* A body read whole. buf is owned; start skips a byte order mark, header_end is the end
   of the header block (and its blank line), or start when there is none. */
struct body {
	char	*buf;
	size_t	 len;
	size_t	 start;
	size_t	 header_end;
};

struct article	*article_new(const char *path, const char *name);
/* The same, made in pl when it has room: the walk's, which let go all at once
   (corpus.h). article_free() leaves what is in a place registered with
   article_placed(). */
struct place;
struct article	*article_new_in(struct place *pl, const char *path, const char *name);
/* An entry for a folder that could not be read (errnum says why), kept among the
   articles as an unreadable one so that what it holds is not left out in silence. Its
   name and title end in "/". */
struct article	*article_folder(const char *path, const char *name, int errnum);
void		 article_free(struct article *);
/* An article's stamp: size, mtime and ctime (seconds, nanoseconds) and inode, in
   that order, as the caches record them; all 0 when it has none. A ctime of -1
   nanoseconds is the head store's mark of a stamp taken within the clock's tick.
   Taken and given through these rather than the fields, so that how an article
   keeps them (a million times over) can change in article.c alone. A time that
   nanoseconds in 64 bits cannot hold (an mtime past 2262 or before 1678, a ctime
   past 2116 or before 1824) is kept as the nearest one there is and never
   matches a file's: such an article is read again each time, never believed. */
#define ARTICLE_STAMPLEN	6
void		 article_stamp(const struct article *, int64_t out[ARTICLE_STAMPLEN]);
void		 article_set_stamp(struct article *, const int64_t in[ARTICLE_STAMPLEN]);
/* Whether st is that of a regular file with the article's stamp. */
int		 article_same(const struct article *, const struct stat *st);
/* Whether the stamp is within the clock's tick (cachedir_racy()), when a second
   write could leave it as the first did. */
int		 article_racy(const struct article *);
/* Whether the stamp is one a stat() could match: not marked as taken within the
   clock's tick, nor beyond the times kept. A head with such a stamp is never taken
   without a look at its file. */
int		 article_stamp_sure(const struct article *);
/* The modification time's seconds, 0 without a stamp. */
time_t		 article_mtime(const struct article *);
/* Frees the head (title, header fields, error) and forgets the stamp: back to what
   article_new() made. */
void		 article_wipe(struct article *);
/* The texts of a head, in this order in article_set_texts(). */
enum article_text {
	ARTICLE_TITLE,
	ARTICLE_DATE,
	ARTICLE_SOURCE,
	ARTICLE_URL,
	ARTICLE_AUTHOR,
	ARTICLE_ERROR,
	ARTICLE_NTEXTS
};
/* Text k of a head, NULL when it has none. Borrowed, valid until the article's
   texts change. A head read from its file keeps no URL or author, which no list,
   query or cluster reads: article_header_text() reads them. */
const char	*article_text(const struct article *, enum article_text);
/* Text k of the article's header block as article_head() would find it (the URL,
   for an export), from the first ARTICLE_HEADMAX bytes of b when it is given (the
   body article_read() read), else of its file. Caller frees; NULL when there is
   none, the file cannot be read, or k is the title or the error. */
struct body;
char		*article_header_text(const struct article *, const struct body *b,
		    enum article_text k);
/* Sets the texts of a head from text[k][0..len[k]) (NULL: none), copied: the head
   store passes its columns as SQLite has them. An article that had texts must be
   wiped first. */
void		 article_set_texts(struct article *, const char *const text[ARTICLE_NTEXTS],
		    const size_t len[ARTICLE_NTEXTS]);
/* The same, the copy made in pl when it has room (the head store's rows). */
void		 article_set_texts_in(struct article *,
		    const char *const text[ARTICLE_NTEXTS],
		    const size_t len[ARTICLE_NTEXTS], struct place *pl);
/* Sets the reason an article cannot be read, replacing any; one with no title gets
   its file's name, as an unreadable one has. */
void		 article_set_error(struct article *, const char *);
/* Gives a the head and stamp of from, an article of the same file read again,
   which is left without them (article_free() it after). */
void		 article_take_head(struct article *a, struct article *from);
/* An article's texts as one block of *len bytes, borrowed (NULL, 0 when it has
   none): what the catalogue's image (catimage.h) keeps of it, and article_place()
   takes back. */
const char	*article_texts_block(const struct article *, size_t *len);
/* Whether the tlen bytes at texts are a block of texts as article_texts_block()
   gives them, with a title, its title at title and its error at error (SIZE_MAX:
   none): what article_place() is to be given from a file that may be damaged, so
   that no text read from it runs past its block. */
int		 article_texts_hold(const char *texts, size_t tlen, size_t title,
		    size_t error);
/* The bytes article_place() takes for an article of a path of plen bytes, a name
   of nlen bytes of its own when name is not NULL, and a block of texts of tlen
   bytes. A multiple of 8. */
size_t		 article_place_size(size_t plen, const char *name, size_t nlen,
		    size_t tlen);
/* An article made in mem (article_place_size() bytes, 8-aligned) with a copy of
   the block of texts as article_texts_block() gives it (NULL: none), its title
   and error at those offsets in it (SIZE_MAX: none); its name is the end of its
   path (nlen bytes) or name. It lives and dies with the memory its caller holds
   (the catalogue's image's arena): article_free() frees no more than the texts
   it was given since (the screen's verifier gives a file changed a new head,
   article_take_head()), and article_wipe() leaves the placed ones. */
struct article	*article_place(void *mem, const char *path, size_t plen,
		    const char *name, size_t nlen, const char *texts, size_t tlen,
		    size_t title, size_t error, const int64_t stamp[ARTICLE_STAMPLEN]);
/* Says that the articles and texts placed in [lo, hi) are not article_free()'s to
   free, until article_unplaced() with lo. -1 when there are already as many such
   ranges as it keeps (32): nothing may be placed there then. Called by the thread
   that owns the articles before any other thread sees them. */
int		 article_placed(const void *lo, const void *hi);
void		 article_unplaced(const void *lo);
/* Reads the first block: header fields and title, or the reason it is unreadable. */
enum article_head_result article_head(struct article *, const struct chrome *);
/* The same, its texts in pl when it has room: a thread of the walk's, which has a
   place of its own (corpus.h). */
enum article_head_result article_head_in(struct article *, const struct chrome *,
		    struct place *pl);
/* Reads the whole file. On failure returns -1 with errno set and the body empty: a file
   that is not a regular one fails with EISDIR or EINVAL, without blocking. */
int		 article_read(const struct article *, struct body *);
void		 article_body_free(struct body *);
/* Why path could not be read, errno being errnum, in words: what it is when it is not
   a regular file ("is a FIFO"), "path too long", or strerror's words. Borrowed, valid
   until the next call. */
const char	*article_why(const char *path, int errnum);
/* What a file of this mode is when it is not a regular file, in words ("is a FIFO",
   "is a directory"); NULL for a regular file. Static. */
const char	*article_kind(mode_t mode);
/* Scans a header block at buf[start..len): returns its end (past the blank line that
   closes it), or start if the text has none. Each field found is passed to fn. */
size_t		 article_header(const char *buf, size_t len, size_t start,
		    void (*fn)(void *, const char *key, size_t keylen,
		    const char *val, size_t vallen), void *arg);
/* The date field of a header as YYYY-MM-DD in out (11 bytes), for sorting and
   queries: ISO 8601 (2017-09-06, with or without a time after it), 2017/09/06,
   "6 September 2017" and "September 6, 2017", months in full or in three letters.
   Returns -1 for anything else. */
int		 article_date(const char *s, char out[11]);
/* Length of a UTF-8 byte order mark at the start of buf, or 0. */
size_t		 article_bom(const char *buf, size_t len);

#endif
