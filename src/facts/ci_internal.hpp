#pragma once
// Shared by the CI extractors: the files they may read (each parsed once), shell script splitting, and the
// step from a script value in a YAML file to CiCommands.

#include "yaml_util.hpp"

#include <tacit/facts/ci.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts::ci {

/// A CI file as read and parsed (the text and the document live in the run's file cache).
struct Source {
  std::string path;
  std::string_view text;
  std::vector<std::string_view> lines; ///< `text` split into lines, for yaml::scalar_lines
  const yaml::Document* document = nullptr;
};

/// The repository's files as the CI extractors see them: lookup by path, each file read and parsed once,
/// problems written to the facts' notes.
class Workspace {
public:
  Workspace(const std::vector<const repo::FileEntry*>& files, const FileReader& read, CiFacts& facts);

  /// The tracked files, sorted by path.
  const std::vector<const repo::FileEntry*>& files() const { return m_files; }
  const repo::FileEntry* find(std::string_view path) const;

  /// True when `dir` (repository-relative, normalised; "" is the root) holds a tracked file.
  bool is_directory(std::string_view dir) const;

  /// True the first time it is asked about `path`: the caller then extracts it (cycles and repeats stop).
  bool claim(std::string_view path);

  /// Reads and parses `path` (once; later calls return the same Source). nullptr, with a note, when the file
  /// is missing, too big or not YAML.
  const Source* parse(std::string_view path);

  /// The top-level mapping of `source`, or nullptr: for an empty file, or (with a note that it is not `what`)
  /// for any other top level.
  const yaml::Node* mapping(const Source& source, std::string_view what);

  /// Adds "path:line: message" to the notes.
  void note(std::string_view path, int line, std::string_view message);

  CiFacts& facts() { return m_facts; }

private:
  std::vector<const repo::FileEntry*> m_files;
  const FileReader& m_read;
  CiFacts& m_facts;
  std::map<std::string, bool, std::less<>> m_claimed;
  std::map<std::string, std::unique_ptr<Source>, std::less<>> m_sources;
};

/// Who runs a script.
struct ScriptContext {
  std::string job;
  std::string step;
  std::string working_directory;
  std::string pipeline; ///< the workflow or pipeline file whose triggers apply ("" for the script's own file)
  bool foreign = false; ///< the script starts in another project's tree (a job that checked out another
                        ///< repository where this one's would be)
  bool fetched = false; ///< an earlier step of the job cloned or downloaded something
  std::string source = {}; ///< the other repository the script starts in (a checkout's `repository:`), if any
  std::vector<std::pair<std::string, std::string>> env = {};                 ///< see CiCommand::env
  std::vector<std::pair<std::string, std::vector<std::string>>> matrix = {}; ///< see CiCommand::matrix
};

/// One shell command line of a script.
struct ScriptLine {
  std::string text;
  int line = 0;
  int column = 0;
};

/// Splits the lines of a shell script into command lines: `\` continuations and open quotes joined; blank
/// lines, comments, heredoc bodies and shell syntax (if/then/else/fi, for/while/do/done, case/esac, braces,
/// function headers) left out, the commands inside them kept.
std::vector<ScriptLine> shell_lines(const std::vector<yaml::ScalarLine>& lines);

/// Appends the command lines of a script scalar written in `source` to the facts. Returns true when the
/// script clones, downloads or unpacks something (a later step of the job may enter it).
bool add_script(Workspace& workspace, const yaml::Node& script, const Source& source,
                const ScriptContext& context);

/// The text of the scalar at `key` in a map, or "".
std::string_view scalar_at(const yaml::Node& node, std::string_view key);

/// True when a step's `shell:` runs shell commands ("" is the default shell; `python` runs another language).
/// The first word counts, as a program name or path: "bash -e {0}", "/bin/bash -eo pipefail".
bool runs_shell(std::string_view shell);

/// The values of a scalar or a list of scalars, joined with ", ".
std::string join_values(const yaml::Node& node);

/// The GitHub Actions extractor: workflows, and the local reusable workflows and composite actions they use.
void extract_github_actions(Workspace& workspace);

/// The GitLab CI extractor: .gitlab-ci.yml and its local includes.
void extract_gitlab_ci(Workspace& workspace);

/// The CircleCI extractor: .circleci/config.yml (or .yaml).
void extract_circleci(Workspace& workspace);

/// The Azure Pipelines extractor: the pipeline files and the local templates they use.
void extract_azure_pipelines(Workspace& workspace);

} // namespace tacit::facts::ci
