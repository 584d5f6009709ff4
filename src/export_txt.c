/* The plain text export: each article whole under a rule with its path, as the
   screen shows it (export_text()), or why it could not be read. */
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "export_int.h"

#define EXPORT_RULE	"========================================================================"

void
export_txt(FILE *f, const struct export_item *it)
{
	const struct article	*a = it->a;

	fputs(EXPORT_RULE "\n", f);
	export_text(f, a->name, strlen(a->name), 0);
	putc('\n', f);
	fputs(EXPORT_RULE "\n\n", f);
	if (it->has_body) {
		export_text(f, it->body.buf + it->body.start, it->body.len -
		    it->body.start, 1);
		if (it->body.len > it->body.start && it->body.buf[it->body.len - 1] != '\n')
			putc('\n', f);
	} else
		fprintf(f, "(not readable%s", a->error != NULL ? ": " : ")\n");
	if (!it->has_body && a->error != NULL) {
		export_text(f, a->error, strlen(a->error), 0);
		fputs(")\n", f);
	}
	putc('\n', f);
}
