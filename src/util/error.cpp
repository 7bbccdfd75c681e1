#include <tacit/util/error.hpp>

#include <fmt/format.h>

namespace tacit {

std::string to_string(const Error& error) {
  if (error.path.empty())
    return error.message;
  if (error.line <= 0)
    return fmt::format("{}: {}", error.path, error.message);
  if (error.column <= 0)
    return fmt::format("{}:{}: {}", error.path, error.line, error.message);
  return fmt::format("{}:{}:{}: {}", error.path, error.line, error.column, error.message);
}

} // namespace tacit
