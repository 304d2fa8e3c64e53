/* list.c - split a LIST value into items. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "list.h"

static const char *skip_space(const char *p)
{
	while (*p && isspace((unsigned char)*p))
		p++;
	return p;
}

static int check_item(const char *item, size_t len, const char *where,
		      struct jr_err *err)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)item[i];

		if (isspace(c))
			return jr_fail(err, where,
				       "space inside list item '%.*s' (items are "
				       "separated by commas%s)",
				       (int)len, item,
				       memchr(item, '#', len) ?
					       "; an inline comment needs ' ;'" :
					       "");
		if (!isprint(c))
			return jr_fail(err, where,
				       "invalid character 0x%02x in list item", c);
	}
	return 0;
}

int jr_list_foreach(const char *value, jr_list_fn fn, void *ctx,
		    const char *where, struct jr_err *err)
{
	const char *p = value;
	int count = 0;

	if (strlen(value) > JR_VALUE_MAX)
		return jr_fail(err, where, "value longer than %d characters",
			       JR_VALUE_MAX);
	p = skip_space(p);
	if (!*p)
		return jr_fail(err, where, "empty list");
	for (;;) {
		char item[JR_LIST_MAX_ITEM + 1];
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bool negate = false;

		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (len && *p == '!') {
			negate = true;
			p = skip_space(p + 1);
			len = end ? (size_t)(end - p) : strlen(p);
			while (len && isspace((unsigned char)p[len - 1]))
				len--;
		}
		if (len == 0)
			return jr_fail(err, where, "empty item in list");
		if (len > JR_LIST_MAX_ITEM)
			return jr_fail(err, where,
				       "list item longer than %d characters",
				       JR_LIST_MAX_ITEM);
		if (check_item(p, len, where, err) < 0)
			return -1;
		if (++count > JR_LIST_MAX_ITEMS)
			return jr_fail(err, where, "more than %d items in list",
				       JR_LIST_MAX_ITEMS);
		memcpy(item, p, len);
		item[len] = '\0';
		if (fn(ctx, item, negate, where, err) < 0)
			return -1;
		if (!end)
			return 0;
		p = skip_space(end + 1);
	}
}
