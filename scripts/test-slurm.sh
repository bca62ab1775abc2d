#!/usr/bin/env bash
# The Slurm job-array test: starts a single-node Slurm cluster on this machine (munged,
# slurmctld, slurmd, a generated slurm.conf; no systemd: started by hand, as root), submits
# deploy/slurm/sweep.sbatch on the small bundled sweep, waits for the array and the merge, and
# checks that the merged result equals the local sweep byte for byte. It stops what it started.
#
# Usage (after `swift build -c release --product dtao`): bash scripts/test-slurm.sh
# Installs slurm-wlm and munge from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dtao=$root/.build/release/dtao
sweep=Scenarios/sweeps/sell-fraction-small.yaml
shards=3
[[ -x "$dtao" ]] || { echo "build dtao first: swift build -c release --product dtao" >&2; exit 2; }
dpkg -s slurm-wlm munge >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge; }

work=$(mktemp -d /tmp/dtao-slurm.XXXXXX)
chmod 755 "$work"
pids=()
stop() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap stop EXIT

# munge: a fresh key and a private socket.
mkdir -p "$work/munge"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" --pid-file="$work/munge/munged.pid" \
    --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed"
for _ in $(seq 50); do [[ -s "$work/munge/munged.pid" ]] && break; sleep 0.1; done
pids+=("$(cat "$work/munge/munged.pid")")

# Slurm: one node, this machine's name and CPUs, state and logs in the work folder.
node=$(hostname -s)
cpus=$(nproc)
mkdir -p "$work/state" "$work/spool" "$work/log"
cat > "$work/slurm.conf" <<CONF
ClusterName=dtao-test
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$node CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -f "$SLURM_CONF"
for _ in $(seq 100); do [[ -s "$work/slurmctld.pid" ]] && break; sleep 0.1; done
pids+=("$(cat "$work/slurmctld.pid")")
slurmd -f "$SLURM_CONF"
for _ in $(seq 100); do [[ -s "$work/slurmd.pid" ]] && break; sleep 0.1; done
pids+=("$(cat "$work/slurmd.pid")")
for _ in $(seq 150); do sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)' && break; sleep 0.2; done
sinfo -h -o "%P %t %c" | grep -qE 'idle|mix' || { echo "the Slurm node did not come up" >&2; sinfo >&2 || true; cat "$work/log/"*.log >&2; exit 1; }

# The sweep on Slurm, then locally.
out=$work/out
DTAO=$dtao bash deploy/slurm/sweep.sbatch "$sweep" "$out" "$shards"
for _ in $(seq 1800); do
    [[ -z "$(squeue -h -o %i 2>/dev/null)" ]] && break
    sleep 0.5
done
[[ -z "$(squeue -h -o %i)" ]] || { echo "the jobs did not finish in 15 minutes" >&2; squeue >&2; exit 1; }
[[ -d "$out/result" ]] || { echo "the merge job wrote no result" >&2; cat "$out/logs/"*.out >&2 || true; exit 1; }
for index in $(seq 0 $((shards - 1))); do
    grep -q "\"index\":$index," "$out/shards/$index/shard.json" || { echo "array task $index wrote no shard $index" >&2; exit 1; }
done
[[ $(ls "$out/shards" | wc -l) -eq $shards ]] || { echo "expected $shards shard folders" >&2; ls "$out/shards" >&2; exit 1; }
"$dtao" sweep "$sweep" --out "$work/local" --quiet
for file in runs.csv runs-subnets.csv bands.csv sweep.json; do
    cmp "$out/result/$file" "$work/local/$file" || { echo "$file differs between the Slurm sweep and the local one" >&2; exit 1; }
done
echo "slurm: $shards array tasks and the merge ran; the merged sweep equals the local sweep byte for byte"
