// The audit's HTML report: one self-contained file (inline CSS, JS and SVG; a Content-Security-Policy that
// forbids loading anything), rendered on the server side so that it reads without script and prints
// whole. The script only sorts, filters and opens the drill-down rows.

#include "audit_formats.hpp"
#include "format_util.hpp"

#include <tacit/report/audit.hpp>
#include <tacit/report/report.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/version.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tacit::report {

namespace {

constexpr std::string_view k_style = R"(
:root{--fg:#1b1f24;--muted:#5b6570;--line:#d6dbe0;--pass:#1a7f37;--fail:#c62828;--na:#8a8f96;--bar:#3b6fd4}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:24px;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:14px 0 6px}
.muted{color:var(--muted)}.charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{cursor:pointer;user-select:none;white-space:nowrap}th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
td.num,th.num{text-align:right}.controls{margin:8px 0;display:flex;gap:12px;align-items:center}
button.open{font:inherit;border:1px solid var(--line);background:#f6f8fa;border-radius:4px;cursor:pointer;padding:0 6px}
.status-fail{color:var(--fail);font-weight:600}.status-pass{color:var(--pass)}.status-na{color:var(--na)}
.error{color:var(--fail)}tr.detail>td{background:#fafbfc;padding:8px 16px}
.finding{margin:2px 0 6px}.evidence,.hint{color:var(--muted);margin-left:16px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px}
@media print{.controls,button.open{display:none}tr.detail{display:table-row!important}body{margin:0}th::after{content:""!important}}
)";

constexpr std::string_view k_script = R"(
(function(){
var table=document.getElementById('repositories');var body=table.tBodies[0];
function pairs(){var rows=[].slice.call(body.rows),out=[];for(var i=0;i<rows.length;i++){if(rows[i].classList.contains('repo'))out.push([rows[i],rows[i+1]]);}return out;}
function toggle(button){var detail=document.getElementById(button.getAttribute('aria-controls'));var open=detail.hidden;detail.hidden=!open;button.setAttribute('aria-expanded',String(open));button.textContent=open?'\u2212':'+';}
body.addEventListener('click',function(e){var b=e.target.closest('button.open');if(b)toggle(b);});
var heads=table.tHead.rows[0].cells;
for(var h=0;h<heads.length;h++){(function(th){if(!th.dataset.key)return;th.addEventListener('click',function(){
 var dir=th.getAttribute('aria-sort')==='descending'?'ascending':'descending';
 for(var k=0;k<heads.length;k++)heads[k].removeAttribute('aria-sort');th.setAttribute('aria-sort',dir);
 var key=th.dataset.key,num=th.classList.contains('num'),sign=dir==='ascending'?1:-1;
 var list=pairs();list.sort(function(a,b){var x=a[0].dataset[key],y=b[0].dataset[key];
  if(num){x=x===''?-1:Number(x);y=y===''?-1:Number(y);return (x-y)*sign||a[0].dataset.index-b[0].dataset.index;}
  return x.localeCompare(y)*sign||a[0].dataset.index-b[0].dataset.index;});
 list.forEach(function(p){body.appendChild(p[0]);body.appendChild(p[1]);});});})(heads[h]);}
var filter=document.getElementById('filter'),level=document.getElementById('min-level'),count=document.getElementById('shown');
function apply(){var text=filter.value.toLowerCase(),min=Number(level.value),shown=0;
 pairs().forEach(function(p){var ok=p[0].dataset.name.toLowerCase().indexOf(text)>=0&&(min===0||Number(p[0].dataset.level||0)>=min);
  p[0].hidden=!ok;if(!ok)p[1].hidden=true;else{var b=p[0].querySelector('button.open');if(b&&b.getAttribute('aria-expanded')==='true')p[1].hidden=false;}if(ok)shown++;});
 count.textContent=String(shown);}
filter.addEventListener('input',apply);level.addEventListener('change',apply);
window.addEventListener('beforeprint',function(){pairs().forEach(function(p){if(!p[0].hidden)p[1].hidden=false;});});
})();
)";

std::string esc(std::string_view text) {
  return xml_escape(text);
}

std::string level_name(int level) {
  return std::string(audit::levels()[static_cast<std::size_t>(level - 1)].name);
}

// A colour from red (0) through amber to green (100).
std::string score_colour(int score) {
  const int hue = std::clamp(score, 0, 100) * 120 / 100;
  return fmt::format("hsl({},65%,{}%)", hue, 42);
}

// The score distribution: ten buckets (0-9 ... 90-100), one bar each.
std::string distribution_svg(std::span<const audit::Repository> rows) {
  std::array<int, 10> buckets{};
  for (const auto& row : rows)
    if (row.error.empty())
      ++buckets[static_cast<std::size_t>(std::min(row.score.score / 10, 9))];
  const int most = std::max(1, *std::max_element(buckets.begin(), buckets.end()));
  constexpr int width = 360, height = 160, bar = 30, gap = 6, base = 130;
  std::string out = fmt::format(
      R"(<svg id="distribution" role="img" aria-label="score distribution" width="{}" height="{}" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">)",
      width, height, width, height);
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const int h = buckets[i] * 110 / most;
    const int x = 4 + static_cast<int>(i) * (bar + gap);
    out += fmt::format(
        R"(<rect class="bucket" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}-{}: {} repositor{}</title></rect>)",
        x, base - h, bar, h, score_colour(static_cast<int>(i) * 10 + 5), i * 10, i == 9 ? 100 : i * 10 + 9,
        buckets[i], buckets[i] == 1 ? "y" : "ies");
    if (buckets[i] > 0)
      out += fmt::format(R"(<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>)", x + bar / 2,
                         base - h - 3, buckets[i]);
    out += fmt::format(R"(<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#5b6570">{}</text>)",
                       x + bar / 2, base + 14, i * 10);
  }
  return out + "</svg>";
}

