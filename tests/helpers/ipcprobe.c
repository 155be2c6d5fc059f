/* ipcprobe: make and look up IPC objects for the CLI tests.
 *
 *   ipcprobe msg|sem|shm create|get|rm KEY   create prints the id
 *   ipcprobe msgsnd KEY TEXT | msgrcv KEY     one message, IPC_NOWAIT
 *   ipcprobe shmwrite KEY TEXT | shmread KEY  a 4 KiB segment
 *   ipcprobe shmat ID                         attach a segment by id
 *   ipcprobe shmlock KEY                      SHM_LOCK a segment (CAP_IPC_LOCK
 *                                             or RLIMIT_MEMLOCK allows it)
 *   ipcprobe mq create|excl|open|unlink NAME  POSIX queue ("/name")
 *   ipcprobe pshm create|open|unlink NAME     POSIX shm object (shm_open)
 *   ipcprobe info                             IPC_INFO of msg, sem and shm
 *   ipcprobe mqdefault                        the attributes a POSIX queue made
 *                                             without any gets (it is removed)
 *   ipcprobe zombie FILE                      leave an unreaped child, write its
 *                                             PID to FILE, then sleep 60 s
 *   ipcprobe mountof PATH                     the /proc/self/mountinfo line of
 *                                             the mount PATH is on (statx's
 *                                             mount ID: the top-most mount, not
 *                                             one hidden under it)
 *   ipcprobe signals FILE SECONDS             wait for SIGINT, SIGTERM, SIGHUP,
 *                                             SIGQUIT, SIGUSR1 and SIGUSR2 (FILE
 *                                             is created once they are caught);
 *                                             print each as it comes, "INT user"
 *                                             or "INT kernel" (its sender), and
 *                                             exit 0 SECONDS after the last one
 *                                             (1 when none came within 20 s)
 *   ipcprobe thread-in NSFILE READY SECONDS   a second thread joins NSFILE's
 *                                             IPC namespace (setns) while the
 *                                             leader stays where it is; READY is
 *                                             created once it has; both then
 *                                             sleep SECONDS
 *   ipcprobe leader-exit READY SECONDS        the leader exits (pthread_exit) and
 *                                             a second thread lives on in the
 *                                             process's namespace; READY is
 *                                             created once the leader is gone
 *
 * Exit: 0 done, 3 no such object (ENOENT/EINVAL for ids), 4 no message,
 * 1 any other error; the errno name is printed on stderr. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static int fail(const char *what)
{
	int e = errno;

	fprintf(stderr, "ipcprobe: %s: %s (%s)\n", what, strerrorname_np(e) ? strerrorname_np(e) : "?", strerror(e));
	if (e == ENOENT || e == EIDRM)
		return 3;
	if (e == ENOMSG)
		return 4;
	return 1;
}

static key_t parse_key(const char *s)
{
	return (key_t)strtol(s, NULL, 0);
}

static int sysv(const char *kind, const char *op, key_t key)
{
	int create = strcmp(op, "create") == 0 ? IPC_CREAT | 0600 : 0;
	int id;

	if (strcmp(kind, "msg") == 0)
		id = msgget(key, create);
	else if (strcmp(kind, "sem") == 0)
		id = semget(key, 1, create);
	else
		id = shmget(key, 4096, create);
	if (id < 0)
		return fail(kind);
	if (strcmp(op, "rm") == 0) {
		int r = strcmp(kind, "msg") == 0   ? msgctl(id, IPC_RMID, NULL)
			: strcmp(kind, "sem") == 0 ? semctl(id, 0, IPC_RMID)
						   : shmctl(id, IPC_RMID, NULL);
		if (r < 0)
			return fail("rm");
		return 0;
	}
	printf("%d\n", id);
	return 0;
}

static int info(void)
{
	struct msginfo mi;
	struct seminfo si;
	struct shminfo shi;
	union semun arg = { .__buf = &si };

	if (msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) < 0)
		return fail("msgctl IPC_INFO");
	if (semctl(0, 0, IPC_INFO, arg) < 0)
		return fail("semctl IPC_INFO");
	if (shmctl(0, IPC_INFO, (struct shmid_ds *)&shi) < 0)
		return fail("shmctl IPC_INFO");
	printf("msgmax %d\nmsgmnb %d\nmsgmni %d\n", mi.msgmax, mi.msgmnb, mi.msgmni);
	printf("semmsl %d\nsemmns %d\nsemopm %d\nsemmni %d\n", si.semmsl, si.semmns, si.semopm, si.semmni);
	printf("shmmax %lu\nshmall %lu\nshmmni %lu\n", shi.shmmax, shi.shmall, shi.shmmni);
	return 0;
}

static int mq(const char *op, const char *name)
{
	mqd_t q;

	if (strcmp(op, "unlink") == 0)
		return mq_unlink(name) < 0 ? fail("mq_unlink") : 0;
	if (strcmp(op, "open") == 0)
		q = mq_open(name, O_RDWR);
	else
		q = mq_open(name, O_RDWR | O_CREAT | (strcmp(op, "excl") == 0 ? O_EXCL : 0), 0600, NULL);
	if (q == (mqd_t)-1)
		return fail("mq_open");
	mq_close(q);
	return 0;
}

/* mq_open(NULL attributes) takes min(msg_max, msg_default) and
 * min(msgsize_max, msgsize_default): the limits as the kernel applies them. */
