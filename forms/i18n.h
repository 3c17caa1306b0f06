/* i18n.h -- gettext for every text a user sees. */
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
