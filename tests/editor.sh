#!/bin/sh
# A scripted $EDITOR for the screen tests: appends two lines to the file it is given.
printf 'Edited by script; "quoted" ; # = [ ]\nsecond line\n' >>"$1"
