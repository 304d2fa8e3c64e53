/* ctor-main - links ctor-lib.so (see there). */
#include <stdio.h>

int ctor_lib_marker(void);

int main(void)
{
	printf("main ran %d\n", ctor_lib_marker());
	return 0;
}
