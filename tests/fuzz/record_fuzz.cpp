// Fuzzes the JSON Lines record reader and writer: any bytes must either read as a record whose
// writing reads back to the same line, or give an error line that is a valid UTF-8 JSON object
// (one that still has a mistyped field is reported as such, not as invalid JSON).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "copydesk/record.hpp"
#include "copydesk/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static copydesk::record::Reader reader;
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    copydesk::Article a;
    if (!reader.read(line, a)) {
        const std::string err = copydesk::record::error_line(line, "fuzz", "fuzz", 1);
        if (!copydesk::text::is_valid_utf8(err)) std::abort();
        copydesk::Article back;
        const auto st = reader.read(err, back);
        if (st ? !back.error : st.message.rfind("field '", 0) != 0) std::abort();
        return 0;
    }
    const std::string once = copydesk::record::write(a);
    if (!copydesk::text::is_valid_utf8(once)) std::abort();
    copydesk::Article again;
    if (!reader.read(once, again)) std::abort();
    if (copydesk::record::write(again) != once) std::abort();
    return 0;
}
