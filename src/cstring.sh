#!/bin/sh
# Writes a C source holding a file's bytes, so that the program carries the file:
#   src/cstring.sh FILE NAME >OUT.c
# gives `const unsigned char NAME[]` (the bytes and a NUL after them) and `const size_t
# NAME_len`. Only od and awk: no xxd, which is vim's and not everywhere.
set -eu

[ $# -eq 2 ] || { echo "usage: src/cstring.sh FILE NAME" >&2; exit 2; }
[ -r "$1" ] || { echo "src/cstring.sh: $1: cannot read" >&2; exit 1; }
# od fails on its own if the file went away; the pipe would hide that.
bytes=$(od -An -v -t u1 "$1")
printf '%s\n' "$bytes" | awk -v file="$1" -v name="$2" '
BEGIN {
	printf "/* Generated from %s by src/cstring.sh; do not edit. */\n", file
	printf "#include <stddef.h>\n\n"
	printf "extern const unsigned char %s[];\nextern const size_t %s_len;\n\n", name, name
	printf "const unsigned char %s[] = {", name
	n = 0
}
{
	for (i = 1; i <= NF; i++) {
		if (n % 16 == 0)
			printf "\n\t"
		else
			printf " "
		printf "%s,", $i
		n++
	}
}
END {
	if (n % 16 == 0)
		printf "\n\t"
	else
		printf " "
	printf "0\n};\nconst size_t %s_len = %d;\n", name, n
}'
