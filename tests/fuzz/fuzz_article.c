/* Fuzzes what rubric makes of an article: the header block and title, chrome lines,
   glyphs and layout. The input is the article; its first byte also picks the width
   it is laid out at and its second the tab width. Glyphs must never let a control
   out, and rows must cover the text in order, within the width. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

#include "article.h"
#include "chrome.h"
#include "glyph.h"
#include "layout.h"
#include "utf8.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct chrome	*chrome;
static struct fuzz_file	 file;

struct span {
	const char	*buf;
	size_t		 len;
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* Three of the shipped patterns: anchored, with classes, and non-ASCII. */
	static const char *const pats[] = {
		"^\\s*skip to (?:the )?(?:main )?(?:content|navigation)\\s*$",
		"^\\s*(?:©|\\(c\\)|copyright)\\s*\\d{4}.{0,80}$",
		"^\\s*(?:הוסף תגובה(?: חדשה)?|שם|דואר אלקטרוני|תגובה|שלח)\\s*[*:]?\\s*$",
	};
	struct diag	 d;
	size_t		 i;

	(void)argc;
	(void)argv;
	fuzz_locale();
	fuzz_file_open(&file);
	chrome = chrome_new();
	memset(&d, 0, sizeof d);
	for (i = 0; i < sizeof pats / sizeof pats[0]; i++)
		FUZZ_CHECK(chrome_add(chrome, pats[i], "chrome", NULL, &d) == 0);
	return 0;
}

/* A field lies inside the text, on one line, with a well-formed key and a value
   trimmed of blanks. */
static void
fuzz_field(void *arg, const char *key, size_t klen, const char *val, size_t vlen)
{
	const struct span	*s = arg;

	FUZZ_CHECK(key >= s->buf && klen <= s->len - (size_t)(key - s->buf));
	FUZZ_CHECK(val >= s->buf && vlen <= s->len - (size_t)(val - s->buf));
	FUZZ_CHECK(klen >= 1 && klen <= 32 && memchr(key, ':', klen) == NULL);
	FUZZ_CHECK(memchr(val, '\n', vlen) == NULL);
	FUZZ_CHECK(vlen == 0 || (val[0] != ' ' && val[0] != '\t' &&
	    val[vlen - 1] != ' ' && val[vlen - 1] != '\t'));
}

/* Every byte a glyph sends to the screen is printable: no C0, DEL or C1 control,
   and a character draws exactly the bytes it stands for. */
static void
fuzz_glyphs(const char *buf, size_t len, int tabw)
{
	struct glyph	 g;
	uint32_t	 cp;
	size_t		 pos = 0, i, n;
	int		 col = 0, k;

	while (pos < len) {
		glyph_next(buf + pos, len - pos, col, tabw, &g);
		FUZZ_CHECK(g.len >= 1 && g.len <= len - pos);
		FUZZ_CHECK(g.textlen < GLYPH_TEXTMAX && strlen(g.text) == g.textlen);
		for (i = 0; i < g.textlen; i += n) {
			n = utf8_decode(g.text + i, g.textlen - i, &cp);
			FUZZ_CHECK(cp != UTF8_INVALID && cp >= 0x20 &&
			    (cp < 0x7f || cp >= 0xa0));
		}
		switch (g.kind) {
		case GLYPH_EOL:
			FUZZ_CHECK(g.cols == 0 && g.textlen == 0 && buf[pos + g.len - 1] ==
			    '\n');
			break;
		case GLYPH_TAB:
			FUZZ_CHECK(g.cols >= 1 && g.cols <= GLYPH_TABMAX &&
			    (size_t)g.cols == g.textlen && buf[pos] == '\t');
			break;
		case GLYPH_MARKER:
			for (i = 0; i < g.textlen; i++)
				FUZZ_CHECK((unsigned char)g.text[i] < 0x7f);
			FUZZ_CHECK((size_t)g.cols == g.textlen);
			break;
		case GLYPH_CHAR:
			FUZZ_CHECK(g.cols >= 1 && g.cols <= 2 && g.ncp >= 1 &&
			    g.ncp <= GLYPH_MAXCP && glyph_width(g.cp[0]) == g.cols);
			for (k = 1; k < g.ncp; k++)
				FUZZ_CHECK(glyph_width(g.cp[k]) == 0);
			FUZZ_CHECK(g.textlen == g.len && memcmp(g.text, buf + pos,
			    g.len) == 0);
			break;
		default:
			FUZZ_CHECK(!"glyph kind");
		}
		col = g.kind == GLYPH_EOL ? 0 : col + g.cols;
		pos += g.len;
	}
}

/* Whether the glyph is one a wrap may eat: layout.c's definition of a space. */
static int
fuzz_is_space(const struct glyph *g)
{
	return g->kind == GLYPH_TAB || (g->kind == GLYPH_CHAR && g->ncp == 1 &&
	    (g->cp[0] == ' ' || g->cp[0] == 0xa0 || g->cp[0] == 0x3000));
}

/* Rows from the start chain through next, each within the width and on one line;
   what lies between one row's bytes and the next row is spaces and a line end. A
   sample of offsets maps back to the row that holds them. */
