#include "secret_scan.hpp"

#include "context_hygiene.hpp"

#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>

namespace tacit::rules {

namespace {

enum class Charset { upper_digits, alnum, alnum_underscore, token }; // token: alnum, '_' and '-'

bool in_charset(char c, Charset set) {
  const bool upper = c >= 'A' && c <= 'Z';
  const bool digit = c >= '0' && c <= '9';
  const bool lower = c >= 'a' && c <= 'z';
  switch (set) {
  case Charset::upper_digits:
    return upper || digit;
  case Charset::alnum:
    return upper || digit || lower;
  case Charset::alnum_underscore:
    return upper || digit || lower || c == '_';
  case Charset::token:
    return upper || digit || lower || c == '_' || c == '-';
  }
  return false;
}

// A credential format with a fixed prefix. `exact` > 0: the body has exactly that many characters.
struct Format {
  std::string_view prefix;
  std::string_view kind;
  Charset charset;
  std::size_t min_body;
  std::size_t exact = 0;
};

// Most specific prefix first: sk-ant- before sk-.
constexpr std::array<Format, 18> k_formats{{
    {"AKIA", "AWS access key ID", Charset::upper_digits, 16, 16},
    {"ASIA", "AWS temporary access key ID", Charset::upper_digits, 16, 16},
    {"ghp_", "GitHub token", Charset::alnum, 30},
    {"gho_", "GitHub OAuth token", Charset::alnum, 30},
    {"ghu_", "GitHub token", Charset::alnum, 30},
    {"ghs_", "GitHub token", Charset::alnum, 30},
    {"ghr_", "GitHub refresh token", Charset::alnum, 30},
    {"github_pat_", "GitHub fine-grained token", Charset::alnum_underscore, 40},
    {"glpat-", "GitLab token", Charset::token, 20},
    {"xoxb-", "Slack token", Charset::token, 20},
    {"xoxp-", "Slack token", Charset::token, 20},
    {"xoxa-", "Slack token", Charset::token, 20},
    {"xoxr-", "Slack token", Charset::token, 20},
    {"sk-ant-", "Anthropic API key", Charset::token, 32},
    {"sk-", "OpenAI API key", Charset::token, 32},
    {"AIza", "Google API key", Charset::token, 35, 35},
    {"sk_live_", "Stripe live secret key", Charset::alnum, 24},
    {"rk_live_", "Stripe live restricted key", Charset::alnum, 24},
}};

// Names whose value is a credential: DB_PASSWORD, api-key, client_secret, GITHUB_TOKEN.
constexpr std::array<std::string_view, 9> k_secret_names{
    "password", "passwd", "secret", "token", "apikey", "api_key", "access_key", "secret_key", "private_key"};

bool is_token_char(char c) {
  return is_word_char(c) || c == '-';
}

// Documentation keys, fakes and redactions: not a credential.
bool looks_placeholder(std::string_view token) {
  constexpr std::array<std::string_view, 22> k_words{
      "example",  "dummy",    "fake",    "test", "sample", "placeholder", "your",   "xxxx",
      "redacted", "changeme", "0000",    "1234", "abcd",   "password",    "passwd", "secret",
      "token",    "wrong",    "invalid", "mock", "demo",   "local"};
  const auto lower = util::to_lower(token);
  return std::any_of(k_words.begin(), k_words.end(),
                     [&](std::string_view word) { return lower.find(word) != std::string::npos; });
}

// Random enough to be a key: not "aaaa...", not "abcdef...", many distinct characters.
bool high_entropy(std::string_view body, double threshold) {
  std::size_t sequential = 0;
  std::size_t repeated = 0;
  for (std::size_t i = 1; i < body.size(); ++i) {
    sequential += body[i] == body[i - 1] + 1 ? 1 : 0;
    repeated += body[i] == body[i - 1] ? 1 : 0;
  }
  return shannon_entropy(body) >= threshold && sequential * 4 < body.size() && repeated * 4 < body.size();
}

// Upper-case letters, lower-case letters, digits: how many of the three `text` has.
int character_classes(std::string_view text) {
  bool upper = false, lower = false, digit = false;
  for (char c : text) {
    upper = upper || (c >= 'A' && c <= 'Z');
    lower = lower || (c >= 'a' && c <= 'z');
    digit = digit || (c >= '0' && c <= '9');
  }
  return int(upper) + int(lower) + int(digit);
}

// The end of the secret when a format matches at `at`, else 0.
std::size_t match_format(std::string_view line, std::size_t at, const Format& format) {
  if (!line.substr(at).starts_with(format.prefix))
    return 0;
  std::size_t end = at + format.prefix.size();
  while (end < line.size() && in_charset(line[end], format.charset))
    ++end;
  const auto body = line.substr(at + format.prefix.size(), end - at - format.prefix.size());
  if (body.size() < format.min_body || (format.exact && body.size() != format.exact))
    return 0;
  if (end < line.size() &&
      (is_token_char(line[end]) || line[end] == '*' || line.substr(end).starts_with("..")))
    return 0; // longer than the format allows, or shown truncated ("sk-abc...", "ghp_abc****")
  const double threshold = format.exact == 16 ? 3.0 : 3.5;
  if (looks_placeholder(line.substr(at, end - at)) || !high_entropy(body, threshold) ||
      character_classes(body) < 2)
    return 0;
  return end;
}

// `NAME = "value"`, `NAME: value`, `"name": "value"` where NAME says the value is a credential.
void find_assignments(std::string_view line, std::vector<SecretMatch>& out,
                      std::vector<std::pair<std::size_t, std::size_t>>& taken) {
  for (std::size_t at = 0; at < line.size();) {
    if (!is_token_char(line[at])) {
      ++at;
      continue;
    }
    std::size_t end = at;
    while (end < line.size() && (is_token_char(line[end]) || line[end] == '.'))
      ++end;
    std::string name = util::to_lower(line.substr(at, end - at));
    std::replace(name.begin(), name.end(), '-', '_');
    const auto name_begin = at;
    at = end;
    if (!std::any_of(k_secret_names.begin(), k_secret_names.end(),
                     [&](std::string_view suffix) { return name.ends_with(suffix); }))
      continue;
    std::size_t i = end;
    if (i < line.size() && (line[i] == '"' || line[i] == '\''))
      ++i;
    while (i < line.size() && line[i] == ' ')
      ++i;
    if (line.substr(i).starts_with(":="))
      ++i;
    if (i >= line.size() || (line[i] != '=' && line[i] != ':'))
      continue;
    ++i;
    while (i < line.size() && line[i] == ' ')
      ++i;
    char quote = i < line.size() && (line[i] == '"' || line[i] == '\'') ? line[i] : '\0';
    const std::size_t value_begin = quote ? i + 1 : i;
    std::size_t value_end = value_begin;
    while (value_end < line.size() && line[value_end] != quote && line[value_end] != ' ' &&
           (quote || (line[value_end] != ',' && line[value_end] != ';' && line[value_end] != '`')))
      ++value_end;
    const auto value = line.substr(value_begin, value_end - value_begin);
    if (value.size() < 16 || value.size() > 256 ||
        value.find_first_of("()[]{}$%<>*\\") != std::string_view::npos || value.starts_with('/') ||
        value.starts_with('.') || value.starts_with('~') || value.find("://") != std::string_view::npos)
      continue;
    if (character_classes(value) < 2 || looks_placeholder(value) || !high_entropy(value, 3.5))
      continue;
    const bool dotted_name =
        value.find('.') != std::string_view::npos &&
        std::all_of(value.begin(), value.end(), [](char c) { return is_word_char(c) || c == '.'; }) &&
        character_classes(value) < 3;
    if (dotted_name)
      continue; // process.env.API_KEY, settings.secret_key
    const bool overlaps = std::any_of(taken.begin(), taken.end(), [&](const auto& range) {
      return value_begin < range.second && range.first < value_end;
    });
    if (overlaps)
      continue;
    taken.emplace_back(value_begin, value_end);
    out.push_back(SecretMatch{
        value_begin, "a value assigned to '" + std::string(line.substr(name_begin, end - name_begin)) + "'",
        mask_secret(value)});
    at = value_end;
  }
}

} // namespace

std::string mask_secret(std::string_view secret) {
  std::size_t keep = std::min<std::size_t>(4, secret.size());
  while (keep > 0 && keep < secret.size() && (static_cast<unsigned char>(secret[keep]) & 0xC0) == 0x80)
    --keep;
  return std::string(secret.substr(0, keep)) + "****";
}

std::vector<SecretMatch> find_secrets(std::string_view line, std::string_view next_line) {
  std::vector<SecretMatch> out;
  std::vector<std::pair<std::size_t, std::size_t>> taken;
  for (std::size_t at = 0; at < line.size(); ++at) {
    if (at > 0 && is_token_char(line[at - 1]))
      continue;
    for (const auto& format : k_formats) {
      const auto end = match_format(line, at, format);
      if (!end)
        continue;
      out.push_back(SecretMatch{at, std::string(format.kind), mask_secret(line.substr(at, end - at))});
      taken.emplace_back(at, end);
      at = end;
      break;
    }
  }
  if (const auto begin = line.find("-----BEGIN "); begin != std::string_view::npos) {
    const auto header = line.substr(begin);
    const auto body = util::trim(next_line);
    const bool base64 = body.size() >= 40 && std::all_of(body.begin(), body.end(), [](char c) {
                          return in_charset(c, Charset::alnum) || c == '+' || c == '/' || c == '=';
                        });
    if (header.find("PRIVATE KEY") != std::string_view::npos && base64 && !looks_placeholder(body) &&
        high_entropy(body, 4.0))
      out.push_back(SecretMatch{begin, "private key", mask_secret(body)});
  }
  find_assignments(line, out, taken);
  std::sort(out.begin(), out.end(),
            [](const SecretMatch& a, const SecretMatch& b) { return a.column < b.column; });
  return out;
}

} // namespace tacit::rules
