#!/bin/sh
# paicha-nightly.sh -- the nightly job: export the day that has just
# ended (China Standard Time) into the report folder, keep a dated backup
# of the database, and remove what this job made more than KEEP_DAYS ago.
#
# Settings come from the environment, or from /etc/default/paicha-nightly
# (the systemd unit and the cron line both read it):
#   PAICHA_DB          the database (else db = in /etc/paicha.conf)
#   PAICHA_REPORT_DIR  where report folders go      (default /srv/paicha/reports)
#   PAICHA_BACKUP_DIR  where backups go             (default /srv/paicha/backups)
#   PAICHA_KEEP_DAYS   days to keep both            (default 30)
#   PAICHA_BIN         the paicha program           (default: paicha on PATH)
#   PAICHA_DATE        the day to export, YYYY-MM-DD (default: yesterday)
#
# Retention removes only names this job makes: report folders
# DIVISION-YYYYMMDD (9 + 8 digits) and backups paicha-YYYYMMDD.db, made
# (modified) more than KEEP_DAYS days ago.  Nothing else is touched.
set -u
[ -r /etc/default/paicha-nightly ] && . /etc/default/paicha-nightly
PAICHA_BIN=${PAICHA_BIN:-paicha}
REPORTS=${PAICHA_REPORT_DIR:-/srv/paicha/reports}
BACKUPS=${PAICHA_BACKUP_DIR:-/srv/paicha/backups}
KEEP=${PAICHA_KEEP_DAYS:-30}
umask 027

case $KEEP in ''|*[!0-9]*) echo "paicha-nightly: PAICHA_KEEP_DAYS must be a number of days" >&2; exit 1 ;; esac
mkdir -p "$REPORTS" "$BACKUPS" || exit 1

# Dates in China Standard Time, whatever the server's TZ.
today=$(TZ=Asia/Shanghai date +%Y%m%d)
day=${PAICHA_DATE:-$(TZ=Asia/Shanghai date -d yesterday +%Y-%m-%d)}
status=0

if ! "$PAICHA_BIN" export --date "$day" --out "$REPORTS"; then
	echo "paicha-nightly: the report for $day failed; export it again with:" >&2
	echo "  paicha export --date $day --out $REPORTS" >&2
	status=1
fi
backup=$BACKUPS/paicha-$today.db
if [ -e "$backup" ]; then
	echo "paicha-nightly: $backup exists already; kept it" >&2
elif ! "$PAICHA_BIN" backup "$backup"; then
	echo "paicha-nightly: the backup failed" >&2
	status=1
fi

# Retention: only our own names, only made more than KEEP days ago.
find "$REPORTS" -mindepth 1 -maxdepth 1 -type d -mtime +"$KEEP" \
    -name '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' \
    -exec rm -rf -- {} +
find "$BACKUPS" -mindepth 1 -maxdepth 1 -type f -mtime +"$KEEP" \
    -name 'paicha-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9].db' -exec rm -f -- {} +
exit $status
