/* What the sidecar's files share and no caller needs: sidecar.c reads and saves the
   file, sidecar_commit.c saves changes to it under the lock, and both leave the
   file's stamp in the model. */
#ifndef RUBRIC_SIDECAR_INT_H
#define RUBRIC_SIDECAR_INT_H

#include "sidecar.h"

/* Remembers the file's modification time and size in s; the text last written from
   s is the file's now, and what the next save keeps. */
void	sidecar_stamp(struct sidecar *, const char *path);

#endif
