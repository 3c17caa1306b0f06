/* users.h -- the people who use paicha, identified by their Unix login. */
#ifndef PAICHA_DB_USERS_H
#define PAICHA_DB_USERS_H

#include <stddef.h>

#include "forms/facts.h"

struct db;


struct user {
	long long id;
	char login[64];
	char name[96];		/* display name, 张伟 */
	enum user_role role;
	int active;
};

const char *user_role_name(enum user_role);
/* "investigator", "lead" or "admin"; -1 if none of them. */
int user_role_parse(const char *s, enum user_role *out);
/* Leads and admins may reassign and see everybody's work. */
int user_can_lead(const struct user *);

/* Register a user; DB_CONFLICT if the login exists.  by_user 0 = system. */
int users_add(struct db *, const char *login, const char *name,
    enum user_role role, long long by_user, long long *id_out);
int users_find(struct db *, const char *login, struct user *out);
int users_get(struct db *, long long id, struct user *out);
/* All users, by role then login; caller frees *out. */
int users_list(struct db *, struct user **out, size_t *n);
int users_set_active(struct db *, const char *login, int active, long long by_user);
int users_count(struct db *, long long *n);

#endif
