#pragma once
// Errors that cross module boundaries. Fallible functions return Result<T>; only a fatal error reaches main.

#include <expected>
#include <string>
#include <utility>

namespace tacit {

/// What went wrong, coarse enough to pick an exit code and a message prefix.
enum class ErrorCode { usage, config, repository, io, parse, internal };

/// An error with an optional location (path:line:column); line and column are 1-based, 0 when unknown.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string path;
  int line = 0;
  int column = 0;
};

template <typename T> using Result = std::expected<T, Error>;

/// Builds the unexpected value of a Result.
inline std::unexpected<Error> make_error(ErrorCode code, std::string message, std::string path = {},
                                         int line = 0, int column = 0) {
  return std::unexpected<Error>(Error{code, std::move(message), std::move(path), line, column});
}

/// "path:line:column: message", leaving out the parts that are unknown.
std::string to_string(const Error& error);

} // namespace tacit
