/* cmd_search.c -- paicha search: find workers by name, pinyin, phone or ID. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/reveal.h"
#include "db/db.h"
#include "db/search.h"
#include "forms/i18n.h"
#include "forms/labels.h"
#include "io/columns.h"
#include "forms/utf8.h"

int
cmd_search(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct search_hit *hits;
	char text[512] = "";
	long limit = 50;
	size_t n;
	int c;

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l': {
			char *end;
			limit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || limit <= 0 || limit > 100000)
				return cmd_error(ctx, _("--limit needs a positive number, not '%s'"), optarg);
			break;
		}
		default: return cmd_usage(ctx);
		}
	}
	if (optind >= ctx->argc)
		return cmd_usage(ctx);
	/* `paicha search zhang jun` is the same as `paicha search "zhang jun"`. */
	for (int i = optind; i < ctx->argc; i++) {
		if (strlen(text) + strlen(ctx->argv[i]) + 2 > sizeof text)
			return cmd_error(ctx, _("the search text is too long"));
		if (i > optind)
			strcat(text, " ");
		strcat(text, ctx->argv[i]);
	}
	if (search_workers(ctx->db, text, (size_t)limit, &hits, &n) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (n == 0)
		return cmd_error(ctx, _("no worker matches '%s': try part of the name, its pinyin "
		    "(zj, zhangjun), 4 or more digits of a phone number, or the end of the ID number"),
		    text);
	for (size_t i = 0; i < n; i++) {
		printf("%-6lld ", hits[i].worker_id);
		columns_print(hits[i].name, 8);
		columns_print(hits[i].village, 10);
		columns_print(hits[i].phone[0] ? hits[i].phone : "-", 13);
		char idbuf[19];
		const char *idnum = reveal_id(ctx, hits[i].worker_id, hits[i].id_number, idbuf);
		if (idnum == NULL) {
			free(hits);
			return EXIT_USER;
		}
		columns_print(idnum, 18);
		printf("(%s)\n", labels_search_match(hits[i].matched));
	}
	free(hits);
	return EXIT_OK;
}
