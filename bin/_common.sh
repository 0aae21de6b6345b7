# Shared by bin/tune4j and bin/rllib: builds the project when its jars are missing, then runs Java
# with the flags Ray and ND4J need on JDK 17 (DESIGN.md, platform facts).
TUNE4J_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}

# -XX:G1HeapRegionSize=16m: sample batches and weights of about 1 MB are "humongous" objects for
# G1's default regions on this machine kind; a 1 MB byte[] actor round trip took 11.6 ms with the
# default and 1.85 ms with 16 MB regions (bin/tune4j bench runtime).
TUNE4J_JVM_FLAGS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.math=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  -Xss4m
  -XX:G1HeapRegionSize=16m
  -Djava.awt.headless=true
)

tune4j_modules=(search schedulers tune rllib results-viewer examples)

# Builds the reactor (mvn package, tests skipped; nothing is installed into ~/.m2) when any module
# jar or the runtime classpath file is missing. TUNE4J_MVN replaces the Maven command, e.g.
# TUNE4J_MVN="mvn -o" to build offline.
tune4j_ensure_built() {
  local missing=0 m
  for m in "${tune4j_modules[@]}"; do
    if ! ls "$TUNE4J_HOME/$m"/target/tune4j-*.jar >/dev/null 2>&1; then missing=1; fi
  done
  [ -f "$TUNE4J_HOME/examples/target/classpath.txt" ] || missing=1
  if [ "$missing" = 1 ]; then
    local mvn=${TUNE4J_MVN:-mvn}
    echo "tune4j: building the project (first run: $mvn package -DskipTests)..." >&2
    # shellcheck disable=SC2086 # TUNE4J_MVN may hold a command with arguments
    (cd "$TUNE4J_HOME" && $mvn -q -B -ntp package -DskipTests) >&2 || {
      echo "tune4j: build failed; run '$mvn -B package -DskipTests' in $TUNE4J_HOME to see why" >&2
      exit 2
    }
  fi
}

# The runtime classpath of every module: each module's jar plus all third-party dependencies.
tune4j_classpath() {
  local cp="" m jar
  for m in "${tune4j_modules[@]}"; do
    jar=$(ls "$TUNE4J_HOME/$m"/target/tune4j-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1)
    cp="$cp${cp:+:}$jar"
  done
  local deps
  # Third-party jars only: Tune4j's own modules come from the module jars above (from ~/.m2 they
  # are under /io/tune4j/, from a reactor build under a module's target/).
  deps=$(tr ':' '\n' < "$TUNE4J_HOME/examples/target/classpath.txt" | grep -v -e '/io/tune4j/' -e '/target/' | paste -sd: -)
  echo "$cp:$deps"
}

# The Java runtime of the Ray cluster to connect to: TUNE4J_RAY_JAR, else ray/jars/ray_dist.jar of
# the Ray installation whose `ray` command is on the PATH (Maven Central's newest Ray Java is
# 2.39.0; a driver must run the cluster's own version, DESIGN.md).
tune4j_ray_jar() {
  if [ -n "${TUNE4J_RAY_JAR:-}" ]; then
    [ -f "$TUNE4J_RAY_JAR" ] || { echo "tune4j: TUNE4J_RAY_JAR=$TUNE4J_RAY_JAR does not exist" >&2; exit 2; }
    echo "$TUNE4J_RAY_JAR"; return
  fi
  local ray py jar
  ray=$(command -v ray) || {
    echo "tune4j: running on a Ray cluster needs Ray's Java runtime of the cluster's version, but no 'ray' command is on the PATH; install Ray (pip install ray==2.58.0) or set TUNE4J_RAY_JAR to its ray/jars/ray_dist.jar" >&2
    exit 2
  }
  py=$(head -n 1 "$ray" | sed -n 's/^#! *//p' | awk '{print $1}')
  [ -x "$py" ] || py=python3
  jar=$("$py" -c 'import importlib.util, os; print(os.path.join(os.path.dirname(importlib.util.find_spec("ray").origin), "jars", "ray_dist.jar"))' 2>/dev/null) || jar=""
  [ -f "$jar" ] || { echo "tune4j: no ray_dist.jar found for $ray (looked for '$jar'); set TUNE4J_RAY_JAR" >&2; exit 2; }
  echo "$jar"
}

# Whether a run goes to a Ray cluster: ray.address in the JVM flags, or --ray-address /
# --ray-num-nodes among the arguments.
tune4j_wants_cluster() {
  local a
  for a in ${TUNE4J_JAVA_OPTS:-} "$@"; do
    case "$a" in
      -Dray.address=?*|--ray-address|--ray-address=*|--redis-address|--redis-address=*|--ray-num-nodes|--ray-num-nodes=*) return 0 ;;
    esac
  done
  return 1
}

tune4j_java() {
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java" cp
  cp="$(tune4j_classpath)${TUNE4J_CLASSPATH:+:$TUNE4J_CLASSPATH}"
  if tune4j_wants_cluster "$@"; then
    # The cluster's ray_dist.jar first and instead of ray-api/ray-runtime 2.39; worker JVMs get
    # Tune4j's jars through the code search path, its JVM flags and OMP_NUM_THREADS=1.
    local ray_jar own i=0 opts=()
    ray_jar=$(tune4j_ray_jar)
    own=$(tr ':' '\n' <<<"$cp" | grep -v -e '/io/ray/ray-api/' -e '/io/ray/ray-runtime/' | paste -sd: -)
    opts+=("-Dray.job.code-search-path=$own")
    for f in "${TUNE4J_JVM_FLAGS[@]}"; do opts+=("-Dray.job.jvm-options.$i=$f"); i=$((i + 1)); done
    opts+=("-Dray.job.runtime-env.env-vars.OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}")
    exec "$java" "${TUNE4J_JVM_FLAGS[@]}" "${opts[@]}" ${TUNE4J_JAVA_OPTS:-} -cp "$ray_jar:$own" "$@"
  fi
  exec "$java" "${TUNE4J_JVM_FLAGS[@]}" ${TUNE4J_JAVA_OPTS:-} -cp "$cp" "$@"
}
