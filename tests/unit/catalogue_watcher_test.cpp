#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kiosk/app/catalogue_watcher.hpp"
#include "store/uuid.hpp"

using namespace shubbak;
namespace fs = std::filesystem;

TEST(CatalogueWatcher, TakesAChangedFileAndRefusesABrokenOne) {
  fs::path dir = fs::temp_directory_path() / ("shubbak-watch-" + store::new_uuid_v4());
  fs::create_directories(dir);
  fs::path file = dir / "catalog.conf";
  std::ifstream in(SHUBBAK_SOURCE_DIR "/config/demo/catalog.conf");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  std::ofstream(file) << text;
  app::CatalogueWatcher w(file.string());
  EXPECT_FALSE(w.poll()) << "unchanged";
  std::string renamed = text;
  renamed.replace(renamed.find("title.fr = Accompagnement Jisr"), 30, "title.fr = Programme Jisr");
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(1));
  std::ofstream(file) << renamed;
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(2));
  auto c = w.poll();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->service("jisr")->title.at("fr"), "Programme Jisr");
  std::ofstream(file) << "[service broken\n";
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(3));
  EXPECT_FALSE(w.poll()) << "a broken file is not taken";
  fs::remove_all(dir);
}
