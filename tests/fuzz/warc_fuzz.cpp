// libFuzzer target for the WARC reader (copydesk/warc.hpp), under ASan and UBSan: any bytes,
// fed in pieces of a size the first byte picks (to cross every buffer boundary), with small
// limits so that the too-large paths run too. Each record's fields are touched.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "copydesk/warc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const size_t piece = size_t(1) << (data[0] % 17);  // 1 byte .. 64 KB
    const bool keep_damaged = data[0] & 0x80;
    std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    copydesk::io::WarcOptions options;
    options.max_record = 4096;
    options.max_header = 1024;
    options.keep_damaged = keep_damaged;
    size_t pos = 0;
    copydesk::io::WarcReader reader(
        [&](char* buf, size_t n) {
            const size_t k = std::min({n, piece, input.size() - pos});
            std::memcpy(buf, input.data() + pos, k);
            pos += k;
            return k;
        },
        options);
    copydesk::io::WarcRecord rec;
    size_t total = 0;
    while (reader.next(rec)) {
        total += rec.payload.size() + rec.target_uri.size() + rec.http_headers.all.size();
        if (rec.payload.size() > options.max_record) __builtin_trap();
        if (rec.offset < 0 || rec.offset > static_cast<int64_t>(input.size())) __builtin_trap();
    }
    for (const auto& d : reader.take_diagnostics())
        if (d.offset < 0 || d.offset > static_cast<int64_t>(input.size())) __builtin_trap();
    if (reader.stats().bytes > static_cast<int64_t>(input.size())) __builtin_trap();
    (void)total;
    return 0;
}
