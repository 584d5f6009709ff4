#!/bin/sh
# Whole-screen tests of R, the configuration read again, and D, what it changed: the
# corpus's themes file is edited under a running screen (a pattern added to a theme, a
# theme added, one removed), and the status line's summary is checked against what
# rubric diff says of the file's two versions, which counts the corpus under each.
. "$(dirname "$0")/lib.sh"
esc=$(printf '\033')
ini="$tmp/sample/.rubric-themes.ini"
cp "$ini" "$tmp/old.ini"

# reload PATTERN: R until the status line shows PATTERN; while a scan still counts,
# R says so and is pressed again.
reload() {
	i=0
	while [ $i -lt 20 ]; do
		keys R
		wait_pane "" 20 "$1|still being counted" >/dev/null
		capture | grep -q -E -e "still being counted" || break
		sleep 0.2
		i=$((i + 1))
	done
	check "$2" "$1"
}

start 160 30 TERM=tmux-256color -- "$tmp/sample"
wait_for "euphrates +[0-9]+ +10 │" >/dev/null
reload "reloaded: no article changes$" "R with the file unchanged changes no article"
check_not "the summary offers D only when something changed" "D shows them"
keys D
check "D lists every theme the same" "^ +euphrates: the same, 10 articles with a hit"
keys q
keys / Winter Enter
wait_for "Winter comes early to the camps" >/dev/null
if capture -e | grep -q "38;5;160mcamps"; then
	notok "before the reload, camps is not a theme"
else
	ok "before the reload, camps is not a theme"
fi
keys l 'theme:mayadin' Enter
check "a limit naming a theme" "Articles +[0-9]+/7"

# The edit: a pattern for euphrates, a new theme camps with automatic tags, and
# mayadin gone.
awk '
	/^\[theme mayadin\]/ { skip = 1; next }
	/^\[/ { skip = 0 }
	skip { next }
	{ print }
	/^pattern.dam/ { print "pattern.water = \"\\bwater\\b\"" }
	END { print ""; print "[theme camps]"; print "color = color160";
	    print "pattern = \"\\bcamps?\\b\""; print "autotag = 2" }
' "$tmp/old.ini" >"$ini"
cp "$ini" "$tmp/new.ini"

# The oracle: rubric diff over the same corpus, and the summary it implies.
mkdir -p "$tmp/cache2"
XDG_CACHE_HOME="$tmp/cache2" XDG_CONFIG_HOME="$tmp/xdg" RUBRIC_DATADIR="$top/config" \
    LC_ALL=C.UTF-8 ./rubric diff "$tmp/old.ini" "$tmp/new.ini" "$tmp/sample" \
    >"$tmp/diff.out" 2>"$tmp/diff.err"
want=$(awk '
	function flush() {
		if (name == "")
			return
		item = name
		if (g + l + k == 0)
			item = item " no hits"
		else {
			if (g > 0) item = item " +" g
			if (l > 0) item = item " -" l
			if (k > 0) item = item " ~" k
			if (counted++ == 0)
				item = item (g + l + k == 1 ? " article" : " articles")
		}
		out = out (nitems++ > 0 ? ", " : "") item
		name = ""
	}
	/^\t~\t/ { k++ }
	/^\t/ || !/: articles [0-9]+ -> [0-9]+ / { next }
	{
		flush()
		name = $0
		sub(/ \(only in .*|: articles .*/, "", name)
		if ($0 ~ /^[^:]* \(only in [^)]*new\.ini\)/) name = name " (new)"
		if ($0 ~ /^[^:]* \(only in [^)]*old\.ini\)/) name = name " (gone)"
		match($0, /\(\+[0-9]+ -[0-9]+\)/)
		split(substr($0, RSTART + 2, RLENGTH - 3), gl, " -")
		g = gl[1] + 0; l = gl[2] + 0; k = 0
		match($0, /automatic tags \+[0-9]+ -[0-9]+/)
		split(substr($0, RSTART + 16, RLENGTH - 16), tl, " -")
		tg += tl[1]; tlost += tl[2]
	}
	END {
		flush()
		if (tg > 0 && tlost > 0)
			out = out " (" tg " automatic tag" (tg == 1 ? "" : "s") \
			    " gained, " tlost " lost)"
		else if (tg + tlost > 0)
			out = out " (" tg + tlost " automatic tag" \
			    (tg + tlost == 1 ? "" : "s") (tg > 0 ? " gained)" : " lost)")
		print out
	}' "$tmp/diff.out")
case $want in
"euphrates +1 ~6 articles, camps (new) +4, mayadin (gone) -7 (2 automatic tags gained)")
	ok "rubric diff of the two files: $want" ;;
*)	notok "rubric diff of the two files: '$want'"; sed 's/^/# /' "$tmp/diff.out" \
	    "$tmp/diff.err" ;;
esac
pat=$(printf '%s' "$want" | sed 's/[][().+*?^$|\\]/\\&/g')
reload "reloaded: $pat; D shows them" "R says what the new themes gained and lost"
check "the sidebar has the new theme and its articles" "camps +[0-9]+ +4 │"
check_not "the sidebar has lost the removed theme" "^ +mayadin +[0-9]"
check "the limit that named a removed theme is let go" "Articles +[0-9]+/12"
keys H
check "H says why the limit was let go" "the limit is cleared: .*mayadin"
keys q

# D: rubric diff's lines, tabs as spaces.
gained=$(grep -m1 "^	+	" "$tmp/diff.out" | cut -f3)
keys D
check "D opens the view of what changed" "What the reload changed"
check "D names each theme as rubric diff does" \
    "^ +camps \\(only in the new configuration\\): articles 0 -> 4 \\(\\+4 -0\\)"
check "D lists a gained article" "^ +\\+ $gained 0 -> [0-9]+"
keys q

keys / Winter Enter
wait_for "Winter comes early to the camps" >/dev/null
sleep 0.2
if capture -e | grep -q "38;5;160mcamps"; then
	ok "the body highlights the new theme's hit in its colour"
else
	notok "the body highlights the new theme's hit in its colour"
fi

# A file that no longer parses: nothing changes, and the status line says where.
printf '[theme broken\npattern = "x"\n' >>"$ini"
keys R
check "a configuration that does not parse is not reloaded" \
    "not reloaded: .*rubric-themes\\.ini:[0-9]+: "
sleep 0.2
if capture -e | grep -q "38;5;160mcamps"; then
	ok "the highlighting in use stays"
else
	notok "the highlighting in use stays"
fi
check "the sidebar in use stays" "camps +[0-9]+ +4 │"

# A change only a new walk applies is said, not made.
cp "$tmp/new.ini" "$ini"
printf '[rubric]\nextensions = txt\n' >>"$ini"
reload "restart rubric to apply extensions" "R says that extensions need a restart"
check "the articles walked stay listed" "Articles +[0-9]+/12"

finish
