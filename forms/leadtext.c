/* leadtext.c -- the words of the lead's views; see leadtext.h. */
#include "config.h"

#include <string.h>

#include "forms/i18n.h"
#include "forms/leadtext.h"

const char *
leadtext_where(const char *k)
{
	if (strcmp(k, "home") == 0) return _("home");
	if (strcmp(k, "hubei") == 0) return _("still in Hubei");
	if (strcmp(k, "elsewhere") == 0) return _("elsewhere");
	if (strcmp(k, "never-left") == 0) return _("never left");
	return _("not known");
}

const char *
leadtext_plan(const char *k)
{
	if (strcmp(k, "back-soon") == 0) return _("back to work soon");
	if (strcmp(k, "postponed") == 0) return _("return postponed");
	if (strcmp(k, "needs-job") == 0) return _("needs a job");
	if (strcmp(k, "other") == 0) return _("other");
	return _("not known");
}
