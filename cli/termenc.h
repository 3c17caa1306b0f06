/*
 * termenc.h -- the terminal's own encoding.  paicha keeps every string in
 * UTF-8 (the database, the catalogue through bind_textdomain_codeset);
 * in a GB18030 or GBK locale (Xshell's and SecureCRT's default) the
 * commands' arguments are converted to UTF-8 when they come in and their
 * output to the locale's encoding when it goes out.  The screens need no
 * conversion: tui/draw hands curses wide characters.
 */
#ifndef PAICHA_CLI_TERMENC_H
#define PAICHA_CLI_TERMENC_H

/* After setlocale: the arguments into UTF-8 (replaced in place). */
void termenc_args(int argc, char **argv);
/* For a command (not the screens): stdout and stderr converted from
 * UTF-8 into the locale's encoding; in a locale that cannot show Chinese
 * at all (C, POSIX) Chinese becomes '?' and, on a terminal, stderr says
 * once, in English, what to set. */
void termenc_output(void);
/* 1 if the locale can show Chinese; its codeset in *codeset. */
int termenc_can_show_chinese(const char **codeset);
/* The English advice for a locale that cannot show Chinese (not
 * translated: a catalogue in Chinese could not be shown either). */
const char *termenc_advice(void);

#endif