// Pillars per repository: one row per repository, one cell per pillar coloured by its sub-score.
std::string pillars_svg(std::span<const audit::Repository> rows) {
  constexpr int label = 180, cell = 44, row_height = 20, top = 18;
  int count = 0;
  for (const auto& row : rows)
    count += row.error.empty() ? 1 : 0;
  const int width = label + cell * static_cast<int>(audit::k_pillars.size()) + 4;
  const int height = top + row_height * count + 4;
  std::string out = fmt::format(
      R"(<svg id="pillars" role="img" aria-label="pillars per repository" width="{}" height="{}" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">)",
      width, height, width, height);
  for (std::size_t p = 0; p < audit::k_pillars.size(); ++p)
    out +=
        fmt::format(R"(<text x="{}" y="12" font-size="11" text-anchor="middle" font-weight="600">{}</text>)",
                    label + static_cast<int>(p) * cell + cell / 2, audit::k_pillars[p]);
  int y = top;
  for (const auto& row : rows) {
    if (!row.error.empty())
      continue;
    auto name = row.name.size() > 28 ? "\u2026" + row.name.substr(row.name.size() - 27) : row.name;
    out += fmt::format(R"(<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>)", label - 6, y + 14,
                       esc(name));
    for (std::size_t p = 0; p < row.score.pillars.size(); ++p) {
      const auto& pillar = row.score.pillars[p];
      const int x = label + static_cast<int>(p) * cell;
      out += fmt::format(
          R"(<rect class="cell" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} {}: {}</title></rect>)",
          x + 1, y + 1, cell - 2, row_height - 2, pillar.score ? score_colour(*pillar.score) : "#e3e6ea",
          esc(row.name), pillar.name, pillar.score ? std::to_string(*pillar.score) : "not scored");
      out += fmt::format(R"(<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>)",
                         x + cell / 2, y + 14, pillar.score ? "#fff" : "#5b6570",
                         pillar.score ? std::to_string(*pillar.score) : "-");
    }
    y += row_height;
  }
  return out + "</svg>";
}

