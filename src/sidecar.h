/* The sidecar: a plain INI file next to the corpus that holds all of a user's work on
   it (tags, who put them there, notes, read flags), one section per article, one fact
   per line, paths and tag names as the user wrote them (rubric(5)). People edit it by
   hand: a save rewrites only the sections of articles that changed, and inside them
   only the lines of what changed; comments, blank lines, unknown keys and sections stay
   as they were. Stock iniparser 4.1 loads it (folding the case of names, as it does). */
#ifndef RUBRIC_SIDECAR_H
#define RUBRIC_SIDECAR_H

#include <stddef.h>
#include <time.h>

#include "diag.h"

#define SIDECAR_NAME	".rubric.ini"	/* in the corpus directory; file_find_up()
					   finds it from a file or directory below */
#define SIDECAR_TAGMAX	200		/* bytes of a tag name */
/* The largest sidecar read: about 150 bytes a tagged article, so room for more than a
   million; what keeps /dev/zero behind the name from taking all memory (a file of
   this size of tiny entries takes about 1.4 GB once read). */
#define SIDECAR_MAXSIZE	((size_t)256 * 1024 * 1024)
/* The longest note: some hundreds of pages. */
#define SIDECAR_NOTEMAX	((size_t)1024 * 1024)

enum sidecar_origin {
	SIDECAR_PERSON,		/* put there by a person, or a theme's tag accepted */
	SIDECAR_THEME,		/* put there by a theme's autotag */
	SIDECAR_REJECTED	/* a theme's tag a person turned down */
};

struct sidecar_tag {
	char			*name;		/* any printable Unicode, case kept */
	enum sidecar_origin	 origin;
};

/* A passage: a span of an article's text with codes (tags) and a note. It is held by
   its text, not its offsets, as the W3C's TextQuoteSelector holds one: the exact
   quote and some text each side of it, so that it is found again when the article
   changes (passage.h). start and end are where it was last found, a hint for that
   search. Its id is a hash of quote, before and after (sidecar_passage_id()): two
   people who code the same span in two clones make the same passage, and a merge
   joins their codes. */
#define SIDECAR_PASSAGE_IDLEN	8	/* hex digits of an id */
struct sidecar_passage {
	char			 id[SIDECAR_PASSAGE_IDLEN + 1];
	char			*quote;		/* the bytes of the span, never empty */
	char			*before;	/* up to PASSAGE_CONTEXT bytes before it, */
	char			*after;		/* and after, whole characters; "" at an end */
	size_t			 start, end;	/* byte offsets into the file, last found */
	char			*note;		/* NULL: none */
	struct sidecar_tag	*tags;		/* sorted by name (bytes) */
	size_t			 ntags;
};

struct sidecar_entry {
	char			*path;		/* relative to the sidecar's directory */
	char			*fingerprint;	/* of the content, NULL if unknown */
	char			*note;		/* NULL: none */
	int			 read;
	struct sidecar_tag	*tags;		/* sorted by name (bytes) */
	size_t			 ntags;
	struct sidecar_passage	*passages;	/* sorted by start, then id */
	size_t			 npassages;
	size_t			 seq;		/* order in the file, while loading */
};

struct sidecar_layout;				/* private to sidecar_text*.c */
struct sidecar_index;				/* private to sidecar.c */

struct sidecar {
	struct sidecar_entry	*v;		/* sorted by path (bytes) */
	size_t			 n;
	size_t			 cap;		/* room in v */
	/* The file as it was when last read or written here: a commit that finds it
	   so has no need to read it again. */
	struct timespec		 mtime;
	long long		 size;		/* -1: unknown */
	unsigned long long	 ino;		/* every save makes a new inode */
	/* The text of the file as last read or saved here, and where each article's
	   section lies in it: what a save keeps. NULL for a sidecar not read from a
	   file: its save writes every entry afresh. Owned; see sidecar_keep_edits. */
	struct sidecar_layout	*layout;
	/* Where each path is in v: a hash table made by the first lookup after v or
	   n changed, so that a lookup is one hash and one compare (a catalog looks up
	   every article on every pass). NULL: not made yet. Owned. */
	struct sidecar_index	*index;
	/* A number no other state of any sidecar had, drawn anew by every change of
	   v or n (sidecar_changed()): a cache of lookups made under it holds while
	   it is the same. */
	unsigned long		 generation;
};

void	sidecar_init(struct sidecar *);
void	sidecar_free(struct sidecar *);
/* Frees what an entry holds and empties it, for a caller that builds entries itself
   (the merge). */
void	sidecar_entry_free(struct sidecar_entry *);
/* The entry for path, made if create and missing; NULL otherwise. Borrowed, valid
   until the next change of v. A lookup may make the index: threads that share a
   sidecar call sidecar_index() first, then look up without create. */
