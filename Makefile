# rubric: a terminal reader for collections of text articles.
# `make run` and `make check` install what is missing (Debian, as root) and go.

VERSION =	0.1.0
PREFIX ?=	/usr/local
BINDIR ?=	$(PREFIX)/bin
DATADIR ?=	$(PREFIX)/share/rubric
MANDIR ?=	$(PREFIX)/share/man
DESTDIR ?=

CC ?=		cc
PKG_CONFIG ?=	pkg-config
WARNINGS =	-Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
		-Wmissing-prototypes -Wwrite-strings
CFLAGS ?=	-O2 -g
# iniparser 4.1 in Debian ships no pkg-config file.
INIPARSER_CFLAGS := $(shell $(PKG_CONFIG) --cflags iniparser 2>/dev/null || echo -I/usr/include/iniparser)
INIPARSER_LIBS := $(shell $(PKG_CONFIG) --libs iniparser 2>/dev/null || echo -liniparser)
CURSES_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null))
CURSES_LIBS := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
PCRE2_CFLAGS := $(shell $(PKG_CONFIG) --cflags libpcre2-8 2>/dev/null)
PCRE2_LIBS := $(shell $(PKG_CONFIG) --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)
JANSSON_LIBS := $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)
SQLITE_CFLAGS := $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
SQLITE_LIBS := $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
UTF8PROC_CFLAGS := $(shell $(PKG_CONFIG) --cflags libutf8proc 2>/dev/null)
UTF8PROC_LIBS := $(shell $(PKG_CONFIG) --libs libutf8proc 2>/dev/null || echo -lutf8proc)
# export -f qdpx: a zip (libzip) holding XML (libxml2's writer).
LIBZIP_CFLAGS := $(shell $(PKG_CONFIG) --cflags libzip 2>/dev/null)
LIBZIP_LIBS := $(shell $(PKG_CONFIG) --libs libzip 2>/dev/null || echo -lzip)
LIBXML2_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
LIBXML2_LIBS := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null || echo -lxml2)
# The catalogue image's checksum (XXH3).
XXHASH_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxxhash 2>/dev/null)
XXHASH_LIBS := $(shell $(PKG_CONFIG) --libs libxxhash 2>/dev/null || echo -lxxhash)

ALL_CFLAGS =	-std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -D_FILE_OFFSET_BITS=64 \
		$(WARNINGS) $(INIPARSER_CFLAGS) $(PCRE2_CFLAGS) $(SQLITE_CFLAGS) \
		$(UTF8PROC_CFLAGS) $(LIBZIP_CFLAGS) $(LIBXML2_CFLAGS) $(XXHASH_CFLAGS) \
		-DRUBRIC_VERSION='"$(VERSION)"' $(CFLAGS)
CORE_LIBS =	$(INIPARSER_LIBS) $(PCRE2_LIBS) $(JANSSON_LIBS) $(SQLITE_LIBS) \
		$(UTF8PROC_LIBS) $(LIBZIP_LIBS) $(LIBXML2_LIBS) $(XXHASH_LIBS) -lpthread -lm

# The core: no curses here. The program, the tests and the fuzzers link it.
CORE_SRCS =	src/article.c src/buf.c src/canon.c src/catalog.c src/catimage.c src/catalog_session.c src/chrome.c src/config.c src/corpus.c src/diag.c \
		src/export.c src/export_folder.c src/export_force.c src/export_item.c \
		src/export_jsonl.c src/export_safe.c src/export_csv.c src/export_md.c src/export_txt.c \
		src/file.c src/glyph.c src/ini.c src/journal.c src/journal_state.c src/kwic.c src/layout.c src/lock.c src/matchwin.c src/log.c src/pager.c \
		src/prefilter.c src/prefilter_node.c src/prefilter_parse.c src/query.c src/query_eval.c src/query_parse.c \
		src/render.c src/scan.c src/sidecar.c src/sidecar_commit.c src/sidecar_text.c \
		src/sidecar_text_parse.c src/sidecar_text_write.c src/sidecar_text_rewrite.c \
		src/sidecar_text_hands.c src/sidecar_passage.c src/passage.c \
		src/tags.c src/theme.c src/trust.c src/undo.c src/utf8.c src/xmalloc.c src/merge.c src/merge_edits.c \
		src/listing.c src/listnav.c src/cmd_args.c
