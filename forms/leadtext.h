/* leadtext.h -- the words of the lead's views (cli/ and tui/ alike). */
#ifndef PAICHA_FORMS_LEADTEXT_H
#define PAICHA_FORMS_LEADTEXT_H

/* A stored whereabouts ("home", "hubei", ...) as people read it. */
const char *leadtext_where(const char *key);
/* A stored work plan ("back-soon", ...) as people read it. */
const char *leadtext_plan(const char *key);

#endif
