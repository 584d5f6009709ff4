/* gencorpus: writes a deterministic synthetic corpus for `make bench`: N articles of
   about 3 KB in folders of 200, with the mess of real ones (header blocks, chrome,
   long single-line paragraphs) and the spellings the bench themes look for. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t	gen_state = 0x9e3779b97f4a7c15ULL;

static uint32_t	gen_rand(void);
static const char *gen_pick(const char *const *, size_t);
static void	gen_word(char *, size_t);

/* xorshift64*: the same corpus on every machine. */
static uint32_t
gen_rand(void)
{
	gen_state ^= gen_state >> 12;
	gen_state ^= gen_state << 25;
	gen_state ^= gen_state >> 27;
	return (uint32_t)((gen_state * 2685821657736338717ULL) >> 32);
}

static const char *
gen_pick(const char *const *v, size_t n)
{
	return v[gen_rand() % n];
}

/* A made-up word of 2 to 10 letters, so that the text is not one repeated page. */
static void
gen_word(char *out, size_t cap)
{
	static const char	 cons[] = "bcdfghklmnprstvwyz", vow[] = "aeiou";
	size_t			 n = 2 + gen_rand() % 9, i;

	for (i = 0; i < n && i + 1 < cap; i++)
		out[i] = i % 2 ? vow[gen_rand() % 5] : cons[gen_rand() % 18];
	out[i] = '\0';
}

int
main(int argc, char *argv[])
{
	static const char *const common[] = {
		"the", "of", "and", "to", "in", "a", "was", "said", "that", "for", "on",
		"with", "as", "by", "from", "at", "were", "had", "their", "which",
		"officials", "residents", "forces", "town", "river", "border", "road",
		"week", "government", "fighters", "families", "aid", "camp", "market",
		"council", "village", "trucks", "water", "prices", "talks", "report"
	};
	static const char *const terms[] = {
		"Deir ez-Zor", "Deir Ezzor", "Deir el-Zour", "Deir al-Zor", "DEZ",
		"Albu Kamal", "Abu Kamal", "Bukamal", "al-Bukamal", "ISIS", "ISIL",
		"Daesh", "Islamic State", "SDF", "Syrian Democratic Forces", "al-Mayadin",
		"Mayadeen", "al-Qaim", "Al Qaim", "crude", "oil fields", "refinery",
		"tankers", "Euphrates", "Raqqa", "al-Raqqah", "Hasakah", "al-Hasaka",
		"dam", "reservoir", "irrigation", "drought", "ceasefire", "truce",
		"de-escalation"
	};
	static const char *const chrome[] = {
		"skip to Main Content", "Back To Top", "Add new comment",
		"\xc2\xab prev   random   next \xc2\xbb", "Share this article", "Print"
	};
	char	 path[4096], word[16];
	long	 n, i, p, w, nparas, nwords;
	FILE	*f;

	if (argc != 3 || (n = strtol(argv[2], NULL, 10)) <= 0) {
		fputs("usage: gencorpus DIR N\n", stderr);
		return 2;
	}
	if (mkdir(argv[1], 0755) == -1 && errno != EEXIST) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (i % 200 == 0) {
			snprintf(path, sizeof path, "%s/d%04ld", argv[1], i / 200);
			if (mkdir(path, 0755) == -1 && errno != EEXIST) {
				perror(path);
				return 1;
			}
		}
		snprintf(path, sizeof path, "%s/d%04ld/a%06ld.txt", argv[1], i / 200, i);
		if ((f = fopen(path, "w")) == NULL) {
			perror(path);
			return 1;
		}
		if (gen_rand() % 3 == 0)
			fprintf(f, "Title: Dispatch %ld on %s\nDate: 2017-%02u-%02u\n"
			    "Source: Synthetic Wire\n\n", i, gen_pick(terms, 35),
			    1 + gen_rand() % 12, 1 + gen_rand() % 28);
		if (gen_rand() % 2 == 0)
			fprintf(f, "%s\n\n", gen_pick(chrome, 6));
		fprintf(f, "Report %ld from the %s valley\n\n", i, gen_pick(terms, 35));
		nparas = 4 + gen_rand() % 4;
		for (p = 0; p < nparas; p++) {
			/* One long line per paragraph, as web pages save them. */
			nwords = 60 + gen_rand() % 60;
			for (w = 0; w < nwords; w++) {
				unsigned	 r = gen_rand() % 100;

				if (w > 0)
					fputc(' ', f);
				if (r < 2)
					fputs(gen_pick(terms, 35), f);
				else if (r < 55)
					fputs(gen_pick(common, 41), f);
				else {
					gen_word(word, sizeof word);
					fputs(word, f);
				}
			}
			fputs(".\n\n", f);
		}
		if (gen_rand() % 2 == 0)
			fprintf(f, "%s\n", gen_pick(chrome, 6));
		if (fclose(f) == EOF) {
			perror(path);
			return 1;
		}
	}
	return 0;
}
