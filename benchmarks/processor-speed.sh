#!/usr/bin/env bash
# Compile time of 300 generated @Model classes, with the Pocketto processor and without it.
#
#   benchmarks/processor-speed.sh [models] [runs] [warm-rounds]   (defaults: 300 models, best of 3
#                                                                 cold runs, 8 warm rounds; 0 skips warm)
#
# Cold: four javac runs over the same model sources, each a fresh JVM, each the best of N (javac's own
# JIT warm-up makes the first run of anything slow, and this machine is shared):
#   plain      javac -proc:none on the models alone: the project as if @Model generated nothing.
#   floor      javac with FloorProcessor, which writes an empty subclass per model and does nothing
#              else: what javac charges any processor that generates a class per model.
#   processor  javac with pocketto-processor: validates, generates and compiles the generated records.
#   same-code  javac -proc:none on the models plus the sources 'processor' generated: the same code,
#              written by hand instead of generated.
# processor/plain is what a user feels (goal: under 2x); processor/same-code is the processor's own
# cost, the part a faster processor could win back. Nothing else is on the classpath in any run.
# Warm: the same four in one JVM, round after round (WarmJavac.java), as in a build daemon or an IDE.
set -euo pipefail

MODELS=${1:-300}
RUNS=${2:-3}
WARM_ROUNDS=${3:-8}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/pocketto-processor-speed.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

cd "$ROOT"
./mvnw -q package dependency:build-classpath -pl runtime,processor -DskipTests \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/speed-classpath.txt
CP="$ROOT/runtime/target/pocketto-runtime-0.1.0-SNAPSHOT.jar:$(cat runtime/target/speed-classpath.txt)"
PP="$ROOT/processor/target/pocketto-processor-0.1.0-SNAPSHOT.jar:$(cat processor/target/speed-classpath.txt)"
FLOOR="$WORK/floor"
mkdir -p "$FLOOR/META-INF/services"
javac -d "$FLOOR" "$ROOT/benchmarks/src/processor-speed/FloorProcessor.java"
echo FloorProcessor > "$FLOOR/META-INF/services/javax.annotation.processing.Processor"

# The models: a shape like the sample app's invoice, eight fields each, one of them JSON.
SRC="$WORK/src/com/acme/gen"
mkdir -p "$SRC"
cat > "$SRC/Line.java" <<'JAVA'
package com.acme.gen;

public record Line(String description, int quantity, java.math.BigDecimal unitPrice) {}
JAVA
cat > "$SRC/Stage.java" <<'JAVA'
package com.acme.gen;

public enum Stage { NEW, OPEN, DONE }
JAVA
for i in $(seq -w 1 "$MODELS"); do
  cat > "$SRC/Document${i}Model.java" <<JAVA
package com.acme.gen;

import io.pocketto.Model;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

@Model
public abstract class Document${i}Model {
  protected String number;
  protected String customer;
  protected BigDecimal total;
  protected LocalDate issuedOn;
  protected Stage stage;
  protected int reminders;
  protected boolean archived;
  protected List<Line> lines = new ArrayList<>();

  public BigDecimal sum() {
    BigDecimal sum = BigDecimal.ZERO;
    for (Line line : lines) {
      sum = sum.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
    }
    return sum;
  }
}
JAVA
done
find "$WORK/src" -name '*.java' > "$WORK/models.txt"

best() { sort -n | head -1; }
time_ms() { local s e; s=$(date +%s%N); "$@"; e=$(date +%s%N); echo $(((e - s) / 1000000)); }

run_plain() {
  rm -rf "$WORK/plain" && mkdir -p "$WORK/plain"
  javac -proc:none -nowarn -cp "$CP" -d "$WORK/plain" @"$WORK/models.txt"
}
run_floor() {
  rm -rf "$WORK/floor-out" "$WORK/floor-generated" && mkdir -p "$WORK/floor-out" "$WORK/floor-generated"
  javac -nowarn -cp "$CP" -processorpath "$FLOOR" -s "$WORK/floor-generated" -d "$WORK/floor-out" @"$WORK/models.txt"
}
run_processor() {
  rm -rf "$WORK/proc" "$WORK/generated" && mkdir -p "$WORK/proc" "$WORK/generated"
  javac -nowarn -cp "$CP" -processorpath "$PP" -s "$WORK/generated" -d "$WORK/proc" @"$WORK/models.txt"
}
run_same_code() {
  rm -rf "$WORK/same" && mkdir -p "$WORK/same"
  javac -proc:none -nowarn -cp "$CP" -d "$WORK/same" @"$WORK/models.txt" @"$WORK/generated.txt"
}

run_processor  # once first, so the generated sources exist for same-code
find "$WORK/generated" -name '*.java' > "$WORK/generated.txt"
GENERATED=$(wc -l < "$WORK/generated.txt")
if [ "$GENERATED" -ne "$MODELS" ]; then
  echo "expected $MODELS generated records, found $GENERATED" >&2
  exit 1
fi

PLAIN=(); FLOORS=(); PROC=(); SAME=()
for _ in $(seq "$RUNS"); do
  PLAIN+=("$(time_ms run_plain)")
  FLOORS+=("$(time_ms run_floor)")
  PROC+=("$(time_ms run_processor)")
  SAME+=("$(time_ms run_same_code)")
done
plain=$(printf '%s\n' "${PLAIN[@]}" | best)
floor=$(printf '%s\n' "${FLOORS[@]}" | best)
proc=$(printf '%s\n' "${PROC[@]}" | best)
same=$(printf '%s\n' "${SAME[@]}" | best)

model_lines=$(cat $(cat "$WORK/models.txt") | wc -l)
generated_lines=$(cat $(cat "$WORK/generated.txt") | wc -l)
echo "models: $MODELS ($model_lines lines), generated: $GENERATED records ($generated_lines lines); best of $RUNS runs"
echo "plain      (models, -proc:none):                ${plain} ms   runs: ${PLAIN[*]}"
echo "floor      (models, an empty subclass each):   ${floor} ms   runs: ${FLOORS[*]}"
echo "processor  (models, with pocketto-processor):   ${proc} ms   runs: ${PROC[*]}"
echo "same-code  (models + generated, -proc:none):    ${same} ms   runs: ${SAME[*]}"
awk -v p="$proc" -v b="$plain" -v s="$same" -v f="$floor" 'BEGIN {
  printf "floor/plain         = %.2fx  (javac'"'"'s price for any generated class per model)\n", f / b
  printf "processor/plain     = %.2fx  (goal: under 2x)\n", p / b
  printf "processor/same-code = %.2fx  (the processor'"'"'s own share: %d ms)\n", p / s, p - s
}'

if [ "$WARM_ROUNDS" -gt 0 ]; then
  echo
  echo "warm: $WARM_ROUNDS rounds in one JVM, best of the second half"
  java -Xms1g "$ROOT/benchmarks/src/processor-speed/WarmJavac.java" "$WARM_ROUNDS" "$CP" "$PP" "$FLOOR" \
    "$WORK/models.txt" "$WORK/generated.txt" "$WORK" | grep '^warm'
fi
