/* Fuzzes the configuration: the input is a config.ini, read as --config reads it
   (ini.c, iniparser, every section and key, chrome and theme patterns compiled),
   then handed to the prefilter, which parses each theme pattern once more. Messages
   are fine; a crash, a leak, or a file refused but partly used is not. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

#include "config.h"
#include "prefilter.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct fuzz_file	 file;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_locale();
	fuzz_file_open(&file);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config		 c;
	struct config_file	 f = { file.path, 1, 0, NULL, 0 };
	struct diag		 d;
	struct prefilter	*pf;
	struct prefilter_hits	 h;

	fuzz_file_put(&file, data, size);
	memset(&d, 0, sizeof d);
	config_init(&c);
	if (config_load(&c, &f, 1, &d) == -1) {
		/* Nothing of a file that did not parse is used. */
		FUZZ_CHECK(d.nerrors > 0 && c.nthemes == 0 && c.nchrome_src == 0);
		FUZZ_CHECK(c.tab_width == 8 && c.nextensions == 2);
	}
	FUZZ_CHECK(c.tab_width >= 1 && c.tab_width <= 16);
	fuzz_quoted(&d);
	pf = prefilter_new(&c);
	prefilter_hits_init(&h, pf);
	prefilter_scan(pf, (const char *)data, size, &h);
	prefilter_hits_free(&h);
	prefilter_free(pf);
	diag_free(&d);
	config_free(&c);
	return 0;
}
