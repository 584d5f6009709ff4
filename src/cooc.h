/* Co-occurrence of codes and themes: how the codes of passages meet one another
   (articles that carry both; pairs of passages of one article that share a byte) and
   meet the themes (articles with a hit and the code; passages of the code that hold a
   whole hit), as a table of one row per code and one column per code then per theme,
   each cell with the passages behind it when asked. rubric stats prints its figures,
   the screen's C shows it and moves a cursor over it. */
#ifndef RUBRIC_COOC_H
#define RUBRIC_COOC_H

#include <stddef.h>

#include "catalog.h"
#include "progress.h"
#include "sidecar.h"
#include "stats.h"

/* A passage behind a cell: its article (an index into the corpus) and its id. */
struct cooc_ref {
	size_t		 article;
	char		 id[SIDECAR_PASSAGE_IDLEN + 1];
};

/* A cell. Row code a, column code b != a: articles that carry both, pairs of a
   passage with a and a passage with b (the same passage when it has both) that share
   a byte; refs the passages of those pairs, each once. On the diagonal: the code's
   articles and passages, refs its passages. Row code a, column theme t: articles
   with a hit of t and a passage with a, passages with a that hold a whole hit of t,
   refs those. An orphan counts for its article only. */
struct cooc_cell {
	size_t		 articles;
	size_t		 passages;
	struct cooc_ref	*refs;		/* owned; NULL unless collected */
	size_t		 nrefs;
};

struct cooc {
	char		**codes;	/* sorted by bytes; owned */
	size_t		 ncodes;
	char		**themes;	/* the configuration's, in its order; owned */
	size_t		 nthemes;
	size_t		 ncols;		/* ncodes + nthemes */
	struct cooc_cell *cells;	/* [row * ncols + col] */
	size_t		 nsel;		/* articles counted in */
	int		 refs;		/* cells collect their passages */
	int		 stopped;	/* the progress stopped the count: partial */

	/* The screen's cursor over the cells, and the first row and column shown. */
	size_t		 row, col;
	size_t		 top, left;
};

/* Counts the codes of the articles sel[0..nsel) of c into k (made here; free with
   cooc_free()), collecting each cell's passages when refs is set. Only articles with
   passages are read, each once; p hears how many of sel are done and may stop the
   count: returns -1 then, k holding what was counted (k->stopped set), else 0. */
int	cooc_count(struct catalog *c, const size_t *sel, size_t nsel, int refs,
	    const struct progress *p, struct cooc *k);
void	cooc_free(struct cooc *);
/* The cell at row r, column col; NULL outside the table. */
const struct cooc_cell *cooc_cell(const struct cooc *, size_t r, size_t col);
/* The name of column col: a code's, then a theme's. */
const char *cooc_column(const struct cooc *, size_t col);
/* Whether column col is a theme's. */
int	cooc_is_theme(const struct cooc *, size_t col);
/* Adds k's figures to s as rubric stats counts them: each code, each two codes that
   meet, each theme and code that meet. */
void	cooc_stats(const struct cooc *k, struct stats *s);

/* Moves the cursor by dr rows and dc columns, held at the table's edges. */
void	cooc_move(struct cooc *, long dr, long dc);
/* The cursor to the first (last set: the last) row, its column kept. */
void	cooc_edge(struct cooc *, int last);
/* Scrolls so that the cursor is among the rows rows and cols columns of cells
   shown, moving the first row and column shown as little as it can. */
void	cooc_show(struct cooc *, size_t rows, size_t cols);

#endif
