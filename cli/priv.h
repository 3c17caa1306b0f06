/*
 * priv.h -- running setgid paicha (make install): the data folder and its
 * files belong to the group paicha, which investigators are not in, so
 * that the files are reachable only through paicha.  The group is used
 * for the database only: files the user names (exports, reject files,
 * backups) are made with the user's own group, and a database the user
 * names (--db, $PAICHA_DB, $PAICHA_CONF) is opened with the user's own
 * rights unless it lies in a data folder of the group (setgid, 2770, not
 * the user's): what the user could have made or linked is never opened
 * with the group.
 */
#ifndef PAICHA_CLI_PRIV_H
#define PAICHA_CLI_PRIV_H

/* At start: note whether we run setgid, and if so clean the environment
 * (TMPDIR, SQLITE_TMPDIR, LD_*, PAICHA_LOCALEDIR, PAICHA_GEOCODER). */
void priv_init(void);
/* Are we running with a group the user does not have? */
int priv_setgid(void);
/* May the database at db_path be opened with the group?  1 yes (or not
 * setgid), 0 no. */
int priv_trusted(const char *db_path);
/* Give up the group for good (the user named the database themselves). */
int priv_drop_for_good(void);
/* Around creating a file the user names: the user's own group, then back. */
int priv_user_files(void);
int priv_group_back(void);

#endif
