#include <tacit/engine/change_sets.hpp>
#include <tacit/util/timing.hpp>

#include <fmt/format.h>

namespace tacit::engine {

const std::vector<repo::ChangeSet>& change_sets(const Context& context, std::size_t max_commits,
                                                std::size_t max_files) {
  return context.shared<std::vector<repo::ChangeSet>>(
      fmt::format("engine:change-sets:{}:{}", max_commits, max_files), [&] {
        const util::ScopedTiming timing("history: change sets");
        repo::ChangeSetOptions options;
        options.max_commits = max_commits;
        options.max_files = max_files;
        return repo::read_change_sets(context.snapshot(), options);
      });
}

} // namespace tacit::engine
