// CTX009 secret-in-context: a credential-shaped string in an agent context file. The secret is masked in
// every field of the finding (first 4 characters, then ****): secret_scan never hands out more.

#include "context_hygiene.hpp"
#include "secret_scan.hpp"

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "CTX009",
    .name = "secret-in-context",
    .category = "CTX",
    .severity = engine::Severity::error,
    .summary = "a credential-shaped string in an agent context file (sent verbatim to model providers)",
    .docs =
        {
            .what_it_does =
                "Scans every agent context file, code blocks included, for credentials: AWS access key IDs "
                "(`AKIA...`), GitHub tokens (`ghp_`, `gho_`, `github_pat_`...), GitLab tokens (`glpat-`), "
                "Slack tokens (`xoxb-`...), OpenAI (`sk-`) and Anthropic (`sk-ant-`) API keys, Google API "
                "keys (`AIza...`), Stripe live keys (`sk_live_`), PEM private keys with their body, and "
                "values assigned to a name that says they are secret (`DB_PASSWORD=...`, `api_key: ...`, "
                "`\"client_secret\": \"...\"`) when the value is random enough to be one. Placeholders are "
                "not "
                "secrets: `sk-...`, `<YOUR_TOKEN>`, `${TOKEN}`, `$GITHUB_TOKEN`, `xxxx`, redacted values, "
                "the AWS documentation key `AKIAIOSFODNN7EXAMPLE`, anything with example, dummy, fake, "
                "sample or test in it, and low-entropy values. The secret is masked in every output: only "
                "its first 4 characters are shown, then `****`. A context file that is a symlink to another "
                "(CLAUDE.md -> AGENTS.md) is read once, as its target.",
            .why_it_matters =
                "A context file is sent verbatim to a model provider with every request an agent makes, "
                "copied into prompts, logs and transcripts, and read by every tool that loads it. A "
                "credential in it has leaked: it is in the repository's history and in the providers' logs.",
            .example =
                "CLAUDE.md tells the agent how to call the staging API:\n\n"
                "```markdown\nUse `curl -H \"Authorization: Bearer ghp_...\"` (the full token)\n```\n\n"
                "```\nCLAUDE.md:12:37: CTX009 a GitHub token ('ghp_****') in a context file: "
                "it is sent to the model provider with every request\n```",
            .how_to_fix =
                "Revoke the credential first: it is in the git history. Then remove it from the file and "
                "tell agents where the credential comes from instead (\"the token is in `$STAGING_TOKEN`; "
                "ask the user to set it\").",
        },
};

class SecretInContext final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (std::none_of(context.documents().begin(), context.documents().end(),
                     [](const auto& doc) { return is_hygiene_target(doc, true); }))
      return out.not_applicable("no agent context file to check");
    for (const auto& doc : context.documents()) {
      if (!is_hygiene_target(doc, true) || context.is_alias(doc))
        continue;
      const auto lines = util::split_lines(doc.text);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view next; // the body of a PEM private key
        if (lines[i].find("-----BEGIN ") != std::string_view::npos)
          for (std::size_t j = i + 1; j < lines.size() && next.empty(); ++j)
            next = util::trim(lines[j]);
        for (const auto& secret : find_secrets(lines[i], next)) {
          const engine::Location location{
              doc.path, static_cast<int>(i) + 1, static_cast<int>(secret.column) + 1, {}};
          auto& finding =
              out.emit(fmt::format("{} ('{}') in a context file: it is sent to the model provider "
                                   "with every request",
                                   article(secret.kind), secret.masked),
                       location, fmt::format("{} {}", secret.kind, secret.masked));
          finding.hint =
              fmt::format("revoke the credential (it is in the git history), remove it from {} and "
                          "say where it comes from instead (an environment variable the user sets)",
                          doc.path);
        }
      }
    }
  }

private:
  static std::string article(std::string_view kind) {
    if (kind.starts_with("a "))
      return std::string(kind);
    const bool vowel =
        !kind.empty() && std::string_view("AEIOUaeiou").find(kind[0]) != std::string_view::npos;
    return fmt::format("{} {}", vowel ? "an" : "a", kind);
  }
};

} // namespace

TACIT_RULE(SecretInContext)

} // namespace tacit::rules
