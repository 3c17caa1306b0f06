/*
 * i18n.h - the gettext markers used by forms/ (and anyone who wants them).
 *
 * _("...") translates at run time from the "paicha" domain; N_("...") only
 * marks a string for xgettext, for tables that are translated when shown.
 * Without ENABLE_NLS both are no-ops and the English msgid is shown.
 */
#ifndef PAICHA_FORMS_I18N_H
#define PAICHA_FORMS_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext("paicha", s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

#endif
