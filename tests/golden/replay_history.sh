# Sourced by the golden and init tests. replay_history ROOT FILE: one commit per subject of FILE (one per line,
# oldest first; blank lines skipped), each changing a scratch file .history that is removed (staged) at the
# end, so that the repository at ROOT has that history before the example's own commit. A subject written
# `@YYYY-MM-DD subject` is committed at noon UTC that day (author and committer) instead of the caller's date.
replay_history() {
  local root=$1 file=$2 n=0 subject
  while IFS= read -r subject || [ -n "$subject" ]; do
    [ -n "$subject" ] || continue
    n=$((n + 1))
    echo "$n" >"$root/.history"
    git -C "$root" add .history
    if [[ $subject =~ ^@([0-9]{4}-[0-9]{2}-[0-9]{2})\ (.*)$ ]]; then
      GIT_AUTHOR_DATE="${BASH_REMATCH[1]}T12:00:00Z" GIT_COMMITTER_DATE="${BASH_REMATCH[1]}T12:00:00Z" \
        git -C "$root" -c commit.gpgsign=false commit -q -m "${BASH_REMATCH[2]}"
    else
      git -C "$root" -c commit.gpgsign=false commit -q -m "$subject"
    fi
  done <"$file"
  git -C "$root" rm -q .history
}
