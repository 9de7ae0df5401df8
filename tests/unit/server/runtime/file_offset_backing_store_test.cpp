#include "server/runtime/file_offset_backing_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/api/errors.h"
#include "server/runtime/offset_storage_reader_impl.h"
#include "server/runtime/offset_utils.h"

using connectd::api::OffsetMap;
using connectd::api::Value;
using connectd::runtime::FileOffsetBackingStore;
using connectd::runtime::OffsetStorageReaderImpl;
using connectd::runtime::OffsetUtils;

namespace {

class FileOffsetBackingStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("connectd_offsets_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "connect.offsets").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string fileText() const {
    std::ifstream in(path_);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }

  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace

TEST(OffsetUtilsTest, KeysAreJacksonBytesOfConnectorAndPartition) {
  OffsetMap partition{{"filename", Value("/data/in.txt")}};
  EXPECT_EQ(OffsetUtils::keyFor("file-source", partition), R"(["file-source",{"filename":"/data/in.txt"}])");
  OffsetMap mixed{{"s", Value("a\"b\\c\n\x01/é")}, {"i", Value(int32_t{7})}, {"l", Value(int64_t{-3})},
                  {"d", Value(1.0e10)},           {"f", Value(1.5)},        {"b", Value(true)},
                  {"n", Value()}};
  EXPECT_EQ(OffsetUtils::toJson(mixed),
            "{\"s\":\"a\\\"b\\\\c\\n\\u0001/é\",\"i\":7,\"l\":-3,\"d\":1.0E10,\"f\":1.5,\"b\":true,\"n\":null}");
}

TEST(OffsetUtilsTest, ParsesIntegersAsLongsAndKeepsFieldOrder) {
  auto m = OffsetUtils::parse(R"({"z":1,"a":2.5,"m":"x"})");
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].first, "z");
  EXPECT_EQ(m[0].second.kind(), Value::Kind::Int64);
  EXPECT_EQ(m[1].second.kind(), Value::Kind::Float64);
  EXPECT_EQ(OffsetUtils::toJson(m), R"({"z":1,"a":2.5,"m":"x"})");
}

TEST(OffsetUtilsTest, RejectsNonPrimitiveValues) {
  OffsetMap bad{{"list", Value(connectd::api::Array{Value(1)})}};
  try {
    OffsetUtils::validateFormat(bad);
    FAIL();
  } catch (const connectd::api::DataException& e) {
    EXPECT_STREQ(e.what(), "Offsets may only contain primitive types as values, but field list contains ARRAY");
  }
  EXPECT_THROW(OffsetUtils::parse(R"({"a":[1]})"), connectd::api::DataException);
}

TEST(OffsetUtilsTest, MalformedKeysAreIgnored) {
  EXPECT_FALSE(OffsetUtils::parseKey("not json"));
  EXPECT_FALSE(OffsetUtils::parseKey(R"(["a"])"));
  EXPECT_FALSE(OffsetUtils::parseKey(R"([1,{}])"));
  EXPECT_FALSE(OffsetUtils::parseKey(R"(["a",null])"));
  auto ok = OffsetUtils::parseKey(R"(["a",{"p":1}])");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->first, "a");
}

TEST_F(FileOffsetBackingStoreTest, RoundTripsThroughTheFile) {
  std::string key = OffsetUtils::keyFor("src", {{"filename", Value("/a")}});
  {
    FileOffsetBackingStore store(path_);
    store.start();
    store.set({{key, std::string(R"({"position":1234})")}});
    EXPECT_EQ(store.get({key}).at(key), R"({"position":1234})");
  }
  FileOffsetBackingStore reloaded(path_);
  reloaded.start();
  EXPECT_EQ(reloaded.get({key}).at(key), R"({"position":1234})");
  auto partitions = reloaded.connectorPartitions("src");
  ASSERT_EQ(partitions.size(), 1u);
  EXPECT_EQ(partitions[0].at(0).second.asString(), "/a");
  EXPECT_TRUE(reloaded.connectorPartitions("other").empty());
  EXPECT_EQ(fileText(), "{\"[\\\"src\\\",{\\\"filename\\\":\\\"/a\\\"}]\":{\"position\":1234}}\n");
}

TEST_F(FileOffsetBackingStoreTest, TombstonesDeleteKeys) {
  FileOffsetBackingStore store(path_);
  store.start();
  store.set({{"k1", std::string("{\"p\":1}")}, {"k2", std::string("{\"p\":2}")}});
  store.set({{"k1", std::nullopt}});
  EXPECT_TRUE(store.get({"k1"}).empty());
  FileOffsetBackingStore reloaded(path_);
  reloaded.start();
  EXPECT_TRUE(reloaded.get({"k1"}).empty());
  EXPECT_EQ(reloaded.get({"k2"}).at("k2"), "{\"p\":2}");
}

TEST_F(FileOffsetBackingStoreTest, WritesAtomicallyLeavingNoTemporaryFile) {
  FileOffsetBackingStore store(path_);
  store.start();
  for (int i = 0; i < 20; ++i) store.set({{"k", "{\"p\":" + std::to_string(i) + "}"}});
  EXPECT_FALSE(std::filesystem::exists(path_ + ".tmp"));
  std::vector<std::string> entries;
  for (const auto& e : std::filesystem::directory_iterator(dir_)) entries.push_back(e.path().filename().string());
  EXPECT_EQ(entries, std::vector<std::string>{"connect.offsets"});
  FileOffsetBackingStore reloaded(path_);
  reloaded.start();
  EXPECT_EQ(reloaded.get({"k"}).at("k"), "{\"p\":19}");
}

TEST_F(FileOffsetBackingStoreTest, FailedWriteKeepsPreviousStateAndFile) {
  FileOffsetBackingStore store(path_);
  store.start();
  store.set({{"k", std::string("{\"p\":1}")}});
  std::string before = fileText();
  // A directory where the temporary file must go makes the write fail.
  std::filesystem::create_directory(path_ + ".tmp");
  EXPECT_THROW(store.set({{"k", std::string("{\"p\":2}")}}), connectd::api::ConnectException);
  EXPECT_EQ(store.get({"k"}).at("k"), "{\"p\":1}");
  EXPECT_EQ(fileText(), before);
}

TEST_F(FileOffsetBackingStoreTest, MissingFileIsEmptyAndGarbageIsAnError) {
  FileOffsetBackingStore empty(path_);
  EXPECT_NO_THROW(empty.start());
  EXPECT_TRUE(empty.get({"k"}).empty());
  {
    std::ofstream out(path_);
    out << "\xac\xed\x00\x05sr\x00\x11java.util.HashMap";
  }
  FileOffsetBackingStore garbage(path_);
  EXPECT_THROW(garbage.start(), connectd::api::ConnectException);
}

TEST_F(FileOffsetBackingStoreTest, ReaderReturnsCommittedOffsetOfAPartition) {
  auto store = std::make_shared<FileOffsetBackingStore>(path_);
  store->start();
  OffsetMap partition{{"filename", Value("/a")}};
  store->set({{OffsetUtils::keyFor("src", partition), std::string(R"({"position":42})")}});
  OffsetStorageReaderImpl reader(store, "src");
  auto offset = reader.offset(partition);
  ASSERT_TRUE(offset);
  EXPECT_EQ(offset->at(0).second.asInt64(), 42);
  EXPECT_FALSE(reader.offset({{"filename", Value("/b")}}));
  OffsetStorageReaderImpl other(store, "other");
  EXPECT_FALSE(other.offset(partition));
}
