// The table of writers (pandoc's writer registry) and what every writer shares.
#include <stdexcept>

#include "formats/common.hpp"

namespace copydesk::formats {

Writer::~Writer() = default;
void Writer::begin(Output&) {}
void Writer::end(Output&) {}

namespace {

class LinesWriter final : public Writer {
  public:
    explicit LinesWriter(RenderOne one) : one_(std::move(one)) {}
    void write(const Article& a, Output& out) override {
        const size_t at = out.size();
        one_(a, out);
        if (out.size() == at || out.back() != '\n') out.push_back('\n');
    }

  private:
    RenderOne one_;
};

class ArrayWriter final : public Writer {
  public:
    explicit ArrayWriter(RenderOne one) : one_(std::move(one)) {}
    void begin(Output& out) override {
        out.push_back('[');
        n_ = 0;
    }
    void write(const Article& a, Output& out) override {
        out.append(n_++ ? ",\n" : "\n");
        one_(a, out);
        while (!out.empty() && out.back() == '\n') out.pop_back();
    }
    void end(Output& out) override { out.append(n_ ? "\n]\n" : "]\n"); }

  private:
    RenderOne one_;
    uint64_t n_ = 0;
};

// jsonl and json records are rendered by the record module; the entries are here so that
// --list-formats and the extension guess know them. TODO(merge): with copydesk/record.hpp,
//     auto one = [](const Article& a, Output& out) { record::write(a, out); };
//     jsonl: [one](const WriterOptions&) { return make_lines_writer(one); }
//     json:  [one](const WriterOptions&) { return make_array_writer(one); }
// Until then make() fails as bad options do (copydesk-convert reports a usage error).
std::unique_ptr<Writer> not_linked(const WriterOptions&) {
    throw std::invalid_argument("this format is written by the record module, which is not linked in here");
}

}  // namespace

std::unique_ptr<Writer> make_lines_writer(RenderOne one) { return std::make_unique<LinesWriter>(std::move(one)); }
std::unique_ptr<Writer> make_array_writer(RenderOne one) { return std::make_unique<ArrayWriter>(std::move(one)); }

const std::vector<FormatInfo>& writers() {
    static const std::vector<FormatInfo> table = {
        {"jsonl", "jsonl", "JSON Lines article records, one per line (the default stream)", not_linked},
        {"json", "json", "one JSON array of article records", not_linked},
        {"text", "txt text", "plain text: title and blocks, records separated by a form feed line",
         detail::make_text},
        {"markdown", "md markdown", "CommonMark with YAML front matter, GFM pipe tables",
         detail::make_markdown},
        {"html", "html htm", "a clean standalone HTML5 page (one <article> per record)",
         detail::make_html},
        {"tei", "xml tei", "TEI P5 XML (one <TEI> per record, <teiCorpus> for several)",
         detail::make_tei},
        {"csv", "csv", "CSV (RFC 4180): a header row, one row of metadata per record",
         detail::make_csv},
        {"wet", "wet", "WARC/1.0 conversion records of the plain text, as Common Crawl WET",
         detail::make_wet},
    };
    return table;
}

const FormatInfo* find_writer(std::string_view name) {
    for (const auto& f : writers()) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

const FormatInfo* writer_for_path(std::string_view path) {
    auto lower = [](std::string_view s) {
        std::string r(s);
        for (char& c : r) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return r;
    };
    std::string p = lower(path);
    if (p.size() > 3 && p.compare(p.size() - 3, 3, ".gz") == 0) p.resize(p.size() - 3);
    const size_t slash = p.find_last_of('/');
    const size_t dot = p.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return nullptr;
    const std::string ext = p.substr(dot + 1);
    if (ext.empty()) return nullptr;
    for (const auto& f : writers()) {
        std::string_view exts = f.extensions;
        while (!exts.empty()) {
            const size_t sp = exts.find(' ');
            if (exts.substr(0, sp) == ext) return &f;
            if (sp == std::string_view::npos) break;
            exts.remove_prefix(sp + 1);
        }
    }
    return nullptr;
}

std::string render(std::string_view format, const Article& a, const WriterOptions& options) {
    const FormatInfo* f = find_writer(format);
    if (!f) throw std::invalid_argument("unknown format '" + std::string(format) + "'");
    auto w = f->make(options);
    std::string out;
    w->begin(out);
    w->write(a, out);
    w->end(out);
    return out;
}

int64_t word_count(const Article& a) {
    int64_t n = 0;
    for (const Block& b : a.body) {
        if (b.type == "code") continue;
        if (b.type == "table") {
            for (const auto& row : b.rows) {
                for (const auto& cell : row) n += detail::count_words(cell);
            }
            continue;
        }
        n += detail::count_words(b.text);
    }
    return n;
}

}  // namespace copydesk::formats
