#!/bin/sh
# Whole-screen tests of passages: a selection in the body coded with t and noted with
# a, the coded passage underlined with a mark in the margin (with colours and with
# NO_COLOR), saved in the sidecar and shown again after a restart, P's list and
# Enter, the sidebar's count of passages, an orphan shown once the text changed, and
# U taking a code back.
. "$(dirname "$0")/lib.sh"
art=2017/deir-ezzor-siege-lifted.txt
rm -rf "$tmp/p"
cp -r tests/sample "$tmp/p"
side="$tmp/p/.rubric.ini"
# has PATTERN: whether the sidecar holds a line matching PATTERN (grep -E).
has() { grep -q -E -e "$1" "$side" 2>/dev/null; }
# underlined TEXT: whether the row showing TEXT is drawn underlined after the
# margin's mark.
esc=$(printf '\033')
underlined() {
	capture -e | grep -F -e "$1" | grep -E "(^|│)($esc\\[[0-9;]*m)*\\|" |
	    grep -q -E "$esc\\[([0-9]+;)*4(;[0-9]+)*m"
}

start 120 40 TERM=tmux-256color EDITOR="$top/tests/editor.sh" -- "$tmp/p"
wait_for "Articles" >/dev/null
# The body: a search hit taken as the selection (c), grown to its sentence's end.
keys Tab / 'first trucks rolled' Enter
wait_for "first trucks rolled" >/dev/null
keys c
check "c selects the search hit" 'selected "first trucks rolled": t codes it'
keys w
check "w grows it by a word" 'selected "first trucks rolled into"'
keys ')'
check ") grows it to the sentence's end" 'selected "first trucks rolled into\.\.\.": t codes it'
keys t sie Tab
keys C-u siege Enter
check "t codes the selection" 'coded "first trucks rolled into\.\.\." siege'
if eventually 'has "^passage\.[0-9a-f]{8} = [0-9]+-[0-9]+$"' &&
    has '^passage\.[0-9a-f]{8}\.quote = "first trucks rolled into the western districts of Deir ez-Zor shortly after dawn on Tuesday, their flatbeds stacked with flour sacks, insulin coolers and drums of diesel\."$' &&
    has '^passage\.[0-9a-f]{8}\.tag "siege" = person$'; then
	ok "the sidecar has the passage's lines: offsets, quote, code"
else
	notok "the sidecar has the passage's lines: offsets, quote, code"
	sed 's/^/# /' "$side"
fi
sleep 0.3
if underlined "first trucks rolled"; then ok "the passage is underlined, with a mark in the margin"; else notok "the passage is underlined, with a mark in the margin"; fi
check "the sidebar counts the code's passage beside its articles" "siege +0\\+1 "
# A note on another selection: a sentence with V, from the body's first line.
keys g V
check "V selects the sentence at the body's first line" \
    'selected "Title: Relief column rea[^"]*\.\.\.": t codes it'
keys V
check "V again: the next sentence, a header's field being one" \
    'selected "Date: 2017-09-06": t codes it'
keys Escape
check "Esc cancels the selection" "selection cancelled"
keys / Samer Enter c a
check "a writes the selected passage's note in \$EDITOR" "passage note saved"
if eventually 'has "^passage\.[0-9a-f]{8}\.note = \"Edited by script; \\\\x22quoted\\\\x22"'; then
	ok "the note is the passage's in the sidecar"
else
	notok "the note is the passage's in the sidecar"
	sed 's/^/# /' "$side"
fi
keys P
check "P lists the article's passages" "Passages of $art"
check "with their offsets, codes and quotes" '[0-9]+-[0-9]+  \[siege\]  "first trucks rolled into the western'
check "and their notes" '\[\]  "Samer"  note: Edited by script'
keys q
wait_for "Articles" >/dev/null

# Shown again after a restart, without colours too; P and Enter go to it.
start 120 40 TERM=tmux-256color NO_COLOR=1 -- "$tmp/p"
wait_for "Articles" >/dev/null
keys P
check "P after a restart lists the saved passage" '\[siege\]  "first trucks rolled'
keys Enter
check "Enter opens its article at the passage" "passage 1 of 2 \\(q goes back to the list\\)"
sleep 0.3
if underlined "first trucks rolled"; then ok "the passage is underlined with NO_COLOR too"; else notok "the passage is underlined with NO_COLOR too"; fi
if capture -e | grep -F -e "first trucks rolled" | grep -q -E "$esc\\[([0-9]+;)*7(;[0-9]+)*m"; then
	ok "and highlighted as the place Enter went to"
