/* columns.h -- aligned text columns for the commands' plain output. */
#ifndef PAICHA_IO_COLUMNS_H
#define PAICHA_IO_COLUMNS_H

/* Print s (data: sanitised first) cut or padded to cols terminal columns,
 * then two spaces. */
void columns_print(const char *s, int cols);

#endif
