/* Trust in files found by walking up: a sidecar or a corpus-local themes file another
   user could have planted or could change is not used unless the user allows its
   folder, as git does with safe.directory. A file given on the command line is the
   user's choice and is not asked about. */
#ifndef RUBRIC_TRUST_H
#define RUBRIC_TRUST_H

#include "diag.h"

/* The environment variable naming allowed folders, as safe_directory does. */
#define TRUST_ENV	"RUBRIC_SAFE_DIRECTORY"

/* Whether the file at path, found by walking up, may be used: yes when it does not
   exist, when its folder is allowed (TRUST_ENV, or safe_directory in [rubric] of the
   user's own configuration file), or when nobody but the user could have put it there
   or changed it. No when the name is another user's in a folder others may write
   (world-writable, sticky or not, or group-writable by a group the user is not in),
   or when the file is another user's and others may write it (world-writable, or
   group-writable by a group the user is not in; a group the user is in is the
   user's team). Root is no exception. Returns 1 if it may be used; 0 after adding
   an error at level to d that names it, says why, and says how to allow it
   (option: "--sidecar" or "--config", the flag that gives it explicitly; NULL for a
   file no flag gives, as a journal). */
int	trust_found(const char *path, const char *option, enum diag_level level,
	    struct diag *d);
/* Whether folder dir is allowed: "*" or a folder that is dir (both resolved) in the
   colon-separated list of TRUST_ENV or of safe_directory in the user's own
   configuration file. */
int	trust_allowed(const char *dir);

#endif
