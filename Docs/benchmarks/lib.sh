# Helpers shared by the benchmark scripts (sourced, not run).
# median: the median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# range: "min–max" of the numbers on standard input.
range() { sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%s–%s", lo, hi}'; }
