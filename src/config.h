/* Configuration: settings layered from the built-in text (config/config.ini, compiled
   in), the user's file, the corpus's themes file and --config, later layers overriding
   earlier ones key by key. */
#ifndef RUBRIC_CONFIG_H
#define RUBRIC_CONFIG_H

#include <stddef.h>

#include "chrome.h"
#include "diag.h"
#include "theme.h"

struct config {
	char		**extensions;	/* owned, without dots */
	size_t		  nextensions;
	int		  tab_width;
	int		  check_folders; /* check = folders: a command takes the
					   head of a file in a folder unchanged
					   since it was listed without a look */
	double		  duplicate_threshold; /* 0: no near-duplicates (dups.h) */
	int		  group_duplicates; /* the screen folds a story's copies */
	struct chrome	 *chrome;	/* owned */

	/* Chrome patterns by key, so that a later layer can replace or drop one. */
	struct config_pattern {
		char	*key;
		char	*pattern;
		char	*file;
		int	 line;
		int	 col;	/* of the pattern in its line; 0 if unknown */
	}		 *chrome_src;
	size_t		  nchrome_src;

	struct theme	 *themes;	/* owned, in the order first configured */
	size_t		  nthemes;

	/* Saved views: [view NAME] with query = ..., checked when used (and by
	   rubric check), since a query may name a theme of a later layer. */
	struct config_view {
		char	*name;
		char	*query;		/* NULL until a layer gives one */
		char	*file;
		int	 line;
		int	 col;		/* of the query in its line; 0 if unknown */
	}		 *views;
	size_t		  nviews;

	/* Every file looked for, in the order read, so that rubric check can say
	   which were read and which were not there. */
	struct config_layer {
		char	*path;		/* or the built-in text's name */
		int	 absent;
		int	 failed;	/* there, but could not be read */
	}		 *layers;
	size_t		  nlayers;
};

/* One layer to read. A missing optional file is skipped; a missing required one (given
   with --config) is an error. With text, the layer is those len bytes, and path is
   their name in messages. A layer looked for elsewhere and not found is absent:
   listed in the config's layers, not read. */
struct config_file {
	const char	*path;
	int		 required;
	int		 absent;
	const char	*text;
	size_t		 len;
};

void	config_init(struct config *);
/* Reads the layers in order. Problems go to d: returns -1 when a file could not be read
   or parsed (nothing of that file is used), 0 otherwise, also when d holds warnings or
   errors about single settings (a bad pattern is left out). */
int	config_load(struct config *, const struct config_file *, size_t n,
	    struct diag *d);
void	config_free(struct config *);
/* Reads every layer into c: shipped, user, the corpus-local themes file found from
   the directory of where (a file or a directory; NULL: none), then extra if not NULL
   (required). Returns -1 when a file could not be read or parsed; d holds the
   messages. */
int	config_layers(struct config *c, const char *extra, const char *where,
	    struct diag *d);
/* Reads the built-in settings (or those of config_shipped_path()) and then the file
   at path alone, required: its themes are the file's own, as rubric diff compares
   them. Returns as config_load(). */
int	config_alone(struct config *c, const char *path, struct diag *d);
/* The theme called name, or NULL. */
struct theme	*config_theme(struct config *, const char *name);
/* The file read in place of the built-in text: $RUBRIC_DATADIR/config.ini; NULL when
   RUBRIC_DATADIR is unset or empty, and the built-in text is read. The copy installed
   in the data folder is never read: it is there to copy from. Caller frees. */
char	*config_shipped_path(void);
/* config/config.ini, as the build found it (config_builtin.c, generated). */
extern const unsigned char	config_builtin[];
extern const size_t		config_builtin_len;
#define CONFIG_BUILTIN_NAME	"(built-in config.ini)"
/* The corpus-local themes file, found with file_find_up(). */
#define CONFIG_LOCAL_NAME	".rubric-themes.ini"
/* $XDG_CONFIG_HOME/rubric/config.ini, or ~/.config/rubric/config.ini; NULL without a
   home. Caller frees. */
char	*config_user_path(void);

#endif
