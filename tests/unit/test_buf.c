/* buf.c: the growable buffer the sidecar, its text and its journal build text in.
   What is put comes back byte for byte, NUL bytes too, NUL-terminated after; it
   grows past any size; a reset keeps the memory; a freed buffer is empty. */
#include "testutil.h"

#include "buf.h"

static void
test_put(void **state)
{
	struct buf	 b = { NULL, 0, 0 };

	(void)state;
	buf_put(&b, "", 0);
	assert_non_null(b.s);
	assert_string_equal(b.s, "");
	buf_put(&b, "ab\0c", 4);
	buf_puts(&b, "de");
	assert_int_equal(b.n, 6);
	assert_memory_equal(b.s, "ab\0cde", 7);
	assert_true(b.cap > b.n);
	buf_free(&b);
	assert_null(b.s);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.cap, 0);
}

/* A byte at a time past many doublings: every byte where it was put. */
static void
test_grow(void **state)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	char		 c;

	(void)state;
	for (i = 0; i < 100000; i++) {
		c = (char)('a' + i % 26);
		buf_put(&b, &c, 1);
	}
	assert_int_equal(b.n, 100000);
	assert_int_equal(b.s[b.n], '\0');
	for (i = 0; i < b.n; i++)
		if (b.s[i] != (char)('a' + i % 26))
			fail_msg("byte %zu is %c", i, b.s[i]);
	buf_free(&b);
}

/* printf, short and longer than what the buffer has room for. */
static void
test_printf(void **state)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 big[3000];

	(void)state;
	buf_printf(&b, "%s.%04zu = \"", "note", (size_t)7);
	assert_string_equal(b.s, "note.0007 = \"");
	buf_printf(&b, "\\x%02x", 0x1b);
	assert_string_equal(b.s, "note.0007 = \"\\x1b");
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_printf(&b, "[%s]", big);
	assert_int_equal(b.n, 17 + 2 + sizeof big - 1);
	assert_int_equal(b.s[17], '[');
	assert_int_equal(b.s[b.n - 1], ']');
	assert_int_equal(b.s[b.n], '\0');
	buf_printf(&b, "%s", "");
	assert_int_equal(b.n, 17 + 2 + sizeof big - 1);
	buf_free(&b);
}

/* A reset empties and keeps the memory; a reset of a new buffer does nothing. */
static void
test_reset(void **state)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*mem;
	size_t		 cap;

	(void)state;
	buf_reset(&b);
	assert_null(b.s);
	assert_int_equal(b.n, 0);
	buf_puts(&b, "scratch text");
	mem = b.s;
	cap = b.cap;
	buf_reset(&b);
	assert_int_equal(b.n, 0);
	assert_ptr_equal(b.s, mem);
	assert_int_equal(b.cap, cap);
	assert_string_equal(b.s, "");
	buf_puts(&b, "new");
	assert_string_equal(b.s, "new");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_reset),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