// A repository's trend as a sparkline: the earlier commits scored (oldest first) and the current score last,
// on a 0-100 scale; a commit that could not be scored is left out of the line and said in the title.
std::string trend_svg(const audit::Repository& row) {
  struct Dot {
    std::string label;
    int score;
  };
  std::vector<Dot> dots;
  std::vector<std::string> errors;
  for (const auto& point : row.trend) {
    if (point.error.empty())
      dots.push_back({point.date, point.score});
    else
      errors.push_back(point.date);
  }
  dots.push_back({"now", row.score.score});
  constexpr int width = 120, height = 28, pad = 4;
  const auto x_of = [&](std::size_t i) {
    return dots.size() == 1
               ? width / 2
               : pad + static_cast<int>(i) * (width - 2 * pad) / static_cast<int>(dots.size() - 1);
  };
  const auto y_of = [&](int score) {
    return pad + (100 - std::clamp(score, 0, 100)) * (height - 2 * pad) / 100;
  };
  std::vector<std::string> scores;
  std::string points;
  std::string circles;
  for (std::size_t i = 0; i < dots.size(); ++i) {
    scores.push_back(std::to_string(dots[i].score));
    points += fmt::format("{}{},{}", i ? " " : "", x_of(i), y_of(dots[i].score));
    circles += fmt::format(
        R"(<circle class="point" cx="{}" cy="{}" r="2.5" fill="{}"><title>{}: {}</title></circle>)", x_of(i),
        y_of(dots[i].score), score_colour(dots[i].score), esc(dots[i].label), dots[i].score);
  }
  std::string title = fmt::format("trend of {}: {}", esc(row.name), util::join(scores, ", "));
  if (!errors.empty())
    title += fmt::format("; not scored: {}", esc(util::join(errors, ", ")));
  if (!row.trend_note.empty())
    title += "; " + esc(row.trend_note);
  return fmt::format(
      R"(<svg class="trend" role="img" aria-label="{}" data-scores="{}" width="{}" height="{}" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg"><title>{}</title><polyline points="{}" fill="none" stroke="#3b6fd4" stroke-width="1.5"/>{}</svg>)",
      title, util::join(scores, " "), width, height, width, height, title, points, circles);
}

std::string status_class(engine::RuleState state) {
  return state == engine::RuleState::fail   ? "status-fail"
         : state == engine::RuleState::pass ? "status-pass"
                                            : "status-na";
}

