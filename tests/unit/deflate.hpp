// Test helper shared by the WARC tests and bench_warc: bytes compressed with zlib in one go.
#pragma once

#include <zlib.h>

#include <string>
#include <string_view>

namespace copydesk::testing {

// windowBits: 15 + 16 gzip, 15 zlib, -15 raw deflate; level 0-9.
inline std::string compress(std::string_view data, int window_bits, int level = 6) {
    z_stream zs{};
    deflateInit2(&zs, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

}  // namespace copydesk::testing
