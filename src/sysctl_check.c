/* Limits that make each other useless: a pure check of a namespace's values. */
#include "ipcns/sysctl_check.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "ipcns/cleanup.h"

void sysctl_plan_result(const struct sysctl_plan *plan, const struct sysctl_value base[SYSCTL_NKEYS],
			struct sysctl_value out[SYSCTL_NKEYS])
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		const struct sysctl_setting *s = &plan->s[id];

		out[id] = base[id];
		if (!s->set)
			continue;
		if (sysctl_keys[id].type != SYSCTL_SEMS) {
			out[id] = s->value;
			continue;
		}
		for (int f = 0; f < SYSCTL_SEM_FIELDS; f++)
			if (s->fields & (1U << f))
				out[id].i[f] = s->value.i[f];
	}
}

struct found {
	struct sysctl_warning *out;
	size_t max, n;
};

static void __attribute__((format(printf, 4, 5)))
warn(struct found *w, enum sysctl_id key, enum sysctl_id other, const char *fmt, ...)
{
	va_list ap;

	if (w->n < w->max) {
		struct sysctl_warning *x = &w->out[w->n];

		x->key = key;
		x->other = other;
		va_start(ap, fmt);
		vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
		va_end(ap);
	}
	w->n++;
}

enum { SEMMSL, SEMMNS, SEMOPM, SEMMNI };

static void check_msg(const struct sysctl_value *v, struct found *w)
{
	int64_t max = v[SYSCTL_MSGMAX].i[0], mnb = v[SYSCTL_MSGMNB].i[0];

	/* A new queue's msg_qbytes is msgmnb, and msgsnd() waits until the
	 * message fits in msg_qbytes: a bigger one waits for ever (EAGAIN
	 * with IPC_NOWAIT), whatever msgmax allows. */
	if (max > mnb)
		warn(w, SYSCTL_MSGMAX, SYSCTL_MSGMNB,
		     "kernel.msgmax %" PRId64 " is above kernel.msgmnb %" PRId64 ": a new queue holds at most %" PRId64
		     " bytes, so a larger message can never be sent; raise kernel.msgmnb too",
		     max, mnb, mnb);
}

static void check_sem(const int64_t *sem, struct found *w)
{
	static const char *const what[] = {
		[SEMMSL] = "no semaphore set can be made (semget: EINVAL)",
		[SEMMNS] = "no semaphore set can be made (semget: ENOSPC)",
		[SEMOPM] = "every semop() call fails (E2BIG)",
	};

	/* semget() refuses nsems above semmsl, and any set that would take
	 * the namespace's total above semmns. */
	for (int f = SEMMSL; f <= SEMOPM; f++)
		if (sem[f] <= 0)
			warn(w, SYSCTL_SEM, SYSCTL_SEM, "kernel.sem: %s is %" PRId64 ": %s", sysctl_sem_fields[f].name,
			     sem[f], what[f]);
	if (sem[SEMMSL] > sem[SEMMNS] && sem[SEMMNS] > 0)
		warn(w, SYSCTL_SEM, SYSCTL_SEM,
		     "kernel.sem: semmsl %" PRId64 " is above semmns %" PRId64 ": a set of more than %" PRId64
		     " semaphores can never be made",
		     sem[SEMMSL], sem[SEMMNS], sem[SEMMNS]);
}

static void check_shm(const struct sysctl_value *v, uint64_t page, struct found *w)
{
	uint64_t max = v[SYSCTL_SHMMAX].u, all = v[SYSCTL_SHMALL].u;

	/* shmget() counts a segment's pages against shmall: a segment
	 * larger than shmall pages cannot be made, whatever shmmax says. */
	if (page == 0 || all > UINT64_MAX / page)
		return;
	if (max > all * page)
		warn(w, SYSCTL_SHMMAX, SYSCTL_SHMALL,
		     "kernel.shmmax %" PRIu64 " is above kernel.shmall %" PRIu64 " pages (%" PRIu64
		     " bytes): no segment can be larger than that; raise kernel.shmall too",
		     max, all, all * page);
}

static void check_mqueue(const struct sysctl_value *v, struct found *w)
{
	int64_t msg_max = v[SYSCTL_MQ_MSG_MAX].i[0], msg_def = v[SYSCTL_MQ_MSG_DEFAULT].i[0];
	int64_t size_max = v[SYSCTL_MQ_MSGSIZE_MAX].i[0], size_def = v[SYSCTL_MQ_MSGSIZE_DEFAULT].i[0];

	/* mq_open() without attributes takes min(max, default) of each. */
	if (msg_def > msg_max)
		warn(w, SYSCTL_MQ_MSG_DEFAULT, SYSCTL_MQ_MSG_MAX,
		     "fs.mqueue.msg_default %" PRId64 " is above fs.mqueue.msg_max %" PRId64
		     ": a queue made without attributes gets %" PRId64 " messages",
		     msg_def, msg_max, msg_max);
	if (size_def > size_max)
		warn(w, SYSCTL_MQ_MSGSIZE_DEFAULT, SYSCTL_MQ_MSGSIZE_MAX,
		     "fs.mqueue.msgsize_default %" PRId64 " is above fs.mqueue.msgsize_max %" PRId64
		     ": a queue made without attributes gets %" PRId64 "-byte messages",
		     size_def, size_max, size_max);
}

size_t sysctl_check_limits(const struct sysctl_value v[SYSCTL_NKEYS], uint64_t page_size, struct sysctl_warning *out,
			   size_t max)
{
	struct found w = { .out = out, .max = max };

	check_msg(v, &w);
	check_sem(v[SYSCTL_SEM].i, &w);
	check_shm(v, page_size, &w);
	check_mqueue(v, &w);
	return w.n;
}

size_t sysctl_plan_check(const struct sysctl_plan *plan, const struct sysctl_value base[SYSCTL_NKEYS],
			 struct sysctl_warning *out, size_t max)
{
	struct sysctl_value result[SYSCTL_NKEYS];
	struct sysctl_warning all[16];
	long page = sysconf(_SC_PAGESIZE);
	size_t n, kept = 0;

	sysctl_plan_result(plan, base, result);
	n = sysctl_check_limits(result, page > 0 ? (uint64_t)page : 4096, all, ARRAY_SIZE(all));
	for (size_t i = 0; i < n && i < ARRAY_SIZE(all); i++) {
		if (!plan->s[all[i].key].set && !plan->s[all[i].other].set)
			continue;
		if (kept < max)
			out[kept] = all[i];
		kept++;
	}
	return kept;
}
