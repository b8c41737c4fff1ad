#!/usr/bin/env bash
# peers.sh — times pamphlet against typst, WeasyPrint and a bare fpdf
# program on the same generated content, and prints a markdown table.
#
# Run by hand from anywhere in the repository:
#
#   bash bench/peers.sh                 # RUNS=7 alternating runs per cell
#   RUNS=3 SLOW_RUNS=1 bash bench/peers.sh   # a quick look
#
# Environment:
#   RUNS=7        runs per cell (medians are printed)
#   SLOW_RUNS=3   runs of WeasyPrint's matrix (about a minute each here)
#   NO_INSTALL=1  do not install missing peers; their columns print n/a
#   KEEP=1        keep the work folder (its path is printed)
#   BENCH_CACHE   where the npm package is installed
#                 (default ~/.cache/pamphlet-bench)
#   TYPST_TS_VERSION  npm version of @myriaddreamin/typst-ts-node-compiler (0.7.0)
#
# It is not part of make test and never runs in CI: it installs packages
# (npm, apt-get when root) and takes several minutes. A peer that cannot be
# installed or run gets "n/a" in its column; the script does not fail for it.
#
# Timings are whole-process wall times ($EPOCHREALTIME around the command),
# each cell's runs interleaved with the other peers' (the order rotates
# every round) so that load from elsewhere on the machine falls on all of
# them alike, and the median is printed.
set -euo pipefail

RUNS=${RUNS:-7}
SLOW_RUNS=${SLOW_RUNS:-3}
TYPST_TS_VERSION=${TYPST_TS_VERSION:-0.7.0}
BENCH_CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pamphlet-bench}

