/* mqtool: POSIX message queues with chosen attributes, for the list/show
 * tests (ipcprobe makes them with the defaults only).
 *
 *   mqtool create NAME MAXMSG MSGSIZE   a new queue with these attributes
 *   mqtool send NAME TEXT               one message, without waiting
 *   mqtool attr NAME                    "MAXMSG MSGSIZE CURMSGS" from mq_getattr
 *   mqtool notify NAME FILE             register for notification, touch FILE,
 *                                       then sleep until killed (so the queue
 *                                       shows this process as NOTIFY_PID)
 *
 * Exit 0 done, 1 error (printed on stderr). */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fail(const char *what)
{
	fprintf(stderr, "mqtool: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct mq_attr attr = { 0 };
	mqd_t q;

	if (argc == 5 && strcmp(argv[1], "create") == 0) {
		attr.mq_maxmsg = atol(argv[3]);
		attr.mq_msgsize = atol(argv[4]);
		q = mq_open(argv[2], O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
		return q == (mqd_t)-1 ? fail("mq_open") : 0;
	}
	if (argc == 4 && strcmp(argv[1], "send") == 0) {
		q = mq_open(argv[2], O_WRONLY | O_NONBLOCK);
		if (q == (mqd_t)-1)
			return fail("mq_open");
		return mq_send(q, argv[3], strlen(argv[3]), 0) < 0 ? fail("mq_send") : 0;
	}
	if (argc == 3 && strcmp(argv[1], "attr") == 0) {
		q = mq_open(argv[2], O_RDONLY);
		if (q == (mqd_t)-1 || mq_getattr(q, &attr) < 0)
			return fail("mq_getattr");
		printf("%ld %ld %ld\n", attr.mq_maxmsg, attr.mq_msgsize, attr.mq_curmsgs);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "notify") == 0) {
		struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
		FILE *f;

		signal(SIGUSR1, SIG_IGN);
		q = mq_open(argv[2], O_RDONLY);
		if (q == (mqd_t)-1 || mq_notify(q, &ev) < 0)
			return fail("mq_notify");
		f = fopen(argv[3], "w");
		if (!f)
			return fail(argv[3]);
		fclose(f);
		for (;;)
			pause();
	}
	fprintf(stderr, "usage: mqtool create NAME MAXMSG MSGSIZE | send NAME TEXT | attr NAME | notify NAME FILE\n");
	return 2;
}
