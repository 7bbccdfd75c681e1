// Random stream, vocabulary and text helpers shared by the planner and the renderers.
#include "synth.hpp"

#include <array>
#include <cmath>

namespace tacit::bench {

std::uint64_t Rng::next() {
  m_state += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = m_state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint32_t Rng::log_size(std::uint32_t lo, std::uint32_t hi) {
  // Integer-only so the result does not depend on libm rounding: pick a power-of-two octave, then a point in
  // it.
  std::uint32_t size = lo;
  while (size < hi && percent(62)) {
    size *= 2;
  }
  const std::uint64_t first = below(size / 2 + 1);
  const std::uint64_t second = below(size / 2 + 1);
  size = static_cast<std::uint32_t>(size / 2 + first + second / 2);
  return std::max(lo, std::min(hi, size));
}

std::uint64_t hash_text(std::string_view text, std::uint64_t basis) {
  std::uint64_t hash = 0xcbf29ce484222325ULL ^ (basis * 0x9e3779b97f4a7c15ULL);
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

namespace {

constexpr std::array k_nouns = std::to_array<std::string_view>({
    "account", "ledger",  "invoice",  "payment",  "order",   "cart",     "session", "token",   "user",
    "tenant",  "policy",  "schedule", "job",      "worker",  "queue",    "event",   "stream",  "batch",
    "shard",   "replica", "cache",    "index",    "record",  "snapshot", "report",  "metric",  "alert",
    "route",   "gateway", "proxy",    "registry", "plugin",  "artifact", "release", "build",   "config",
    "secret",  "key",     "vault",    "profile",  "message", "channel",  "topic",   "payload", "schema",
    "catalog", "product", "price",    "quote",    "search",  "ranking",  "feed",    "upload",  "document",
    "graph",   "node",    "edge",     "cluster",  "region",  "backup",   "audit",   "quota",   "billing",
});
constexpr std::array k_verbs = std::to_array<std::string_view>({
    "load",   "save",     "parse",   "build",     "validate", "apply",    "fetch",    "update",
    "delete", "create",   "resolve", "render",    "encode",   "decode",   "merge",    "flush",
    "sync",   "compute",  "publish", "consume",   "retry",    "schedule", "dispatch", "collect",
    "rotate", "refresh",  "compact", "migrate",   "index",    "filter",   "sort",     "reconcile",
    "emit",   "register", "verify",  "authorize", "notify",   "archive",  "restore",  "drain",
});
constexpr std::array k_adjectives = std::to_array<std::string_view>({
    "pending",   "active",   "stale",  "cached",  "remote", "local",   "default",   "primary",
    "shared",    "internal", "public", "legacy",  "async",  "batched", "signed",    "partial",
    "retryable", "hot",      "cold",   "durable", "sparse", "ordered", "versioned", "scoped",
    "lazy",      "strict",   "fast",   "safe",    "raw",    "global",
});
constexpr std::array k_domains = std::to_array<std::string_view>({
    "payments",  "identity",  "search",   "catalog", "orders",    "shipping",      "analytics",
    "messaging", "billing",   "platform", "storage", "security",  "growth",        "media",
    "pricing",   "inventory", "support",  "infra",   "reporting", "notifications",
});
constexpr std::array k_prose = std::to_array<std::string_view>({
    "the",        "a",        "each",      "every",      "when",        "before",    "after",   "only",
    "then",       "because",  "unless",    "so",         "that",        "this",      "it",      "is",
    "are",        "must",     "should",    "can",        "never",       "always",    "request", "response",
    "service",    "client",   "server",    "handler",    "module",      "package",   "library", "file",
    "directory",  "test",     "suite",     "command",    "pipeline",    "workflow",  "deploy",  "staging",
    "production", "database", "migration", "connection", "timeout",     "retries",   "latency", "throughput",
    "error",      "failure",  "fallback",  "boundary",   "contract",    "interface", "owner",   "team",
    "review",     "change",   "version",   "release",    "upgrade",     "default",   "value",   "field",
    "column",     "table",    "row",       "lock",       "transaction", "write",     "read",    "with",
    "without",    "from",     "into",      "over",       "under",       "for",       "by",      "of",
});
constexpr std::array k_people = std::to_array<std::string_view>({
    "alice",
    "bob",
    "carol",
    "dave",
    "erin",
    "frank",
    "grace",
    "heidi",
    "ivan",
    "judy",
    "mallory",
    "oscar",
    "peggy",
    "rupert",
    "sybil",
    "trent",
    "victor",
    "walter",
});

} // namespace

namespace words {
const std::span<const std::string_view> nouns{k_nouns};
const std::span<const std::string_view> verbs{k_verbs};
const std::span<const std::string_view> adjectives{k_adjectives};
const std::span<const std::string_view> domains{k_domains};
const std::span<const std::string_view> prose{k_prose};
const std::span<const std::string_view> people{k_people};
} // namespace words

std::string camel(std::string_view text) {
  std::string out;
  bool upper = true;
  for (const char c : text) {
    if (c == '-' || c == '_' || c == '/' || c == '.') {
      upper = true;
      continue;
    }
    out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    upper = false;
  }
  return out;
}

std::string snake(std::string_view text) {
  std::string out{text};
  for (char& c : out) {
    if (c == '-' || c == '.') {
      c = '_';
    }
  }
  return out;
}

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) {
      parts.push_back(path.substr(start, end - start));
    }
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  return parts;
}

} // namespace

std::string relative_link(std::string_view from_file, std::string_view to_file) {
  std::vector<std::string_view> from = split_path(from_file);
  from.pop_back();
  const std::vector<std::string_view> to = split_path(to_file);
  std::size_t common = 0;
  while (common < from.size() && common + 1 < to.size() && from[common] == to[common]) {
    ++common;
  }
  std::string out;
  for (std::size_t i = common; i < from.size(); ++i) {
    out += "../";
  }
  for (std::size_t i = common; i < to.size(); ++i) {
    out += to[i];
    if (i + 1 < to.size()) {
      out += '/';
    }
  }
  return out;
}

void append_sentence(std::string& out, Rng& rng) {
  const int length = rng.range(7, 19);
  for (int i = 0; i < length; ++i) {
    std::string_view word;
    switch (rng.below(6)) {
    case 0:
      word = rng.pick(words::nouns);
      break;
    case 1:
      word = rng.pick(words::verbs);
      break;
    case 2:
      word = rng.pick(words::adjectives);
      break;
    default:
      word = rng.pick(words::prose);
      break;
    }
    if (i == 0) {
      out.push_back(static_cast<char>(word[0] >= 'a' && word[0] <= 'z' ? word[0] - 'a' + 'A' : word[0]));
      out.append(word.substr(1));
    } else {
      out.push_back(' ');
      out.append(word);
    }
    if (i > 2 && i + 2 < length && rng.percent(6)) {
      out.push_back(',');
    }
  }
  out += ". ";
}

} // namespace tacit::bench
