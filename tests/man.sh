#!/bin/sh
# The manual pages are clean under mandoc's linter, and name what they must.
set -u
n=0
check() {
	n=$((n + 1))
	if eval "$2" >/dev/null 2>&1; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
for page in man/rubric.1 man/rubric.5; do
	check "$page is clean under mandoc -T lint" \
	    "[ -z \"\$(mandoc -T lint -W warning $page 2>&1)\" ]"
done
check "rubric.1 has a FILES section naming the config" \
    "grep -q '^\\.Sh FILES' man/rubric.1 && grep -q 'config.ini' man/rubric.1"
check "rubric.1 lists every key of the help screen" \
    "for k in Tab Enter q '?' g G; do grep -q -- \"\$k\" man/rubric.1 || exit 1; done"
check "rubric.1 describes undo and redo (U, ^R)" \
    "grep -q '^\\.It Ic U\$' man/rubric.1 && grep -q '^\\.It Ic \\^R\$' man/rubric.1"
check "rubric.5 documents every [rubric] key of the shipped config" \
    "for k in \$(sed -n '/^\\[rubric\\]/,/^\\[/s/^\\([a-z_]*\\) *=.*/\\1/p' config/config.ini); do grep -q \"\$k\" man/rubric.5 || exit 1; done"
# A quoting macro runs to the end of its line, so two on one line nest:
# "(“skip to main content, “back to top, comment forms””)".  The rendered
# page is read as one line, so that a quote closed on the next line counts.
for page in man/rubric.1 man/rubric.5; do
	check "$page renders no quote nested in its own kind" \
	    "! mandoc -T utf8 $page | col -b | tr '\\n' ' ' |
	    grep -qE '“[^”]*“|‘[^’]*‘'"
done
# A quote that starts with a macro's name (No, Ns, Pa) loses the word: "No such
# file" rendered as “such file”.
for page in man/rubric.1 man/rubric.5; do
	check "$page quotes no word that is a macro's name unescaped" \
	    "! grep -nE '^\\.(Dq|Sq|Ql|Qq) (No|Ns|Pa|Ar|Em|Sy|Li|Ap) ' $page"
done
