// Source and test files in six languages: a header, then functions built from statement templates until the
// target size is reached. The code does not compile; it reads like code to a byte scan and a parser.
#include "synth.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace tacit::bench {
namespace {

// Names fixed by a file's place in the tree.
struct FileNames {
  std::string package;
  std::string stem;
};

// Expands `$x` codes: n noun, v verb, a adjective, d domain, p person, N/V/A capitalised noun/verb/adjective,
// E environment variable, S sentence, i small number, P the file's package, C the file's stem.
void expand(std::string& out, std::string_view tmpl, Rng& rng, const FileNames& names) {
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '$' || i + 1 == tmpl.size()) {
      out.push_back(tmpl[i]);
      continue;
    }
    switch (tmpl[++i]) {
    case 'n':
      out += rng.pick(words::nouns);
      break;
    case 'v':
      out += rng.pick(words::verbs);
      break;
    case 'a':
      out += rng.pick(words::adjectives);
      break;
    case 'd':
      out += rng.pick(words::domains);
      break;
    case 'p':
      out += rng.pick(words::people);
      break;
    case 'N':
      out += camel(rng.pick(words::nouns));
      break;
    case 'V':
      out += camel(rng.pick(words::verbs));
      break;
    case 'A':
      out += camel(rng.pick(words::adjectives));
      break;
    case 'E': {
      static constexpr std::string_view k_suffixes[] = {"URL",     "TIMEOUT", "TOKEN",
                                                        "ENABLED", "ADDR",    "LEVEL"};
      const auto [domain, noun, suffix] =
          std::tuple{rng.pick(words::domains), rng.pick(words::nouns), rng.pick(std::span{k_suffixes})};
      std::string env = fmt::format("{}_{}_{}", domain, noun, suffix);
      for (char& c : env) {
        c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      }
      out += env;
      break;
    }
    case 'S':
      append_sentence(out, rng);
      out.pop_back();
      break;
    case 'i':
      out += std::to_string(rng.range(1, 60));
      break;
    case 'P':
      out += names.package;
      break;
    case 'C':
      out += names.stem;
      break;
    default:
      out.push_back('$');
      out.push_back(tmpl[i]);
      break;
    }
  }
}

// How one language writes a file: header, one function (with a body of statements), footer; same for tests.
struct Dialect {
  std::string_view header;
  std::span<const std::string_view> openers;
  std::span<const std::string_view> statements;
  std::string_view closer;
  std::string_view todo;
  std::string_view footer;
  std::string_view test_header;
  std::span<const std::string_view> test_units;
  std::string_view test_footer;
};

constexpr std::array k_go_open = std::to_array<std::string_view>({
    "// $V$N $S\nfunc (s *$N$A) $V$N(ctx context.Context, $n *$N) (*$N, error) {\n",
    "// $v$N $S\nfunc $v$N($n []$N, $a bool) ([]$N, error) {\n",
    "// $N$A $S\ntype $N$A struct {\n\tmu      sync.Mutex\n\t$n     map[string]*$N\n\ttimeout "
    "time.Duration\n}\n\n"
    "// New$N$A returns a ready $N$A.\nfunc New$N$A(timeout time.Duration) *$N$A {\n",
});
constexpr std::array k_go_stmt = std::to_array<std::string_view>({
    "\tif $n == nil {\n\t\treturn nil, errors.New(\"$d: missing $n\")\n\t}\n",
    "\t$n, err := s.$V$N(ctx, $n)\n\tif err != nil {\n\t\treturn nil, fmt.Errorf(\"$v $n: %w\", err)\n\t}\n",
    "\tfor _, item := range $ns {\n\t\tif item.$A {\n\t\t\tcontinue\n\t\t}\n\t\ts.$n[item.ID] = item\n\t}\n",
    "\tctx, cancel := context.WithTimeout(ctx, $i*time.Second)\n\tdefer cancel()\n",
    "\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n",
    "\tlog.Printf(\"$v $n: %d $a items\", len($ns))\n",
    "\tif v := os.Getenv(\"$E\"); v != \"\" {\n\t\ts.$n = v\n\t}\n",
    "\t// $S\n",
    "\tswitch $n.Kind {\n\tcase $N$A:\n\t\treturn s.$v$N(ctx, $n)\n\tdefault:\n\t\tmetrics.$N$V.Inc()\n\t}\n",
});
constexpr std::array k_go_test = std::to_array<std::string_view>({
    "func Test$V$N$A(t *testing.T) {\n\tt.Parallel()\n\t$n := New$N$A(time.Second)\n\tgot, err := "
    "$n.$V$N(context."
    "Background(), nil)\n\tif err == nil {\n\t\tt.Fatalf(\"$v $n: want error, got %v\", got)\n\t}\n}\n\n",
    "func Test$V$N(t *testing.T) {\n\ttests := []struct {\n\t\tname string\n\t\t$n   string\n\t\twant "
    "bool\n\t}{\n\t\t{name: \"$a\", $n: \"$v\", want: true},\n\t\t{name: \"$a $n\", $n: \"\", want: "
    "false},\n\t}\n"
    "\tfor _, tt := range tests {\n\t\tt.Run(tt.name, func(t *testing.T) {\n\t\t\tif got := $v$N(tt.$n); got "
    "!= "
    "tt.want {\n\t\t\t\tt.Errorf(\"$v$N(%q) = %v, want %v\", tt.$n, got, "
    "tt.want)\n\t\t\t}\n\t\t})\n\t}\n}\n\n",
});

