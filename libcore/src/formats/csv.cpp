// csv: RFC 4180. A header row, then one row per record with the chosen metadata columns;
// lists joined with "; "; fields quoted when they hold a comma, a quote, CR or LF; CRLF
// line ends.
#include <stdexcept>
#include <string>

#include "formats/common.hpp"

namespace copydesk::formats::detail {
namespace {

enum class Col {
    id, url, canonical_url, title, subtitle, authors, date_published, date_modified, site_name,
    section, breadcrumbs, categories, keywords, description, image, language, license,
    source_path, source_uri, error, words, blocks, text
};

struct ColName { std::string_view name; Col col; };
constexpr ColName kColumns[] = {
    {"id", Col::id}, {"url", Col::url}, {"canonical_url", Col::canonical_url},
    {"title", Col::title}, {"subtitle", Col::subtitle}, {"authors", Col::authors},
    {"date_published", Col::date_published}, {"date_modified", Col::date_modified},
    {"site_name", Col::site_name}, {"section", Col::section}, {"breadcrumbs", Col::breadcrumbs},
    {"categories", Col::categories}, {"keywords", Col::keywords},
    {"description", Col::description}, {"image", Col::image}, {"language", Col::language},
    {"license", Col::license}, {"source_path", Col::source_path}, {"source_uri", Col::source_uri},
    {"error", Col::error}, {"words", Col::words}, {"blocks", Col::blocks}, {"text", Col::text},
};

void field(std::string& out, std::string_view s) {
    with_valid_utf8(s, [&](std::string_view v) {
        if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
            out.append(v);
            return;
        }
        out.push_back('"');
        for (char c : v) {
            if (c == '"') out.push_back('"');
            out.push_back(c);
        }
        out.push_back('"');
    });
}

class CsvWriter final : public Writer {
  public:
    explicit CsvWriter(const WriterOptions& o) : o_(o) {
        for (const auto& name : o.csv_columns) {
            bool found = false;
            for (const auto& c : kColumns) {
                if (c.name == name) {
                    cols_.push_back(c.col);
                    found = true;
                    break;
                }
            }
            if (!found) {
                std::string known;
                for (const auto& c : kColumns) {
                    if (!known.empty()) known.append(", ");
                    known.append(c.name);
                }
                throw std::invalid_argument("unknown csv column '" + name + "' (known: " + known + ")");
            }
        }
    }

    void begin(Output& out) override {
        for (size_t i = 0; i < o_.csv_columns.size(); ++i) {
            if (i) out.push_back(',');
            field(out, o_.csv_columns[i]);
        }
        out.append("\r\n");
    }

    void write(const Article& a, Output& out) override {
        auto opt = [&](const std::optional<std::string>& v) {
            if (v) field(out, *v);
        };
        for (size_t i = 0; i < cols_.size(); ++i) {
            if (i) out.push_back(',');
            switch (cols_[i]) {
                case Col::id: field(out, a.id); break;
                case Col::url: opt(a.url); break;
                case Col::canonical_url: opt(a.canonical_url); break;
                case Col::title: opt(a.title); break;
                case Col::subtitle: opt(a.subtitle); break;
                case Col::authors: field(out, join(a.authors, "; ")); break;
                case Col::date_published: opt(a.date_published); break;
                case Col::date_modified: opt(a.date_modified); break;
                case Col::site_name: opt(a.site_name); break;
                case Col::section: opt(a.section); break;
                case Col::breadcrumbs: field(out, join(a.breadcrumbs, "; ")); break;
                case Col::categories: field(out, join(a.categories, "; ")); break;
                case Col::keywords: field(out, join(a.keywords, "; ")); break;
                case Col::description: opt(a.description); break;
                case Col::image: opt(a.image); break;
                case Col::language: opt(a.language); break;
                case Col::license: opt(a.license); break;
                case Col::source_path: field(out, a.source.path); break;
                case Col::source_uri: field(out, a.source.uri); break;
                case Col::error: opt(a.error); break;
                case Col::words: out.append(std::to_string(word_count(a))); break;
                case Col::blocks: out.append(std::to_string(a.body.size())); break;
                case Col::text: {
                    std::string t;
                    WriterOptions plain;
                    text_record(a, plain, t);
                    while (!t.empty() && t.back() == '\n') t.pop_back();
                    field(out, t);
                    break;
                }
            }
        }
        out.append("\r\n");
    }

  private:
    WriterOptions o_;
    std::vector<Col> cols_;
};

}  // namespace

std::unique_ptr<Writer> make_csv(const WriterOptions& o) { return std::make_unique<CsvWriter>(o); }

}  // namespace copydesk::formats::detail
