#!/bin/sh
# Whole-screen tests of tags: t with Tab completion, marks, u, read and unread,
# automatic tags, tags that follow a moved article.
. "$(dirname "$0")/lib.sh"
# Tags on the screen: t with Tab completion, marks, u, read and unread.
rm -rf "$tmp/tagged"
cp -r tests/sample "$tmp/tagged"
start 100 30 TERM=tmux-256color -- "$tmp/tagged"
wait_for "Articles" >/dev/null
if capture -e | grep -q "$(printf '\033')\\[1mRelief column"; then
	ok "unread articles are bold"
else
	notok "unread articles are bold"
fi
keys t Urgent Enter
check "t tags the selected article" "tagged Urgent 1 article"
# With the sidebar hidden (B) the long title leaves room for its tag.
keys B
check "the list shows the tag" "Relief column reaches Deir ez-Zor after a three-year siege Urgent"
keys B
keys m m
check "m marks and moves on" "2 marked"
check "marked articles show a star" "│ \\*.{4}[0-9-]{10} The race for Albu Kamal"
keys t U Tab
check "Tab completes a tag name" "^tag: Urgent"
keys Enter
check "t tags every marked article" "tagged Urgent 2 articles"
keys M g u Tab
check "u completes over the article's tags" "^untag: Urgent"
keys Enter
check "u removes the tag" "untagged Urgent 1 article"
keys t 'a,b' Enter
check "a comma in a tag is refused" "a tag name cannot hold a comma"
keys Enter q
wait_for "Articles" >/dev/null
sleep 0.3
if capture -e | grep -q "$(printf '\033')\\[1mRelief column"; then
	notok "an opened article is no longer bold"
else
	ok "an opened article is no longer bold"
fi
if grep -q '^read = yes' "$tmp/tagged/.rubric.ini" &&
    grep -q '^tag "Urgent" = person' "$tmp/tagged/.rubric.ini"; then
	ok "tags and read flags are in the sidecar at once"
else
	notok "tags and read flags are in the sidecar at once"
fi
keys r
check "r marks the article unread again" "1 marked unread"

# Automatic tags (autotag in the themes): shown apart, accepted or rejected for good.
rm -rf "$tmp/auto"
cp -r tests/sample "$tmp/auto"
start 110 30 TERM=tmux-256color -- "$tmp/auto"
wait_for "Articles" >/dev/null
sleep 0.5
keys j
check "a theme's tag shows apart, with ~" "The race for Albu Kamal .*~albu-kamal"
check "the sidebar counts automatic tags" "^  albu-kamal .* 4 │"
keys + albu Tab
check "+ completes over the article's automatic tags" "^accept: albu-kamal"
keys Enter
check "+ accepts it" "accepted albu-kamal 1 article"
keys - i Tab Enter
check "- rejects one and says so" "rejected isis 1 article"
keys + kept Enter
check "+ on a name no theme tags says it makes a plain tag" \
    "tagged kept 1 article \\(no theme tags it automatically\\)"
keys - nothere Enter
check "- on a name no theme tags says so too" \
    "rejected nothere 1 article \\(no theme tags it automatically\\)"
if eventually 'grep -q "^tag \"albu-kamal\" = person" "$tmp/auto/.rubric.ini" &&
    grep -q "^tag \"isis\" = rejected" "$tmp/auto/.rubric.ini" &&
    grep -q "^tag \"kept\" = person" "$tmp/auto/.rubric.ini"'; then
	ok "the sidecar records who put each tag there"
else
	notok "the sidecar records who put each tag there"
fi
check_not "a rejected tag stays off the article" "The race for Albu Kamal .*~isis"

# A tagged article moved within the corpus: its tags follow it by its content.
rm -rf "$tmp/moved"
cp -r tests/sample "$tmp/moved"
touch "$tmp/moved/.rubric.ini"
./rubric tag +Followed -- "$tmp/moved/hasakah-camps-winter.txt"
mv "$tmp/moved/hasakah-camps-winter.txt" "$tmp/moved/reports/camps.txt"
start 100 30 -- "$tmp/moved"
check "a moved article's tags follow it" "1 moved article: its tags followed"
if grep -q '^\[article "reports/camps.txt"\]' "$tmp/moved/.rubric.ini" &&
    ! grep -q 'hasakah-camps-winter' "$tmp/moved/.rubric.ini"; then
	ok "the sidecar has the entry under the new path"
else
	notok "the sidecar has the entry under the new path"
fi

finish