constexpr std::array k_py_open = std::to_array<std::string_view>({
    "def $v_$n($n: $N, *, $a: bool = False) -> $N | None:\n    \"\"\"$S\"\"\"\n",
    "class $N$A:\n    \"\"\"$S\"\"\"\n\n    def __init__(self, $n: $N) -> None:\n        self.$n = $n\n\n"
    "def $v_$a_$n($ns: Iterable[$N]) -> list[$N]:\n",
    "async def $v_$n(client: Client, $n: str) -> dict[str, Any]:\n    \"\"\"$S\"\"\"\n",
});
constexpr std::array k_py_stmt = std::to_array<std::string_view>({
    "    if $n is None:\n        raise ValueError(\"$v: missing $n\")\n",
    "    for item in $ns:\n        if item.$a:\n            continue\n        result.append(item)\n",
    "    $n = os.environ.get(\"$E\", \"$a\")\n",
    "    log.info(\"$v %s $n\", $n)\n",
    "    # $S\n",
    "    with open(path, \"rb\") as fh:\n        $n = fh.read()\n",
    "    try:\n        $n = client.$v($n)\n    except TimeoutError:\n        log.warning(\"$v $n timed "
    "out\")\n"
    "        return None\n",
});
constexpr std::array k_py_test = std::to_array<std::string_view>({
    "def test_$v_$a_$n() -> None:\n    $n = $N$A($n=None)\n    with pytest.raises(ValueError):\n        "
    "$v_$n($n)\n\n\n",
    "@pytest.mark.parametrize(\"$n\", [\"$a\", \"$v\", \"\"])\ndef test_$v_$n($n: str) -> None:\n    result "
    "= "
    "$v_$n($n)\n    assert result is not None\n    assert result.$a == bool($n)\n\n\n",
});

constexpr std::array k_ts_open = std::to_array<std::string_view>({
    "/** $S */\nexport async function $v$N($n: $N, options: $V$NOptions = {}): Promise<$N | undefined> {\n",
    "export interface $N$A {\n  id: string;\n  $n: number;\n  $a?: boolean;\n}\n\nexport function "
    "$v$N$A($ns: "
    "$N$A[]): $N$A[] {\n",
    "/** $S */\nexport const $v$N = ($n: $N): $N => {\n",
});
constexpr std::array k_ts_stmt = std::to_array<std::string_view>({
    "  if (!$n) {\n    throw new Error(\"$v: missing $n\");\n  }\n",
    "  const $n = await client.$v$N($n);\n",
    "  for (const item of $ns) {\n    if (item.$a) continue;\n    result.push(item);\n  }\n",
    "  const $n = process.env.$E ?? \"$a\";\n",
    "  // $S\n",
    "  logger.debug(\"$v $n\", { $n, $a: true });\n",
});
constexpr std::array k_ts_test = std::to_array<std::string_view>({
    "  it(\"$vs the $a $n\", async () => {\n    const $n = await $v$N(fixtures.$n);\n    "
    "expect($n).toBeDefined();\n"
    "    expect($n?.$a).toBe(true);\n  });\n\n",
    "  it(\"rejects a $a $n\", () => {\n    expect(() => $v$N(null)).toThrow(\"$v: missing $n\");\n  });\n\n",
});

