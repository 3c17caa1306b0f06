/* reveal.c -- masked or recorded personal data; see reveal.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/reveal.h"
#include "db/audit.h"
#include "db/db.h"
#include "db/users.h"
#include "forms/idnum.h"

const char *
reveal_masked(const char *id_number, char out[19])
{
	idnum_mask(id_number, out);
	return out;
}

const char *
reveal_id(const struct cmd_ctx *ctx, long long worker_id, const char *id_number, char out[19])
{
	if (!user_can_lead(&ctx->me) || strlen(id_number) != 18)
		return reveal_masked(id_number, out);
	if (audit_seen(ctx->db, ctx->me.id, worker_id, "id_number") != 0) {
		cmd_error(ctx, "%s", db_error(ctx->db));
		return NULL;
	}
	memcpy(out, id_number, 19);
	return out;
}

int
reveal_phones(const struct cmd_ctx *ctx, long long worker_id)
{
	if (audit_seen(ctx->db, ctx->me.id, worker_id, "phones") != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	return 0;
}
