/*
 * worker_arg.h -- the WORKER argument of commands: an 18-character ID
 * number (as typed: full-width digits, lower-case x) or the worker's number.
 */
#ifndef PAICHA_CLI_WORKER_ARG_H
#define PAICHA_CLI_WORKER_ARG_H

struct cmd_ctx;
struct worker;

/* Find the worker an argument names; on failure prints what to do and
 * returns EXIT_USER. */
int worker_arg_find(const struct cmd_ctx *, const char *arg, struct worker *out);

#endif
