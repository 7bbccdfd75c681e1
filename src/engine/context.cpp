// Building the Context: scope, documents, knowledge, facts.

#include <tacit/doc/context_files.hpp>
#include <tacit/doc/headings.hpp>
#include <tacit/doc/languages.hpp>
#include <tacit/doc/markdown.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/util/parallel.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/util/text_decode.hpp>
#include <tacit/util/timing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <exception>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

namespace tacit::engine {

namespace {

// Installed packages and test data: never the project's context. Vendored code (vendor/, third_party/...,
// submodules, other projects' folders) is facts::ForeignCode's, the one definition every rule honours.
constexpr std::array<std::string_view, 4> k_default_excludes{"node_modules/", "testdata/", "fixtures/",
                                                             "__fixtures__/"};

// Root context files in the order an anchor or a hint prefers them.
constexpr std::array<std::string_view, 9> k_context_preference{"AGENTS.md",
                                                               "CLAUDE.md",
                                                               ".claude/CLAUDE.md",
                                                               "GEMINI.md",
                                                               ".github/copilot-instructions.md",
                                                               ".cursorrules",
                                                               ".windsurfrules",
                                                               ".clinerules",
                                                               ".junie/guidelines.md"};

constexpr std::array<std::string_view, 14> k_root_build_files{
    "CMakeLists.txt", "package.json", "pyproject.toml",   "go.mod",   "Cargo.toml",
    "pom.xml",        "build.gradle", "build.gradle.kts", "Makefile", "meson.build",
    "setup.py",       "BUILD.bazel",  "configure.ac",     "justfile"};

constexpr std::size_t k_fact_read_cap = 1u << 20;

// linguist-generated patterns of the root .gitattributes become excludes (linguist-vendored ones are
// facts::ForeignCode's).
void add_generated_attributes(std::string_view content, util::IgnoreRules& rules) {
  for (auto raw : util::split_lines(content)) {
    const auto line = util::trim(raw);
    if (line.empty() || line.starts_with('#'))
      continue;
    const auto words = util::split_words(line);
    if (words.size() < 2)
      continue;
    for (std::size_t i = 1; i < words.size(); ++i) {
      const auto attr = words[i];
      const bool set = attr == "linguist-generated" || attr == "linguist-generated=true";
      const bool unset = attr == "-linguist-generated" || attr == "linguist-generated=false";
      if (set)
        rules.add(words[0]);
      else if (unset)
        rules.add(fmt::format("!{}", words[0]));
    }
  }
}

// Reads, classifies and parses one document. Returns a note for stderr when it could not be parsed.
// An imported document (`imported`) is read like a context file: kept, parsed structurally, imports found.
// The content comes from the run's file cache, which the fact extractors and the suppression pass share;
// Markdown parses draw on the run's shared time budget, `markdown_budget`.
std::string load_document(const repo::Snapshot& snapshot, const facts::ParsedFileCache& files,
                          const repo::FileEntry& file, const doc::DocClass& cls, doc::Document& doc,
                          doc::RunBudget& markdown_budget, bool imported = false) {
  doc.path = file.path;
  doc.kind = cls.kind;
  doc.format = cls.format;
  doc.agents = std::string(cls.agents);
  if ((file.mode & 0170000) == 0120000) {
    // A symlink (CLAUDE.md -> AGENTS.md): the content is read through its target when that is tracked.
    const auto& target = files.content(file);
    if (!target)
      return {};
    const auto resolved =
        util::normalize_path(fmt::format("{}/{}", util::dir_name(file.path), util::trim(target->bytes)));
    const auto* target_file = snapshot.find(resolved);
    if (!target_file || (target_file->mode & 0170000) == 0120000)
      return {};
    auto note = load_document(snapshot, files, *target_file, cls, doc, markdown_budget, imported);
    doc.path = file.path;
    doc.symlink_target = resolved;
    return note;
  }
  const auto& content = files.content(file);
  if (!content)
    return fmt::format("{}: cannot read: {}", file.path, content.error().message);
  doc.truncated = content->truncated;
  std::string_view text = content->bytes;
  if (text.starts_with("\xEF\xBB\xBF"))
    text.remove_prefix(3);
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    doc.skip_reason = "UTF-16";
    return fmt::format("{}: UTF-16 text is not supported; convert it to UTF-8 (skipped)", file.path);
  }
  if (util::looks_binary(text)) {
    doc.skip_reason = "binary";
    return fmt::format("{}: looks binary (NUL bytes); skipped", file.path);
  }
  // Not valid UTF-8 (a Latin-1 README, a stray byte, a NUL past the first block): read it decoded.
  auto decoded = util::decode_text(text, doc.truncated);
  auto decoding = util::describe_decoding(decoded);
  text = decoded.encoding == util::TextEncoding::utf8 ? text.substr(0, decoded.length) : decoded.text;
  doc.column_shifts = std::move(decoded.shifts);
  doc.imported = imported;
  doc.user_facing = !imported && doc::is_user_facing(doc.path, doc.kind, doc::document_title(text));
  if (doc::is_key_kind(doc.kind) || imported)
    doc.text = std::string(text);
  if (doc.format == doc::DocFormat::markdown && (doc::is_structural(doc.path, doc.kind) || imported))
    doc::parse_markdown(text, doc, doc::markdown_time_budget(text.size()), &markdown_budget);
  else
    doc::scan_text(text, doc);
  if (doc.kind == doc::DocKind::agent_context || imported)
    doc::find_imports(text, doc);
  std::vector<std::string> notes;
  if (!decoding.empty())
    notes.push_back(std::move(decoding));
  if (doc.truncated)
    notes.push_back(
        fmt::format("larger than the read limit; only its first {} bytes were read", content->bytes.size()));
  if (doc.parse_run_budget_spent)
    notes.push_back(
        fmt::format("cut short: the Markdown parses of this run used up their shared time budget "
                    "({} s of CPU time); results may be partial",
                    std::chrono::duration_cast<std::chrono::seconds>(markdown_budget.limit()).count()));
  if (doc.parse_out_of_memory)
    notes.push_back(fmt::format("the Markdown parse hit its memory budget ({} MiB); results may be partial",
                                doc::k_parse_memory >> 20));
  else if (doc.parse_timed_out)
    notes.push_back("the Markdown parse hit its time budget; results may be partial");
  return notes.empty() ? std::string() : fmt::format("{}: {}", file.path, util::join(notes, "; "));
}

// The donor's document for `file` when its content is byte for byte the same (an unchanged file at the base
// of a diff-aware run): copied with its note instead of parsed again. Not a symlink (its document depends
// on its target), an imported document (load_imported reads it again) or one whose parse a budget cut.
std::optional<std::size_t> take_donor_document(const Context& donor,
                                               const std::vector<std::string>& donor_notes,
                                               const facts::ParsedFileCache& files,
                                               const repo::FileEntry& file, doc::Document& doc,
                                               std::string& note) {
  if ((file.mode & 0170000) == 0120000)
    return std::nullopt;
  const auto* theirs = donor.document(file.path);
  const auto* their_file = donor.snapshot().find(file.path);
  if (theirs == nullptr || their_file == nullptr || (their_file->mode & 0170000) == 0120000 ||
      theirs->imported || !theirs->symlink_target.empty() || theirs->parse_timed_out ||
      theirs->parse_run_budget_spent || theirs->parse_out_of_memory || !files.same_as_donor(file))
    return std::nullopt;
  const auto at = static_cast<std::size_t>(theirs - donor.documents().data());
  doc = *theirs;
  note = at < donor_notes.size() ? donor_notes[at] : std::string();
  return at;
}

// Documents that agent context files import (up to the hops agents follow) are read again like context
// files: agents load them at launch, so rules read their sections and follow their imports.
void load_imported(const repo::Snapshot& snapshot, const facts::ParsedFileCache& files,
                   const std::vector<std::pair<const repo::FileEntry*, doc::DocClass>>& doc_files,
                   std::vector<doc::Document>& documents, std::vector<std::string>& notes,
                   doc::RunBudget& markdown_budget) {
  std::vector<std::size_t> frontier;
  for (std::size_t i = 0; i < documents.size(); ++i)
    if (documents[i].kind == doc::DocKind::agent_context)
      frontier.push_back(i);
  for (int hop = 1; hop <= doc::k_max_import_hops && !frontier.empty(); ++hop) {
    std::vector<std::size_t> next;
    for (const auto from : frontier)
      for (const auto& import : documents[from].imports) {
        const auto path = doc::resolve_import(documents[from].path, import.target);
        const auto it =
            std::lower_bound(doc_files.begin(), doc_files.end(), path,
                             [](const auto& entry, const std::string& p) { return entry.first->path < p; });
        if (path.empty() || it == doc_files.end() || it->first->path != path)
          continue;
        const auto i = static_cast<std::size_t>(it - doc_files.begin());
        auto& doc = documents[i];
        if (doc.kind == doc::DocKind::agent_context || doc.imported)
          continue;
        doc = doc::Document{};
        if (auto note = load_document(snapshot, files, *it->first, it->second, doc, markdown_budget, true);
            !note.empty())
          notes.push_back(std::move(note));
        next.push_back(i);
      }
    frontier = std::move(next);
  }
}

} // namespace

