// The package name a manifest gives (facts/packages.hpp).

#include <tacit/facts/packages.hpp>

#include <doctest/doctest.h>

using tacit::facts::package_name;

TEST_CASE("package names: package.json's top-level name, Cargo.toml's [package] name") {
  CHECK(package_name("package.json", R"({"author": {"name": "Ann"}, "name": "@shop/web"})") == "@shop/web");
  CHECK(package_name("package.json", R"({"private": true})").empty());
  CHECK(package_name("package.json", "{ not json").empty());
  CHECK(package_name("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n\n[package]\nname = \"shop-core\"\n") ==
        "shop-core");
  CHECK(package_name("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n").empty());
  CHECK(package_name("Cargo.toml", "[package\nname = ").empty());
  CHECK(package_name("pyproject.toml", "[project]\nname = \"x\"\n").empty());
  CHECK(tacit::facts::is_package_manifest("Cargo.toml"));
  CHECK(!tacit::facts::is_package_manifest("go.mod"));
}