static int mq_default(void)
{
	const char *name = "/ipcprobe-default";
	struct mq_attr a;
	mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, NULL);

	if (q == (mqd_t)-1)
		return fail("mq_open");
	mq_unlink(name);
	if (mq_getattr(q, &a) < 0)
		return fail("mq_getattr");
	mq_close(q);
	printf("mq_maxmsg %ld\nmq_msgsize %ld\n", a.mq_maxmsg, a.mq_msgsize);
	return 0;
}

static int pshm(const char *op, const char *name)
{
	int fd;

	if (strcmp(op, "unlink") == 0)
		return shm_unlink(name) < 0 ? fail("shm_unlink") : 0;
	fd = shm_open(name, O_RDWR | (strcmp(op, "create") == 0 ? O_CREAT : 0), 0600);
	if (fd < 0)
		return fail("shm_open");
	close(fd);
	return 0;
}

static int zombie(const char *file)
{
	FILE *f;
	pid_t pid;

	signal(SIGCHLD, SIG_DFL); /* an inherited SIG_IGN would reap it at once */
	pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid == 0)
		_exit(0);
	f = fopen(file, "w");
	if (!f)
		return fail(file);
	fprintf(f, "%d\n", (int)pid);
	fclose(f);
	sleep(60);
	return 0;
}

static int mountof(const char *path)
{
	struct statx stx;
	char line[4096];
	FILE *f;

	if (statx(AT_FDCWD, path, 0, STATX_MNT_ID, &stx) < 0)
		return fail(path);
	if (!(stx.stx_mask & STATX_MNT_ID)) {
		errno = ENOSYS;
		return fail("statx STATX_MNT_ID");
	}
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return fail("/proc/self/mountinfo");
	while (fgets(line, sizeof(line), f))
		if (strtoull(line, NULL, 10) == stx.stx_mnt_id) {
			fputs(line, stdout);
			fclose(f);
			return 0;
		}
	fclose(f);
	errno = ENOENT;
	return fail("no mountinfo line for the mount ID");
}

/* The signals ipcns -F forwards. Blocked and taken with sigtimedwait: an
 * ignored disposition inherited from a shell's background job cannot hide
 * one, and each is seen with its sender (si_code). */
static int signals(const char *ready, double idle)
{
	static const struct {
		int sig;
		const char *name;
	} sigs[] = { { SIGINT, "INT" },   { SIGTERM, "TERM" }, { SIGHUP, "HUP" },
		     { SIGQUIT, "QUIT" }, { SIGUSR1, "USR1" }, { SIGUSR2, "USR2" } };
	struct timespec wait = { .tv_sec = 20 };
	sigset_t set;
	siginfo_t si;
	int got = 0, fd;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		signal(sigs[i].sig, SIG_DFL);
		sigaddset(&set, sigs[i].sig);
	}
	sigprocmask(SIG_BLOCK, &set, NULL);
	setvbuf(stdout, NULL, _IONBF, 0);
	fd = open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return fail(ready);
	close(fd);
	for (;;) {
		int sig = sigtimedwait(&set, &si, &wait);
		if (sig < 0) {
			if (errno == EINTR)
				continue;
			return got ? 0 : fail("sigtimedwait");
		}
		got++;
		for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			if (sigs[i].sig == sig)
				printf("%s %s\n", sigs[i].name, si.si_code == SI_KERNEL ? "kernel" : "user");
		wait.tv_sec = (time_t)idle;
		wait.tv_nsec = (long)((idle - (double)wait.tv_sec) * 1e9);
	}
}

/* thread-in and leader-exit: a thread that does its part, then lingers. */
struct linger {
	const char *nsfile, *ready;
	unsigned seconds;
	pid_t leader;
};

static void touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

	if (fd >= 0)
		close(fd);
}