constexpr std::array k_cpp_open = std::to_array<std::string_view>({
    "// $S\nstd::optional<$N> $N$A::$v_$n(const $N& $n) {\n",
    "namespace {\n\n// $S\nbool $v_$a_$n(std::span<const $N> $ns) {\n",
});
constexpr std::array k_cpp_stmt = std::to_array<std::string_view>({
    "  if ($n.empty()) {\n    throw std::runtime_error(\"$v: empty $n\");\n  }\n",
    "  for (const auto& item : $ns) {\n    if (item.$a) {\n      continue;\n    }\n    "
    "m_$n.push_back(item);\n  }\n",
    "  const char* $n = std::getenv(\"$E\");\n",
    "  // $S\n",
    "  std::lock_guard lock(m_mutex);\n",
    "  auto $n = m_$n.find(key);\n  if ($n == m_$n.end()) {\n    return std::nullopt;\n  }\n",
});
constexpr std::array k_cpp_test = std::to_array<std::string_view>({
    "TEST_CASE(\"$v $a $n\") {\n  $N $n;\n  CHECK($n.$v_$n());\n  CHECK_FALSE($n.$a());\n}\n\n",
});

constexpr std::array k_rs_open = std::to_array<std::string_view>({
    "/// $S\npub fn $v_$n($n: &$N, out: &mut Vec<$N>) -> Result<$N, Error> {\n",
    "impl $N$A {\n    /// $S\n    pub fn $v(&mut self, $n: $N) -> Option<$N> {\n        "
    "self.$ns.insert($n.id, "
    "$n)\n    }\n}\n\nfn $v_$a($n: &[$N]) -> usize {\n",
});
constexpr std::array k_rs_stmt = std::to_array<std::string_view>({
    "    if $n.is_empty() {\n        return Err(Error::Missing(\"$n\"));\n    }\n",
    "    for item in $ns.iter() {\n        if item.$a {\n            continue;\n        }\n        "
    "out.push(item.clone());\n"
    "    }\n",
    "    let $n = std::env::var(\"$E\").unwrap_or_default();\n",
    "    // $S\n",
    "    let $n = self.$v_$n(&$n)?;\n",
});
constexpr std::array k_rs_test = std::to_array<std::string_view>({
    "#[test]\nfn $v_$a_$n() {\n    let $n = $N::default();\n    assert!($v_$n(&$n).is_ok());\n}\n\n",
});

constexpr std::array k_java_open = std::to_array<std::string_view>({
    "  /** $S */\n  public Optional<$N> $v$N(final $N $n) {\n",
    "  /** $S */\n  private static boolean is$A$N(final List<$N> $ns) {\n",
});
constexpr std::array k_java_stmt = std::to_array<std::string_view>({
    "    if ($n == null) {\n      throw new IllegalArgumentException(\"$v: missing $n\");\n    }\n",
    "    for (final $N item : $ns) {\n      if (item.is$A()) {\n        continue;\n      }\n      "
    "result.add(item);\n"
    "    }\n",
    "    final String $n = System.getenv(\"$E\");\n",
    "    // $S\n",
});
constexpr std::array k_java_test = std::to_array<std::string_view>({
    "  @Test\n  void $v$N$A() {\n    final $N $n = new $N();\n    assertNotNull($n.$v$N());\n  }\n\n",
});

