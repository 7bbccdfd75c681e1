// Unified diffs of the files a plan changes (`tacit check --diff`): Myers' line diff between the common
// head and tail of the two contents, hunks with three lines of context, as `diff -u` and git print them.

#include <tacit/fix/apply.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <span>

namespace tacit::fix {

namespace {

constexpr std::size_t k_context = 3;
constexpr int k_max_distance = 4000; // beyond: the middle is shown as removed and added whole

enum class Op { equal, remove, add };

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto next = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, next - start));
    start = next;
  }
  return lines;
}

// The shortest edit script from a to b (Myers, "An O(ND) Difference Algorithm"), as operations in order.
std::vector<Op> edit_script(std::span<const std::string_view> a, std::span<const std::string_view> b) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  const int max = std::min(n + m, k_max_distance);
  const int offset = max + 1;
  std::vector<int> v(static_cast<std::size_t>(2 * max + 3), 0);
  std::vector<std::vector<int>> trace;
  bool found = false;
  for (int d = 0; d <= max && !found; ++d) {
    trace.push_back(v);
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? v[k + 1 + offset]
                                                                             : v[k - 1 + offset] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) {
        ++x;
        ++y;
      }
      v[k + offset] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  std::vector<Op> ops;
  if (!found) {
    ops.assign(a.size(), Op::remove);
    ops.insert(ops.end(), b.size(), Op::add);
    return ops;
  }
  int x = n;
  int y = m;
  for (int d = static_cast<int>(trace.size()) - 1; d >= 0; --d) {
    const auto& before = trace[static_cast<std::size_t>(d)];
    const int k = x - y;
    const int previous_k =
        (k == -d || (k != d && before[k - 1 + offset] < before[k + 1 + offset])) ? k + 1 : k - 1;
    const int previous_x = before[previous_k + offset];
    const int previous_y = previous_x - previous_k;
    while (x > previous_x && y > previous_y) {
      ops.push_back(Op::equal);
      --x;
      --y;
    }
    if (d > 0)
      ops.push_back(x == previous_x ? Op::add : Op::remove);
    x = previous_x;
    y = previous_y;
  }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

void print_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (!line.ends_with('\n'))
    out += "\n\\ No newline at end of file\n";
}

} // namespace

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after,
                         bool created) {
  if (before == after)
    return {};
  const auto a = lines_of(before);
  const auto b = lines_of(after);
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head])
    ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
    ++tail;
  std::vector<Op> ops(head, Op::equal);
  const auto middle = edit_script(std::span(a).subspan(head, a.size() - head - tail),
                                  std::span(b).subspan(head, b.size() - head - tail));
  ops.insert(ops.end(), middle.begin(), middle.end());
  ops.insert(ops.end(), tail, Op::equal);

  std::string out =
      fmt::format("--- {}\n+++ b/{}\n", created ? std::string("/dev/null") : fmt::format("a/{}", path), path);
  // Hunks: runs of changes closer than twice the context, with the context around them.
  std::size_t i = 0;
  std::size_t old_line = 0; // lines of a before ops[i]
  std::size_t new_line = 0;
  while (i < ops.size()) {
    if (ops[i] == Op::equal) {
      ++i;
      ++old_line;
      ++new_line;
      continue;
    }
    const auto lead = std::min<std::size_t>(k_context, std::min(old_line, new_line));
    std::size_t start = i - lead;
    std::size_t end = i;
    for (std::size_t equal_run = 0; end < ops.size(); ++end) {
      equal_run = ops[end] == Op::equal ? equal_run + 1 : 0;
      if (equal_run > 2 * k_context)
        break;
    }
    // Trim trailing context to k_context lines.
    std::size_t trailing = 0;
    while (end > i && trailing < end - i && ops[end - 1 - trailing] == Op::equal)
      ++trailing;
    if (trailing > k_context)
      end -= trailing - k_context;
    const auto old_start = old_line - lead;
    const auto new_start = new_line - lead;
    std::size_t old_count = 0;
    std::size_t new_count = 0;
    for (std::size_t j = start; j < end; ++j) {
      old_count += ops[j] != Op::add ? 1 : 0;
      new_count += ops[j] != Op::remove ? 1 : 0;
    }
    // As git and diff -u print them: a count of 1 is left out.
    const auto range = [](std::size_t first, std::size_t count) {
      return count == 1 ? fmt::format("{}", first + 1)
                        : fmt::format("{},{}", count ? first + 1 : first, count);
    };
    out += fmt::format("@@ -{} +{} @@\n", range(old_start, old_count), range(new_start, new_count));
    auto x = old_start;
    auto y = new_start;
    for (std::size_t j = start; j < end; ++j) {
      if (ops[j] == Op::equal) {
        print_line(out, ' ', a[x++]);
        ++y;
      } else if (ops[j] == Op::remove) {
        print_line(out, '-', a[x++]);
      } else {
        print_line(out, '+', b[y++]);
      }
    }
    old_line = x;
    new_line = y;
    i = end;
  }
  return out;
}

std::string unified_diff(const Plan& plan) {
  std::string out;
  for (const auto& file : plan.files)
    out += unified_diff(file.path, file.before, file.after, file.created);
  return out;
}

} // namespace tacit::fix