std::string detail_html(const audit::Repository& row) {
  std::string out =
      "<h3>Pillars</h3><table class=\"pillar-table\"><thead><tr><th>pillar</th><th class=\"num\">score</th>"
      "<th class=\"num\">points</th><th class=\"num\">passed</th><th class=\"num\">failed</th><th "
      "class=\"num\">n/a</th></tr></thead><tbody>";
  for (const auto& p : row.score.pillars)
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}/{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
        p.name, p.score ? std::to_string(*p.score) : "-", p.earned, p.possible, p.passed, p.failed,
        p.not_applicable);
  out += "</tbody></table><h3>Rules</h3><table "
         "class=\"rule-table\"><thead><tr><th>status</th><th>rule</th><th>pillar</th>"
         "<th class=\"num\">points</th><th>findings, or why it did not apply</th></tr></thead><tbody>";
  for (const auto& rule : row.score.rules) {
    std::string why;
    if (rule.state == engine::RuleState::not_applicable) {
      why = esc(rule.reason);
    } else {
      for (const auto& finding : row.findings) {
        if (finding.rule_id != rule.id)
          continue;
        why += fmt::format("<div class=\"finding\"><code>{}</code> <span class=\"sev\">{}</span> {}",
                           esc(detail::location_label(finding.location)), engine::to_string(finding.severity),
                           esc(finding.message));
        for (const auto& related : finding.related)
          why += fmt::format("<div class=\"evidence\">evidence: <code>{}</code> {}</div>",
                             esc(detail::location_label(related)), esc(related.note));
        if (!finding.hint.empty())
          why += fmt::format("<div class=\"hint\">hint: {}</div>", esc(finding.hint));
        why += "</div>";
      }
    }
    out += fmt::format("<tr class=\"rule\" data-status=\"{}\"><td class=\"{}\">{}</td><td><code>{}</code> "
                       "{}</td><td>{}</td><td "
                       "class=\"num\">{}</td><td>{}</td></tr>",
                       engine::to_string(rule.state), status_class(rule.state), engine::to_string(rule.state),
                       esc(rule.id), esc(rule.name), rule.pillar.empty() ? "-" : rule.pillar,
                       rule.pillar.empty() || rule.state == engine::RuleState::not_applicable
                           ? std::string("-")
                           : fmt::format("{}/{}", rule.earned, rule.weight),
                       why);
  }
  out += "</tbody></table><h3>Present</h3><ul>";
  const auto& present = row.present;
  std::vector<std::string> files;
  for (const auto& file : present.context_files)
    files.push_back(fmt::format("<code>{}</code>", esc(file)));
  out += fmt::format("<li>context files: {}</li>", files.empty() ? "none" : util::join(files, ", "));
  std::vector<std::string> commands;
  for (const auto& c : present.commands)
    commands.push_back(
        fmt::format("{} <code>{}</code> ({}:{})", esc(c.kind), esc(c.text), esc(c.doc), c.line));
  out +=
      fmt::format("<li>documented commands: {}</li>", commands.empty() ? "none" : util::join(commands, ", "));
  std::vector<std::string> logs;
  for (const auto& log : present.decision_logs)
    logs.push_back(fmt::format("<code>{}</code>", esc(log)));
  out += fmt::format("<li>decision log: {} ({} records)</li></ul>",
                     logs.empty() ? "none" : util::join(logs, ", "), present.decision_records);
  if (!row.score.next_gate.empty())
    out += fmt::format("<p class=\"next\">next: {}</p>", esc(row.score.next_gate));
  if (row.history) {
    out += "<h3>Trend</h3><table class=\"trend-table\"><thead><tr><th>date</th><th>commit</th><th "
           "class=\"num\">score</th><th>level</th></tr></thead><tbody>";
    for (const auto& point : row.trend)
      out += point.error.empty()
                 ? fmt::format("<tr><td>{}</td><td><code>{}</code></td><td class=\"num\">{}</td><td>{} "
                               "{}</td></tr>",
                               esc(point.date), esc(point.commit.substr(0, 12)), point.score, point.level,
                               esc(level_name(point.level)))
                 : fmt::format("<tr><td>{}</td><td><code>{}</code></td><td class=\"num\">-</td><td "
                               "class=\"error\">error: {}</td></tr>",
                               esc(point.date), esc(point.commit.substr(0, 12)), esc(point.error));
    out +=
        fmt::format("<tr><td>now</td><td></td><td class=\"num\">{}</td><td>{} {}</td></tr></tbody></table>",
                    row.score.score, row.score.level, esc(level_name(row.score.level)));
    if (!row.trend_note.empty())
      out += fmt::format("<p class=\"muted trend-note\">{}</p>", esc(row.trend_note));
  }
  return out;
}

} // namespace

