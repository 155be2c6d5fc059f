/* The one registry of per-namespace IPC sysctl keys (see sysctl_keys.h). */
#include "ipcns/sysctl_keys.h"

#include <limits.h>

/* IPCMNI: the most SysV objects of one kind (ipc/util.h, without the
 * ipcmni_extend boot option); bounds msgmni, shmmni and SEMMNI. */
#define IPC_MNI 32768
/* HARD_MSGMAX and HARD_MSGSIZEMAX (include/linux/ipc_namespace.h). */
#define MQ_HARD_MSGMAX     65536
#define MQ_HARD_MSGSIZEMAX (16 * 1024 * 1024)
/* SHMMAX and SHMALL (include/uapi/linux/shm.h): "as large as possible". */
#define SHM_DEFAULT (ULONG_MAX - (1UL << 24))

#define NEXT_ID(kind, what)                                                                                            \
	{                                                                                                              \
		.name = "kernel." kind "_next_id", .path = "kernel/" kind "_next_id", .type = SYSCTL_INT,              \
		.unit = SYSCTL_UNIT_ID, .min = -1, .max = INT_MAX, .def = { .i = { -1 } },                             \
		.flags = SYSCTL_NO_INHERIT | SYSCTL_UNSET,                                                             \
		.description = "id the next " what " gets, once (-1: unset, the kernel chooses)",                      \
	}

