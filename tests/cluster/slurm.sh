#!/usr/bin/env bash
# A sharded batch on a real one-node Slurm cluster, checked against a one-machine batch.
#
# Installs slurm-wlm and munge (Debian) if sbatch is absent, starts munged, slurmctld and slurmd
# (or reuses a running cluster whose node is idle), submits a 4-task job array in which every task
# runs the same `drill batch ... --resume` command line, its shard taken from SLURM_ARRAY_TASK_ID /
# SLURM_ARRAY_TASK_COUNT only, merges the shards with `drill merge`, runs the same batch on this
# machine without sharding, and compares runs.csv and summary.json byte for byte.
# Stops the daemons it started (it leaves the packages installed).
#
# Usage: bash tests/cluster/slurm.sh            (as root, from anywhere)
# Environment:
#   DRILL              the drill binary (default: ${CARGO_TARGET_DIR:-target}/debug/drill in the repo)
#   DRILL_SKIP_SLURM=1 skip
#   DRILL_SLURM_SCENARIO, DRILL_SLURM_PLAN, DRILL_SLURM_RUNS (8), DRILL_SLURM_SEED (42),
#   DRILL_SLURM_TASKS (4), DRILL_SLURM_TIMEOUT (seconds for the array, 600)
# Skips with one line and exit 0 when it cannot run: not root, or Slurm absent and no apt-get or
# no network to the Debian mirror. Exit 1 on any failure or mismatch.
set -euo pipefail

skip() {
    echo "skip: $*"
    exit 0
}
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

cd "$(dirname "$0")/../.."
repo=$(pwd)

[[ ${DRILL_SKIP_SLURM:-} == 1 ]] && skip "slurm cluster test (DRILL_SKIP_SLURM=1)"
[[ $(id -u) -eq 0 ]] || skip "slurm cluster test needs root (to install and start Slurm)"

