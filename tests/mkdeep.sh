#!/bin/sh
# mkdeep.sh DIR [TEXT] -- a corpus with a path longer than PATH_MAX, for the tests that
# a walk lists such an article, unreadable, with the reason, where the commands and
# the screen read it.
#
# Creates DIR with a readable article (a copy of tests/sample/mayadin-returnees.txt)
# and, 3,000 folders "nested" down, bottom.txt holding TEXT (empty by default). The
# folders are made one at a time relative to the one above (mkdir -p would need the
# whole path at once, which the system refuses).
set -eu
mkdir "$1"
cp "$(dirname "$0")/sample/mayadin-returnees.txt" "$1/"
python3 -c 'import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
for i in range(3000):
    os.mkdir("nested", dir_fd=fd)
    sub = os.open("nested", os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = sub
f = os.open("bottom.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
os.write(f, sys.argv[2].encode())
os.close(f)' "$1" "${2-}"
