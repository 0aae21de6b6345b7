# Shared by bin/tune4j and bin/rllib: builds the project when its jars are missing, then runs Java
# with the flags Ray and ND4J need on JDK 17 (DESIGN.md, platform facts).
TUNE4J_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}

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

tune4j_java() {
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  exec "$java" "${TUNE4J_JVM_FLAGS[@]}" ${TUNE4J_JAVA_OPTS:-} -cp "$(tune4j_classpath)" "$@"
}