static void
fuzz_layout(const char *buf, size_t len, int width, int tabw)
{
	struct text	 t = { buf, len, tabw };
	struct glyph	 g;
	struct row	 r;
	size_t		 off = 0, p, ls, budget = 8192;
	int		 w;

	while (off < len) {
		layout_row(&t, off, width, &r);
		FUZZ_CHECK(r.off == off && r.len <= len - off);
		FUZZ_CHECK(r.next > off && r.next <= len && r.off + r.len <= r.next);
		FUZZ_CHECK(r.cols >= 0 && r.cols <= width);
		FUZZ_CHECK(memchr(buf + off, '\n', r.len) == NULL);
		FUZZ_CHECK(!(r.flags & ROW_BOL) == !(off == 0 || buf[off - 1] == '\n'));
		w = glyph_strwidth(buf + off, r.len, tabw);
		FUZZ_CHECK(w == r.cols || (w > width && r.cols == width));
		for (p = r.off + r.len; p < r.next; p += g.len) {
			glyph_next(buf + p, r.next - p, 0, tabw, &g);
			FUZZ_CHECK(g.kind == GLYPH_EOL ? p + g.len == r.next :
			    fuzz_is_space(&g));
		}
		if (r.next < len && buf[r.next - 1] == '\n')
			FUZZ_CHECK(r.flags & ROW_EOL);
		/* Finding a row start walks from the line start: a budget of bytes
		   walked keeps a 64 KiB line fast. */
		ls = layout_line_start(&t, off);
		FUZZ_CHECK(ls <= off && (ls == 0 || buf[ls - 1] == '\n'));
		FUZZ_CHECK(memchr(buf + ls, '\n', off - ls) == NULL);
		if (3 * (r.next - ls) <= budget) {
			budget -= 3 * (r.next - ls);
			FUZZ_CHECK(layout_row_start(&t, off, width) == off);
			FUZZ_CHECK(layout_row_start(&t, r.next - 1, width) == off);
			FUZZ_CHECK(layout_row_start(&t, off + (r.next - off) / 2, width) ==
			    off);
		}
		off = r.next;
	}
}

/* Each line without its line end, as article.c and the screen hand it to chrome. */
static void
fuzz_chrome(const char *buf, size_t len)
{
	const char	*nl;
	size_t		 off = 0, end, e;

	while (off < len) {
		nl = memchr(buf + off, '\n', len - off);
		end = nl == NULL ? len : (size_t)(nl - buf);
		e = end > off && buf[end - 1] == '\r' ? end - 1 : end;
		chrome_match(chrome, buf + off, e - off);
		off = end + 1;
	}
}

/* The head and the body as read from a file, against the buffer they came from;
   the date field as queries sort by it. */
static void
fuzz_file_article(const char *buf, size_t len)
{
	struct article			*a;
	struct body			 b;
	enum article_head_result	 rc;
	size_t				 head = len < ARTICLE_HEADMAX ? len : ARTICLE_HEADMAX;
	char				 date[11];

	fuzz_file_put(&file, buf, len);
	a = article_new(file.path, "fuzz.txt");
	rc = article_head(a, chrome);
	FUZZ_CHECK(rc != ARTICLE_UNREADABLE && a->size == (off_t)len);
	FUZZ_CHECK((rc == ARTICLE_BINARY) == (memchr(buf, '\0', head) != NULL));
	if (rc == ARTICLE_OK) {
		FUZZ_CHECK(a->title != NULL && *a->title != '\0');
		FUZZ_CHECK(strlen(a->title) <= ARTICLE_TITLEMAX);
		FUZZ_CHECK(strchr(a->title, '\n') == NULL);
	}
	if (article_text(a, ARTICLE_DATE) != NULL &&
	    article_date(article_text(a, ARTICLE_DATE), date) == 0)
		FUZZ_CHECK(strlen(date) == 10 && strspn(date, "0123456789-") == 10 &&
		    date[4] == '-' && date[7] == '-');
	FUZZ_CHECK(article_read(a, &b) == 0 && b.len == len);
	FUZZ_CHECK(memcmp(b.buf, buf, len) == 0 && b.start == article_bom(buf, len));
	FUZZ_CHECK(b.header_end == article_header(buf, len, b.start, NULL, NULL));
	article_body_free(&b);
	article_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*buf = (const char *)data;
	struct span	 s = { buf, size };
	size_t		 start, hdr;
	int		 width, tabw;

	if (size == 0)
		return 0;
	width = 1 + data[0] % 128;
	tabw = size > 1 ? 1 + data[1] % GLYPH_TABMAX : 8;
	start = article_bom(buf, size);
	FUZZ_CHECK(start == 0 || start == 3);
	hdr = article_header(buf, size, start, fuzz_field, &s);
	FUZZ_CHECK(hdr >= start && hdr <= size);
	FUZZ_CHECK(hdr == start || buf[hdr - 1] == '\n' || hdr == size);
	fuzz_chrome(buf, size);
	fuzz_glyphs(buf, size, tabw);
	fuzz_layout(buf, size, width, tabw);
	fuzz_file_article(buf, size);
	return 0;
}
