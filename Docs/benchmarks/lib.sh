# Helpers shared by the benchmark scripts (sourced, not run).
# median: the median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# range: "min–max" of the numbers on standard input.
range() { sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%s–%s", lo, hi}'; }
# measure LABEL COMMAND...: $runs runs under /usr/bin/time -v (its report in $work/time.txt),
# prints the Markdown row "| label | median s | range | median MB |"; stops on a failure.
measure() {
  local label=$1; shift
  local times=() mems=() out
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    out=$(cat "$work/time.txt")
    if ! echo "$out" | grep -q "Exit status: 0"; then
      echo "failed: $*" >&2
      exit 1
    fi
    times+=("$(echo "$out" | awk -F': ' '/Elapsed \(wall clock\)/ {split($2,p,":"); print p[1]*60+p[2]}')")
    mems+=("$(echo "$out" | awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}')")
  done
  printf "| %s | %s s | %s | %s MB |\n" "$label" "$(printf '%s\n' "${times[@]}" | median)" \
    "$(printf '%s\n' "${times[@]}" | range)" "$(printf '%s\n' "${mems[@]}" | median)"
}