/* clang-format off: a key in two or three lines reads as a table */
const struct sysctl_key sysctl_keys[SYSCTL_NKEYS] = {
	[SYSCTL_MSGMAX] = { .name = "kernel.msgmax",
			    .path = "kernel/msgmax",
			    .type = SYSCTL_INT,
			    .unit = SYSCTL_UNIT_BYTES,
			    .min = 0,
			    .max = INT_MAX,
			    .def = { .i = { 8192 } },
			    .description = "largest System V message" },
	[SYSCTL_MSGMNB] = { .name = "kernel.msgmnb",
			    .path = "kernel/msgmnb",
			    .type = SYSCTL_INT,
			    .unit = SYSCTL_UNIT_BYTES,
			    .min = 0,
			    .max = INT_MAX,
			    .def = { .i = { 16384 } },
			    .description = "what a new System V message queue may hold" },
	[SYSCTL_MSGMNI] = { .name = "kernel.msgmni",
			    .path = "kernel/msgmni",
			    .type = SYSCTL_INT,
			    .unit = SYSCTL_UNIT_COUNT,
			    .min = 0,
			    .max = IPC_MNI,
			    .def = { .i = { 32000 } },
			    .description = "most System V message queues" },
	/* The kernel takes 1 and ignores it: refuse it rather than pretend. */
	[SYSCTL_AUTO_MSGMNI] = { .name = "kernel.auto_msgmni",
				 .path = "kernel/auto_msgmni",
				 .type = SYSCTL_INT,
				 .unit = SYSCTL_UNIT_BOOL,
				 .min = 0,
				 .max = 0,
				 .def = { .i = { 0 } },
				 .flags = SYSCTL_NO_INHERIT,
				 .description = "legacy switch, always 0: msgmni no longer follows memory size" },
	[SYSCTL_SEM] = { .name = "kernel.sem",
			 .path = "kernel/sem",
			 .type = SYSCTL_SEMS,
			 .unit = SYSCTL_UNIT_FIELDS,
			 .def = { .i = { 32000, 1024000000, 500, 32000 } },
			 .description = "System V semaphore limits, four fields in this order" },
	[SYSCTL_SHMALL] = { .name = "kernel.shmall",
			    .path = "kernel/shmall",
			    .type = SYSCTL_ULONG,
			    .unit = SYSCTL_UNIT_PAGES,
			    .min = 0,
			    .max = ULONG_MAX,
			    .def = { .u = SHM_DEFAULT },
			    .description = "all System V shared memory together" },
	[SYSCTL_SHMMAX] = { .name = "kernel.shmmax",
			    .path = "kernel/shmmax",
			    .type = SYSCTL_ULONG,
			    .unit = SYSCTL_UNIT_BYTES,
			    .min = 0,
			    .max = ULONG_MAX,
			    .def = { .u = SHM_DEFAULT },
			    .description = "largest System V shared-memory segment" },
	[SYSCTL_SHMMNI] = { .name = "kernel.shmmni",
			    .path = "kernel/shmmni",
			    .type = SYSCTL_INT,
			    .unit = SYSCTL_UNIT_COUNT,
			    .min = 0,
			    .max = IPC_MNI,
			    .def = { .i = { 4096 } },
			    .description = "most System V shared-memory segments" },
	[SYSCTL_SHM_RMID_FORCED] = { .name = "kernel.shm_rmid_forced",
				     .path = "kernel/shm_rmid_forced",
				     .type = SYSCTL_INT,
				     .unit = SYSCTL_UNIT_BOOL,
				     .min = 0,
				     .max = 1,
				     .def = { .i = { 0 } },
				     .description = "1: destroy a segment once no process has it attached" },
	[SYSCTL_MSG_NEXT_ID] = NEXT_ID("msg", "message queue"),
	[SYSCTL_SEM_NEXT_ID] = NEXT_ID("sem", "semaphore set"),
	[SYSCTL_SHM_NEXT_ID] = NEXT_ID("shm", "shared-memory segment"),
	/* The kernel compares it as unsigned: a negative value is no limit. */
	[SYSCTL_MQ_QUEUES_MAX] = { .name = "fs.mqueue.queues_max",
				   .path = "fs/mqueue/queues_max",
				   .type = SYSCTL_INT,
				   .unit = SYSCTL_UNIT_COUNT,
				   .min = INT_MIN,
				   .max = INT_MAX,
				   .def = { .i = { 256 } },
				   .description = "most POSIX message queues (negative: no limit)" },
	[SYSCTL_MQ_MSG_MAX] = { .name = "fs.mqueue.msg_max",
				.path = "fs/mqueue/msg_max",
				.type = SYSCTL_INT,
				.unit = SYSCTL_UNIT_COUNT,
				.min = 1,
				.max = MQ_HARD_MSGMAX,
				.def = { .i = { 10 } },
				.description = "most messages in one POSIX queue (mq_maxmsg)" },
	[SYSCTL_MQ_MSGSIZE_MAX] = { .name = "fs.mqueue.msgsize_max",
				    .path = "fs/mqueue/msgsize_max",
				    .type = SYSCTL_INT,
				    .unit = SYSCTL_UNIT_BYTES,
				    .min = 128,
				    .max = MQ_HARD_MSGSIZEMAX,
				    .def = { .i = { 8192 } },
				    .description = "largest POSIX message (mq_msgsize)" },
	[SYSCTL_MQ_MSG_DEFAULT] = { .name = "fs.mqueue.msg_default",
				    .path = "fs/mqueue/msg_default",
				    .type = SYSCTL_INT,
				    .unit = SYSCTL_UNIT_COUNT,
				    .min = 1,
				    .max = MQ_HARD_MSGMAX,
				    .def = { .i = { 10 } },
				    .description = "mq_maxmsg of a queue made without attributes (at most msg_max)" },
	[SYSCTL_MQ_MSGSIZE_DEFAULT] = { .name = "fs.mqueue.msgsize_default",
					.path = "fs/mqueue/msgsize_default",
					.type = SYSCTL_INT,
					.unit = SYSCTL_UNIT_BYTES,
					.min = 128,
					.max = MQ_HARD_MSGSIZEMAX,
					.def = { .i = { 8192 } },
					.description =
					    "mq_msgsize of a queue made without attributes (at most msgsize_max)" },
};
/* clang-format on */

/* The kernel checks only SEMMNI (0..IPCMNI); the other three are any int,
 * negatives included, as written to /proc/sys/kernel/sem on 6.18. */
const struct sysctl_sem_field sysctl_sem_fields[SYSCTL_SEM_FIELDS] = {
	{ .name = "semmsl", .min = INT_MIN, .max = INT_MAX, .description = "most semaphores in one set" },
	{ .name = "semmns", .min = INT_MIN, .max = INT_MAX, .description = "most semaphores in all sets together" },
	{ .name = "semopm", .min = INT_MIN, .max = INT_MAX, .description = "most operations in one semop() call" },
	{ .name = "semmni", .min = 0, .max = IPC_MNI, .description = "most semaphore sets" },
};
