// The diff-base cache: one small text file per (state, key), one finding a line.
//
//   tacit-diff-base 1 <key>
//   anchor <TAB> path <TAB> line <TAB> column
//   rules [<TAB> rule]...                                                  (only when some rules were
//   evaluated) finding <TAB> rule <TAB> path <TAB> line <TAB> column <TAB> subject     (any number) end <TAB>
//   <number of findings>
//
// Fields escape '%', TAB, LF and CR as %25, %09, %0A, %0D, so any path or subject round-trips byte for byte.

#include "diff_cache.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <sys/stat.h>

namespace tacit::cli {

namespace {

constexpr std::string_view k_magic = "tacit-diff-base 1 ";
constexpr std::uint64_t k_max_file_bytes = 64u << 20;

void escape_into(std::string& out, std::string_view field) {
  for (const char c : field) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\t':
      out += "%09";
      break;
    case '\n':
      out += "%0A";
      break;
    case '\r':
      out += "%0D";
      break;
    default:
      out += c;
    }
  }
}

std::optional<std::string> unescape(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '%') {
      out += field[i];
      continue;
    }
    const auto code = field.substr(i + 1, 2);
    if (code == "25")
      out += '%';
    else if (code == "09")
      out += '\t';
    else if (code == "0A")
      out += '\n';
    else if (code == "0D")
      out += '\r';
    else
      return std::nullopt;
    i += 2;
  }
  return out;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos)
      return out;
    start = tab + 1;
  }
}

std::optional<int> number(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0)
    return std::nullopt;
  return value;
}

std::optional<engine::Location> location(std::string_view path, std::string_view line,
                                         std::string_view column) {
  auto unescaped = unescape(path);
  const auto l = number(line);
  const auto c = number(column);
  if (!unescaped || !l || !c)
    return std::nullopt;
  return engine::Location{std::move(*unescaped), *l, *c, {}};
}

// A file descriptor closed on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0)
      ::close(fd);
  }
};

} // namespace

std::string cache_key(std::string_view material) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : material) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return fmt::format("{:016x}", hash);
}

std::string render_base_findings(const BaseFindings& base, std::string_view key) {
  std::string out = fmt::format("{}{}\nanchor\t", k_magic, key);
  escape_into(out, base.anchor.path);
  out += fmt::format("\t{}\t{}\n", base.anchor.line, base.anchor.column);
  if (base.rules) {
    out += "rules";
    for (const auto& rule : *base.rules) {
      out += '\t';
      escape_into(out, rule);
    }
    out += '\n';
  }
  for (const auto& finding : base.findings) {
    out += "finding\t";
    escape_into(out, finding.rule_id);
    out += '\t';
    escape_into(out, finding.location.path);
    out += fmt::format("\t{}\t{}\t", finding.location.line, finding.location.column);
    escape_into(out, finding.subject);
    out += '\n';
  }
  out += fmt::format("end\t{}\n", base.findings.size());
  return out;
}