const Dialect k_dialects[] = {
    {"// Package $P $S\npackage $P\n\nimport "
     "(\n\t\"context\"\n\t\"errors\"\n\t\"fmt\"\n\t\"log\"\n\t\"os\"\n\t\"sync\"\n"
     "\t\"time\"\n)\n\n",
     k_go_open, k_go_stmt, "\treturn nil, nil\n}\n\n", "\t// TODO($p): $S\n", "",
     "package $P\n\nimport (\n\t\"context\"\n\t\"testing\"\n\t\"time\"\n)\n\n", k_go_test, ""},
    {"\"\"\"$S\"\"\"\n\nfrom __future__ import annotations\n\nimport logging\nimport os\nfrom typing import "
     "Any, "
     "Iterable\n\nlog = logging.getLogger(__name__)\n\n\n",
     k_py_open, k_py_stmt, "    return None\n\n\n", "    # TODO($p): $S\n", "",
     "import pytest\n\nfrom $P.$n import $N$A, $v_$n\n\n\n", k_py_test, ""},
    {"import { $N } from \"./$n\";\nimport type { $V$NOptions } from \"../$n/types\";\nimport { logger } "
     "from "
     "\"$P\";\n\n",
     k_ts_open, k_ts_stmt, "  return undefined;\n}\n\n", "  // TODO($p): $S\n", "",
     "import { describe, expect, it } from \"vitest\";\nimport { $v$N } from \"./$n\";\n\ndescribe(\"$v$N\", "
     "() "
     "=> {\n",
     k_ts_test, "});\n"},
    {"#include \"$P/$n.hpp\"\n\n#include <cstdlib>\n#include <mutex>\n#include <optional>\n#include "
     "<span>\n#include "
     "<stdexcept>\n#include <string>\n#include <vector>\n\nnamespace example::$P {\n\n",
     k_cpp_open, k_cpp_stmt, "  return {};\n}\n\n", "  // TODO($p): $S\n", "} // namespace example\n",
     "#include \"$P/$n.hpp\"\n\n#include <doctest/doctest.h>\n\n", k_cpp_test, ""},
    {"//! $S\n\nuse std::collections::HashMap;\nuse std::time::Duration;\n\nuse crate::error::Error;\nuse "
     "crate::$n::$N;\n\n",
     k_rs_open, k_rs_stmt, "    todo!()\n}\n\n", "    // TODO($p): $S\n", "", "use $P::{$v_$n, $N};\n\n",
     k_rs_test, ""},
    {"package $P;\n\nimport java.util.ArrayList;\nimport java.util.List;\nimport "
     "java.util.Optional;\n\n/** $S */\npublic final class $C {\n",
     k_java_open, k_java_stmt, "    return Optional.empty();\n  }\n\n", "    // TODO($p): $S\n", "}\n",
     "package $P;\n\nimport static org.junit.jupiter.api.Assertions.assertNotNull;\n\nimport "
     "org.junit.jupiter.api.Test;\n\nclass $C {\n",
     k_java_test, "}\n"},
};

FileNames names_for(const Plan& plan, const FileSpec& spec) {
  const std::string_view path = spec.path;
  const std::size_t slash = path.rfind('/');
  const std::string_view dir = slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
  const std::string_view file = path.substr(slash + 1);
  const std::string_view last_dir = dir.substr(dir.rfind('/') + 1);
  const Module* module = spec.module < 0 ? nullptr : &plan.modules[static_cast<std::size_t>(spec.module)];
  FileNames names;
  names.stem = file.substr(0, file.find('.'));
  std::erase(names.stem, '-');
  switch (spec.lang) {
  case Lang::go:
    names.package = file == "main.go" ? std::string_view{"main"} : last_dir;
    std::erase(names.package, '-');
    break;
  case Lang::typescript:
    names.package = module != nullptr ? "@example/" + module->name : std::string{last_dir};
    break;
  case Lang::java:
    for (const std::string_view root : {"src/main/java/", "src/test/java/"}) {
      if (const std::size_t at = dir.find(root); at != std::string_view::npos) {
        names.package = dir.substr(at + root.size());
        std::replace(names.package.begin(), names.package.end(), '/', '.');
      }
    }
    break;
  default:
    names.package = snake(module != nullptr ? std::string_view{module->name} : last_dir);
    break;
  }
  return names;
}

} // namespace

std::string render_code(const Plan& plan, const FileSpec& spec, Rng& rng) {
  const Dialect& d = k_dialects[static_cast<int>(spec.lang)];
  const FileNames names = names_for(plan, spec);
  std::string out;
  out.reserve(spec.size + 1024);
  if (spec.kind == FileKind::vendor_source) {
    expand(out,
           spec.lang == Lang::go ? "// Copyright 2021 The $N Authors. All rights reserved.\n// Use of this "
                                   "source code is governed by a BSD-style license.\n\n"
                                 : "/*\n * Copyright (c) 2019 $N contributors.\n * SPDX-License-Identifier: "
                                   "MIT\n */\n",
           rng, names);
  }
  if (spec.path.ends_with(".hpp")) {
    out += "#pragma once\n\n";
  }
  const bool test = spec.kind == FileKind::test;
  expand(out, test ? d.test_header : d.header, rng, names);
  while (out.size() < spec.size) {
    if (test) {
      expand(out, rng.pick(d.test_units), rng, names);
      continue;
    }
    expand(out, rng.pick(d.openers), rng, names);
    const int statements = rng.range(2, 12);
    for (int i = 0; i < statements; ++i) {
      expand(out, rng.pick(d.statements), rng, names);
    }
    if (rng.percent(9)) {
      expand(out, d.todo, rng, names);
    }
    expand(out, d.closer, rng, names);
  }
  out += test ? d.test_footer : d.footer;
  return out;
}

} // namespace tacit::bench
