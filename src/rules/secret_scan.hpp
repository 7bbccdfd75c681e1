#pragma once
// Credential-shaped strings in text (CTX009). A hand-written scanner: one linear pass per line, no regex.
// What it returns is already masked; the raw secret never leaves this module.

#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules {

/// One credential found on a line.
struct SecretMatch {
  std::size_t column = 0; ///< 0-based byte offset of the secret on the line
  std::string kind;       ///< "GitHub token", "a value assigned to 'DB_PASSWORD'"...
  std::string masked;     ///< the first 4 characters, then "****"
};

/// The first 4 characters of `secret`, then "****" (never more of it).
std::string mask_secret(std::string_view secret);

/// Credentials on `line`. `next_line` is the following non-blank line (the body of a PEM private key).
/// Placeholders (`sk-...`, `<YOUR_TOKEN>`, `${TOKEN}`, anything with example/dummy/fake/test in it, the
/// AWS documentation key) and low-entropy values are not credentials.
std::vector<SecretMatch> find_secrets(std::string_view line, std::string_view next_line);

} // namespace tacit::rules
