#include <catch2/catch.hpp>
#include <numeric>

#include "copydesk/cli.hpp"

using namespace copydesk;

TEST_CASE("WorkerPool runs every item exactly once, on any number of threads") {
    for (int jobs : {1, 2, 4}) {
        cli::WorkerPool pool(jobs);
        CHECK(pool.jobs() == jobs);
        for (size_t n : {0u, 1u, 7u, 1000u}) {
            std::vector<int> hits(n, 0);
            pool.run(n, [&](size_t i) { hits[i] += 1; });
            CHECK(std::accumulate(hits.begin(), hits.end(), 0) == static_cast<int>(n));
            CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
        }
    }
}

TEST_CASE("input_paths: files-from first, then arguments, stdin when none") {
    cli::CommonOptions o;
    CHECK(cli::input_paths(o) == std::vector<std::string>{"-"});
    o.inputs = {"a", "b"};
    CHECK(cli::input_paths(o) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("version line names the libraries") {
    const std::string v = cli::version_line("copydesk-tag");
    CHECK(v.rfind("copydesk-tag " COPYDESK_VERSION, 0) == 0);
    CHECK(v.find("simdjson") != std::string::npos);
    CHECK(v.find("utf8proc") != std::string::npos);
}
