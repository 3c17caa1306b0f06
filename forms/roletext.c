/* roletext.c -- the words of a role refusal; see roletext.h. */
#include "config.h"

#include <stdio.h>

#include "forms/i18n.h"
#include "forms/roletext.h"

static const char *
act_label(enum role_act a)
{
	switch (a) {
	case ROLE_ACT_CALL: return _("record a call");
	case ROLE_ACT_DRAFT: return _("fill in a call form");
	case ROLE_ACT_FOLLOWUP: return _("add, move or close a follow-up");
	case ROLE_ACT_PHONE: return _("change a phone number");
	case ROLE_ACT_READ: return _("see this case or queue");
	case ROLE_ACT_ASSIGN: return _("assign cases");
	case ROLE_ACT_ESCALATION: return _("close an escalation");
	case ROLE_ACT_USERS: return _("add, disable or enable users");
	case ROLE_ACT_SETTINGS: return _("change the settings");
	}
	return "?";
}

void
roletext_refusal(char *buf, size_t sz, enum role_act act, enum role_need need,
    long long worker, const char *name, const char *login)
{
	const char *what = act_label(act);

	switch (need) {
	case ROLE_NEED_OWNER:
		if (name != NULL && *name != '\0')
			snprintf(buf, sz, _("worker %lld is assigned to %s (%s): only they, a lead "
			    "or an admin may %s for it"), worker, name, login, what);
		else
			snprintf(buf, sz, _("worker %lld is not assigned to you: only a lead or an "
			    "admin may %s for it; ask your team lead to assign it to you"), worker,
			    what);
		break;
	case ROLE_NEED_LEAD:
		snprintf(buf, sz, _("only a lead or an admin may %s; ask your team lead"), what);
		break;
	case ROLE_NEED_ADMIN:
		snprintf(buf, sz, _("only an admin may %s; ask an admin"), what);
		break;
	}
}
