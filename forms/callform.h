/*
 * callform.h - the call form: the questions an investigator answers after
 * each call, defined once as a table in callform.c.  Adding a question is
 * adding one entry there (and its msgids to po/).
 */
#ifndef PAICHA_FORMS_CALLFORM_H
#define PAICHA_FORMS_CALLFORM_H

#include "answers.h"
#include "field.h"
#include "form.h"

/* Days of home isolation after coming back from Hubei. */
#define CALLFORM_ISOLATION_DAYS 14

extern const struct form_def callform;
/* The same questions and keys for a group B worker (Hubei-origin, working
 * here), whose whereabouts are asked as fits them. */
extern const struct form_def callform_b;

/* 1 if canonical answers report any symptom or a temperature of 37.3 or
 * more (the report's 有发热等症状). */
int callform_symptomatic(const struct answers *a);

#endif
