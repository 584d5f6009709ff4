/* The journal: changes accepted for a sidecar that could not be saved in it (the file
   did not parse, or could not be written), kept in NAME.journal beside it until a save
   applies them. A person can read it: one change a line, ending in its checksum,
   appended whole and synced; a last line torn by a crash is left out and reported.
   Only the holder of the sidecar's lock reads, appends or removes it. */
#ifndef RUBRIC_JOURNAL_H
#define RUBRIC_JOURNAL_H

#include <stddef.h>

#include "diag.h"
#include "sidecar.h"

#define JOURNAL_SUFFIX	".journal"

/* The journal of the sidecar at path. Caller frees. */
char	*journal_path(const char *sidecar);
/* Whether the sidecar at path has a journal that is not empty. */
int	 journal_exists(const char *sidecar);
/* One change as a journal line, without its checksum and new line: "tag person
   \"a/b.txt\" \"Urgent\"". Caller frees. */
char	*journal_format(const struct sidecar_op *);
/* Parses one line made by journal_format (checksum and all) and adds its change to
   ops. Returns 0, or -1 with the reason in d, at at (the journal's FILE:LINE), and
   what it means: nothing of the journal is applied while the line stays. */
int	 journal_parse(const char *line, size_t len, struct sidecar_ops *ops,
	    const struct diag_at *at, struct diag *d);
/* s in double quotes as the journal writes strings. Caller frees. */
char	*journal_quote(const char *s);
/* One change as a whole journal line: journal_format, its checksum and the new line.
   Caller frees. */
char	*journal_line(const struct sidecar_op *);
/* journal_read of the journal file at jpath. A header not NULL must be its first
   line, or nothing is applied (a journal kept for another sidecar). *bad is the line
   that blocks it, 0 if none. */
int	 journal_read_file(const char *jpath, const char *header,
	    struct sidecar_ops *ops, int *bad, struct diag *d);
/* Adds the journal's changes to ops, in order. A missing journal adds nothing. A
   torn last line is left out with a warning in d; any other bad line, or a journal
   that cannot be read, is an error in d naming FILE:LINE, and returns -1 with
   nothing added. Returns the number of changes added. */
int	 journal_read(const char *sidecar, struct sidecar_ops *ops, struct diag *d);
/* Appends ops to the journal with one write, then syncs it (and its folder when it
   is new). Returns 0, or -1 with errno set and the journal as it was (a torn line
   at worst, which the next read leaves out). */
int	 journal_append(const char *sidecar, const struct sidecar_ops *ops);
/* The changes a person made among ops, for messages: all but the fingerprints and
   where passages were found again, which only go with them. */
size_t	 journal_changes(const struct sidecar_ops *);
/* Removes the journal, once a save holds its changes. Returns -1 with errno set if it
   stayed. */
int	 journal_remove(const char *sidecar);
/* Whether the journal beside the sidecar may be applied or written: not when another
   user could have planted it or may change it (trust_found() in trust.h); an error in
   d names it and how to allow it. */
int	 journal_trusted(const char *sidecar, struct diag *d);
/* Before its changes are applied: a descriptor open for writing on the journal, with
   which journal_empty() cuts it to nothing when it cannot be removed; -2 when it
   cannot be written but can be removed; -1 (errno set) when neither, and so it must
   not be applied, since every later save would apply it again. */
int	 journal_claim(const char *sidecar);
/* Once a save holds its changes: removes the journal, or else cuts it to nothing
   through fd from journal_claim(). Returns -1 with errno set if it stays as it was.
   Closes fd. */
int	 journal_empty(const char *sidecar, int fd);
/* The number of changes journalled beside the sidecar, for rubric check and the
   screen: what blocks the journal goes to d (an error, FILE:LINE), and *blocked is
   its line (-1: the journal cannot be read), 0 when nothing blocks it. */
int	 journal_report(const char *sidecar, int *blocked, struct diag *d);

#endif
