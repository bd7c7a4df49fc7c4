# Shared by the bench scripts (sourced, after they read their arguments): the checkout ($here), the launcher
# built outside the timings, a scratch folder ($tmp) removed on exit, and the two measures they quote.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/tributary" --version >/dev/null   # build first, outside the timings
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# the median of the numbers on stdin, one a line
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# prints "seconds peak_kb" of a command; its stdout is discarded, its stderr kept in $tmp/err
time_of() {
  /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || true
  tail -n 1 "$tmp/t"
}
