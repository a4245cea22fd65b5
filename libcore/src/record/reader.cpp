// JSON Lines reader over simdjson On Demand. Known members fill the Article; unknown ones are
// kept verbatim (after a full validity check) in the Extras of the object they stood in.
#include <simdjson.h>

#include "copydesk/record.hpp"

namespace copydesk::record {
namespace {

namespace od = simdjson::ondemand;

// Thrown for a member of the wrong type or shape; becomes ReadStatus::message.
struct FieldError {
    std::string message;
};

std::string_view trim_right(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

class Parser {
  public:
    explicit Parser(simdjson::dom::parser& validator) : validator_(validator) {}

    void article(od::object obj, Article& a) {
        std::string last;
        for (auto field : obj) {
            const std::string_view key = field.unescaped_key().value();
            od::value v = field.value();
            if (!article_member(key, v, a)) {
                extra(a.extra, last, key, v);
                continue;
            }
            last = key;
        }
    }

  private:
    simdjson::dom::parser& validator_;

    [[noreturn]] static void fail(std::string_view key, std::string_view what) {
        throw FieldError{"field '" + std::string(key) + "': expected " + std::string(what)};
    }

    static bool is_null(od::value& v) { return v.is_null(); }

    static std::string str(std::string_view key, od::value& v) {
        std::string_view s;
        if (v.get_string().get(s)) fail(key, "a string");
        return std::string(s);
    }
    static std::optional<std::string> opt_str(std::string_view key, od::value& v) {
        if (is_null(v)) return std::nullopt;
        return str(key, v);
    }
    static int64_t integer(std::string_view key, od::value& v) {
        int64_t n;
        if (v.get_int64().get(n)) fail(key, "an integer");
        return n;
    }
    static double number(std::string_view key, od::value& v) {
        double d;
        if (v.get_double().get(d)) fail(key, "a number");
        return d;
    }
    static bool boolean(std::string_view key, od::value& v) {
        bool b;
        if (v.get_bool().get(b)) fail(key, "true or false");
        return b;
    }
    static std::vector<std::string> strings(std::string_view key, od::value& v) {
        std::vector<std::string> out;
        if (is_null(v)) return out;
        od::array arr;
        if (v.get_array().get(arr)) fail(key, "an array of strings");
        for (auto item : arr) {
            od::value iv = item.value();
            out.push_back(str(key, iv));
        }
        return out;
    }
    template <class F>
    static void each(std::string_view key, od::value& v, F f) {
        if (is_null(v)) return;
        od::array arr;
        if (v.get_array().get(arr)) fail(key, "an array");
        for (auto item : arr) {
            od::value iv = item.value();
            f(iv);
        }
    }
    static od::object object(std::string_view key, od::value& v) {
        od::object o;
        if (v.get_object().get(o)) fail(key, "an object");
        return o;
    }

    // The text of any value as it stands in the input.
    static std::string_view raw_json(std::string_view key, od::value& v) {
        od::json_type type;
        if (v.type().get(type)) fail(key, "a JSON value");
        std::string_view raw;
        simdjson::error_code err;
        if (type == od::json_type::object) {
            od::object o;
            err = v.get_object().get(o);
            if (!err) err = o.raw_json().get(raw);
        } else if (type == od::json_type::array) {
            od::array a;
            err = v.get_array().get(a);
            if (!err) err = a.raw_json().get(raw);
        } else {
            raw = v.raw_json_token();
            err = simdjson::SUCCESS;
        }
        if (err) fail(key, "a valid JSON value");
        return raw;
    }

    // Keeps an unknown member verbatim, after checking that it is valid JSON on its own.
    void extra(Extras& extras, const std::string& after, std::string_view key, od::value& v) {
        const std::string_view raw = trim_right(raw_json(key, v));
        simdjson::padded_string copy(raw);
        if (validator_.parse(copy).error()) fail(key, "a valid JSON value");
        extras.push_back({after, std::string(key), std::string(raw)});
    }

    // Walks an object, calling member(key, value) for each member; those it does not take
    // (returns false) go to extras.
    template <class F>
    void members(std::string_view key, od::value& v, Extras& extras, F member) {
        od::object obj = object(key, v);
        std::string last;
        for (auto field : obj) {
            const std::string_view k = field.unescaped_key().value();
            od::value fv = field.value();
            if (member(k, fv)) {
                last = k;
            } else {
                extra(extras, last, k, fv);
            }
        }
    }

    void span(od::value& v, Span& s) {
        members("spans", v, s.extra, [&](std::string_view k, od::value& fv) {
            if (k == "start") s.start = integer(k, fv);
            else if (k == "end") s.end = integer(k, fv);
            else if (k == "kind") s.kind = str(k, fv);
            else if (k == "href") s.href = str(k, fv);
            else return false;
            return true;
        });
    }

    void rows(std::string_view key, od::value& v, std::vector<std::vector<std::string>>& rows) {
        each(key, v, [&](od::value& row) { rows.push_back(strings(key, row)); });
    }

    void block(std::string_view key, od::value& v, Block& b) {
        members(key, v, b.extra, [&](std::string_view k, od::value& fv) {
            if (k == "type") b.type = str(k, fv);
            else if (k == "text") b.text = str(k, fv);
            else if (k == "spans") each(k, fv, [&](od::value& sv) { span(sv, b.spans.emplace_back()); });
            else if (k == "level") b.level = static_cast<int>(integer(k, fv));
            else if (k == "ordered") b.ordered = boolean(k, fv);
            else if (k == "depth") b.depth = static_cast<int>(integer(k, fv));
            else if (k == "lang") b.lang = str(k, fv);
            else if (k == "src") b.src = str(k, fv);
            else if (k == "alt") b.alt = str(k, fv);
            else if (k == "rows") rows(k, fv, b.rows);
            else if (k == "header_rows") b.header_rows = static_cast<int>(integer(k, fv));
            else return false;
            return true;
        });
    }

    void blocks(std::string_view key, od::value& v, std::vector<Block>& out) {
        each(key, v, [&](od::value& bv) { block(key, bv, out.emplace_back()); });
    }

    void annotation(std::string_view key, od::value& v, Annotation& a) {
        members(key, v, a.extra, [&](std::string_view k, od::value& fv) {
            if (k == "type") a.type = str(k, fv);
            else if (k == "text") a.text = str(k, fv);
            else if (k == "block") a.block = integer(k, fv);
            else if (k == "start") a.start = integer(k, fv);
            else if (k == "end") a.end = integer(k, fv);
            else if (k == "value") a.value = is_null(fv) ? std::string() : str(k, fv);
            else return false;
            return true;
        });
    }

    void annotations(od::value& v, Annotations& an) {
        an.present = true;
        members("annotations", v, an.extra, [&](std::string_view k, od::value& fv) {
            if (k == "language") {
                if (is_null(fv)) return true;
                LanguageGuess& l = an.language.emplace();
                members(k, fv, l.extra, [&](std::string_view lk, od::value& lv) {
                    if (lk == "code") l.code = str(lk, lv);
                    else if (lk == "confidence") l.confidence = number(lk, lv);
                    else return false;
                    return true;
                });
            } else if (k == "entities") {
                each(k, fv, [&](od::value& ev) { annotation(k, ev, an.entities.emplace_back()); });
            } else if (k == "dates") {
                each(k, fv, [&](od::value& ev) { annotation(k, ev, an.dates.emplace_back()); });
            } else if (k == "keywords") {
                each(k, fv, [&](od::value& kv) {
                    Keyword& kw = an.keywords.emplace_back();
                    members(k, kv, kw.extra, [&](std::string_view kk, od::value& kvv) {
                        if (kk == "text") kw.text = str(kk, kvv);
                        else if (kk == "score") kw.score = number(kk, kvv);
                        else return false;
                        return true;
                    });
                });
            } else {
                return false;
            }
            return true;
        });
    }

    void source(od::value& v, Source& s) {
        s.present = true;
        members("source", v, s.extra, [&](std::string_view k, od::value& fv) {
            if (k == "path") s.path = str(k, fv);
            else if (k == "uri") s.uri = str(k, fv);
            else if (k == "format") s.format = str(k, fv);
            else if (k == "warc_record_id") s.warc_record_id = str(k, fv);
            else if (k == "warc_date") s.warc_date = str(k, fv);
            else if (k == "bytes") s.bytes = integer(k, fv);
            else if (k == "offset") s.offset = integer(k, fv);
            else if (k == "charset") s.charset = str(k, fv);
            else if (k == "charset_source") s.charset_source = str(k, fv);
            else return false;
            return true;
        });
    }

    void history(od::value& v, std::vector<std::string>& out) {
        each("history", v, [&](od::value& hv) {
            Extras tmp;
            extra(tmp, "", "history", hv);
            out.push_back(std::move(tmp.back().json));
        });
    }

    bool article_member(std::string_view k, od::value& v, Article& a) {
        if (k == "copydesk") a.schema = static_cast<int>(integer(k, v));
        else if (k == "id") a.id = is_null(v) ? std::string() : str(k, v);
        else if (k == "source") { if (!is_null(v)) source(v, a.source); }
        else if (k == "url") a.url = opt_str(k, v);
        else if (k == "canonical_url") a.canonical_url = opt_str(k, v);
        else if (k == "title") a.title = opt_str(k, v);
        else if (k == "subtitle") a.subtitle = opt_str(k, v);
        else if (k == "authors") a.authors = strings(k, v);
        else if (k == "date_published") a.date_published = opt_str(k, v);
        else if (k == "date_modified") a.date_modified = opt_str(k, v);
        else if (k == "site_name") a.site_name = opt_str(k, v);
        else if (k == "section") a.section = opt_str(k, v);
        else if (k == "breadcrumbs") a.breadcrumbs = strings(k, v);
        else if (k == "categories") a.categories = strings(k, v);
        else if (k == "keywords") a.keywords = strings(k, v);
        else if (k == "description") a.description = opt_str(k, v);
        else if (k == "image") a.image = opt_str(k, v);
        else if (k == "language") a.language = opt_str(k, v);
        else if (k == "license") a.license = opt_str(k, v);
        else if (k == "body") blocks(k, v, a.body);
        else if (k == "comments") blocks(k, v, a.comments);
        else if (k == "annotations") { if (!is_null(v)) annotations(v, a.annotations); }
        else if (k == "history") history(v, a.history);
        else if (k == "warnings") a.warnings = strings(k, v);
        else if (k == "error") a.error = opt_str(k, v);
        else return false;
        return true;
    }
};

}  // namespace

struct Reader::Impl {
    od::parser parser;
    simdjson::dom::parser validator;
    std::string buffer;  // the line, copied with the padding simdjson reads past its end
};

Reader::Reader() : impl_(std::make_unique<Impl>()) {}
Reader::~Reader() = default;

ReadStatus Reader::read(std::string_view line, Article& out) {
    out = Article{};
    std::string& buf = impl_->buffer;
    buf.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    buf.assign(line);
    try {
        od::document doc = impl_->parser.iterate(simdjson::padded_string_view(buf.data(), buf.size(), buf.capacity()));
        od::json_type type;
        if (auto err = doc.type().get(type)) return {false, std::string("invalid JSON: ") + simdjson::error_message(err)};
        if (type != od::json_type::object) {
            simdjson::dom::element root;
            if (auto e = impl_->validator.parse(buf.data(), buf.size(), false).get(root))
                return {false, std::string("invalid JSON: ") + simdjson::error_message(e)};
            return {false, "not a JSON object"};
        }
        Parser(impl_->validator).article(doc.get_object().value(), out);
        if (!doc.current_location().error()) return {false, "invalid JSON: text after the object"};
    } catch (const FieldError& e) {
        return {false, e.message};
    } catch (const simdjson::simdjson_error& e) {
        return {false, std::string("invalid JSON: ") + e.what()};
    }
    return {};
}

}  // namespace copydesk::record