CORE_SRCS +=	src/progress.c src/sidebar.c
# config/config.ini compiled in: the program carries its defaults, installed or not.
CORE_SRCS +=	src/config_builtin.c
CORE_SRCS +=	src/status.c
CORE_SRCS +=	src/cachedir.c src/headstore.c src/verify.c src/folderfd.c src/place.c
CORE_SRCS +=	src/stats.c
CORE_SRCS +=	src/passage_article.c src/cooc.c
CORE_SRCS +=	src/textindex.c
CORE_SRCS +=	src/dups.c
CORE_SRCS +=	src/dups_crowd.c
CORE_SRCS +=	src/selection.c
CORE_SRCS +=	src/themediff.c src/fold.c src/suggest.c src/halves.c src/config_edit.c
CORE_SRCS +=	src/export_qdpx.c
UI_SRCS =	src/main.c src/cmd.c src/cmd_help.c src/cmd_check.c src/cmd_show.c src/cmd_stats.c src/cmd_diff.c src/cmd_suggest.c src/cmd_tag.c src/cmd_note.c src/cmd_tags.c src/cmd_list.c src/cmd_dups.c src/cmd_export.c src/tui.c src/keys.c src/ui_body.c src/ui_list.c \
		src/ui_sidebar.c src/ui_help.c src/ui_search.c src/ui_status.c src/ui_term.c src/ui_prompt.c src/ui_kwic.c \
		src/ui_undo.c src/ui_watch.c src/ui_action.c src/ui_reload.c src/ui_mark.c src/ui_colour.c src/ui_draw.c \
		src/cmd_git_setup.c src/cmd_merge_sidecar.c
