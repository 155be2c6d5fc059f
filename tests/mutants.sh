#!/bin/bash
# tests/mutants.sh [SOURCE_DIR]: mutation check of the safety-critical code.
#
# Each mutant is one small bug put into a copy of the source tree (in a
# temporary directory, never in SOURCE_DIR), built there (only the targets
# it needs) and run against the tests that must catch it. A mutant is
# killed when one of them fails; one that survives means a safety property
# no test checks. Before any mutant, the same tests must pass on the
# unmutated copy. A mutant's pattern that no longer matches its file (the
# code moved, was renamed or reworded) is an error, never a silent skip:
# update the table below along with the code.
#
# Needs root, like the suite. Prints "ok - killed: NAME" or "not ok - ...",
# ends with "N passed, N failed"; exits 1 if any mutant survived or could
# not be applied. SOURCE_DIR defaults to the tree this script is in; its
# working files are used, committed or not. MUTANTS_ONLY=REGEX runs only
# the mutants whose names match.
set -u
src=$(cd "${1:-$(dirname "$0")/..}" && pwd) || exit 2
[ "$(id -u)" -eq 0 ] || { echo "mutants.sh runs the suite, which needs root" >&2; exit 2; }
jobs=${MUTANTS_JOBS:-2}

# One mutant per line: NAME ;; FILE ;; PERL SUBSTITUTION ;; TARGETS ;; TESTS
# The substitution runs as perl -0777 -pe over FILE (so it may span lines);
# it must change FILE. TARGETS are built; TESTS is ctest's -R regex.
mutants=$(
	cat <<'TABLE'
shm-nosuid       ;; src/mounts.c      ;; s/"tmpfs", MS_NOSUID \| MS_NODEV, opts\)/"tmpfs", MS_NODEV, opts)/ ;; ipcns ipcprobe ;; ^cli\.shm$
shm-nodev        ;; src/mounts.c      ;; s/"tmpfs", MS_NOSUID \| MS_NODEV, opts\)/"tmpfs", MS_NOSUID, opts)/ ;; ipcns ipcprobe ;; ^cli\.shm$
mqueue-nosuid    ;; src/mounts.c      ;; s/"mqueue", MS_NOSUID \| MS_NODEV \| MS_NOEXEC, NULL\)/"mqueue", MS_NODEV | MS_NOEXEC, NULL)/ ;; ipcns ipcprobe ;; ^cli\.mqueue$
make-private     ;; src/mounts.c      ;; s/if \(mount\(NULL, "\/", NULL, MS_REC \| MS_PRIVATE, NULL\) < 0\)/if (0)/ ;; ipcns ipcprobe ;; ^cli\.(shm|mqueue)$
clear-groups     ;; src/creds.c       ;; s/if \(groups && setgroups\(c->ngroups, c->groups\) < 0\)/if (0)/ ;; ipcns ipcprobe ;; ^cli\.creds$
no-new-privs     ;; src/creds.c       ;; s/if \(c->no_new_privs && prctl\(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0\) < 0\)/if (0)/ ;; ipcns ipcprobe ;; ^cli\.creds$
ambient-caps     ;; src/creds.c       ;; s/r = cap_iab_set_vector\(iab, CAP_IAB_AMB, v, CAP_SET\);/r = 0;/ ;; ipcns ipcprobe ;; ^cli\.creds$
set-host-guard   ;; src/cmd_sysctl.c  ;; s/if \(initial && !o\.host\)/if (0)/ ;; ipcns ipcprobe ;; ^cli\.(bad-input\.set|limits-target|launch-safety)$
enter-host-guard ;; src/cmd_run.c     ;; s/\t\tif \(initial\) \{/\t\tif (0) {/ ;; ipcns ipcprobe ;; ^cli\.launch-safety$
limits-after-join;; src/launch.c      ;; s{(\t/\* 3\.[^\n]*\*/\n.*?)(\t/\* 4\.[^\n]*\*/\n\tif \(!sysctl_plan_empty\(limits\)\) \{\n.*?\n\t\}\n)}{$2$1}s ;; ipcns ipcprobe ;; ^cli\.(limits-run|limits-target|enter)$
forward-INT      ;; src/exec.c        ;; s/(forwarded_signals\[\] = \{) SIGINT,/$1/ ;; ipcns ipcprobe ;; ^cli\.run-signals$
forward-TERM     ;; src/exec.c        ;; s/(forwarded_signals\[\] = \{.*?) SIGTERM,/$1/ ;; ipcns ipcprobe ;; ^cli\.run-signals$
forward-HUP      ;; src/exec.c        ;; s/(forwarded_signals\[\] = \{.*?) SIGHUP,/$1/ ;; ipcns ipcprobe ;; ^cli\.run-signals$
forward-QUIT     ;; src/exec.c        ;; s/(forwarded_signals\[\] = \{.*?) SIGQUIT,/$1/ ;; ipcns ipcprobe ;; ^cli\.run-signals$
forward-USR1     ;; src/exec.c        ;; s/(forwarded_signals\[\] = \{.*?) SIGUSR1,/$1/ ;; ipcns ipcprobe ;; ^cli\.run-signals$
forward-USR2     ;; src/exec.c        ;; s/(forwarded_signals\[\] = \{.*?), SIGUSR2 \}/$1 }/ ;; ipcns ipcprobe ;; ^cli\.run-signals$
terminal-twice   ;; src/exec.c        ;; s/(if \(info && info->si_code == SI_KERNEL)/$1 \&\& 0/ ;; ipcns ipcprobe ;; ^cli\.run-signals$
pdeathsig        ;; src/exec.c        ;; s/if \(prctl\(PR_SET_PDEATHSIG, SIGKILL\) < 0 \|\| getppid\(\) != parent\)/if (0)/ ;; ipcns ipcprobe ;; ^cli\.run-exit$
pidfd-ns-kind    ;; src/ns.c          ;; s/(int ns_ipc_of_pidfd\(.*?)ioctl\(pidfd, PIDFD_GET_IPC_NAMESPACE, 0\)/$1ioctl(pidfd, PIDFD_GET_IPC_NAMESPACE + 1, 0)/s ;; ipcns ipcprobe ;; ^cli\.enter$
pidfd-unused     ;; src/ns.c          ;; s/(int ns_ipc_of_pidfd\(.*?)fd = ioctl\(pidfd, PIDFD_GET_IPC_NAMESPACE, 0\);/$1fd = -1;\n\terrno = ENOTTY;/s ;; ipcns ipcprobe ;; ^cli\.enter$
nstype-check     ;; src/ns.c          ;; s/if \(type != CLONE_NEWIPC\)/if (0)/ ;; ipcns ipcprobe ;; ^cli\.(enter|bad-input\.(enter|get|set))$
next-id-unset    ;; src/sysctl_apply.c;; s/if \(\(sysctl_keys\[id\]\.flags & SYSCTL_UNSET\) && want->i\[0\] == -1\)/if (0)/ ;; ipcns ipcprobe ;; ^cli\.bad-input\.(set|enter)$
restore-loop     ;; src/sysctl_apply.c;; s/while \(done-- > 0\) \{/while (0 \&\& done-- > 0) {/ ;; test_sysctl_apply ;; ^unit\.test_sysctl_apply$
delete-members   ;; src/names.c       ;; s/if \(ino != m->want \|\| pid == m->self/if (1 || ino != m->want || pid == m->self/ ;; ipcns ipcprobe ;; ^cli\.names$
delete-sysv-msg  ;; src/names.c       ;; s/\*msg = mi\.msgpool;/*msg = 0;/ ;; ipcns ipcprobe ;; ^cli\.names$
member-threads   ;; src/procscan.c    ;; s/if \(ino && \(fstatat/if (1 || (fstatat/ ;; ipcns ipcprobe ;; ^cli\.names-threads$
run-dir-owner    ;; src/names.c       ;; s/if \(!trusted_owner\(st\.st_uid, me\)\)/if (0)/ ;; ipcns ipcprobe ;; ^cli\.names$
run-dir-sticky   ;; src/names.c       ;; s/\(last \|\| !\(st\.st_mode & S_ISVTX\)\)/(last)/ ;; ipcns ipcprobe ;; ^cli\.names$
run-dir-userns   ;; src/names.c       ;; s/return overflow >= 0 && uid == \(uid_t\)overflow;/return false;/ ;; ipcns ipcprobe ;; ^cli\.names-rootless$
run-dir-premkdir ;; src/names.c       ;; s/r = check_run_dir\(dir, err\);\n\tif \(r >= 0\)/r = 0;\n\tif (r >= 0)/ ;; ipcns ipcprobe ;; ^cli\.names$
list-run-dir     ;; src/nsinfo.c      ;; s/r = names_checked_dir\(false, &dir, err\);/r = names_create_dir(false, &dir, err);/ ;; ipcns ipcprobe ;; ^cli\.names$
hint-to-root     ;; src/explain.c     ;; s/return who->euid == 0;/return false;/ ;; ipcns ipcprobe ;; ^cli\.hints$
TABLE
)
mutants=$(grep -v '^[[:space:]]*$' <<<"$mutants" | grep -E -- "^(${MUTANTS_ONLY:-.*}) *;;")
[ -n "$mutants" ] || { echo "Bail out: no mutant matches MUTANTS_ONLY=${MUTANTS_ONLY:-}"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ipcns-mutants.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
tree=$work/tree
build=$work/build
passes=0 failures=0
pass() { echo "ok - $*"; passes=$((passes + 1)); }
fail() { echo "not ok - $*"; failures=$((failures + 1)); }
field() { # field N LINE: the Nth ";;"-separated field of LINE, trimmed
	local -a all
	local f
	IFS=$'\x1f' read -r -a all <<<"${2//;;/$'\x1f'}"
	f=${all[$1]:-}
	f=${f#"${f%%[![:space:]]*}"}
	echo "${f%"${f##*[![:space:]]}"}"
}

# The copy: every file git knows of or would add, as it is now.
mkdir "$tree"
(cd "$src" && git ls-files -z --cached --others --exclude-standard) |
	(cd "$src" && xargs -0 cp --parents -t "$tree" 2>/dev/null)
[ -f "$tree/CMakeLists.txt" ] || { echo "Bail out: could not copy $src"; exit 1; }
cmake -S "$tree" -B "$build" >"$work/cmake.log" 2>&1 ||
	{ cat "$work/cmake.log"; echo "Bail out: cmake failed"; exit 1; }

build_targets() { # build_targets TARGET...
	cmake --build "$build" -j"$jobs" --target "$@" >"$work/build.log" 2>&1
}
run_tests() { # run_tests REGEX: ctest there; 0 when all pass
	ctest --test-dir "$build" -j"$jobs" --timeout 120 -R "$1" >"$work/ctest.log" 2>&1
}

# The unmutated copy must pass every test a mutant is judged by.
all_targets=$(while IFS= read -r m; do field 3 "$m"; done <<<"$mutants" | tr ' ' '\n' | sort -u | tr '\n' ' ')
all_tests=$(while IFS= read -r m; do field 4 "$m"; done <<<"$mutants" | sort -u | paste -sd'|')
# shellcheck disable=SC2086 # one target per word
build_targets $all_targets || { tail -n 30 "$work/build.log"; echo "Bail out: the unmutated copy does not build"; exit 1; }
if ! run_tests "$all_tests"; then
	grep -E '\*\*\*|Not Run' "$work/ctest.log"
	echo "Bail out: the unmutated copy fails the tests that judge the mutants"
	exit 1
fi
echo "# the unmutated copy passes: $(grep -E '^[0-9]+% tests passed' "$work/ctest.log")"

while IFS= read -r m; do
	start=$SECONDS
	name=$(field 0 "$m") file=$(field 1 "$m") expr=$(field 2 "$m") targets=$(field 3 "$m") tests=$(field 4 "$m")
	cp "$tree/$file" "$work/original"
	if ! perl -0777 -pe "$expr" "$work/original" >"$tree/$file" || cmp -s "$work/original" "$tree/$file"; then
		fail "$name: the pattern no longer matches $file: update mutants.sh with the code"
		cp "$work/original" "$tree/$file"
		continue
	fi
	# shellcheck disable=SC2086
	if ! build_targets $targets; then
		fail "$name: the mutant does not build (a broken pattern?)"
		grep -m 5 'error' "$work/build.log" | sed 's/^/#   /'
	elif run_tests "$tests"; then
		fail "survived: $name ($file; tests $tests pass with it)"
		diff "$work/original" "$tree/$file" | grep '^[<>]' | head -n 6 | sed 's/^/#   /'
	else
		pass "killed: $name, by $(grep -E '\*\*\*(Failed|Timeout|Exception)' "$work/ctest.log" |
			sed -E 's/.*Test +#[0-9]+: ([^ ]+) .*/\1/' | paste -sd' ') ($((SECONDS - start)) s)"
		grep -a -m 1 '^not ok' "$build/Testing/Temporary/LastTest.log" | cut -c 1-150 | sed 's/^/#   /'
	fi
	cp "$work/original" "$tree/$file"
done <<<"$mutants"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
