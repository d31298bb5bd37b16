#!/usr/bin/env bash
# Measures the start-up of the app image: the time from starting the launcher to the first visible window whose
# title contains "Flow CRM" (the sign-in window once it exists). All runs share one Xvfb (xvfb-run) so the X
# server's own start is not counted; `xdotool search --onlyvisible` is polled every 10 ms; one warm-up run per
# image is not counted (it fills the disk cache); then RUNS timed runs, and the median in milliseconds.
#
# Usage: packaging/measure-startup.sh [RUNS] [IMAGE_DIR]     defaults: 11 target/dist/FlowCRM
#        packaging/measure-startup.sh --compare [RUNS]       the image as built against a copy whose launcher does
#            not map the start-up archive (AOT cache / AppCDS); the two alternate run by run, so that load from
#            other processes on the machine hits both alike
#        packaging/measure-startup.sh --against OTHER_IMAGE_DIR [RUNS]   the image as built against another one (e.g. a
#            build of the previous version), alternating run by run like --compare
#        MEASURE_JAVA_OPTIONS="-Xshare:off" packaging/measure-startup.sh   extra JVM options (JAVA_TOOL_OPTIONS)
#        MEASURE_ENV="FLOW_API_URL=http://127.0.0.1:9/api" packaging/measure-startup.sh   extra environment (here: no
#            demo mode, so nothing but the window starts)
# Needs: xvfb-run (package xvfb) and xdotool. Each run gets an empty HOME so no earlier state or log is reused.
set -euo pipefail

if [ -z "${MEASURE_INSIDE_XVFB:-}" ]; then
  for tool in xvfb-run xdotool; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install xvfb xdotool)" >&2; exit 1; }
  done
  export MEASURE_INSIDE_XVFB=1
  # -n: start the free-display search away from :99, which other xvfb-run -a users race for.
  exec xvfb-run -a -n $((200 + $$ % 500)) -s "-screen 0 1920x1080x24" "$0" "$@"
fi

images=()
labels=()
if [ "${1:-}" = "--compare" ]; then
  runs=${2:-11}
  copy=$(mktemp -d)
  trap 'rm -rf "$copy"' EXIT
  cp -a target/dist/FlowCRM "$copy/"
  sed -i -E '/-XX:(AOTCache|SharedArchiveFile)=/d' "$copy"/FlowCRM/lib/app/*.cfg
  rm -f "$copy"/FlowCRM/lib/app/flow-crm.aot "$copy"/FlowCRM/lib/app/flow-crm.jsa
  images=(target/dist/FlowCRM "$copy/FlowCRM")
  labels=("with the start-up archive" "without it (JDK default CDS only)")
elif [ "${1:-}" = "--against" ]; then
  [ -n "${2:-}" ] || { echo "--against needs the other image's directory" >&2; exit 1; }
  runs=${3:-11}
  images=(target/dist/FlowCRM "$2")
  labels=("target/dist/FlowCRM" "$2")
else
  runs=${1:-11}
  images=("${2:-target/dist/FlowCRM}")
  labels=("${2:-target/dist/FlowCRM}${MEASURE_JAVA_OPTIONS:+ with $MEASURE_JAVA_OPTIONS}${MEASURE_ENV:+ with $MEASURE_ENV}")
fi
for image in "${images[@]}"; do
  [ -x "$image/bin/FlowCRM" ] || { echo "No launcher in $image; build it: mvn -Pdist -DskipTests package" >&2; exit 1; }
done

# Prints the milliseconds from launch to the visible window and the CPU milliseconds the process had used by then
# (user + system, all threads: less sensitive to other load on the machine than the wall time), or fails after 60 s.
one_run() {
  local launcher=$1/bin/FlowCRM home start pid now elapsed="" cpu=""
  home=$(mktemp -d)
  start=$(date +%s%N)
  # shellcheck disable=SC2086 # MEASURE_ENV is a list of NAME=value words
  if [ -n "${MEASURE_JAVA_OPTIONS:-}" ]; then
    env HOME="$home" ${MEASURE_ENV:-} JAVA_TOOL_OPTIONS="$MEASURE_JAVA_OPTIONS" "$launcher" >/dev/null 2>"$home/stderr" &
  else
    env HOME="$home" ${MEASURE_ENV:-} "$launcher" >/dev/null 2>"$home/stderr" &
  fi
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if xdotool search --onlyvisible --name "Flow CRM" >/dev/null 2>&1; then
      now=$(date +%s%N)
      elapsed=$(( (now - start) / 1000000 ))
      # fields 14 and 15 of /proc/PID/stat (after the parenthesised command name): utime and stime in clock ticks
      cpu=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '{print int(($12 + $13) * 1000 / hz)}')
      break
    fi
    now=$(date +%s%N)
    (( now - start < 60000000000 )) || break
    sleep 0.01
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -z "$elapsed" ]; then
    echo "no window within 60 s from $launcher; it said:" >&2
    cat "$home/stderr" >&2
    rm -rf "$home"
    return 1
  fi
  rm -rf "$home"
  echo "$elapsed ${cpu:-0}"
}

median() {
  sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'
}

declare -A times cpus
for i in "${!images[@]}"; do
  one_run "${images[$i]}" >/dev/null
  times[$i]=""
  cpus[$i]=""
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  line="run $run:"
  for i in "${!images[@]}"; do
    result=$(one_run "${images[$i]}")
    read -r t c <<< "$result"
    times[$i]+="$t "
    cpus[$i]+="$c "
    line+=" $t ms (cpu $c ms)"
  done
  echo "$line"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!images[@]}"; do
  echo "median of $runs runs, ${labels[$i]}: $(echo "${times[$i]}" | tr ' ' '\n' | grep . | median) ms" \
    "(cpu $(echo "${cpus[$i]}" | tr ' ' '\n' | grep . | median) ms)"
done