struct sidecar_entry *sidecar_entry(struct sidecar *, const char *path, int create);
/* Makes the index of entries by path now, if it is not made. */
void	sidecar_index(struct sidecar *);
/* Drops the index: a caller that changes v or n itself (the merge builds its entries
   directly) calls it after, or lookups would miss what moved. */
void	sidecar_changed(struct sidecar *);
/* Checks a tag name: trims blanks (in place) and refuses an empty one, a comma, a
   control character or invalid UTF-8. Returns 0, or -1 with the reason in d (NULL:
   the caller only asks whether). */
int	sidecar_tag_check(char *name, struct diag *d);
/* Sets (or with origin -1, removes) a tag of an entry. */
void	sidecar_tag_set(struct sidecar_entry *, const char *name, int origin);
void	sidecar_note_set(struct sidecar_entry *, const char *note);
/* Passages (sidecar_passage.c). The id of the passage with these texts, written
   into id (SIDECAR_PASSAGE_IDLEN + 1 bytes). */
void	sidecar_passage_id(const char *quote, const char *before, const char *after,
	    char *id);
/* The passage of that id, NULL if the entry has none. Borrowed, valid until the
   entry's passages change. */
struct sidecar_passage *sidecar_passage_find(struct sidecar_entry *, const char *id);
/* The passage with p's texts and id: the one there is, or a copy of p's texts and
   offsets (its tags and note are not copied) put in order. Borrowed, as above. */
struct sidecar_passage *sidecar_passage_add(struct sidecar_entry *,
	    const struct sidecar_passage *p);
/* Takes p (its texts, tags and note; p is left empty) as a new passage of e, whose
   passages are put in order only by sidecar_passage_sort: for a reader adding many
   of distinct ids at once, as an add that sorts each time is too slow for that. */
void	sidecar_passage_append(struct sidecar_entry *, struct sidecar_passage *p);
void	sidecar_passage_sort(struct sidecar_entry *);
void	sidecar_passage_remove(struct sidecar_entry *, const char *id);
/* The passage of e (NULL: none) that has p's id but another quote or context: an
   id is 32 bits of a hash, and a sidecar may be written by hand, so a new span may
   hit one; coding it would code that other passage. NULL when there is none.
   Borrowed, as sidecar_passage_find's. */
const struct sidecar_passage *sidecar_passage_clash(struct sidecar_entry *e,
	    const struct sidecar_passage *p);
/* Sets (origin -1: removes) a code of a passage, or its note. */
void	sidecar_passage_tag_set(struct sidecar_passage *, const char *name, int origin);
void	sidecar_passage_note_set(struct sidecar_passage *, const char *note);
/* Sets where a passage was last found, keeping the entry's order. */
void	sidecar_passage_at(struct sidecar_entry *, const char *id, size_t start,
	    size_t end);
/* Drops the passages with neither a code nor a note: a passage is kept for them. */
void	sidecar_passage_prune(struct sidecar_entry *);
void	sidecar_passage_free(struct sidecar_passage *);
/* A deep copy of p into out. */
void	sidecar_passage_copy(struct sidecar_passage *out, const struct sidecar_passage *p);
/* A change to make: kept apart from the sidecar it applies to, so that a save can lock
   the file, read what another process wrote meanwhile, and apply the change on top. */
enum sidecar_op_kind {
	SIDECAR_OP_TAG,		/* set tag arg with origin num (-1: remove it) */
	SIDECAR_OP_NOTE,	/* set the note to arg (NULL: none) */
	SIDECAR_OP_READ,	/* set the read flag to num */
	SIDECAR_OP_FINGERPRINT,	/* set the fingerprint to arg */
	SIDECAR_OP_MOVE,	/* the article moved to arg: its entry follows */
	/* Passages: the passage is the op's passage, by its id. */
	SIDECAR_OP_PASSAGE_ADD,	/* add it (quote, before, after, start, end) if
				   missing; a passage left with neither code nor
				   note once the ops are applied is dropped */
	SIDECAR_OP_PASSAGE_TAG,	/* set code arg with origin num (-1: remove it) */
	SIDECAR_OP_PASSAGE_NOTE,/* set its note to arg (NULL: none) */
	SIDECAR_OP_PASSAGE_AT,	/* found at passage's start and end now */
	SIDECAR_OP_PASSAGE_RM	/* remove it, codes, note and all */
};

struct sidecar_op {
	enum sidecar_op_kind	 kind;
	char			*path;
	char			*arg;
	int			 num;
	/* SIDECAR_OP_PASSAGE_*: the passage's id and texts and offsets (no tags, no
	   note), owned; NULL for the others. */
	struct sidecar_passage	*passage;
};