drill=${DRILL:-${CARGO_TARGET_DIR:-target}/debug/drill}
[[ $drill == /* ]] || drill="$repo/$drill"
[[ -x $drill ]] || fail "no drill binary at $drill (build it, e.g. cargo build, or set DRILL)"

scenario=${DRILL_SLURM_SCENARIO:-scenarios/fengqiao/industrial-fire.ron}
plan=${DRILL_SLURM_PLAN:-plans/fengqiao-comprehensive.ron}
runs=${DRILL_SLURM_RUNS:-8}
seed=${DRILL_SLURM_SEED:-42}
tasks=${DRILL_SLURM_TASKS:-4}
array_timeout=${DRILL_SLURM_TIMEOUT:-600}

# The one-machine batch and drill merge must not see a shard index from the caller's environment
# (e.g. when this script itself runs inside a Slurm job or a Kubernetes Indexed Job).
unset SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_COUNT JOB_COMPLETION_INDEX

t_start=$EPOCHREALTIME
elapsed() { # seconds since $1, one decimal
    awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}

# ---- install -------------------------------------------------------------------------------------
# A daemon already running before this script is not ours: we neither start nor stop it. One that
# the package installation starts (on a machine without policy-rc.d) counts as ours.
running() { pgrep -x "$1" >/dev/null 2>&1; }
pre_munged=0 pre_ctld=0 pre_slurmd=0
running munged && pre_munged=1
running slurmctld && pre_ctld=1
running slurmd && pre_slurmd=1

t_install="0.0"
if ! command -v sbatch >/dev/null 2>&1 || [[ ! -x /usr/sbin/slurmctld || ! -x /usr/sbin/slurmd ||
    ! -x /usr/sbin/munged ]]; then
    command -v apt-get >/dev/null 2>&1 || skip "slurm cluster test: Slurm not installed and no apt-get"
    # Quick reachability check of the mirror apt uses (or of apt's proxy).
    proxy=""
    eval "$(apt-config shell proxy Acquire::http::Proxy 2>/dev/null)" || true
    if [[ -n $proxy ]]; then
        hostport=${proxy#*://}
        hostport=${hostport##*@}
        hostport=${hostport%%/*}
        mhost=${hostport%%:*}
        mport=${hostport##*:}
        [[ $mport == "$hostport" ]] && mport=80
    else
        url=$(grep -h -E '^[[:space:]]*(URIs:|deb[[:space:]])' /etc/apt/sources.list \
            /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
            grep -o -E 'https?://[^/[:space:]]+' | grep -m1 -i debian || true)
        url=${url:-http://deb.debian.org}
        mhost=${url#*://}
        mport=80
        [[ $url == https* ]] && mport=443
    fi
    timeout 5 bash -c "exec 3<>/dev/tcp/$mhost/$mport" 2>/dev/null ||
        skip "slurm cluster test: no network to the Debian mirror ($mhost:$mport)"
    t0=$EPOCHREALTIME
    export DEBIAN_FRONTEND=noninteractive
    aptlog=$(mktemp)
    install() {
        apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 slurm-wlm munge >>"$aptlog" 2>&1
    }
    if ! apt-cache show slurm-wlm >/dev/null 2>&1 || ! install; then
        # Package lists missing or stale (404 on a superseded version): refresh once.
        apt-get update -q >>"$aptlog" 2>&1 || true
        if ! install; then
            tail -n 30 "$aptlog" >&2
            rm -f "$aptlog"
            fail "apt-get install slurm-wlm munge failed"
        fi
    fi
    rm -f "$aptlog"
    t_install=$(elapsed "$t0")
    echo "installed slurm-wlm and munge in ${t_install} s"
fi

# ---- start the cluster ---------------------------------------------------------------------------
work=$(mktemp -d /tmp/drill-slurm.XXXXXX)
chmod 755 "$work"
logdir=/var/log/slurm
mkdir -p "$logdir"
stop_pids=() # daemons to stop at the end, in order: slurmd, slurmctld, munged
jobid=""
status=fail

pid_of() { # pid file, then process name; prints nothing if not running
    local file=$1 name=$2 pid=""
    [[ -s $file ]] && pid=$(<"$file")
    if [[ -z $pid ]] || ! kill -0 "$pid" 2>/dev/null; then
        pid=$(pgrep -o -x "$name" || true)
    fi
    echo "$pid"
}

cleanup() {
    set +e
    if [[ -n $jobid ]] && squeue -h -j "$jobid" 2>/dev/null | grep -q .; then
        scancel "$jobid" 2>/dev/null
    fi
    local pid i
    for pid in "${stop_pids[@]}"; do
        kill "$pid" 2>/dev/null || continue
        for ((i = 0; i < 50; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    done
    if [[ $status == pass ]]; then
        rm -rf "$work"
    else
        echo "kept $work (job script, task logs, shard and merged folders); daemon logs in $logdir" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t0=$EPOCHREALTIME
node=$(hostname -s)
conf=/etc/slurm/slurm.conf
marker="# written by drill tests/cluster/slurm.sh"

# munge
mkdir -p /run/munge /var/lib/munge /var/log/munge /etc/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge
if [[ ! -s /etc/munge/munge.key ]]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    chown munge:munge /etc/munge/munge.key
    chmod 400 /etc/munge/munge.key
fi
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    if ! running munged; then
        su -s /bin/sh munge -c /usr/sbin/munged
    fi
    for ((i = 0; i < 50; i++)); do
        munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
        sleep 0.1
    done
    munge -n 2>/dev/null | unmunge >/dev/null 2>&1 || fail "munged does not answer (see /var/log/munge/munged.log)"
fi

# slurm.conf: ours is rewritten each time (the host name may differ); another one is used as it is.
if [[ ! -f $conf ]] || grep -qxF "$marker" "$conf"; then
    if ! running slurmctld && ! running slurmd; then
        mkdir -p /etc/slurm
        cat >"$conf" <<EOF
$marker
ClusterName=local
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
    fi
else
    echo "note: using the existing $conf (not written by this script)"
fi
mkdir -p /var/spool/slurmctld /var/spool/slurmd

reused=1
if ! running slurmctld; then
    reused=0
    # -c: start from a clean state (no jobs left from an earlier, interrupted test)
    /usr/sbin/slurmctld -c -L "$logdir/slurmctld.log" || fail "slurmctld did not start (see $logdir/slurmctld.log)"
fi
if ! running slurmd; then
    reused=0
    /usr/sbin/slurmd -L "$logdir/slurmd.log" || fail "slurmd did not start (see $logdir/slurmd.log)"
fi
sleep 0.2
# The daemons to stop at the end: those not running when this script began.
[[ $pre_slurmd == 0 ]] && stop_pids+=("$(pid_of /run/slurmd.pid slurmd)")
[[ $pre_ctld == 0 ]] && stop_pids+=("$(pid_of /run/slurmctld.pid slurmctld)")
[[ $pre_munged == 0 ]] && stop_pids+=("$(pid_of /run/munge/munged.pid munged)")

# Wait (up to 60 s) until the partition has an idle node.
state=""
for ((i = 0; i < 300; i++)); do
    state=$(sinfo -h -o %t 2>/dev/null | tr '\n' ' ' || true)
    [[ " $state " == *" idle "* ]] && break
    sleep 0.2
done
if [[ " $state " != *" idle "* ]]; then
    echo "sinfo: ${state:-no answer}" >&2
    sinfo -R >&2 || true
    scontrol show node >&2 || true
    tail -n 20 "$logdir/slurmctld.log" "$logdir/slurmd.log" >&2 2>/dev/null || true
    fail "the Slurm node did not become idle within 60 s"
fi
t_cluster=$(elapsed "$t0")
if [[ $reused == 1 ]]; then
    echo "reusing the running Slurm cluster (idle) after ${t_cluster} s"
else
    echo "Slurm cluster up (node $node idle) in ${t_cluster} s"
fi

# ---- the job array -------------------------------------------------------------------------------
mkdir -p "$work/logs"
q() { printf '%q' "$1"; }
cat >"$work/job.sh" <<EOF
#!/bin/bash
#SBATCH --job-name=drill-shards
#SBATCH --array=0-$((tasks - 1))
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --time=20
#SBATCH --chdir=$repo
#SBATCH --output=$work/logs/task-%a.out
set -euo pipefail
# The shard comes from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT alone (no --shard flag).
unset JOB_COMPLETION_INDEX
echo "task \$SLURM_ARRAY_TASK_ID of \$SLURM_ARRAY_TASK_COUNT (job \$SLURM_ARRAY_JOB_ID) on \$(hostname) in \$PWD"
$(q "$drill") batch $(q "$scenario") --plan $(q "$plan") --runs $runs --seed $seed --threads 1 \\
    --out $(q "$work/cluster") --resume
EOF

t0=$EPOCHREALTIME
out=$(sbatch --parsable "$work/job.sh") || fail "sbatch refused the job script $work/job.sh"
jobid=${out%%;*}
echo "submitted job array $jobid (tasks 0-$((tasks - 1)), $runs runs of $scenario, seed $seed)"

# Wait until no task of the array is pending, running or completing.
deadline=$((SECONDS + array_timeout))
while :; do
    if ! left=$(squeue -h -j "$jobid" -o %T 2>/dev/null); then
        left="" # the controller has forgotten the job: it ended long ago
    fi
    [[ -z $left ]] && break
    if ((SECONDS >= deadline)); then
        squeue -j "$jobid" >&2 || true
        fail "job array $jobid still running after ${array_timeout} s"
    fi
    sleep 1
done
t_array=$(elapsed "$t0")

# Every task must have COMPLETED with exit code 0.
bad=()
ntasks_seen=0
while read -r line; do
    [[ -z $line ]] && continue
    tid=$(grep -o -E 'ArrayTaskId=[^ ]+' <<<"$line" | cut -d= -f2)
    st=$(grep -o -E 'JobState=[^ ]+' <<<"$line" | cut -d= -f2)
    ec=$(grep -o -E ' ExitCode=[^ ]+' <<<"$line" | cut -d= -f2)
    ntasks_seen=$((ntasks_seen + 1))
    if [[ $st != COMPLETED || $ec != 0:0 ]]; then
        bad+=("$tid")
        echo "task $tid: $st, exit code $ec" >&2
    fi
done < <(scontrol show job -o "$jobid" 2>/dev/null || true)
if ((${#bad[@]} > 0 || ntasks_seen != tasks)); then
    ((ntasks_seen != tasks)) && echo "scontrol reports $ntasks_seen of $tasks tasks" >&2
    for f in "$work"/logs/task-*.out; do
        [[ -e $f ]] || continue
        tid=${f##*/task-}
        tid=${tid%.out}
        if ((ntasks_seen != tasks)) || [[ " ${bad[*]} " == *" $tid "* ]]; then
            echo "---- slurm log of task $tid ($f):" >&2
            cat "$f" >&2
        fi
    done
    fail "job array $jobid: failed tasks: ${bad[*]:-unknown} (after ${t_array} s)"
fi
echo "job array $jobid: $tasks tasks completed in ${t_array} s"

# ---- merge, one-machine batch, compare -----------------------------------------------------------
t0=$EPOCHREALTIME
"$drill" merge "$work/cluster" --out "$work/merged" >"$work/merge.out" || fail "drill merge $work/cluster failed"
head -n 1 "$work/merge.out"
t_merge=$(elapsed "$t0")

t0=$EPOCHREALTIME
"$drill" batch "$scenario" --plan "$plan" --runs "$runs" --seed "$seed" --out "$work/single" >/dev/null ||
    fail "the one-machine drill batch failed"
t_single=$(elapsed "$t0")

mismatch=()
for f in runs.csv summary.json; do
    [[ -s $work/single/$f ]] || fail "the one-machine batch wrote no $f"
    [[ -s $work/merged/$f ]] || fail "drill merge wrote no $f"
    if ! cmp "$work/merged/$f" "$work/single/$f"; then
        mismatch+=("$f")
        diff "$work/merged/$f" "$work/single/$f" | head -n 20 >&2 || true
    fi
done

times="install ${t_install} s, cluster start ${t_cluster} s, array ${t_array} s, merge ${t_merge} s, one-machine batch ${t_single} s, total $(elapsed "$t_start") s"
if ((${#mismatch[@]} > 0)); then
    echo "FAIL: slurm $tasks-task array merged differs from the one-machine batch in ${mismatch[*]} ($times)" >&2
    exit 1
fi
status=pass
echo "PASS: slurm $tasks-task array of $runs runs, merged runs.csv and summary.json equal the one-machine batch ($times)"
