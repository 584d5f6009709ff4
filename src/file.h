/* Reading a whole file into memory. */
#ifndef RUBRIC_FILE_H
#define RUBRIC_FILE_H

#include <stddef.h>

/* Reads path whole into *buf (NUL-terminated, caller frees) and *len. Returns -1 with
   errno set, and nothing allocated, if it cannot be opened or read. */
int	file_read(const char *path, char **buf, size_t *len);

#endif
