#!/bin/sh
# potfiles.sh -- print the sources that hold translatable text, one a line,
# sorted: every file under cli/ db/ forms/ io/ tui/ from which xgettext takes at
# least one _("..."), N_("...") or gettext_noop("...") string.  `make
# update-po` writes the list to po/POTFILES; tests/cli/i18n.sh checks that
# po/POTFILES is up to date.
#
#   po/potfiles.sh [SRCDIR]        (XGETTEXT=xgettext by default)
set -eu
cd "${1:-$(dirname "$0")/..}"
all=$(mktemp)
pot=$(mktemp)
trap 'rm -f "$all" "$pot"' EXIT
find cli db forms io tui -type f \( -name '*.c' -o -name '*.cc' -o -name '*.h' \) |
	LC_ALL=C sort > "$all"
# The msgids quote Chinese input on purpose (1月26日, 是/否): xgettext's
# warning about non-ASCII msgids is expected, so its stderr is dropped; a
# real failure still stops the script through its exit status.
${XGETTEXT:-xgettext} --from-code=UTF-8 -k_ -kN_ --keyword=gettext_noop \
	--omit-header -f "$all" -o "$pot" 2>/dev/null
sed -n 's/^#: //p' "$pot" | tr ' ' '\n' | sed 's/:[0-9]*$//' | grep . |
	LC_ALL=C sort -u
