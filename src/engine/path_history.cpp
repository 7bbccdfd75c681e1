#include <tacit/engine/path_history.hpp>
#include <tacit/facts/file_roles.hpp>

#include <fmt/format.h>

namespace tacit::engine {

const repo::PathHistory& path_history(const Context& context) {
  return context.shared<repo::PathHistory>("engine:path-history", [&context] {
    repo::PathHistoryOptions options;
    for (const auto& doc : context.documents())
      if (doc.kind == doc::DocKind::agent_context || doc.kind == doc::DocKind::readme ||
          doc.kind == doc::DocKind::contributing || doc.kind == doc::DocKind::architecture)
        options.watched.push_back(doc.path);
    for (const auto* file : context.files())
      if (facts::is_setup_file(file->path) || facts::is_root_build_file(file->path))
        options.watched.push_back(file->path);
    return repo::read_path_history(context.snapshot(), options);
  });
}

const std::optional<std::string>& file_at_commit(const Context& context, std::string_view commit,
                                                 std::string_view path) {
  return context.shared<std::optional<std::string>>(fmt::format("engine:file-at:{}:{}", commit, path), [&] {
    return repo::read_file_at_commit(context.snapshot(), commit, path, std::size_t{1} << 20);
  });
}

} // namespace tacit::engine
