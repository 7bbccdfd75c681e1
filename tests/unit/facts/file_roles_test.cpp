// Tests for facts::is_setup_file and facts::is_root_build_file: the files the path history watches
// for CTX007 besides the docs.

#include <tacit/facts/file_roles.hpp>

#include <doctest/doctest.h>

using tacit::facts::is_root_build_file;
using tacit::facts::is_setup_file;

TEST_CASE("setup files: dev containers, bootstrap scripts in the usual folders, development Dockerfiles") {
  CHECK(is_setup_file(".devcontainer/devcontainer.json"));
  CHECK(is_setup_file(".devcontainer/post-create.sh"));
  CHECK(is_setup_file(".devcontainer.json"));
  CHECK(is_setup_file("script/bootstrap"));
  CHECK(is_setup_file("scripts/setup.sh"));
  CHECK(is_setup_file("dev-setup.sh"));
  CHECK(is_setup_file("Dockerfile.dev"));
  CHECK_FALSE(is_setup_file("setup.py"));           // Python packaging, not a setup step
  CHECK_FALSE(is_setup_file("docs/setup.sh"));      // not one of the script folders
  CHECK_FALSE(is_setup_file("Dockerfile"));         // the product's image
  CHECK_FALSE(is_setup_file("scripts/release.sh")); // another procedure
}

TEST_CASE("root build files: at the root only, not CI configurations") {
  CHECK(is_root_build_file("Makefile"));
  CHECK(is_root_build_file("package.json"));
  CHECK(is_root_build_file("pyproject.toml"));
  CHECK_FALSE(is_root_build_file("packages/a/package.json")); // a workspace package's own
  CHECK_FALSE(is_root_build_file(".github/workflows/ci.yml"));
  CHECK_FALSE(is_root_build_file("README.md"));
}
