// URL paths map to files inside the site root and never outside it.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "site/site_path.hpp"

using namespace looplab::backend;
namespace fs = std::filesystem;

namespace {

// A small site next to a secret it must never serve.
struct SiteFixture {
  fs::path base;
  fs::path root;
  SiteFixture() {
    base = fs::temp_directory_path() / ("looplab-site-test-" + std::to_string(::getpid()));
    fs::remove_all(base);
    root = base / "site";
    fs::create_directories(root / "lessons" / "x");
    fs::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "start";
    std::ofstream(root / "lessons" / "x" / "index.html") << "lesson";
    std::ofstream(root / "app.js") << "js";
    std::ofstream(root / ".secret") << "hidden";
    std::ofstream(base / "secret.txt") << "outside";
    fs::create_symlink(base / "secret.txt", root / "escape.txt");
    fs::create_directory_symlink(base, root / "up");
    fs::create_symlink(root / "app.js", root / "alias.js");
    root = fs::canonical(root);
  }
  ~SiteFixture() { fs::remove_all(base); }
};

}  // namespace

TEST_CASE("folders serve their index.html; files serve themselves") {
  SiteFixture site;
  auto start = resolve_site_path(site.root, "/");
  REQUIRE(start.kind == SitePath::Kind::file);
  CHECK(start.file == site.root / "index.html");
  auto lesson = resolve_site_path(site.root, "/lessons/x/");
  REQUIRE(lesson.kind == SitePath::Kind::file);
  CHECK(lesson.file == site.root / "lessons" / "x" / "index.html");
  CHECK(resolve_site_path(site.root, "/app.js").kind == SitePath::Kind::file);
  CHECK(resolve_site_path(site.root, "//app.js").kind == SitePath::Kind::file);
  CHECK(resolve_site_path(site.root, "/alias.js").kind == SitePath::Kind::file);
}

TEST_CASE("a folder without its slash redirects, without becoming an open redirect") {
  SiteFixture site;
  auto redirect = resolve_site_path(site.root, "/lessons/x");
  REQUIRE(redirect.kind == SitePath::Kind::redirect);
  CHECK(redirect.location == "/lessons/x/");
  CHECK(resolve_site_path(site.root, "//lessons").location == "/lessons/");
}

TEST_CASE("traversal is refused however it is spelled") {
  SiteFixture site;
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/lessons/../../secret.txt",
                           "/./index.html", "/lessons/..%2f..%2fsecret.txt", "/..\\secret.txt", "/a%00b",
                           "/.secret", "/escape.txt", "/up/secret.txt"}) {
    CAPTURE(path);
    CHECK(resolve_site_path(site.root, path).kind == SitePath::Kind::refused);
  }
}

TEST_CASE("missing files, files used as folders, and bad escapes") {
  SiteFixture site;
  CHECK(resolve_site_path(site.root, "/nope.js").kind == SitePath::Kind::not_found);
  CHECK(resolve_site_path(site.root, "/app.js/").kind == SitePath::Kind::not_found);
  CHECK(resolve_site_path(site.root, "/assets/").kind == SitePath::Kind::not_found);
  CHECK(resolve_site_path(site.root, "/%zz").kind == SitePath::Kind::bad_request);
  CHECK(resolve_site_path(site.root, "app.js").kind == SitePath::Kind::bad_request);
}
