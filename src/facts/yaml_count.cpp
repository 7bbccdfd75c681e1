// Counting the values of a YAML document before it is built: yaml-cpp's event parser streams it, so a file
// of a million values is refused without building its million nodes.

#include "yaml_util.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace tacit::facts::yaml {

namespace {

// Thrown out of the parser at the value past the limit.
struct TooMany {
  int line = 0;
};

class Counter final : public YAML::EventHandler {
public:
  Counter(std::size_t limit, std::size_t& values) : m_limit(limit), m_values(values) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { count(mark); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {} // expanded later, under its own limit
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    count(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    count(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    count(mark);
  }
  void OnMapEnd() override {}

private:
  void count(const YAML::Mark& mark) {
    if (++m_values > m_limit)
      throw TooMany{mark.line >= 0 ? mark.line + 1 : 0};
  }

  std::size_t m_limit;
  std::size_t& m_values;
};

} // namespace

std::optional<int> count_values(std::string_view text, std::size_t& values) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  Counter counter(k_max_nodes, values);
  try {
    while (parser.HandleNextDocument(counter)) {
    }
  } catch (const TooMany& too_many) {
    return too_many.line;
  }
  return std::nullopt;
}

} // namespace tacit::facts::yaml
