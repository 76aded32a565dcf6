#!/usr/bin/env bash
# Times corolint next to the real `corosync -t` and pcs's Python parser on the
# same inputs, on this machine. A peer that is not installed is skipped.
#   (a) testdata/bench/pve-3node-qdevice.conf (a 3-node Proxmox file with a qdevice)
#   (b) 384 nodes x 8 links, the largest file corosync supports (generated)
# Usage: scripts/bench-peers.sh [RUNS]   (needs: cargo; optional: hyperfine, corosync, pcs)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/corolint

# Inputs. corosync -t needs one node whose ring0_addr is local: the first one is set to 127.0.0.1.
sed '0,/ring0_addr: .*/s//ring0_addr: 127.0.0.1/' testdata/bench/pve-3node-qdevice.conf > "$work/a.conf"
python3 - "$work/b.conf" <<'PY'
import sys
nodes, links = 384, 8
out = ["logging {", "  debug: off", "  to_syslog: yes", "}", "", "nodelist {"]
for n in range(1, nodes + 1):
    out += ["  node {", f"    name: node{n:03}", f"    nodeid: {n}", "    quorum_votes: 1"]
    for l in range(links):
        addr = "127.0.0.1" if (n == 1 and l == 0) else f"10.{l}.{n // 250}.{n % 250 + 1}"
        out.append(f"    ring{l}_addr: {addr}")
    out.append("  }")
out += ["}", "", "quorum {", "  provider: corosync_votequorum", "}", "", "totem {", "  cluster_name: big", "  config_version: 1"]
for l in range(links):
    out += ["  interface {", f"    knet_link_priority: {l + 1}", f"    linknumber: {l}", "  }"]
out += ["  ip_version: ipv4-6", "  link_mode: passive", "  secauth: on", "  version: 2", "}", ""]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
# corosync -t with secauth needs a key file; point it at a temporary one.
head -c 256 /dev/urandom > "$work/authkey"
for f in a b; do sed -i "s|^  secauth: on|  secauth: on\n  keyfile: $work/authkey|" "$work/$f.conf"; done

# mean wall time of a command in ms, by hyperfine when present, else a shell loop
time_ms() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$work/h.json" "$*" >/dev/null 2>&1 || true
    python3 -c "import json;print('%.2f' % (json.load(open('$work/h.json'))['results'][0]['mean']*1000))"
  else
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    python3 -c "print('%.2f' % (($end - $start) / 1e6 / $runs))"
  fi
}

printf '| tool | (a) 3-node PVE + qdevice, %s B | (b) 384 nodes x 8 links, %s B |\n' "$(wc -c < "$work/a.conf")" "$(wc -c < "$work/b.conf")"
printf '| --- | ---: | ---: |\n'
printf '| `corolint FILE` (whole process, all rules) | %s ms | %s ms |\n' "$(time_ms $bin check --quiet "$work/a.conf")" "$(time_ms $bin check --quiet "$work/b.conf")"
printf '| `corolint fmt --check FILE` (whole process) | %s ms | %s ms |\n' "$(time_ms $bin fmt --check "$work/a.conf")" "$(time_ms $bin fmt --check "$work/b.conf")"
corosync_bin=$(command -v corosync || echo /usr/sbin/corosync)
if [ -x "$corosync_bin" ]; then
  printf '| `corosync -t -c FILE` (%s) | %s ms | %s ms |\n' "$($corosync_bin -v | head -n1 | sed "s/.*version '\(.*\)'.*/\1/")" \
    "$(time_ms "$corosync_bin" -t -c "$work/a.conf")" "$(time_ms "$corosync_bin" -t -c "$work/b.conf")"
else
  echo '| `corosync -t` | not installed (skipped) | |'
fi
if python3 -c 'import pcs.lib.corosync.config_parser' 2>/dev/null || [ -d /usr/lib/python3/dist-packages/pcs ]; then
  py=python3; [ -d /usr/lib/python3/dist-packages/pcs ] && py=/usr/bin/python3
  for f in a b; do
    cat > "$work/pcs_$f.py" <<PY
from pcs.lib.corosync.config_parser import Parser
Parser.parse(open("$work/$f.conf", "rb").read())
PY
  done
  printf '| pcs parser as a process (`python3 -c Parser.parse`) | %s ms | %s ms |\n' "$(time_ms $py "$work/pcs_a.py")" "$(time_ms $py "$work/pcs_b.py")"
  $py - "$work/b.conf" <<'PY'
import sys, time
from pcs.lib.corosync.config_parser import Parser
data = open(sys.argv[1], "rb").read()
Parser.parse(data)
n, t = 0, time.perf_counter()
while time.perf_counter() - t < 1.0:
    Parser.parse(data); n += 1
dt = (time.perf_counter() - t) / n
print(f"| pcs parser in-process on (b) | | {dt*1000:.2f} ms ({len(data)/dt/1e6:.1f} MB/s) |")
PY
else
  echo '| pcs | not installed (skipped) | |'
fi
