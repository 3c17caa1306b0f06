/*
 * reveal.h -- personal data on the command line: investigators see ID
 * numbers masked, as on the screens; leads and admins see them whole,
 * and every time a whole ID number or a worker's phone list is shown the
 * audit log records who saw whose (paicha audit --worker W).
 */
#ifndef PAICHA_CLI_REVEAL_H
#define PAICHA_CLI_REVEAL_H

struct cmd_ctx;

/* The ID number as ctx's user may see it, in out (19 bytes): whole for
 * leads and admins (recorded), else 430121********1438.  NULL if the
 * record could not be written (the message is printed): show nothing. */
const char *reveal_id(const struct cmd_ctx *, long long worker_id, const char *id_number,
    char out[19]);
/* The ID number masked, 430121********1438, for everyone (what a command
 * echoes back of a worker the user named). */
const char *reveal_masked(const char *id_number, char out[19]);
/* Record that ctx's user is shown all the worker's phones; 0, or
 * EXIT_USER after printing why not (then show nothing). */
int reveal_phones(const struct cmd_ctx *, long long worker_id);

#endif
