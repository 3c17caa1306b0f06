#!/bin/sh
# paicha-nightly.sh -- the nightly job: export the day that has just
# ended (China Standard Time) into the report folder, keep a dated backup
# of the database, check it in full (paicha check --full), and remove what
# this job made long ago.
#
# Settings come from the environment, or from /etc/default/paicha-nightly
# (PAICHA_NIGHTLY_CONF names another file); the systemd unit reads it as
# an EnvironmentFile, cron does not, so this script reads it too and
# exports every setting in it (plain NAME=value lines, as both accept):
#   PAICHA_DB           the database (else db = in /etc/paicha.conf)
#   PAICHA_REPORT_DIR   where report folders go      (default /srv/paicha/reports)
#   PAICHA_BACKUP_DIR   where backups go             (default /srv/paicha/backups)
#   PAICHA_KEEP_DAYS    days to keep both            (default 30)
#   PAICHA_KEEP_NEWEST  the newest reports and backups always kept,
#                       however old                  (default 7)
#   PAICHA_BIN          the paicha program           (default: paicha on PATH)
#   PAICHA_DATE         the day to export, YYYY-MM-DD (default: yesterday)
#
# Retention removes only what this job made: each folder keeps a list,
# .paicha-nightly, of the names it wrote there (report folders
# DIVISION-YYYYMMDD, backups paicha-YYYYMMDD.db); a name is removed only
# when it is in that list, still has exactly that form with a real date,
# that date is more than KEEP_DAYS days ago, and it is not one of the
# KEEP_NEWEST newest.  Nothing else is ever touched, and nothing at all
# after a night on which the export, the backup or the check failed.
set -u
conf=${PAICHA_NIGHTLY_CONF:-/etc/default/paicha-nightly}
if [ -r "$conf" ]; then
	set -a
	. "$conf"
	set +a
fi
PAICHA_BIN=${PAICHA_BIN:-paicha}
REPORTS=${PAICHA_REPORT_DIR:-/srv/paicha/reports}
BACKUPS=${PAICHA_BACKUP_DIR:-/srv/paicha/backups}
KEEP=${PAICHA_KEEP_DAYS:-30}
NEWEST=${PAICHA_KEEP_NEWEST:-7}
[ -n "${PAICHA_DB:-}" ] && export PAICHA_DB
umask 027
me=paicha-nightly
list=.paicha-nightly

for n in "$KEEP" "$NEWEST"; do
	case $n in ''|*[!0-9]*)
		echo "$me: PAICHA_KEEP_DAYS and PAICHA_KEEP_NEWEST must be numbers" >&2
		exit 1 ;;
	esac
done
mkdir -p -- "$REPORTS" "$BACKUPS" || exit 1

# Dates in China Standard Time, whatever the server's TZ; one reading of
# the clock for the whole run.
now=$(TZ=Asia/Shanghai date +%s) || exit 1
today=$(TZ=Asia/Shanghai date -d "@$now" +%Y%m%d)
day=${PAICHA_DATE:-$(TZ=Asia/Shanghai date -d "@$((now - 86400))" +%Y-%m-%d)}
ymd=$(printf '%s' "$day" | tr -d -)
status=0

# remember NAME in FOLDER's list of what this job made
remember() { printf '%s\n' "$2" >>"$1/$list"; }

# real_date YYYYMMDD: is it a real day of the calendar?
real_date() {
	case $1 in [12][0-9][0-9][0-9][01][0-9][0-3][0-9]) ;; *) return 1 ;; esac
	[ "$(TZ=UTC date -d "$1" +%Y%m%d 2>/dev/null)" = "$1" ]
}

before=$(cd "$REPORTS" && ls -d -- [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-"$ymd" 2>/dev/null)
if "$PAICHA_BIN" export --date "$day" --out "$REPORTS"; then
	for d in "$REPORTS"/[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-"$ymd"; do
		[ -d "$d" ] && [ ! -L "$d" ] || continue
		name=${d##*/}
		printf '%s\n' "$before" | grep -qxF -- "$name" || remember "$REPORTS" "$name"
	done
else
	echo "$me: the report for $day failed; export it again with:" >&2
	echo "  paicha export --date $day --out '$REPORTS'" >&2
	status=1
fi
backup=$BACKUPS/paicha-$today.db
if [ -e "$backup" ]; then
	echo "$me: $backup exists already; kept it" >&2
elif "$PAICHA_BIN" backup "$backup"; then
	remember "$BACKUPS" "paicha-$today.db"
else
	echo "$me: the backup failed" >&2
	status=1
fi
# the whole check, the indexes too (nobody waits at night); its lines
# only when it finds something.  A database with problems keeps every
# older backup and report.
if ! out=$("$PAICHA_BIN" check --full 2>&1); then
	printf '%s\n' "$out" >&2
	echo "$me: 'paicha check --full' found problems (above); tell the administrator" >&2
	status=1
fi
if [ $status -ne 0 ]; then
	echo "$me: nothing was removed tonight (a step failed)" >&2
	exit $status
fi

# prune FOLDER KIND: remove what this job made there more than KEEP days
# ago, keeping the NEWEST newest.  KIND is report or backup.
prune() {
	folder=$1 kind=$2
	[ -f "$folder/$list" ] || return 0
	cutoff=$(TZ=UTC date -d "$today -$KEEP days" +%Y%m%d)
	# ours: names in the list, of the exact form, with real dates, newest first
	ours=$(while IFS= read -r name; do
		case $kind:$name in
		report:[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9])
			date=${name#*-}
			[ -d "$folder/$name" ] && [ ! -L "$folder/$name" ] || continue ;;
		backup:paicha-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9].db)
			date=${name#paicha-}; date=${date%.db}
			[ -f "$folder/$name" ] && [ ! -L "$folder/$name" ] || continue ;;
		*) continue ;;
		esac
		real_date "$date" && printf '%s %s\n' "$date" "$name"
	done <"$folder/$list" | sort -u -r)
	printf '%s\n' "$ours" | tail -n +"$((NEWEST + 1))" | while read -r date name; do
		[ -n "$name" ] && [ "$date" -lt "$cutoff" ] || continue
		rm -rf -- "${folder:?}/$name" && echo "$me: removed $folder/$name"
	done
	# the list keeps what is still there
	tmp=$folder/$list.new
	while IFS= read -r name; do
		[ -e "$folder/$name" ] && printf '%s\n' "$name"
	done <"$folder/$list" | sort -u >"$tmp" && mv -f -- "$tmp" "$folder/$list"
}
prune "$REPORTS" report
prune "$BACKUPS" backup
exit 0