UI_SRCS +=	src/ui_passage.c src/cmd_passage.c src/ui_cooc.c
UI_SRCS +=	src/ui_dups.c
CORE_OBJS =	$(CORE_SRCS:.c=.o)
UI_OBJS =	$(UI_SRCS:.c=.o)
HEADERS =	$(wildcard src/*.h)

UNIT_TESTS =	tests/bin/test_utf8 tests/bin/test_glyph tests/bin/test_layout \
		tests/bin/test_pager tests/bin/test_article tests/bin/test_corpus \
		tests/bin/test_config tests/bin/test_theme tests/bin/test_scan \
		tests/bin/test_prefilter tests/bin/test_sidecar tests/bin/test_query \
		tests/bin/test_export tests/bin/test_file tests/bin/test_undo tests/bin/test_merge \
		tests/bin/test_canon tests/bin/test_kwic tests/bin/test_matchwin tests/bin/test_catalog \
		tests/bin/test_buf tests/bin/test_sidecar_passage tests/bin/test_passage
TEST_TOOLS =	tests/bin/dump tests/bin/ptybytes tests/bin/bench_layout \
		tests/bin/bench_sidecar tests/bin/bench_query tests/bin/crashsave \
		tests/bin/faultshim.so tests/bin/gencorpus
UNIT_TESTS +=	tests/bin/test_diag
UNIT_TESTS +=	tests/bin/test_listing tests/bin/test_listnav tests/bin/test_listfold
UNIT_TESTS +=	tests/bin/test_cmd_args
UNIT_TESTS +=	tests/bin/test_sidebar
UNIT_TESTS +=	tests/bin/test_status
UNIT_TESTS +=	tests/bin/test_headstore tests/bin/test_verify tests/bin/test_folderfd
UNIT_TESTS +=	tests/bin/test_stats tests/bin/test_cooc
UNIT_TESTS +=	tests/bin/test_fold tests/bin/test_suggest tests/bin/test_themediff tests/bin/test_config_edit
UNIT_TESTS +=	tests/bin/test_textindex
UNIT_TESTS +=	tests/bin/test_qdpx
UNIT_TESTS +=	tests/bin/test_selection
UNIT_TESTS +=	tests/bin/test_dups
UNIT_TESTS +=	tests/bin/test_place

DEBIAN_PKGS =	gcc make pkg-config libncurses-dev libpcre2-dev libiniparser-dev \
		libcmocka-dev libjansson-dev tmux mandoc clang python3 jq parallel
DEBIAN_PKGS +=	git
DEBIAN_PKGS +=	libsqlite3-dev sqlite3
DEBIAN_PKGS +=	libutf8proc-dev
DEBIAN_PKGS +=	libzip-dev libxml2-dev
DEBIAN_PKGS +=	libxxhash-dev

.PHONY: all run check check-sanitize fuzz bench install uninstall clean deps bench-deps install-packages lint

all: rubric

src/ui_%.o src/tui.o src/main.o src/keys.o: ALL_CFLAGS += $(CURSES_CFLAGS)

%.o: %.c $(HEADERS)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

src/config_builtin.c: config/config.ini src/cstring.sh
	sh src/cstring.sh config/config.ini config_builtin >$@.tmp && mv $@.tmp $@

src/librubric.a: $(CORE_OBJS)
	$(AR) rcs $@ $(CORE_OBJS)

rubric: $(UI_OBJS) src/librubric.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(UI_OBJS) src/librubric.a $(CURSES_LIBS) \
		$(CORE_LIBS)

tests/bin/test_%: tests/unit/test_%.c tests/unit/testutil.h src/librubric.a
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< src/librubric.a $(CMOCKA_LIBS) $(CORE_LIBS)

tests/bin/dump: tests/dump.c src/librubric.a
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ tests/dump.c src/librubric.a $(CORE_LIBS)

tests/bin/bench_layout: tests/bench_layout.c src/librubric.a
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ tests/bench_layout.c src/librubric.a $(CORE_LIBS)

tests/bin/bench_sidecar: tests/bench_sidecar.c src/librubric.a
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ tests/bench_sidecar.c src/librubric.a $(CORE_LIBS)

tests/bin/bench_query: tests/bench_query.c src/librubric.a
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ tests/bench_query.c src/librubric.a $(CORE_LIBS)

tests/bin/crashsave: tests/crashsave.c src/librubric.a
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ tests/crashsave.c src/librubric.a $(CORE_LIBS)

# Not sanitized: it is preloaded into the program, sanitizer runtime or not.
tests/bin/faultshim.so: tests/faultshim.c
	@mkdir -p tests/bin
	$(CC) -std=c11 -Wall -Wextra -O1 -g -shared -fPIC -o $@ tests/faultshim.c -ldl

tests/bin/gencorpus: tests/gencorpus.c
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) -o $@ tests/gencorpus.c

tests/bin/ptybytes: tests/ptybytes.c
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) -o $@ tests/ptybytes.c -lutil

# Installs the Debian packages that are missing; as a normal user it says what to run.
deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEBIAN_PKGS)"

# make bench compares the theme scan with ripgrep; GNU time gives the scale run's peak RSS.
bench-deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEBIAN_PKGS) ripgrep time"

install-packages:
	@if ! command -v dpkg >/dev/null 2>&1; then \
		echo "rubric: not Debian: install ncursesw, PCRE2, iniparser, libzip, libxml2, xxHash, cmocka, tmux, mandoc by hand"; \
		exit 0; \
	fi; \
	missing=""; \
	for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
		else \
			echo "rubric needs:$$missing"; \
			echo "run: sudo apt-get install$$missing"; \
			exit 1; \
		fi; \
	fi

run: deps
	@$(MAKE) --no-print-directory rubric
	./rubric tests/sample

# Suites side by side (tests/run.sh -j): most of their time is a screen waited on.
TEST_JOBS ?=	3
check: deps
	@$(MAKE) --no-print-directory rubric $(UNIT_TESTS) $(TEST_TOOLS)
	@sh tests/run.sh -j $(TEST_JOBS)

# The whole suite again, built with clang's address and undefined-behaviour
# sanitizers; objects are rebuilt before and after, so the tree is left clean. The
# three suites that repeat a command hundreds of times (textindex's rounds, sidecar's
# races and kills, hostile's seeds) repeat it a fifth as often (RUBRIC_TEST_SHORT):
# at one to four processes a second under the sanitizers, they took 10-14 minutes each.
SANITIZE_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer
check-sanitize: deps
	@$(MAKE) --no-print-directory clean >/dev/null
	@$(MAKE) --no-print-directory CC=clang CFLAGS="$(SANITIZE_CFLAGS)" \
		rubric $(UNIT_TESTS) $(TEST_TOOLS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 RUBRIC_TEST_SHORT=1 \
		sh tests/run.sh -j $(TEST_JOBS); \
		rc=$$?; $(MAKE) --no-print-directory clean >/dev/null; exit $$rc

# libFuzzer harnesses (tests/fuzz/), each run for FUZZ_SECONDS on a scratch copy of
# its seed corpus; any crash, leak or broken invariant fails. The core is built again
# with clang and the sanitizers into an object directory of its own: src/*.o are
# never touched.
FUZZ_SECONDS ?=	30
FUZZ_TARGETS =	article config query sidecar theme listing
FUZZ_CC =	clang
FUZZ_CFLAGS =	$(ALL_CFLAGS) -O1 -g -fno-omit-frame-pointer \
		-fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OBJS =	$(CORE_SRCS:src/%.c=tests/fuzz/obj/%.o)
FUZZ_BINS =	$(FUZZ_TARGETS:%=tests/fuzz/bin/fuzz_%)

tests/fuzz/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p tests/fuzz/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

tests/fuzz/obj/librubric.a: $(FUZZ_OBJS)
	$(AR) rcs $@ $(FUZZ_OBJS)

tests/fuzz/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h tests/fuzz/stockini.h \
    tests/fuzz/obj/librubric.a
	@mkdir -p tests/fuzz/bin
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< \
		tests/fuzz/obj/librubric.a $(CORE_LIBS)

fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZ_BINS)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The scale run's articles: make bench N=1000000 for issue 15's million (6.5 GB of disk).
N ?=		100000
bench: bench-deps
	@$(MAKE) --no-print-directory rubric $(TEST_TOOLS) tests/bin/gencorpus
	@sh tests/bench.sh
	@sh tests/bench_scale.sh $(N)

lint:
	mandoc -T lint -W warning man/rubric.1 man/rubric.5

# config.ini is installed as the reference to copy from; the program carries its own
# copy and does not read this one.
install: rubric
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 rubric $(DESTDIR)$(BINDIR)/rubric
	install -m 644 config/config.ini $(DESTDIR)$(DATADIR)/config.ini
	install -m 644 man/rubric.1 $(DESTDIR)$(MANDIR)/man1/rubric.1
	install -m 644 man/rubric.5 $(DESTDIR)$(MANDIR)/man5/rubric.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rubric $(DESTDIR)$(DATADIR)/config.ini \
		$(DESTDIR)$(MANDIR)/man1/rubric.1 $(DESTDIR)$(MANDIR)/man5/rubric.5
	-rmdir $(DESTDIR)$(DATADIR)

clean:
	rm -f rubric src/*.o src/librubric.a src/config_builtin.c src/config_builtin.c.tmp
	rm -rf tests/bin tests/out tests/fuzz/obj tests/fuzz/bin
