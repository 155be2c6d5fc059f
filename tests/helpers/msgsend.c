/* msgsend: send one System V message of a given size and read it back, for
 * the tests of limits that must work together (msgmax and msgmnb).
 *
 *   msgsend SIZE   make a private queue, send SIZE bytes (IPC_NOWAIT),
 *                  receive them, remove the queue; prints the queue's
 *                  msg_qbytes and "sent SIZE"
 *
 * Exit: 0 sent and received, 4 the queue had no room (EAGAIN: msg_qbytes,
 * from kernel.msgmnb, is below SIZE), 5 the message is too long (EINVAL:
 * above kernel.msgmax), 1 any other error, 2 usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

int main(int argc, char **argv)
{
	struct msqid_ds ds;
	struct {
		long mtype;
		char mtext[];
	} * msg;
	unsigned long size;
	char *end;
	ssize_t got;
	int id, status = 0;

	if (argc != 2 || (size = strtoul(argv[1], &end, 10), *end) || size == 0 || size > (1UL << 24)) {
		fprintf(stderr, "usage: msgsend SIZE (1..16777216)\n");
		return 2;
	}
	msg = malloc(sizeof(*msg) + size);
	if (!msg)
		return 1;
	msg->mtype = 1;
	memset(msg->mtext, 'x', size);
	id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (id < 0 || msgctl(id, IPC_STAT, &ds) < 0) {
		fprintf(stderr, "msgsend: msgget: %s\n", strerror(errno));
		return 1;
	}
	printf("msg_qbytes %lu\n", (unsigned long)ds.msg_qbytes);
	if (msgsnd(id, msg, size, IPC_NOWAIT) < 0) {
		fprintf(stderr, "msgsend: msgsnd of %lu bytes: %s\n", size, strerror(errno));
		status = errno == EAGAIN ? 4 : errno == EINVAL ? 5 : 1;
	} else if ((got = msgrcv(id, msg, size, 0, IPC_NOWAIT)) != (ssize_t)size) {
		fprintf(stderr, "msgsend: msgrcv: %s\n", got < 0 ? strerror(errno) : "short message");
		status = 1;
	} else {
		printf("sent %lu\n", size);
	}
	msgctl(id, IPC_RMID, NULL);
	free(msg);
	return status;
}