static void *linger_thread(void *arg)
{
	struct linger *l = arg;

	if (l->nsfile) {
		int fd = open(l->nsfile, O_RDONLY | O_CLOEXEC);

		if (fd < 0 || setns(fd, CLONE_NEWIPC) < 0) {
			perror("setns");
			exit(1);
		}
		close(fd);
		touch(l->ready);
	} else {
		/* The leader is gone once its /proc/PID/ns/ipc reads nothing. */
		char path[64], buf[64];

		snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)l->leader);
		for (int i = 0; i < 2000 && readlink(path, buf, sizeof(buf)) > 0; i++)
			usleep(1000);
		touch(l->ready);
	}
	sleep(l->seconds);
	exit(0);
}

static int linger(const char *nsfile, const char *ready, const char *seconds)
{
	static struct linger l;
	pthread_t t;

	l = (struct linger){ .nsfile = nsfile, .ready = ready, .seconds = (unsigned)atoi(seconds), .leader = getpid() };
	if (pthread_create(&t, NULL, linger_thread, &l) != 0)
		return fail("pthread_create");
	if (!nsfile)
		pthread_exit(NULL);
	sleep(l.seconds);
	return 0;
}

int main(int argc, char **argv)
{
	struct {
		long type;
		char text[256];
	} m = { .type = 1 };
	const char *cmd = argc > 1 ? argv[1] : "";
	int id;

	if (strcmp(cmd, "info") == 0)
		return info();
	if (strcmp(cmd, "mqdefault") == 0)
		return mq_default();
	if (argc >= 3 && strcmp(cmd, "zombie") == 0)
		return zombie(argv[2]);
	if (argc >= 3 && strcmp(cmd, "mountof") == 0)
		return mountof(argv[2]);
	if (argc >= 4 && strcmp(cmd, "signals") == 0)
		return signals(argv[2], atof(argv[3]));
	if (argc >= 4 && (!strcmp(cmd, "msg") || !strcmp(cmd, "sem") || !strcmp(cmd, "shm")))
		return sysv(cmd, argv[2], parse_key(argv[3]));
	if (argc >= 4 && strcmp(cmd, "mq") == 0)
		return mq(argv[2], argv[3]);
	if (argc >= 4 && strcmp(cmd, "pshm") == 0)
		return pshm(argv[2], argv[3]);
	if (argc >= 4 && strcmp(cmd, "msgsnd") == 0) {
		if ((id = msgget(parse_key(argv[2]), 0)) < 0)
			return fail("msgget");
		snprintf(m.text, sizeof(m.text), "%s", argv[3]);
		return msgsnd(id, &m, strlen(m.text) + 1, IPC_NOWAIT) < 0 ? fail("msgsnd") : 0;
	}
	if (argc >= 3 && strcmp(cmd, "msgrcv") == 0) {
		if ((id = msgget(parse_key(argv[2]), 0)) < 0)
			return fail("msgget");
		if (msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT) < 0)
			return fail("msgrcv");
		printf("%s\n", m.text);
		return 0;
	}
	if (argc >= 3 && (strcmp(cmd, "shmwrite") == 0 || strcmp(cmd, "shmread") == 0)) {
		char *p;
		if ((id = shmget(parse_key(argv[2]), 4096, 0)) < 0)
			return fail("shmget");
		if ((p = shmat(id, NULL, 0)) == (void *)-1)
			return fail("shmat");
		if (cmd[3] == 'w' && argc >= 4)
			snprintf(p, 4096, "%s", argv[3]);
		else
			printf("%s\n", p);
		shmdt(p);
		return 0;
	}
	if (argc >= 3 && strcmp(cmd, "shmlock") == 0) {
		if ((id = shmget(parse_key(argv[2]), 4096, 0)) < 0)
			return fail("shmget");
		return shmctl(id, SHM_LOCK, NULL) < 0 ? fail("shmctl SHM_LOCK") : 0;
	}
	if (argc >= 3 && strcmp(cmd, "shmat") == 0) {
		void *p = shmat(atoi(argv[2]), NULL, SHM_RDONLY);
		if (p == (void *)-1)
			return errno == EINVAL ? (fail("shmat"), 3) : fail("shmat");
		shmdt(p);
		return 0;
	}
	if (argc >= 5 && strcmp(cmd, "thread-in") == 0)
		return linger(argv[2], argv[3], argv[4]);
	if (argc >= 4 && strcmp(cmd, "leader-exit") == 0)
		return linger(NULL, argv[2], argv[3]);
	fprintf(stderr, "usage: see the comment at the top of ipcprobe.c\n");
	return 2;
}
