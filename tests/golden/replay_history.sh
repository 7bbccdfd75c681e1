# Sourced by the golden and init tests. replay_history ROOT FILE: one commit per subject of FILE (one per line,
# oldest first; blank lines skipped), each changing a scratch file .history that is removed (staged) at the
# end, so that the repository at ROOT has that history before the example's own commit.
replay_history() {
  local root=$1 file=$2 n=0 subject
  while IFS= read -r subject || [ -n "$subject" ]; do
    [ -n "$subject" ] || continue
    n=$((n + 1))
    echo "$n" >"$root/.history"
    git -C "$root" add .history
    git -C "$root" -c commit.gpgsign=false commit -q -m "$subject"
  done <"$file"
  git -C "$root" rm -q .history
}