else
	notok "and highlighted as the place Enter went to"
fi
keys q
check "q goes back to the list" "Passages of $art"
keys q Tab Tab
# In the sidebar on the code (the last tag): the corpus's passages of it.
keys G P
check "P on a tag in the sidebar lists the corpus's passages of that code" \
    "Passages coded siege"
check "each with its article" "$art  \\[siege\\]"
keys q

# U takes the code back; the passage, left with neither code nor note, goes.
keys Tab Tab / 'first trucks' Enter c ')' t 'siege2, last word, sie' Tab Enter
check "more codes, separated by commas, one with a space, the last completed" \
    'coded "first trucks rolled into\.\.\." siege2, last word, siege$'
if eventually 'has "tag \"siege2\" = person"' && has 'tag "last word" = person'; then
	ok "the sidecar has both"
else
	notok "the sidecar has both"
	sed 's/^/# /' "$side"
fi
keys U
check "U takes them back" "undone: [^(]*$"
if eventually '! grep -q -e siege2 -e "last word" "$side"' &&
    has 'tag "siege" = person'; then
	ok "the sidecar loses the codes U undid, keeps the other"
else
	notok "the sidecar loses the codes U undid, keeps the other"
	sed 's/^/# /' "$side"
fi
# u on a selection: a code off the passages it overlaps, only those that have it.
keys / 'first trucks' Enter c ')' t extra Enter
check "another code" 'coded .* extra$'
keys / 'into the western' Enter c u nope Enter
check "u with a code no passage there has says so" \
    "no passage in the selection has that code"
keys / 'into the western' Enter c u extra Enter
check "u takes a code off the passage the selection overlaps" \
    'uncoded "into the western" extra'
if eventually '! grep -q "tag \"extra\"" "$side"' && has 'tag "siege" = person'; then
	ok "the sidecar loses that code only"
else
	notok "the sidecar loses that code only"
	sed 's/^/# /' "$side"
fi
keys q
wait_for "exit" >/dev/null

# The text changes under the passage: an orphan, shown above the body, kept.
sed 's/first trucks rolled/first lorries rolled/' "$tmp/p/$art" >"$tmp/p/x" &&
    mv "$tmp/p/x" "$tmp/p/$art"
start 120 40 TERM=tmux-256color -- "$tmp/p"
wait_for "Articles" >/dev/null
check "an orphaned passage is shown above the body" \
    'orphaned passage: "first trucks rolled into\.\.\." \(siege[ )]'
if has 'quote = "first trucks rolled'; then ok "and kept in the sidecar"; else notok "and kept in the sidecar"; fi

# A sidecar whose folder does not hold the article: nothing to save, and said.
mkdir -p "$tmp/elsewhere"
start 120 40 TERM=tmux-256color -- --sidecar "$tmp/elsewhere/side.ini" "$tmp/p"
wait_for "Articles" >/dev/null
keys Tab V t siege Enter
check "a passage outside the sidecar's folder is not saved, and that is said" \
    "not below the directory of .*side.ini: nothing to save"
if [ ! -e "$tmp/elsewhere/side.ini" ]; then ok "and no sidecar is made"; else notok "and no sidecar is made"; fi

# A selection whose passage id a passage of another text has (a hand edit): t and a
# refuse it, where its codes went to that other passage.
mkdir -p "$tmp/clash"
printf 'Siege\n\nOn Tuesday, the siege was lifted by government forces. The siege had lasted.\n' \
    >"$tmp/clash/a.txt"
printf '[article "a.txt"]\npassage.8ad90088 = 76-82\npassage.8ad90088.quote = "lasted"\npassage.8ad90088.tag "planted" = person\n' \
    >"$tmp/clash/.rubric.ini"
cp "$tmp/clash/.rubric.ini" "$tmp/clash.ini"
start 120 40 TERM=tmux-256color -- "$tmp/clash"
wait_for "Articles" >/dev/null
keys Tab / government Enter
wait_for "government" >/dev/null
keys c
check "c selects the span" 'selected "government"'
keys t gov Enter
check "t on a span whose id another passage has says so" \
    'passage 8ad90088 is already another text.s \("lasted"\): mend it'
if cmp -s "$tmp/clash/.rubric.ini" "$tmp/clash.ini"; then ok "and the sidecar is as it was"; else notok "and the sidecar is as it was"; sed 's/^/# /' "$tmp/clash/.rubric.ini"; fi

finish