std::span<const std::string_view> default_excludes() {
  return k_default_excludes;
}

bool never_read_dir(std::string_view dir) {
  const auto name = util::base_name(dir);
  for (auto pattern : k_default_excludes)
    if (pattern.substr(0, pattern.size() - 1) == name)
      return true;
  return facts::is_vendored_dir(dir);
}

class ContextBuilder {
public:
  static Result<std::unique_ptr<Context>> build(std::unique_ptr<repo::Snapshot> snapshot,
                                                const AnalyzeOptions& options,
                                                std::vector<std::string>& notes);
};

Result<std::unique_ptr<Context>> ContextBuilder::build(std::unique_ptr<repo::Snapshot> snapshot,
                                                       const AnalyzeOptions& options,
                                                       std::vector<std::string>& notes) {
  auto context = std::make_unique<Context>();
  context->m_snapshot = std::move(snapshot);
  const auto& snap = *context->m_snapshot;
  // Every file is read once in this run, whoever reads it: the documents, the fact extractors (capped at
  // k_fact_read_cap), the generated-code scan and the suppression pass share this cache.
  context->m_file_cache = std::make_unique<facts::ParsedFileCache>(
      [&snap](const repo::FileEntry& file) { return snap.read(file); }, k_fact_read_cap);
  const auto& cache = *context->m_file_cache;
  // The donor's reads carry the blob they gave (repo::Content::blob); this snapshot knows its files' blobs.
  if (options.reuse)
    context->m_file_cache->reuse_from(
        options.reuse->m_file_cache.get(),
        [&snap](const repo::FileEntry& file) { return snap.stored_blob(file); });
  if (options.prefetched_yaml)
    context->m_file_cache->take_yaml_from(options.prefetched_yaml);
  const unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());

  // Configuration: given by the caller (--config, --isolated), else the repository's .tacit.yaml (tracked,
  // or untracked in the worktree) with what it extends.
  if (options.config) {
    context->m_config = *options.config;
  } else {
    auto config = load_repository_config(snap, options.rules);
    if (!config)
      return std::unexpected(config.error());
    context->m_config = std::move(*config);
  }

  if (options.on_config)
    options.on_config(context->m_config);

  // Scope.
  std::optional<util::ScopedTiming> phase(std::in_place, "context: scope");
  auto& excludes = context->m_excludes;
  for (auto pattern : k_default_excludes)
    excludes.add(pattern);
  std::string attributes;
  if (const auto* file = snap.find(".gitattributes"))
    attributes = cache(*file);
  add_generated_attributes(attributes, excludes);
  for (const auto& pattern : context->m_config.exclude)
    excludes.add(pattern);
  // TASK109 still counts the files that are out of scope only because .gitattributes marks them
  // linguist-generated: those are matched against the other excludes, which all files in scope pass.
  util::IgnoreRules others;
  const bool marks_generated = attributes.find("linguist-generated") != std::string::npos;
  if (marks_generated) {
    for (auto pattern : k_default_excludes)
      others.add(pattern);
    for (const auto& pattern : context->m_config.exclude)
      others.add(pattern);
  }
  // Another project's code is out of every rule's scope.
  phase.emplace("context: foreign code, excludes");
  context->m_foreign =
      facts::ForeignCode::detect(snap.files(), [&cache](const repo::FileEntry& file) { return cache(file); });
  std::vector<const repo::FileEntry*> linguist_generated;
  // Each file once, in slices on `jobs` threads (a monorepo has 100k): in scope or not, a document (with its
  // class) or another file, and the language the environment-read scan reads it in. The slices are joined in
  // order, so the lists keep the snapshot's path order.
  const bool env_reads_wanted =
      options.env_reads && !options.reuse && !options.lends && options.env_reads(context->m_config);
  struct Slice {
    std::vector<const repo::FileEntry*> in_scope;
    std::vector<const repo::FileEntry*> linguist_generated;
    std::vector<std::pair<const repo::FileEntry*, doc::DocClass>> docs;
    std::vector<const repo::FileEntry*> not_docs;
    std::vector<std::pair<const repo::FileEntry*, doc::Language>> env_scan;
  };
  const auto& all_files = snap.files();
  constexpr std::size_t k_slice_files = 1024;
  std::vector<Slice> slices((all_files.size() + k_slice_files - 1) / k_slice_files);
  util::parallel_for(slices.size(), jobs, [&](std::size_t at) {
    auto& slice = slices[at];
    // What a folder's path decides (foreign, excluded) is decided once per folder, not once per file.
    struct FolderVerdict {
      bool foreign = false;
      bool excluded = false;
      bool others = false;
    };
    std::unordered_map<std::string_view, FolderVerdict> folders;
    const auto end = std::min(all_files.size(), (at + 1) * k_slice_files);
    for (auto i = at * k_slice_files; i < end; ++i) {
      const auto& file = all_files[i];
      const auto dir = util::dir_name(file.path);
      auto [it, added] = folders.try_emplace(dir);
      if (added && !dir.empty())
        it->second = {context->m_foreign.contains(dir), excludes.ignored(dir, true),
                      marks_generated && others.ignored(dir, true)};
      const auto& folder = it->second;
      if (context->m_foreign.contains_file(file.path, folder.foreign))
        continue;
      if (!folder.excluded && !excludes.matches(file.path)) {
        slice.in_scope.push_back(&file);
        if (auto cls = doc::classify_document(file.path)) {
          slice.docs.emplace_back(&file, *cls);
        } else {
          slice.not_docs.push_back(&file);
        }
        if (env_reads_wanted)
          if (const auto language = facts::env_scan_file_language(file))
            slice.env_scan.emplace_back(&file, *language);
      } else if (marks_generated && !folder.others && !others.matches(file.path)) {
        slice.linguist_generated.push_back(&file);
      }
    }
  });
  // Each file classified once: the documents (with their class) and the other files.
  std::vector<const repo::FileEntry*> doc_inputs;
  std::vector<const repo::FileEntry*> other_files;
  std::vector<std::pair<const repo::FileEntry*, doc::DocClass>> doc_files;
  std::vector<std::pair<const repo::FileEntry*, doc::Language>> env_scan;
  for (auto& slice : slices) {
    context->m_files.insert(context->m_files.end(), slice.in_scope.begin(), slice.in_scope.end());
    linguist_generated.insert(linguist_generated.end(), slice.linguist_generated.begin(),
                              slice.linguist_generated.end());
    for (const auto& [file, cls] : slice.docs) {
      doc_inputs.push_back(file);
      doc_files.emplace_back(file, cls);
    }
    other_files.insert(other_files.end(), slice.not_docs.begin(), slice.not_docs.end());
    env_scan.insert(env_scan.end(), slice.env_scan.begin(), slice.env_scan.end());
  }
  slices = {};

  // The generated-code scan reads the head of every file. A file read already (a CI file, a doc) gives its
  // head from the cache; the others are read as heads. So that no file is read twice, the documents' heads
  // are scanned after the documents are read, the other files' on the facts thread after the facts.
  facts::HeadSource head_readers;
  head_readers.readers = [&snap, &cache](std::size_t max_bytes) {
    std::shared_ptr<repo::HeadReader> head = snap.head_reader(max_bytes);
    return facts::SequentialReader<facts::Head>(
        [head, &cache, max_bytes](const repo::FileEntry& file) -> facts::Head {
          if (const auto* content = cache.cached(file))
            return *content ? facts::Head{std::string_view((*content)->bytes).substr(0, max_bytes),
                                          (*content)->blob}
                            : facts::Head{};
          auto bytes = head->read(file);
          return bytes ? facts::Head{*bytes, head->blob()} : facts::Head{};
        },
        [head, &cache](std::span<const repo::FileEntry* const> files) {
          // The files the cache holds are not read again.
          std::vector<const repo::FileEntry*> unread;
          unread.reserve(files.size());
          for (const auto* file : files)
            if (cache.cached(*file) == nullptr)
              unread.push_back(file);
          head->expect(unread);
        });
  };
  if (options.reuse)
    head_readers.stored_blob = [&snap](const repo::FileEntry& file) { return snap.stored_blob(file); };
  std::vector<facts::GeneratedFile> generated_files;
  // The heads the scan reads are kept for a diff-aware run's base, which scans only the heads that differ.
  if (options.lends)
    context->m_generated_heads = std::make_unique<facts::GeneratedHeads>(k_lent_head_bytes);
  facts::GeneratedHeads* keep_heads = context->m_generated_heads.get();
  const facts::GeneratedHeads* lent_heads = options.reuse ? options.reuse->m_generated_heads.get() : nullptr;
  // The code's environment reads, when the run's rules read them: the files are read whole in the
  // generated-code scan's pass (one read of each file, not a head there and the whole file again in a rule).
  std::optional<facts::EnvReadCollector> env_reads;
  facts::WholeFiles whole;
  std::vector<doc::Language> whole_languages;
  if (env_reads_wanted) {
    whole.files.reserve(env_scan.size());
    whole_languages.reserve(env_scan.size());
    for (const auto& [file, language] : env_scan) {
      whole.files.push_back(file);
      whole_languages.push_back(language);
    }
    whole.max_bytes = facts::k_env_scan_max_bytes;
    whole.readers = facts::snapshot_head_readers(snap);
    whole.start = [&env_reads](std::size_t runs) { env_reads.emplace(runs); };
    whole.visit = [&](std::size_t run, std::size_t index, std::string_view text) {
      env_reads->add(run, *whole.files[index], whole_languages[index], text);
    };
  }

  // Facts (they read no document) are extracted on a thread of their own while the documents are parsed.
  phase.emplace("context: documents (facts alongside)");
  std::exception_ptr facts_error;
  std::jthread facts_thread([&] {
    const util::ScopedTiming timing("context: facts thread");
    try {
      // The CI facts (their YAML loads) on a thread of their own, alongside the other extractors: the facts
      // are the longest part of a context (of a diff-aware run's base above all, whose documents are mostly
      // taken from the scanned state). The generated-code scan comes after both, so that it finds the files
      // they read in the cache (a run reads each file once).
      std::exception_ptr ci_error;
      {
        std::jthread ci_thread([&] {
          const util::ScopedTiming ci("context: CI facts (their own thread)");
          try {
            context->m_ci = facts::extract_ci(context->m_files, cache);
          } catch (...) {
            ci_error = std::current_exception();
          }
        });
        context->m_facts = facts::extract_facts(context->m_files, cache);
      }
      if (ci_error)
        std::rethrow_exception(ci_error);
      const util::ScopedTiming scan(env_reads_wanted
                                        ? "context: generated-code scan and env reads (facts thread)"
                                        : "context: generated-code scan (facts thread)");
      generated_files = facts::extract_generated(other_files, linguist_generated, cache, head_readers, jobs,
                                                 keep_heads, lent_heads, env_reads_wanted ? &whole : nullptr);
      if (env_reads)
        context->m_env_reads = std::make_unique<facts::EnvReadScan>(env_reads->finish());
    } catch (...) {
      facts_error = std::current_exception();
    }
  });

  // Documents, parsed in parallel into fixed slots so that the order never depends on scheduling.
  auto& documents = context->m_documents;
  documents.resize(doc_files.size());
  std::vector<std::string> doc_notes(doc_files.size());
  std::vector<doc::KnowledgeIndex> doc_knowledge(doc_files.size());
  doc::RunBudget markdown_budget(doc::markdown_run_budget());
  // The donor's index of each document taken from it (an unchanged document of a diff-aware run's base).
  std::vector<std::optional<std::size_t>> donor_of(doc_files.size());
  util::parallel_for(doc_files.size(), jobs, [&](std::size_t i) {
    if (options.reuse &&
        (donor_of[i] = take_donor_document(*options.reuse, options.reuse->m_document_notes, cache,
                                           *doc_files[i].first, documents[i], doc_notes[i])))
      return;
    doc_notes[i] =
        load_document(snap, cache, *doc_files[i].first, doc_files[i].second, documents[i], markdown_budget);
  });
  for (const auto& note : doc_notes)
    if (!note.empty())
      notes.push_back(note);
  context->m_document_notes = std::move(doc_notes);
  phase.emplace("context: imports, knowledge index");
  load_imported(snap, cache, doc_files, documents, notes, markdown_budget);
  // A symlinked doc that says what its target says adds no knowledge; indexing it would double every finding
  // about a command or path it mentions. A document taken from the donor (and not read again as an import)
  // takes its mentions from the donor's index too: add() reads nothing but the document.
  const auto donor_span = [&](std::size_t i) -> const doc::KnowledgeIndex::Span* {
    if (!donor_of[i] || documents[i].imported || *donor_of[i] >= options.reuse->m_knowledge_spans.size())
      return nullptr;
    return &options.reuse->m_knowledge_spans[*donor_of[i]];
  };
  util::parallel_for(doc_files.size(), jobs, [&](std::size_t i) {
    if (!context->is_alias(documents[i]) && donor_span(i) == nullptr)
      doc_knowledge[i].add(documents[i]);
  });
  context->m_knowledge_spans.resize(documents.size());
  std::size_t command_count = 0;
  std::size_t path_count = 0;
  for (std::size_t i = 0; i < doc_knowledge.size(); ++i) {
    if (const auto* theirs = donor_span(i); theirs != nullptr && !context->is_alias(documents[i])) {
      command_count += theirs->commands_end - theirs->commands_begin;
      path_count += theirs->paths_end - theirs->paths_begin;
    } else {
      command_count += doc_knowledge[i].commands().size();
      path_count += doc_knowledge[i].paths().size();
    }
  }
  context->m_knowledge.reserve(command_count, path_count);
  for (std::size_t i = 0; i < doc_knowledge.size(); ++i) {
    auto& span = context->m_knowledge_spans[i];
    span = context->m_knowledge.end();
    if (const auto* theirs = donor_span(i); theirs != nullptr && !context->is_alias(documents[i]))
      context->m_knowledge.append_copy(options.reuse->m_knowledge, *theirs);
    else
      context->m_knowledge.merge(std::move(doc_knowledge[i]));
    const auto end = context->m_knowledge.end();
    span.commands_end = end.commands_end;
    span.paths_end = end.paths_end;
  }

  phase.emplace("context: waiting for the facts thread");
  facts_thread.join();
  phase.reset();
  if (facts_error)
    std::rethrow_exception(facts_error);
  for (const auto& note : context->m_ci.notes)
    notes.push_back(note);
  if (const auto& read_only = context->m_facts.read_only)
    notes.push_back(fmt::format("{}:{}: the repository says \"{}\": the contributor procedure and standards "
                                "rules (TASK, QUAL) do not run",
                                read_only->path, read_only->line, read_only->note));
  phase.emplace("context: generated-code scan (documents)");
  auto in_docs = facts::extract_generated(doc_inputs, {}, cache, head_readers, jobs, keep_heads, lent_heads);
  phase.reset();
  generated_files.insert(generated_files.end(), std::make_move_iterator(in_docs.begin()),
                         std::make_move_iterator(in_docs.end()));
  std::ranges::sort(generated_files, {}, &facts::GeneratedFile::path);
  context->m_facts.generated_files = std::move(generated_files);
  // The size of the code leaves generated files out (a client generated from an API spec is not 1,000 files
  // to map); paths only, so counting again is cheap.
  if (!context->m_facts.generated_files.empty()) {
    std::set<std::string, std::less<>> generated;
    for (const auto& file : context->m_facts.generated_files)
      generated.insert(file.path);
    context->m_facts.source_size = facts::extract_source_size(context->m_files, generated);
  }
  phase.reset();
  for (auto& failure : cache.parse_failures())
    notes.push_back(std::move(failure));
  auto& roots = context->m_root_context_files;
  for (auto name : k_context_preference)
    if (const auto* doc = context->document(name))
      roots.push_back(doc);
  for (const auto& doc : context->m_documents)
    if (doc.kind == doc::DocKind::agent_context &&
        doc::is_repository_wide_context(doc.path, doc.front_matter) &&
        std::ranges::find(roots, &doc) == roots.end())
      roots.push_back(&doc);
  return context;
}