say() { printf 'peers: %s\n' "$*" >&2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
command -v go >/dev/null || { say "go is needed to build pamphlet"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pamphlet-peers.XXXXXX")
if [[ ${KEEP:-} == 1 ]]; then
	say "work folder: $WORK (kept)"
else
	trap 'rm -rf "$WORK"' EXIT
fi

apt_updated=0
# apt_install PKG... installs Debian packages when we are root and allowed.
apt_install() {
	[[ ${NO_INSTALL:-} == 1 ]] && return 1
	[[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || return 1
	if [[ $apt_updated == 0 ]]; then
		apt-get update -qq >"$WORK/apt.log" 2>&1 || true
		apt_updated=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$WORK/apt.log" 2>&1
}

# --- peers -----------------------------------------------------------------

have_typst=0 have_weasy=0 have_time=0
TYPST_VERSION="typst" WEASY_VERSION="WeasyPrint"

if command -v node >/dev/null; then
	node_major=$(node -p 'process.versions.node.split(".")[0]')
	if ((node_major < 18)); then
		say "typst: node $(node --version) is too old (18 or later); typst column n/a"
	else
		export NODE_PATH="$BENCH_CACHE/npm/node_modules"
		if [[ ! -d $NODE_PATH/@myriaddreamin/typst-ts-node-compiler ]] && [[ ${NO_INSTALL:-} != 1 ]]; then
			say "typst: installing @myriaddreamin/typst-ts-node-compiler@$TYPST_TS_VERSION into $BENCH_CACHE/npm"
			mkdir -p "$BENCH_CACHE/npm"
			npm install --silent --no-audit --no-fund --prefix "$BENCH_CACHE/npm" \
				"@myriaddreamin/typst-ts-node-compiler@$TYPST_TS_VERSION" >"$WORK/npm.log" 2>&1 ||
				say "typst: npm install failed (see $WORK/npm.log with KEEP=1)"
		fi
		if v=$(node bench/typst-compile.mjs --version 2>"$WORK/typst-version.err"); then
			have_typst=1
			TYPST_VERSION=${v%% (*}
			say "typst: $v"
		else
			say "typst: the compiler does not load: $(head -c 300 "$WORK/typst-version.err"); typst column n/a"
		fi
	fi
else
	say "typst: node is not installed (apt-get install nodejs); typst column n/a"
fi

if ! command -v weasyprint >/dev/null; then
	say "WeasyPrint: installing with apt-get"
	apt_install weasyprint || true
fi
if command -v weasyprint >/dev/null; then
	# The matrix is rendered in one Python process through WeasyPrint's
	# API, with the interpreter the weasyprint command runs under.
	WPY=$(head -1 "$(command -v weasyprint)" | sed -n 's/^#! *//p' | awk '{print $1}')
	[[ -x ${WPY:-} ]] || WPY=python3
	if v=$("$WPY" -c 'import weasyprint; print(weasyprint.__version__)' 2>/dev/null); then
		have_weasy=1
		WEASY_VERSION="WeasyPrint $v"
		say "WeasyPrint: $v ($WPY)"
	else
		say "WeasyPrint: installed, but $WPY cannot import it; WeasyPrint column n/a"
	fi
else
	say "WeasyPrint: not installed and apt-get install weasyprint did not work; WeasyPrint column n/a"
fi

if [[ ! -x /usr/bin/time ]]; then
	apt_install time || true
fi
[[ -x /usr/bin/time ]] && have_time=1 || say "/usr/bin/time missing (apt-get install time): peak RSS n/a"

# --- build and export ------------------------------------------------------

say "building pamphlet and barefpdf"
go build -o "$WORK/pamphlet" ./cmd/pamphlet
go build -o "$WORK/barefpdf" ./bench/barefpdf
say "exporting the sample's 48 pamphlets to typst, HTML and JSON"
go run ./bench/export --out "$WORK/in" >/dev/null
IN=$WORK/in
mapfile -t ALL_TYP < <(ls "$IN"/*.typ)
mapfile -t ALL_HTML < <(ls "$IN"/*.html)
mapfile -t ALL_JSON < <(ls "$IN"/*.json)
half=$((${#ALL_TYP[@]} / 2))
OUT=$WORK/out
mkdir -p "$OUT"
export SOURCE_DATE_EPOCH=946684800

# --- the commands timed, by name -------------------------------------------
# Each prints nothing on success; its output folder is emptied beforehand
# only where the tool would otherwise skip work (pamphlet gets --force).

run_cmd() {
	case $1 in
	pam1) "$WORK/pamphlet" build --lang en --floor floor1 --out "$OUT/pam1" --force ;;
	typ1) node bench/typst-compile.mjs --fonts "$IN/fonts" --out "$OUT/typ1" "$IN/en-floor1.typ" ;;
	wea1) weasyprint "$IN/en-floor1.html" "$OUT/en-floor1.weasy.pdf" ;;
	bar1) "$WORK/barefpdf" --out "$OUT/bar1" "$IN/en-floor1.json" ;;
	pamN) "$WORK/pamphlet" build --out "$OUT/pamN" --force ;;
	pamN1) "$WORK/pamphlet" build -j 1 --out "$OUT/pamN1" --force ;;
	pamNoop) "$WORK/pamphlet" build --out "$OUT/pamN" ;;
	typN) node bench/typst-compile.mjs --fonts "$IN/fonts" --out "$OUT/typN" "${ALL_TYP[@]}" ;;
	typN2)
		node bench/typst-compile.mjs --fonts "$IN/fonts" --out "$OUT/typN2" "${ALL_TYP[@]:0:half}" &
		local a=$!
		node bench/typst-compile.mjs --fonts "$IN/fonts" --out "$OUT/typN2" "${ALL_TYP[@]:half}" || { wait $a; return 1; }
		wait $a
		;;
	weaN) "$WPY" bench/weasyprint-many.py "$OUT/weaN" "${ALL_HTML[@]}" ;;
	weaN2)
		"$WPY" bench/weasyprint-many.py "$OUT/weaN2" "${ALL_HTML[@]:0:half}" &
		local a=$!
		"$WPY" bench/weasyprint-many.py "$OUT/weaN2" "${ALL_HTML[@]:half}" || { wait $a; return 1; }
		wait $a
		;;
	barN) "$WORK/barefpdf" --out "$OUT/barN" "${ALL_JSON[@]}" ;;
	barN2)
		"$WORK/barefpdf" --out "$OUT/barN2" "${ALL_JSON[@]:0:half}" &
		local a=$!
		"$WORK/barefpdf" --out "$OUT/barN2" "${ALL_JSON[@]:half}" || { wait $a; return 1; }
		wait $a
		;;
	esac
}

declare -A T FAILED
# timeit NAME: runs NAME once and appends its wall time to T[NAME].
timeit() {
	local t0 t1
	t0=$EPOCHREALTIME
	if ! run_cmd "$1" >"$WORK/$1.out" 2>&1; then
		FAILED[$1]=1
		say "$1 failed: $(tail -c 400 "$WORK/$1.out")"
		return 0
	fi
	t1=$EPOCHREALTIME
	T[$1]+="$(echo "$t1 - $t0" | bc -l) "
}

# rounds N NAME...: N rounds; each round runs every NAME once, starting one
# further along the list each time, so that no peer is always first.
rounds() {
	local n=$1
	shift
	local names=("$@") k=${#names[@]} r i
	for ((r = 0; r < n; r++)); do
		for ((i = 0; i < k; i++)); do
			local name=${names[$(((i + r) % k))]}
			[[ -n ${FAILED[$name]:-} ]] || timeit "$name"
		done
		say "round $((r + 1))/$n of ${names[*]}"
	done
}

median() {
	local name=$1
	if [[ -n ${FAILED[$name]:-} || -z ${T[$name]:-} ]]; then
		echo ""
		return
	fi
	tr ' ' '\n' <<<"${T[$name]}" | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {if (NR%2) m=a[(NR+1)/2]; else m=(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'
}

# cell NAME [NOTE] prints "X.XXX s NOTE", or n/a.
cell() {
	local m
	m=$(median "$1")
	if [[ -z $m ]]; then echo "n/a"; else echo "$m s${2:+ $2}"; fi
}

# --- measure -----------------------------------------------------------------

one=(pam1 bar1) matrix=(pamN pamN1 barN barN2)
((have_typst)) && one+=(typ1) && matrix+=(typN typN2)
((have_weasy)) && one+=(wea1)
say "warming up (file cache, first runs)"
for n in "${one[@]}" "${matrix[@]}"; do run_cmd "$n" >/dev/null 2>&1 || true; done
T=()

say "one English floor pamphlet, $RUNS rounds"
rounds "$RUNS" "${one[@]}"
say "the full matrix, $RUNS rounds"
rounds "$RUNS" "${matrix[@]}"
if ((have_weasy)); then
	say "WeasyPrint's matrix, $SLOW_RUNS rounds (slow)"
	rounds "$SLOW_RUNS" weaN weaN2
fi
say "a second build with nothing changed, $RUNS rounds"
run_cmd pamN >/dev/null 2>&1
rounds "$RUNS" pamNoop

rss=n/a rss_typst=n/a
if ((have_time)); then
	/usr/bin/time -v "$WORK/pamphlet" build --out "$OUT/rss" --force >/dev/null 2>"$WORK/rss.txt" &&
		rss="$(awk -F: '/Maximum resident set size/ {printf "%.0f MiB", $2/1024}' "$WORK/rss.txt")"
	if ((have_typst)); then
		/usr/bin/time -v node bench/typst-compile.mjs --fonts "$IN/fonts" --out "$OUT/rss-typst" "${ALL_TYP[@]}" >/dev/null 2>"$WORK/rss-typst.txt" &&
			rss_typst="$(awk -F: '/Maximum resident set size/ {printf "%.0f MiB", $2/1024}' "$WORK/rss-typst.txt")"
	fi
fi

# --- report ----------------------------------------------------------------

ratio() { # ratio A B prints A/B as "N.NN×", or n/a
	local a b
	a=$(median "$1") b=$(median "$2")
	if [[ -z $a || -z $b ]]; then echo "n/a"; else printf '%.2f×\n' "$(echo "$a / $b" | bc -l)"; fi
}

typ_col=$TYPST_VERSION weasy_col=$WEASY_VERSION
((have_typst)) || typ_col="typst"
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

{
	echo "| work | pamphlet | $typ_col | $weasy_col | bare fpdf |"
	echo "|---|---|---|---|---|"
	echo "| one English floor pamphlet, one process | $(cell pam1) | $(cell typ1) | $(cell wea1) | $(cell bar1) |"
	echo "| the full sample matrix, 48 pamphlets | $(cell pamN "(both cores)") <br> $(cell pamN1 "(-j 1, one core)") | $(cell typN "(one compiler reused, one core)") <br> $(cell typN2 "(two processes of 24, both cores)") | $(cell weaN "(one process, one core)") <br> $(cell weaN2 "(two processes of 24, both cores)") | $(cell barN "(one process, one core)") <br> $(cell barN2 "(two processes of 24, both cores)") |"
	echo "| a second build, nothing changed | $(cell pamNoop) | — | — | — |"
	echo
	echo "- peak RSS, pamphlet's matrix build (both cores): $rss; typst's, one compiler for all 48: $rss_typst"
	echo "- pamphlet vs typst (matrix): $(ratio pamN typN) (pamphlet on both cores vs one reused compiler); $(ratio pamN typN2) (both on both cores); $(ratio pamN1 typN) (both on one core)"
	echo "- pamphlet one pamphlet vs bare fpdf: $(ratio pam1 bar1); matrix, one core each: $(ratio pamN1 barN)"
	if command -v pdfinfo >/dev/null; then
		echo "- pages of en/floor1: pamphlet $(pages "$OUT/pam1/en/floor1.pdf"), typst $(pages "$OUT/typ1/en-floor1.pdf"), WeasyPrint $(pages "$OUT/en-floor1.weasy.pdf"), bare fpdf $(pages "$OUT/bar1/en-floor1.pdf")"
	fi
	echo "- medians of $RUNS alternating runs ($SLOW_RUNS for WeasyPrint's matrix), whole-process wall time; $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), $(go version | awk '{print $3}')"
} | tee "$WORK/peers.md"
