#include "ipcns/commands.h"
int cmd_show(int argc, const char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}