std::optional<BaseFindings> parse_base_findings(std::string_view text, std::string_view key) {
  BaseFindings out;
  bool anchored = false;
  bool ended = false;
  std::size_t at = 0;
  std::size_t line_number = 0;
  while (at < text.size()) {
    const auto newline = text.find('\n', at);
    if (newline == std::string_view::npos)
      return std::nullopt; // every line ends with LF: a file cut short is a miss
    const auto line = text.substr(at, newline - at);
    at = newline + 1;
    if (ended)
      return std::nullopt;
    if (line_number++ == 0) {
      if (!line.starts_with(k_magic) || line.substr(k_magic.size()) != key)
        return std::nullopt;
      continue;
    }
    const auto fields = split_tabs(line);
    if (fields[0] == "anchor" && fields.size() == 4 && !anchored) {
      auto where = location(fields[1], fields[2], fields[3]);
      if (!where)
        return std::nullopt;
      out.anchor = std::move(*where);
      anchored = true;
    } else if (fields[0] == "rules" && anchored && !out.rules && out.findings.empty()) {
      std::vector<std::string> rules;
      for (std::size_t i = 1; i < fields.size(); ++i) {
        auto rule = unescape(fields[i]);
        if (!rule || rule->empty() || (!rules.empty() && !(rules.back() < *rule)))
          return std::nullopt; // sorted, no duplicates
        rules.push_back(std::move(*rule));
      }
      out.rules = std::move(rules);
    } else if (fields[0] == "finding" && fields.size() == 6 && anchored) {
      auto rule = unescape(fields[1]);
      auto where = location(fields[2], fields[3], fields[4]);
      auto subject = unescape(fields[5]);
      if (!rule || !where || !subject)
        return std::nullopt;
      engine::Finding finding;
      finding.rule_id = std::move(*rule);
      finding.location = std::move(*where);
      finding.subject = std::move(*subject);
      out.findings.push_back(std::move(finding));
    } else if (fields[0] == "end" && fields.size() == 2 && anchored) {
      const auto count = number(fields[1]);
      if (!count || static_cast<std::size_t>(*count) != out.findings.size())
        return std::nullopt;
      ended = true;
    } else {
      return std::nullopt;
    }
  }
  if (!ended)
    return std::nullopt;
  if (out.rules && !std::ranges::all_of(out.findings, [&](const engine::Finding& finding) {
        return std::ranges::binary_search(*out.rules, finding.rule_id);
      }))
    return std::nullopt; // a finding of a rule the record says it did not evaluate
  return out;
}

std::filesystem::path DiffCache::file(std::string_view state, std::string_view key) const {
  return m_directory / fmt::format("{}-{}", state, key);
}

std::optional<BaseFindings> DiffCache::load(std::string_view state, std::string_view key) const {
  // Never through a symbolic link, only a regular file of a sane size.
  Fd in{::open(file(state, key).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)};
  struct stat info {};
  if (in.fd < 0 || ::fstat(in.fd, &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<std::uint64_t>(info.st_size) > k_max_file_bytes)
    return std::nullopt;
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = ::read(in.fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return std::nullopt;
    done += static_cast<std::size_t>(n);
  }
  return parse_base_findings(text, key);
}

bool DiffCache::has(std::string_view state, std::string_view key) const {
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::symlink_status(file(state, key), ec));
}

bool DiffCache::knows(std::string_view state) const {
  std::error_code ec;
  const auto prefix = fmt::format("{}-", state);
  for (std::filesystem::directory_iterator it(m_directory, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().starts_with(prefix) &&
        it->symlink_status(ec).type() == std::filesystem::file_type::regular)
      return true;
  return false;
}

bool DiffCache::store(std::string_view state, std::string_view key, const BaseFindings& base) const {
  std::error_code ec;
  std::filesystem::create_directories(m_directory, ec);
  if (ec || !std::filesystem::is_directory(std::filesystem::symlink_status(m_directory, ec)))
    return false;
  const auto target = file(state, key);
  auto temporary = target;
  temporary += fmt::format(".tmp{}", ::getpid());
  const std::string text = render_base_findings(base, key);
  {
    Fd out{::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644)};
    if (out.fd < 0)
      return false;
    std::size_t done = 0;
    while (done < text.size()) {
      const auto n = ::write(out.fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0) {
        std::filesystem::remove(temporary, ec);
        return false;
      }
      done += static_cast<std::size_t>(n);
    }
  }
  std::filesystem::rename(temporary, target, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return false;
  }
  // Keep the newest k_max_entries files (by modification time; ties by name).
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> entries;
  for (std::filesystem::directory_iterator it(m_directory, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && it->path().filename().string().find(".tmp") == std::string::npos)
      entries.emplace_back(it->last_write_time(ec), it->path());
  if (entries.size() > k_max_entries) {
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second > b.second;
    });
    for (std::size_t i = k_max_entries; i < entries.size(); ++i)
      if (entries[i].second != target)
        std::filesystem::remove(entries[i].second, ec);
  }
  return true;
}

} // namespace tacit::cli
