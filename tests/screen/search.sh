#!/bin/sh
# Whole-screen tests of search: / with n and N, a bad pattern, & over the corpus.
. "$(dirname "$0")/lib.sh"
# Search: / with n and N, a bad pattern, and & over the corpus.
start 100 30 TERM=tmux-256color -- "$tmp/sample"
wait_for "Articles" >/dev/null
keys Enter / 'bread|flour'
check "/ opens a prompt on the status line" "^/bread\\|flour"
keys Enter
if wait_for "flour" && capture -e | grep -q "7mflour\\|7mbread"; then
	ok "/ highlights every hit"
else
	notok "/ highlights every hit"
fi
keys n n n n n n
check "n wraps around with a message" "search wrapped to the top"
keys N
check "N wraps backwards with a message" "search wrapped to the bottom"
keys / '(unclosed' Enter
check "a bad search pattern says what is wrong and where" "/\\(unclosed: missing closing parenthesis at offset 9"
keys / Up
check "Up in the prompt recalls the previous pattern" "^/\\(unclosed"
keys Escape
keys q '&' Daesh Enter
check "& limits the list to the articles that match" "&Daesh: 4 articles match"
keys C-l
check "the status line shows the corpus search" "^ sample +1/4  &/Daesh/"
check "the list counts the matching articles" "Articles +1/4"
keys '&' Enter
check "an empty & shows every article again" "Articles +1/12"

finish
