#!/usr/bin/env bash
# Measures the launch of the app image from a kept session and its local copy to the board, as on a desktop: a real
# OS credential store (GNOME Keyring's Secret Service on a private D-Bus session bus, unlocked as a login would) so
# that the refresh token is kept and the next launch resumes without the sign-in form.
#
# 1. A demo backend in a JVM of its own (the image's runtime, -Xmx2g): `demo-server --deals N --contacts M
#    --events-per-second 50`, on free ports.
# 2. The first launch signs in with the password through the form (xdotool), waits for the board (the window's title
#    becomes "Flow CRM - <name>"), then for the app to be quiet (the local copy written), and quits (SIGTERM).
# 3. RUNS launches, each timed from starting bin/FlowCRM to (a) the first visible window titled "Flow CRM" and
#    (b) the window titled with the user's name: the main window put on screen with the board from the local copy
#    (`xdotool search --onlyvisible` polled every 20 ms; its first paint follows within a frame or a few). Between
#    launches the app is left to catch up with the server and go quiet, then quit, as a user closing it would.
#
# Usage: packaging/measure-resume.sh [RUNS] [IMAGE_DIR]      defaults: 5 target/dist/FlowCRM
#        DEALS=40 CONTACTS=60 packaging/measure-resume.sh 3   (defaults 10000 / 50000, issue 17's size)
#        MEASURE_KEEP=1 packaging/measure-resume.sh   keeps the temporary HOME (the app's logs) and the launches' output
# Needs: Xvfb, xdotool, dbus-run-session and gnome-keyring-daemon
#        (apt-get install xvfb xdotool dbus-x11 gnome-keyring libsecret-tools).
# One HOME (a temporary directory) for all launches: the local copy and the preferences stay between them, as for a
# user; the JVM is given it with -Duser.home in JAVA_TOOL_OPTIONS (it reads its home from the password database).
set -euo pipefail

runs=${1:-5}
image=$(readlink -f "${2:-target/dist/FlowCRM}")
deals=${DEALS:-10000}
contacts=${CONTACTS:-50000}
launcher="$image/bin/FlowCRM"
[ -x "$launcher" ] || { echo "No launcher in $image; build it: mvn -B -Pdist package -DskipTests -Ddist.installers=none" >&2; exit 1; }

if [ -z "${MEASURE_INSIDE_BUS:-}" ]; then
  for tool in Xvfb xdotool dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install xvfb xdotool dbus-x11 gnome-keyring)" >&2; exit 1; }
  done
  export MEASURE_INSIDE_BUS=1
  exec dbus-run-session -- "$0" "$@"
fi

work=$(mktemp -d /tmp/flow-resume.XXXXXX)
home="$work/home"
mkdir -p "$home"
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${MEASURE_KEEP:-}" ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# A login keyring, created and unlocked with a password on stdin, as a desktop login does; its daemon serves the
# Secret Service on this session bus.
eval "$(printf 'flow-measure' | gnome-keyring-daemon --unlock --components=secrets)"
eval "$(gnome-keyring-daemon --start --components=secrets)"
printf 'probe' | secret-tool store --label='Flow CRM measure probe' flow measure >/dev/null
[ "$(secret-tool lookup flow measure)" = probe ] || { echo "the Secret Service does not keep a secret" >&2; exit 1; }

display=":$((700 + $$ % 200))"
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY="$display"
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

# The backend: the image's runtime and class path, with a heap for 10,000 deals and 50,000 contacts.
cfg="$image/lib/app/FlowCRM.cfg"
appdir="$image/lib/app"
cp=$(sed -n 's/^app.classpath=//p' "$cfg" | sed "s|\\\$APPDIR|$appdir|g" | paste -sd:)
"$image/lib/runtime/bin/java" -Xmx2g -Duser.home="$home" -cp "$cp" com.flowcrm.app.Main demo-server \
  --deals "$deals" --contacts "$contacts" --events-per-second 50 --api-port 0 --ws-port 0 --seed 17 \
  >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1800); do grep -q '^ *FLOW_WS_URL=' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
api=$(sed -n 's/^ *FLOW_API_URL=//p' "$work/server.log" | head -1)
ws=$(sed -n 's/^ *FLOW_WS_URL=//p' "$work/server.log" | head -1)
[ -n "$api" ] && [ -n "$ws" ] || { echo "the demo server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Waits until the process used under a quarter of a core over 3 s (at most 3 minutes).
await_quiet() {
  local pid=$1 before after
  for _ in $(seq 60); do
    before=$(cpu_ticks "$pid"); sleep 3; after=$(cpu_ticks "$pid")
    [ $((after - before)) -lt 75 ] && return 0
  done
}
visible() { xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1; }
quit_app() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

export JAVA_TOOL_OPTIONS="-Duser.home=$home"
echo "backend: $api ($deals deals, $contacts contacts); image: $image; HOME: $home"

# First launch: the password sign-in that keeps the session and writes the local copy.
"$launcher" --api "$api" --ws "$ws" >"$work/app-0.log" 2>&1 &
app=$!
for _ in $(seq 600); do [ -n "$(visible 'Flow CRM')" ] && break; sleep 0.1; done
window=$(visible 'Flow CRM')
[ -n "$window" ] || { echo "no sign-in window:" >&2; cat "$work/app-0.log" >&2; exit 1; }
sleep 2
xdotool windowfocus --sync "$window" type --delay 15 'manager@flow-crm.local'
xdotool key --delay 30 Tab
xdotool type --delay 15 'demo'
xdotool key --delay 30 Return
for _ in $(seq 1200); do [ -n "$(visible 'Flow CRM - ')" ] && break; sleep 0.1; done
[ -n "$(visible 'Flow CRM - ')" ] || { echo "the first sign-in did not reach the board:" >&2; cat "$work/app-0.log" >&2; exit 1; }
await_quiet "$app"
quit_app "$app"
grep -i 'credential store' "$work/app-0.log" | head -2 || true

times=()
for run in $(seq "$runs"); do
  start=$(now_ms)
  "$launcher" --api "$api" --ws "$ws" >"$work/app-$run.log" 2>&1 &
  app=$!
  window_ms="" board_ms=""
  for _ in $(seq 3000); do
    if [ -z "$window_ms" ] && [ -n "$(visible 'Flow CRM')" ]; then window_ms=$(( $(now_ms) - start )); fi
    if [ -n "$(visible 'Flow CRM - ')" ]; then board_ms=$(( $(now_ms) - start )); break; fi
    kill -0 "$app" 2>/dev/null || break
    sleep 0.02
  done
  cpu_ms=$(( $(cpu_ticks "$app") * 10 ))
  if [ -z "$board_ms" ]; then
    echo "run $run: no board from the local copy (the sign-in form showed?):" >&2
    grep -iE 'credential|kept session|local copy|WARN|ERROR' "$work/app-$run.log" | head -10 >&2
    quit_app "$app"
    exit 1
  fi
  echo "run $run: window ${window_ms} ms, board ${board_ms} ms (CPU to then ${cpu_ms} ms; load $(cut -d' ' -f1 /proc/loadavg))"
  times+=("$board_ms")
  await_quiet "$app"
  quit_app "$app"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
echo "launch_to_board_ms (median of $runs): $median"
