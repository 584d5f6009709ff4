/* What the export's files share and no caller needs: an article gathered for
   writing (export_item.c), the JSON line being made (export_safe.c), and each
   format's entry for export_write() (export.c). */
#ifndef RUBRIC_EXPORT_INT_H
#define RUBRIC_EXPORT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "export.h"
#include "passage.h"
#include "render.h"
#include "scan.h"

/* One article, gathered for writing. */
struct export_item {
	const struct article		*a;
	size_t				 index;		/* into the corpus */
	const struct sidecar_entry	*e;
	const scan_count			*counts;	/* NULL: not counted */
	const char			**tags[3];	/* by sidecar_origin; borrowed */
	size_t				 ntags[3];
	struct body			 body;
	int				 has_body;
	struct match_list		 ml;		/* resolved: what is highlighted */
	char				 date[11];	/* "" when not known */
	struct passage_spot		*spots;		/* e's passages, placed in
							   the body now */
	size_t				 nspots;
};

/* A line of JSON being made: jansson hands over the text in pieces. */
struct export_line {
	char	*buf;
	size_t	 len;
	size_t	 cap;
};

/* export_item.c */
size_t	export_back(const char *, size_t lo, size_t off, size_t n);
size_t	export_forward(const char *, size_t hi, size_t off, size_t n);
void	export_item_free(struct export_item *);
size_t	export_snippets(const struct export *, size_t);
void	export_gather(const struct export *, struct scan_finder *, struct match_list *,
	    size_t, struct export_item *);

/* export_safe.c */
json_t	*export_json_flat(const char *, size_t);
void	export_line_room(struct export_line *, size_t);
void	export_line_put(struct export_line *, const char *, size_t);
void	export_line_num(struct export_line *, size_t);
int	export_line_add(const char *, size_t, void *);

/* export_jsonl.c */
struct export_line	*export_names(const struct export *);
void	export_names_free(const struct export *, struct export_line *);
struct export_line	 export_record(const struct export *, const struct export_item *,
	    int, const char *, const struct export_line *);
int	export_jsonl(const struct export *, FILE *, const size_t *, size_t);

/* export_csv.c, export_md.c, export_txt.c */
void	export_csv_header(const struct export *, FILE *);
void	export_csv(const struct export *, FILE *, const struct export_item *);
void	export_md(const struct export *, FILE *, const struct export_item *);
void	export_csv_passages_header(FILE *);
void	export_csv_passages(FILE *, const struct export_item *);
/* The digest's passages grouped by code: gathered from each item, written at the
   end. */
struct export_md_codes;
struct export_md_codes *export_md_codes_new(void);
void	export_md_codes_add(struct export_md_codes *, const struct export_item *);
void	export_md_codes_write(FILE *, const struct export_md_codes *);
void	export_md_codes_free(struct export_md_codes *);
void	export_txt(FILE *, const struct export_item *);

/* export_folder.c */
int	export_dir(const struct export *, const size_t *, size_t, struct diag *);

/* export.c: the output file staged (checked as every export to a file is) */
struct file_stage;
int	export_stage(const struct export *, struct file_stage *, struct diag *);

/* export_qdpx.c */
int	export_qdpx(const struct export *, const size_t *, size_t, struct diag *);

#endif
