/* list.h - the LIST syntax of every list key: comma-separated items,
 * each optionally prefixed by '!' (take it out of what the list has so
 * far).  Pure: errors come back in a struct jr_err. */
#ifndef JAILRUN_LIST_H
#define JAILRUN_LIST_H

#include <stdbool.h>

#include "util.h"

#define JR_LIST_MAX_ITEMS 1024 /* items in one value */
#define JR_LIST_MAX_ITEM 1024  /* characters in one item (a path) */
#define JR_VALUE_MAX 8192      /* characters in one value */

typedef int (*jr_list_fn)(void *ctx, const char *item, bool negate,
			  const char *where, struct jr_err *err);

/* Call FN for each item of VALUE, in order.  Stops at the first error. */
int jr_list_foreach(const char *value, jr_list_fn fn, void *ctx,
		    const char *where, struct jr_err *err);

#endif
