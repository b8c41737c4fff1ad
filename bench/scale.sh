#!/bin/bash
# bench/scale.sh: how pamphlet's build scales with the number of
# pamphlets. It generates a museum of PARTS parts (the sample's three
# floors repeated under new IDs, their texts naming the sample's message
# IDs, so every catalog serves them all) in a temporary folder, builds
# every language × part with --force, and prints peak RSS and time per
# pamphlet. Run by hand, never by `make test`:
#
#     bash bench/scale.sh              # 3 parts (48 pamphlets) and 25 (400)
#     SIZES="3 10 25" RUNS=3 bash bench/scale.sh
#
# PAMPHLET=path/to/binary times that build instead of this tree's.
# Needs python3 (3.11+, for tomllib) and GNU time (/usr/bin/time; apt
# package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"3 25"}
RUNS=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${PAMPHLET:-}" ]; then # another build of pamphlet, to compare
	cp "$PAMPHLET" "$work/pamphlet"
else
	go build -o "$work/pamphlet" ./cmd/pamphlet
fi
gen() { # gen PARTS DIR
	mkdir -p "$2"
	cp -r locales "$2/"
	python3 - "$1" "$2" <<'PY'
import sys, tomllib, json
n, out = int(sys.argv[1]), sys.argv[2]
m = tomllib.load(open("museum.toml", "rb"))
src = tomllib.load(open("locales/%s.toml" % m["source"], "rb"))
def has(i): return i in src
q = json.dumps
lines = ['source = %s' % q(m["source"]), 'name = %s' % q(m["name"]), 'subtitle = %s' % q(m["subtitle"]), 'layout = %s' % q(m["layout"]), '']
lines += ['[policy]'] + ['%s = %s' % (k, q(v)) for k, v in m["policy"].items()] + ['']
lines += ['[visitor]', 'items = [' + ', '.join('{ %s }' % ', '.join('%s = %s' % (k, q(v)) for k, v in it.items()) for it in m["visitor"]["items"]) + ']', '']
floors = m["floors"]
for i in range(n):
    f = floors[i % len(floors)]
    pid = "part%02d" % (i + 1)
    lines += ['[[floors]]', 'id = %s' % q(pid), 'number = %s' % q(str(i + 1))]
    for key in ("title", "intro"):
        if has(f["id"] + "." + key): lines.append('%s = %s' % (key, q(f["id"] + "." + key)))
    for r in f["rooms"]:
        lines += ['  [[floors.rooms]]', '  id = %s' % q(pid + "." + r["id"]), '  title = %s' % q(r["id"] + ".title")]
        if has(r["id"] + ".body"): lines.append('  body = %s' % q(r["id"] + ".body"))
        ps = []
        for p in r.get("panels", []):
            pidp = p if isinstance(p, str) else p["id"]
            t = '{ id = %s, body = %s' % (q(pid + "." + pidp), q(pidp + ".body"))
            if has(pidp + ".title"): t += ', title = %s' % q(pidp + ".title")
            ps.append(t + ' }')
        lines.append('  panels = [%s]' % ', '.join(ps))
    lines.append('')
open(out + "/museum.toml", "w").write("\n".join(lines))
PY
}
printf '%-6s %-10s %-12s %-14s %s\n' parts pamphlets wall_s ms/pamphlet peak_RSS_MiB
for n in $SIZES; do
	gen "$n" "$work/m$n"
	walls=() rsss=()
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f '%e %M' -o "$work/t" "$work/pamphlet" build --museum "$work/m$n" --out "$work/out$n" --force --missing source >/dev/null
		read -r w r <"$work/t"
		walls+=("$w") rsss+=("$r")
	done
	count=$(find "$work/out$n" -name '*.pdf' | wc -l)
	python3 - "$n" "$count" "${walls[*]}" "${rsss[*]}" <<'PY'
import sys, statistics as s
n, c = sys.argv[1], int(sys.argv[2])
w = s.median(map(float, sys.argv[3].split())); r = s.median(map(int, sys.argv[4].split()))
print("%-6s %-10d %-12.3f %-14.2f %.0f" % (n, c, w, 1000 * w / c, r / 1024))
PY
done