struct sidecar_ops {
	struct sidecar_op	*v;
	size_t			 n;
};

void	sidecar_ops_add(struct sidecar_ops *, enum sidecar_op_kind, const char *path,
	    const char *arg, int num);
/* A passage op: p gives the id and, for SIDECAR_OP_PASSAGE_ADD and _AT, the texts
   and offsets (copied, without tags and note). */
void	sidecar_ops_passage(struct sidecar_ops *, enum sidecar_op_kind, const char *path,
	    const struct sidecar_passage *p, const char *arg, int num);
/* Adds a copy of op, its passage too. */
void	sidecar_ops_copy(struct sidecar_ops *, const struct sidecar_op *op);
void	sidecar_ops_free(struct sidecar_ops *);
/* Applies the changes in order; entries they need are made, with one sort. */
void	sidecar_apply(struct sidecar *, const struct sidecar_ops *);
/* Saves changes to path without losing another process's: takes an exclusive lock on
   path.lock (never on the file that is renamed over), reads path again, applies ops,
   saves, and leaves the result in s. On failure returns -1 with the reason in d,
   the file on disk untouched and s as it was read. It is sidecar_commit_wait with
   lock_timeout(): -1 also when the changes were journalled (d says so). */
int	sidecar_commit(struct sidecar *s, const char *path, const struct sidecar_ops *,
	    struct diag *d);
/* What became of a commit's changes. */
enum sidecar_result {
	SIDECAR_FAILED = -1,	/* neither saved nor journalled: the caller keeps them */
	SIDECAR_SAVED = 0,	/* in the file, with the journal's changes before them */
	SIDECAR_JOURNALLED,	/* the file does not parse or cannot be written: they
				   are in its journal (journal.h), saved by the first
				   commit that can */
	SIDECAR_LOCKED		/* another process held the lock all of wait_ms:
				   nothing changed, the caller keeps them */
};
/* sidecar_commit, waiting up to wait_ms for another process's lock (lock.h), applying
   and removing the journal first, and journalling the changes when the file does not
   parse or cannot be written. *holder is the pid that held the lock (0: unknown)
   when it returns SIDECAR_LOCKED. d says what happened in every case but a clean
   save of the changes alone. */
enum sidecar_result sidecar_commit_wait(struct sidecar *s, const char *path,
	    const struct sidecar_ops *, int wait_ms, long *holder, struct diag *d);
/* The canonical name (canon.h) of file relative to the directory of the sidecar at
   sidecar_path, or NULL with errno set: ENOENT when the file does not exist, EXDEV
   when it is not below that directory. Caller frees. */
char	*sidecar_relative(const char *sidecar_path, const char *file);
/* A fingerprint of the file's content ("fnv1a64:size"), or NULL if unreadable or not
   a regular file. Caller frees. */
char	*sidecar_fingerprint(const char *file);
/* The decoders of the file's names and values, for tools that read it with their own
   INI parser. NULL when malformed; caller frees. */
char	*sidecar_name_decode(const char *);
char	*sidecar_value_decode(const char *);
/* Writes the sidecar as INI text to f; returns -1 on a write error. A sidecar read from
   a file (or given its text by sidecar_keep_edits) is written as that text with only
   the sections of changed articles rewritten; a new article's section goes in path
   order among the others. Sections in the first format ([article NAME], tag.NAME)
   are written in the current one. */
int	sidecar_write(const struct sidecar *, void *f);
/* Reads path, in the current format or the first. A missing file is an empty
   sidecar; one that cannot be read or parsed is an error in d naming FILE:LINE,
   returns -1, and leaves s empty. Problems that do not stop the reading are warnings
   in d naming FILE:LINE: a key given twice in a section (the later line is read; a
   save keeps both lines until the value changes, then writes one in place of the
   first) and an article given twice (read as one, tags of both, later keys win; a
   change to it is saved in the first section and taken out of the later ones). */
int	sidecar_load(struct sidecar *, const char *path, struct diag *d);
/* Moves the text that from was read with onto to, so that saving to (a model made
   some other way, such as a merge) over the file from was read from keeps that file's
   hand edits: comments, unknown keys and sections, and every section whose article
   to has as from had it. from keeps its entries and has no text after. */
void	sidecar_keep_edits(struct sidecar *to, struct sidecar *from);
/* Writes path atomically: a temporary file in the same directory, fsync, rename over
   it, fsync of the directory. Returns -1 with errno set on failure (EFBIG: the text
   would be over SIDECAR_MAXSIZE), the old file untouched. */
int	sidecar_save(const struct sidecar *, const char *path);

#endif
