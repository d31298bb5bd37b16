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
#        packaging/measure-startup.sh --each RUNS DIR...   any number of images, alternating run by run in the order
#            given (packaging/startup-floor.sh uses it for the start-up floor's reduced cases)
#        MEASURE_JAVA_OPTIONS="-Xshare:off" packaging/measure-startup.sh   extra JVM options (JAVA_TOOL_OPTIONS)
#        MEASURE_ENV="FLOW_API_URL=http://127.0.0.1:9/api" packaging/measure-startup.sh   extra environment (here: no
#            demo mode, so nothing but the window starts)
#        MEASURE_PAINT=1 packaging/measure-startup.sh   also the first painted frame: a mapped window stays blank until
#            JavaFX has styled, laid out and drawn the scene once; after mapping, the window is dumped with xwd every
#            30 ms for 5 s, and after the run the first dump that is not one colour is the "painted" time (the dumps
#            cost the machine a little CPU of their own; needs xwd, package x11-apps, and python3)
# Needs: xvfb-run (package xvfb) and xdotool. Each run gets an empty HOME so no earlier state or log is reused.
set -euo pipefail

if [ -z "${MEASURE_INSIDE_XVFB:-}" ]; then
  for tool in xvfb-run xdotool; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install xvfb xdotool)" >&2; exit 1; }
  done
  if [ -n "${MEASURE_PAINT:-}" ]; then
    for tool in xwd python3; do
      command -v "$tool" >/dev/null || { echo "$tool is missing for MEASURE_PAINT (apt-get install x11-apps python3)" >&2; exit 1; }
    done
  fi
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
elif [ "${1:-}" = "--each" ]; then
  runs=${2:?--each needs RUNS and the images}
  shift 2
  [ "$#" -gt 0 ] || { echo "--each needs at least one image directory" >&2; exit 1; }
  images=("$@")
  labels=("$@")
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
  local window painted=""
  while kill -0 "$pid" 2>/dev/null; do
    if window=$(xdotool search --onlyvisible --name "Flow CRM" 2>/dev/null | head -1) && [ -n "$window" ]; then
      now=$(date +%s%N)
      elapsed=$(( (now - start) / 1000000 ))
      # fields 14 and 15 of /proc/PID/stat (after the parenthesised command name): utime and stime in clock ticks
      cpu=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '{print int(($12 + $13) * 1000 / hz)}')
      if [ -n "${MEASURE_PAINT:-}" ]; then
        mkdir -p "$home/frames"
        while (( $(date +%s%N) - now < 5000000000 )); do
          xwd -id "$window" -silent > "$home/frames/$(( ($(date +%s%N) - start) / 1000000 )).xwd" 2>/dev/null || true
          sleep 0.03
        done
        painted=$(first_painted "$home/frames")
      fi
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
  echo "$elapsed ${cpu:-0} ${painted}"
}

# The milliseconds (from launch) of the first window dump in DIR that is not a single colour, or "-" when none is.
first_painted() {
  python3 - "$1" <<'PY'
import os, struct, sys
d = sys.argv[1]
for name in sorted(os.listdir(d), key=lambda n: int(n.split('.')[0])):
    data = open(os.path.join(d, name), 'rb').read()
    if len(data) < 100:
        continue
    header, ncolors = struct.unpack('>I', data[0:4])[0], struct.unpack('>I', data[76:80])[0]
    pixels = data[header + 12 * ncolors:]
    if len(set(pixels[i:i + 4] for i in range(0, len(pixels), 4 * 97))) > 1:
        print(name.split('.')[0])
        break
else:
    print('-')
PY
}

median() {
  sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'
}

declare -A times cpus paints
for i in "${!images[@]}"; do
  one_run "${images[$i]}" >/dev/null
  times[$i]=""
  cpus[$i]=""
  paints[$i]=""
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  line="run $run:"
  for i in "${!images[@]}"; do
    result=$(one_run "${images[$i]}")
    read -r t c p <<< "$result"
    times[$i]+="$t "
    cpus[$i]+="$c "
    if [ -n "${MEASURE_PAINT:-}" ]; then
      paints[$i]+="${p:--} "
      line+=" $t ms (cpu $c ms, painted ${p:--} ms)"
    else
      line+=" $t ms (cpu $c ms)"
    fi
  done
  echo "$line"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!images[@]}"; do
  echo "median of $runs runs, ${labels[$i]}: $(echo "${times[$i]}" | tr ' ' '\n' | grep . | median) ms" \
    "(cpu $(echo "${cpus[$i]}" | tr ' ' '\n' | grep . | median) ms)"
  if [ -n "${MEASURE_PAINT:-}" ]; then
    # runs without a painted frame within 5 s of mapping count as missing, not as fast
    echo "  first painted frame, median of the runs that painted: $(echo "${paints[$i]}" | tr ' ' '\n' | grep -E '^[0-9]+$' | median) ms" \
      "($(echo "${paints[$i]}" | tr ' ' '\n' | grep -c -- '^-$' || true) of $runs without one)"
  fi
done
