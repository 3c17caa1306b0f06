#!/bin/sh
# The layers of the guide, as the sources include them: forms/ (fields,
# forms, labels: no SQL, no curses, no other layer) <- db/ (the only SQL,
# never curses) <- io/ and tui/ (peers: neither includes the other; tui
# never sqlite3.h) <- cli/.  A file that breaks one is named.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
S=$PAICHA_SRCDIR
# breaks DIR PATTERN: the files of DIR whose #include lines match
breaks() { grep -l "^#include .*\($2\)" "$S/$1"/*.c "$S/$1"/*.h "$S/$1"/*.cc 2>/dev/null | sed "s|^$S/||"; }
is "$(breaks forms '"db/\|"io/\|"tui/\|"cli/\|sqlite3.h\|curses')" "" \
    "forms/ includes no other layer, no SQLite and no curses"
is "$(breaks db '"io/\|"tui/\|"cli/\|curses')" "" "db/ includes neither io/, tui/, cli/ nor curses"
is "$(breaks io '"tui/\|"cli/\|curses\|sqlite3.h')" "" "io/ includes neither tui/, cli/, curses nor SQLite"
is "$(breaks tui '"io/\|"cli/\|sqlite3.h')" "" "tui/ includes neither its peer io/, cli/ nor SQLite"
n=$(ls "$S"/forms/*.c "$S"/db/*.c "$S"/io/*.c "$S"/tui/*.c | wc -l)
[ "$n" -gt 50 ]; ok $? "the check read the layers' sources ($n files)"
done_testing
