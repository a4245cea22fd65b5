// Test helpers for tests that write files: paths in a temp folder of the process's own, so
// that tests running at the same time (ctest -j runs each case as a process; several clones
// on one machine) never write the same file, and nothing is left behind.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace copydesk::testing {

inline void remove_temp_dir();

// The process's own folder in the temp folder, removed when the process ends.
inline const std::filesystem::path& temp_dir() {
    static const std::filesystem::path dir = [] {
        const auto d = std::filesystem::temp_directory_path() / ("copydesk-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    // registered once `dir` exists, so that it runs before `dir` is destroyed
    [[maybe_unused]] static const bool cleanup = std::atexit(remove_temp_dir) == 0;
    return dir;
}

inline void remove_temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir(), ec);
}

inline std::string temp_path(const std::string& name) { return (temp_dir() / name).string(); }

inline void write_file(const std::string& path, std::string_view bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace copydesk::testing
