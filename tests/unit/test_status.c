/* status.c: counts with separators and in four columns at the edges of each unit, and
   the message ring: most recent first, repeats folded, the oldest dropped past its
   size, long messages cut at a character's edge. */
#include "testutil.h"

#include "status.h"

static void
test_count(void **state)
{
	static const struct {
		size_t		 n;
		const char	*full, *brief;
	} cases[] = {
		{ 0,		"0",		"0" },
		{ 999,		"999",		"999" },
		{ 1000,		"1,000",	"1.0k" },
		{ 12345,	"12,345",	"12k" },
		{ 133896,	"133,896",	"133k" },
		{ 999999,	"999,999",	"999k" },
		{ 1000000,	"1,000,000",	"1.0M" },
		{ 1200000000,	"1,200,000,000", "1.2G" },
	};
	char	 buf[32];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_string_equal(status_count(buf, sizeof buf, cases[i].n),
		    cases[i].full);
		assert_string_equal(status_short(buf, sizeof buf, cases[i].n),
		    cases[i].brief);
		assert_true(strlen(buf) <= 4);
	}
	/* A buffer too small is cut, never overrun. */
	assert_string_equal(status_count(buf, 4, 12345), "12");
}

static void
test_ring(void **state)
{
	struct status_log	 lg;
	char			 text[32], long_text[400];
	size_t			 i;

	(void)state;
	memset(&lg, 0, sizeof lg);
	assert_null(status_log_get(&lg, 0));
	status_log_add(&lg, 0, "first");
	status_log_add(&lg, 1, "second");
	status_log_add(&lg, 1, "second");
	assert_string_equal(status_log_get(&lg, 0)->text, "second");
	assert_int_equal(status_log_get(&lg, 0)->repeat, 1);
	assert_int_equal(status_log_get(&lg, 0)->error, 1);
	assert_string_equal(status_log_get(&lg, 1)->text, "first");
	assert_null(status_log_get(&lg, 2));
	for (i = 0; i < STATUS_LOG_MAX + 7; i++) {
		snprintf(text, sizeof text, "message %zu", i);
		status_log_add(&lg, 0, text);
	}
	assert_int_equal(lg.n, STATUS_LOG_MAX);
	snprintf(text, sizeof text, "message %zu", (size_t)STATUS_LOG_MAX + 6);
	assert_string_equal(status_log_get(&lg, 0)->text, text);
	assert_string_equal(status_log_get(&lg, STATUS_LOG_MAX - 1)->text,
	    "message 7");
	assert_null(status_log_get(&lg, STATUS_LOG_MAX));
	/* "é" is two bytes: the cut falls before one, not inside. */
	memset(long_text, 'a', sizeof long_text);
	memcpy(long_text + STATUS_MSG_MAX - 2, "é", 2);
	long_text[sizeof long_text - 1] = '\0';
	status_log_add(&lg, 0, long_text);
	assert_int_equal(strlen(status_log_get(&lg, 0)->text), STATUS_MSG_MAX - 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_ring),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
