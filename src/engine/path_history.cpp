#include <tacit/engine/path_history.hpp>

namespace tacit::engine {

const repo::PathHistory& path_history(const Context& context) {
  return context.shared<repo::PathHistory>("engine:path-history", [&context] {
    repo::PathHistoryOptions options;
    for (const auto& doc : context.documents())
      if (doc.kind == doc::DocKind::agent_context)
        options.watched.push_back(doc.path);
    return repo::read_path_history(context.snapshot(), options);
  });
}

} // namespace tacit::engine
