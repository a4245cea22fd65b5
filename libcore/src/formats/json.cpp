// jsonl and json: the record stream itself (record::write), as lines or as one JSON array.
#include "copydesk/record.hpp"
#include "formats/common.hpp"

namespace copydesk::formats::detail {
namespace {

class JsonLinesWriter : public Writer {
  public:
    void write(const Article& a, Output& out) override {
        record::write(a, out);
        out += '\n';
    }
};

// One array, a record per line inside it, so that the output stays line-oriented.
class JsonArrayWriter : public Writer {
  public:
    void begin(Output& out) override { out += '['; }
    void write(const Article& a, Output& out) override {
        out += first_ ? "\n" : ",\n";
        first_ = false;
        record::write(a, out);
    }
    void end(Output& out) override { out += first_ ? "]\n" : "\n]\n"; }

  private:
    bool first_ = true;
};

}  // namespace

std::unique_ptr<Writer> make_jsonl(const WriterOptions&) { return std::make_unique<JsonLinesWriter>(); }
std::unique_ptr<Writer> make_json(const WriterOptions&) { return std::make_unique<JsonArrayWriter>(); }

}  // namespace copydesk::formats::detail