std::string render_audit_html(std::span<const audit::Repository> rows) {
  std::size_t scored = 0;
  int total = 0;
  for (const auto& row : rows)
    if (row.error.empty()) {
      ++scored;
      total += row.score.score;
    }
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" "
      "content=\"tacit {}\">\n"
      "<title>tacit audit</title>\n<style>{}</style>\n</head>\n<body>\n<h1>tacit audit</h1>\n"
      "<p class=\"muted\" id=\"summary\">{} repositor{}, {} scored{}; levels and formula: "
      "docs/audit.md.</p>\n",
      esc(k_version), k_style, rows.size(), rows.size() == 1 ? "y" : "ies", scored,
      scored
          ? fmt::format(", mean score {}", (total + static_cast<int>(scored) / 2) / static_cast<int>(scored))
          : std::string());
  out += fmt::format("<div class=\"charts\"><figure><figcaption>Score "
                     "distribution</figcaption>{}</figure><figure><figcaption>"
                     "Pillars per repository</figcaption>{}</figure></div>\n",
                     distribution_svg(rows), pillars_svg(rows));
  out += "<h2>Repositories</h2>\n<div class=\"controls\"><label>filter <input id=\"filter\" type=\"search\" "
         "placeholder=\"repository\"></label><label>level at least <select id=\"min-level\"><option "
         "value=\"0\">any</option>";
  for (const auto& level : audit::levels())
    out += fmt::format("<option value=\"{}\">{} {}</option>", level.number, level.number, level.name);
  out += "</select></label><span class=\"muted\"><span id=\"shown\">" + std::to_string(rows.size()) +
         "</span> shown</span></div>\n<table id=\"repositories\">\n<thead><tr><th></th><th "
         "data-key=\"name\">repository</th>"
         "<th class=\"num\" data-key=\"score\">score</th><th class=\"num\" data-key=\"level\">level</th>";
  for (const auto pillar : audit::k_pillars)
    out += fmt::format("<th class=\"num\" data-key=\"p{}\">{}</th>", util::to_lower(pillar), pillar);
  const bool trends = std::any_of(rows.begin(), rows.end(), [](const auto& row) { return row.history; });
  if (trends)
    out += "<th>trend</th>";
  out += "<th>top gaps</th></tr></thead>\n<tbody>\n";
  const int columns = 10 + (trends ? 1 : 0);
  std::string dashes; // the pillar cells of an error row
  for (std::size_t k = 0; k < audit::k_pillars.size(); ++k)
    dashes += "<td class=\"num\">-</td>";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const auto detail_id = fmt::format("detail-{}", i);
    if (!row.error.empty()) {
      out += fmt::format(
          "<tr class=\"repo error-row\" data-index=\"{}\" data-name=\"{}\" data-score=\"\" data-level=\"\"",
          i, esc(row.name));
      for (const auto pillar : audit::k_pillars)
        out += fmt::format(" data-p{}=\"\"", util::to_lower(pillar));
      out +=
          fmt::format("><td></td><td>{}</td><td class=\"num\">-</td><td class=\"num\">-</td>{}{}<td "
                      "class=\"error\">error: "
                      "{}</td></tr>\n<tr class=\"detail\" id=\"{}\" hidden><td colspan=\"{}\"></td></tr>\n",
                      esc(row.name), dashes, trends ? "<td></td>" : "", esc(row.error), detail_id, columns);
      continue;
    }
    out += fmt::format(
        "<tr class=\"repo\" data-index=\"{}\" data-name=\"{}\" data-score=\"{}\" data-level=\"{}\"", i,
        esc(row.name), row.score.score, row.score.level);
    for (const auto& pillar : row.score.pillars)
      out += fmt::format(" data-p{}=\"{}\"", util::to_lower(pillar.name),
                         pillar.score ? std::to_string(*pillar.score) : "");
    out += fmt::format("><td><button class=\"open\" type=\"button\" aria-expanded=\"false\" "
                       "aria-controls=\"{}\" title=\"details\">+</button></td>"
                       "<td>{}</td><td class=\"num score\">{}</td><td class=\"num\">{} {}</td>",
                       detail_id, esc(row.name), row.score.score, row.score.level,
                       esc(level_name(row.score.level)));
    for (const auto& pillar : row.score.pillars)
      out += fmt::format("<td class=\"num\">{}</td>", pillar.score ? std::to_string(*pillar.score) : "-");
    if (trends)
      out += fmt::format("<td class=\"trend-cell\">{}</td>", row.history ? trend_svg(row) : std::string());
    std::vector<std::string> gaps;
    for (const auto* rule : audit::gaps(row.score, 3))
      gaps.push_back(fmt::format("<code>{}</code> {} ({})", esc(rule->id), esc(rule->name), rule->findings));
    out += fmt::format(
        "<td>{}</td></tr>\n<tr class=\"detail\" id=\"{}\" hidden><td colspan=\"{}\">{}</td></tr>\n",
        util::join(gaps, ", "), detail_id, columns, detail_html(row));
  }
  out += "</tbody>\n</table>\n<script>";
  out += k_script;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

} // namespace tacit::report