Result<std::unique_ptr<Context>> analyze(std::unique_ptr<repo::Snapshot> snapshot,
                                         const AnalyzeOptions& options, std::vector<std::string>& notes) {
  return ContextBuilder::build(std::move(snapshot), options, notes);
}

const doc::Document* Context::document(std::string_view path) const {
  const auto it = std::lower_bound(m_documents.begin(), m_documents.end(), path,
                                   [](const doc::Document& doc, std::string_view p) { return doc.path < p; });
  return it != m_documents.end() && it->path == path ? &*it : nullptr;
}

bool Context::is_alias(const doc::Document& doc) const {
  if (doc.symlink_target.empty())
    return false;
  const auto* target = document(doc.symlink_target);
  return target && target->kind == doc.kind;
}

bool Context::path_exists(std::string_view path) const {
  return path.empty() || m_snapshot->find(path) || m_snapshot->is_directory(path) ||
         m_snapshot->exists_untracked(path);
}

bool Context::is_excluded(std::string_view path) const {
  return m_foreign.contains(path) || m_excludes.ignored(path);
}

Location Context::repository_anchor() const {
  if (const auto roots = root_context_files(); !roots.empty())
    return Location{roots.front()->path, 1, 1, {}};
  for (auto name :
       {"README.md", "README.rst", "README.adoc", "README.txt", "README", "readme.md", "Readme.md"})
    if (m_snapshot->find(name))
      return Location{name, 1, 1, {}};
  for (const auto& doc : m_documents) // README.markdown, README.textile...
    if (doc.kind == doc::DocKind::readme && doc.path.find('/') == std::string::npos)
      return Location{doc.path, 1, 1, {}};
  for (auto name : k_root_build_files)
    if (m_snapshot->find(name))
      return Location{std::string(name), 1, 1, {}};
  return Location{};
}

std::string Context::primary_context_file() const {
  const auto roots = root_context_files();
  return roots.empty() ? std::string("AGENTS.md") : roots.front()->path;
}

std::span<const repo::Commit> Context::history(std::size_t limit) const {
  std::lock_guard lock(m_history_mutex);
  for (const auto& [walked, commits] : m_histories)
    if (walked == limit)
      return *commits;
  repo::HistoryOptions options;
  options.max_commits = limit;
  auto commits = std::make_unique<const std::vector<repo::Commit>>(m_snapshot->history(options));
  const auto& kept = *commits;
  m_histories.emplace_back(limit, std::move(commits));
  return kept;
}

} // namespace tacit::engine
