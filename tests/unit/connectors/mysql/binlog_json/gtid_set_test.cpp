#include "connectors/mysql/binlog/gtid_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using connectd::mysql::binlog::MariaDbGtidSet;
using connectd::mysql::binlog::MySqlGtidSet;

const std::string kUuid1 = "24bc7850-2c16-11e6-a073-0242ac110002";
const std::string kA = "036d85a9-64e5-11e6-9b48-42010af0000c";
const std::string kB = "7145bf69-d1ca-11e5-a588-0242ac110004";
const std::string kC = "7c1de3f2-3fd2-11e6-9cdc-42010af000bc";
const std::string kD = "f0000000-0000-0000-0000-000000000001";

std::string le64(uint64_t v) {
  std::string s;
  for (int i = 0; i < 8; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  return s;
}

std::string uuidBytes(std::string_view uuid) {
  std::string s;
  for (size_t i = 0; i < uuid.size(); ++i) {
    if (uuid[i] == '-') continue;
    s.push_back(static_cast<char>(std::stoi(std::string(uuid.substr(i, 2)), nullptr, 16)));
    ++i;
  }
  return s;
}

TEST(MySqlGtidSetTest, ParsesAndPrintsSingleInterval) {
  const MySqlGtidSet gtids = MySqlGtidSet::parse(kUuid1 + ":1-191");
  ASSERT_EQ(gtids.uuidSets().size(), 1u);
  EXPECT_EQ(gtids.uuidSets()[0].intervals, (std::vector<MySqlGtidSet::Interval>{{1, 191}}));
  EXPECT_EQ(gtids.toString(), kUuid1 + ":1-191");
  EXPECT_FALSE(gtids.empty());
}

TEST(MySqlGtidSetTest, ParsesTaggedIntervals) {
  const MySqlGtidSet gtids = MySqlGtidSet::parse(kUuid1 + ":debezium_test:1-191");
  EXPECT_EQ(gtids.toString(), kUuid1 + ":debezium_test:1-191");
  EXPECT_TRUE(gtids.contains(kUuid1 + ":debezium_test:42"));
  EXPECT_FALSE(gtids.contains(kUuid1 + ":42"));

  const MySqlGtidSet mixed = MySqlGtidSet::parse(kUuid1 + ":1-5:Known:1-2:other:3-4:7");
  ASSERT_EQ(mixed.uuidSets().size(), 3u);
  EXPECT_EQ(mixed.uuidSets()[1].tag, "known");
  EXPECT_EQ(mixed.toString(), kUuid1 + ":1-5:known:1-2:other:3-4:7-7");
  EXPECT_EQ(mixed.uuids(), std::vector<std::string>{kUuid1});
}

TEST(MySqlGtidSetTest, JoinsAdjacentIntervalsButKeepsOverlappingOnes) {
  EXPECT_EQ(MySqlGtidSet::parse(kUuid1 + ":1-191:192-199").toString(), kUuid1 + ":1-199");
  EXPECT_EQ(MySqlGtidSet::parse(kUuid1 + ":1-191:193-199").toString(), kUuid1 + ":1-191:193-199");
  EXPECT_EQ(MySqlGtidSet::parse(kUuid1 + ":1-191:192-199:1000-1033:1035-1036:1038-1039").toString(),
            kUuid1 + ":1-199:1000-1033:1035-1036:1038-1039");
  EXPECT_EQ(MySqlGtidSet::parse(kUuid1 + ":10-20:1-9").toString(), kUuid1 + ":1-20");
  EXPECT_EQ(MySqlGtidSet::parse(kUuid1 + ":1-10:5-20").toString(), kUuid1 + ":1-10:5-20");
}

TEST(MySqlGtidSetTest, PrintsSingleTransactionsAsRanges) {
  EXPECT_EQ(MySqlGtidSet::parse(kUuid1 + ":5").toString(), kUuid1 + ":5-5");
  EXPECT_EQ(MySqlGtidSet::parse(kUuid1 + ":3:1").toString(), kUuid1 + ":1-1:3-3");
}

TEST(MySqlGtidSetTest, NormalisesUuidCaseAndToleratesWhitespace) {
  const std::string server_text =
      "036D85A9-64E5-11E6-9B48-42010AF0000C:1-2,\n" + kB + ":1-3202 ,\r\n " + kC + ":1-41\n";
  const MySqlGtidSet gtids = MySqlGtidSet::parse(server_text);
  EXPECT_EQ(gtids.toString(), kA + ":1-2," + kB + ":1-3202," + kC + ":1-41");
  EXPECT_TRUE(MySqlGtidSet::parse("").empty());
  EXPECT_TRUE(MySqlGtidSet::parse(" \n").empty());
  EXPECT_EQ(MySqlGtidSet::parse("").toString(), "");
}

TEST(MySqlGtidSetTest, KeepsTextOrderAndLaterItemWins) {
  const MySqlGtidSet gtids = MySqlGtidSet::parse(kC + ":1-3," + kA + ":1-2," + kC + ":5-9");
  EXPECT_EQ(gtids.toString(), kC + ":5-9," + kA + ":1-2");
  EXPECT_EQ(gtids.uuids(), (std::vector<std::string>{kC, kA}));
}

TEST(MySqlGtidSetTest, RejectsMalformedText) {
  for (const std::string& bad :
       {std::string("not-a-uuid:1-5"), kUuid1, kUuid1 + ":", kUuid1 + ":5-3", kUuid1 + ":0",
        kUuid1 + ":1-x", kUuid1 + ":tag", kUuid1 + ":tag:1:9tag:2", kUuid1 + ":1-5,",
        kUuid1 + ":1-99999999999999999999"}) {
    EXPECT_THROW(MySqlGtidSet::parse(bad), std::invalid_argument) << bad;
  }
  MySqlGtidSet gtids;
  EXPECT_THROW(gtids.add(kUuid1), std::invalid_argument);
  EXPECT_THROW(gtids.add(kUuid1 + ":0"), std::invalid_argument);
  EXPECT_THROW(gtids.add("x:1"), std::invalid_argument);
}

TEST(MySqlGtidSetTest, DeterminesContainment) {
  const MySqlGtidSet gtids = MySqlGtidSet::parse(kC + ":1-41");
  EXPECT_TRUE(gtids.isContainedWithin(MySqlGtidSet::parse(kC + ":1-41")));
  EXPECT_TRUE(gtids.isContainedWithin(MySqlGtidSet::parse(kC + ":1-42")));
  EXPECT_FALSE(gtids.isContainedWithin(MySqlGtidSet::parse(kC + ":2-41")));
  EXPECT_FALSE(gtids.isContainedWithin(MySqlGtidSet::parse(kB + ":1")));
  EXPECT_TRUE(MySqlGtidSet().isContainedWithin(gtids));

  const MySqlGtidSet connector = MySqlGtidSet::parse(kA + ":1-2," + kB + ":1-3200," + kC + ":1-41");
  const MySqlGtidSet server = MySqlGtidSet::parse(kA + ":1-2," + kB + ":1-3202," + kC + ":1-41");
  EXPECT_TRUE(connector.isContainedWithin(server));
  EXPECT_FALSE(server.isContainedWithin(connector));
  // An interval must fit inside one interval of the other set, not across two.
  EXPECT_FALSE(
      MySqlGtidSet::parse(kA + ":1-10").isContainedWithin(MySqlGtidSet::parse(kA + ":1-5:5-10")));
  // Tagged and untagged transactions of one server are different sources.
  EXPECT_FALSE(
      MySqlGtidSet::parse(kA + ":t:1-2").isContainedWithin(MySqlGtidSet::parse(kA + ":1-10")));
}

TEST(MySqlGtidSetTest, RetainsSourcesByUuidInSourceOrder) {
  const MySqlGtidSet original = MySqlGtidSet::parse(kC + ":1-41," + kB + ":1-3200," + kA + ":1-2");
  const std::vector<std::string> keepers{kA, kC, "wont-be-found"};
  const MySqlGtidSet filtered = original.retainAll([&](const std::string& uuid) {
    return std::find(keepers.begin(), keepers.end(), uuid) != keepers.end();
  });
  EXPECT_EQ(filtered.toString(), kA + ":1-2," + kC + ":1-41");
  EXPECT_EQ(original.retainAll(nullptr), original);
}

TEST(MySqlGtidSetTest, RetainsOnlyKnownTsids) {
  const MySqlGtidSet available = MySqlGtidSet::parse(kUuid1 + ":known:1-5:unknown:1-10");
  const MySqlGtidSet known = MySqlGtidSet::parse(kUuid1 + ":known:1-2");
  const MySqlGtidSet filtered = available.retainAllKnownTsids(known);
  EXPECT_EQ(filtered.toString(), kUuid1 + ":known:1-5");
  EXPECT_TRUE(filtered.contains(kUuid1 + ":known:3"));
  EXPECT_FALSE(filtered.contains(kUuid1 + ":unknown:3"));
}

TEST(MySqlGtidSetTest, SortsTagsOfOneServerAfterItsUntaggedTransactions) {
  const MySqlGtidSet gtids = MySqlGtidSet::parse(kA + ":b:1," + kUuid1 + ":1-3," + kA + ":1-5:a:2");
  EXPECT_EQ(gtids.toString(), kA + ":b:1-1," + kUuid1 + ":1-3," + kA + ":1-5:a:2-2");
  EXPECT_EQ(gtids.retainAll([](const std::string&) { return true; }).toString(),
            kA + ":1-5:a:2-2:b:1-1," + kUuid1 + ":1-3");
}

TEST(MySqlGtidSetTest, SubtractsLikeDebezium) {
  const MySqlGtidSet set1 = MySqlGtidSet::parse(
      kA + ":1-20," + kB + ":1-3200:3400-3800:3900-3990," + kC + ":5-8:12-18:25-55:60-65");
  const MySqlGtidSet set2 = MySqlGtidSet::parse(kA + ":1-21," + kB + ":1-3200:3400-3800:4500," +
                                                kC + ":1-49:62-70:80-100");
  const MySqlGtidSet diff = set2.subtract(set1);
  EXPECT_EQ(diff,
            MySqlGtidSet::parse(kA + ":21," + kB + ":4500," + kC + ":1-4:9-11:19-24:66-70:80-100"));
  EXPECT_EQ(diff.toString(),
            kA + ":21-21," + kB + ":4500-4500," + kC + ":1-4:9-11:19-24:66-70:80-100");

  const MySqlGtidSet left = MySqlGtidSet::parse(kA + ":1-20," + kC + ":5-8:12-18:25-55:60-65");
  const MySqlGtidSet right = MySqlGtidSet::parse(kA + ":1-21," + kB + ":1-3200:3400-3800:4500");
  EXPECT_EQ(right.subtract(left).toString(), kA + ":21-21," + kB + ":1-3200:3400-3800:4500-4500");
  EXPECT_TRUE(left.subtract(left).empty());
}

TEST(MySqlGtidSetTest, WithTakesWholeSourcesFromTheOtherSet) {
  const MySqlGtidSet mine = MySqlGtidSet::parse(kC + ":1-41," + kA + ":1-10");
  const MySqlGtidSet theirs = MySqlGtidSet::parse(kA + ":5-7," + kB + ":1-3");
  EXPECT_EQ(mine.with(theirs).toString(), kA + ":5-7," + kB + ":1-3," + kC + ":1-41");
  // An empty other set returns this set as it is, unsorted.
  EXPECT_EQ(mine.with(MySqlGtidSet()).toString(), kC + ":1-41," + kA + ":1-10");
}

TEST(MySqlGtidSetTest, AddsTransactionsLikeTheBinlogClient) {
  MySqlGtidSet gtids;
  gtids.add(kC + ":1");
  EXPECT_EQ(gtids.toString(), kC + ":1-1");
  gtids.add(kC + ":2");
  gtids.add(kC + ":5");
  EXPECT_EQ(gtids.toString(), kC + ":1-2:5-5");
  gtids.add(kC + ":4");
  EXPECT_EQ(gtids.toString(), kC + ":1-2:4-5");
  gtids.add(kC + ":3");
  EXPECT_EQ(gtids.toString(), kC + ":1-5");
  gtids.add(kC + ":3");
  EXPECT_EQ(gtids.toString(), kC + ":1-5");
  gtids.add(kC + ":9");
  gtids.add(kC + ":7");
  EXPECT_EQ(gtids.toString(), kC + ":1-5:7-7:9-9");
  gtids.add(kC + ":8");
  EXPECT_EQ(gtids.toString(), kC + ":1-5:7-9");
  // A server seen for the first time goes last, whatever its uuid.
  gtids.add("036D85A9-64E5-11E6-9B48-42010AF0000C:17");
  EXPECT_EQ(gtids.toString(), kC + ":1-5:7-9," + kA + ":17-17");
  gtids.add(kA + ":tag:1");
  EXPECT_EQ(gtids.toString(), kC + ":1-5:7-9," + kA + ":17-17:tag:1-1");
  EXPECT_TRUE(gtids.contains(kA + ":TAG:1"));
}

TEST(MySqlGtidSetTest, ReproducesDebeziumStartupMergeAndStreamingOffsets) {
  // MySqlConnection.filterGtidSet: the server's sets for sources the offset knows, the purged set,
  // then the offset's own sets on top.
  const MySqlGtidSet offset = MySqlGtidSet::parse(kB + ":1-10," + kA + ":1-5");
  const MySqlGtidSet available = MySqlGtidSet::parse(kA + ":1-20," + kB + ":1-12," + kC + ":1-7");
  const MySqlGtidSet purged = MySqlGtidSet::parse(kC + ":1-3");
  ASSERT_TRUE(offset.isContainedWithin(available));
  const MySqlGtidSet merged = available.retainAllKnownTsids(offset).with(purged).with(offset);
  EXPECT_EQ(merged.toString(), kA + ":1-5," + kB + ":1-10," + kC + ":1-3");

  // The streaming loop then starts the binlog client's set from that text and adds each GTID.
  MySqlGtidSet running = MySqlGtidSet::parse(merged.toString());
  running.add(kD + ":1");
  running.add(kB + ":11");
  EXPECT_EQ(running.toString(), kA + ":1-5," + kB + ":1-11," + kC + ":1-3," + kD + ":1-1");
}

TEST(MySqlGtidSetTest, EncodesClassicDumpPayload) {
  const MySqlGtidSet gtids = MySqlGtidSet::parse(kA + ":1-5:8-9," + kB + ":7");
  const std::string expected = le64(2) + uuidBytes(kA) + le64(2) + le64(1) + le64(6) + le64(8) +
                               le64(10) + uuidBytes(kB) + le64(1) + le64(7) + le64(8);
  EXPECT_EQ(gtids.encodeForDump(), expected);
  EXPECT_EQ(MySqlGtidSet().encodeForDump(), le64(0));
}

TEST(MySqlGtidSetTest, MergesOverlappingIntervalsWhenEncoding) {
  // The server rejects intervals that overlap or touch, so they are merged on the wire only.
  const MySqlGtidSet gtids = MySqlGtidSet::parse(kA + ":1-10:5-20");
  EXPECT_EQ(gtids.encodeForDump(), le64(1) + uuidBytes(kA) + le64(1) + le64(1) + le64(21));
}

TEST(MySqlGtidSetTest, EncodesTaggedDumpPayload) {
  const MySqlGtidSet gtids = MySqlGtidSet::parse(kA + ":1-5:tg:2");
  const std::string expected = le64((uint64_t{1} << 56) | (2 << 8) | 1) + uuidBytes(kA) +
                               std::string(1, '\0') + le64(1) + le64(1) + le64(6) + uuidBytes(kA) +
                               std::string(1, 4) + "tg" + le64(1) + le64(2) + le64(3);
  EXPECT_EQ(gtids.encodeForDump(), expected);
}

TEST(MariaDbGtidSetTest, ParsesAndPrintsPositions) {
  const MariaDbGtidSet gtids = MariaDbGtidSet::parse("0-1-100,1-2-7");
  EXPECT_EQ(gtids.toString(), "0-1-100,1-2-7");
  EXPECT_EQ(gtids.toSlaveConnectState(), "0-1-100,1-2-7");
  EXPECT_EQ(gtids.toStreamString(), "0-1-100,1-2-7");
  EXPECT_TRUE(gtids.contains("1-2-7"));
  EXPECT_FALSE(gtids.contains("1-2-8"));
  EXPECT_TRUE(MariaDbGtidSet::parse("").empty());
  EXPECT_EQ(MariaDbGtidSet::parse(" 0-1-1 ,\n 2-1-5 ").toString(), "0-1-1,2-1-5");
}

TEST(MariaDbGtidSetTest, KeepsTheLastGtidOfEachDomainAsPosition) {
  const MariaDbGtidSet gtids = MariaDbGtidSet::parse("0-1-5,0-2-9,0-1-3");
  EXPECT_EQ(gtids.toString(), "0-1-3");
  EXPECT_EQ(gtids.toStreamString(), "0-1-3,0-1-5,0-2-9");
}

TEST(MariaDbGtidSetTest, PrintsDomainsInJavaHashMapOrder) {
  EXPECT_EQ(MariaDbGtidSet::parse("5-1-1,3-1-1").toString(), "3-1-1,5-1-1");
  EXPECT_EQ(MariaDbGtidSet::parse("1-1-1,16-1-1,17-1-1").toString(), "16-1-1,1-1-1,17-1-1");
  EXPECT_EQ(MariaDbGtidSet::parse("65536-1-1,4294967295-1-1").toString(),
            "4294967295-1-1,65536-1-1");
  // Past 12 domains the table doubles to 32 buckets, so 16 no longer shares bucket 0.
  std::string many;
  for (int d : {16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}) {
    many += (many.empty() ? "" : ",") + std::to_string(d) + "-1-1";
  }
  EXPECT_EQ(
      MariaDbGtidSet::parse(many).toString(),
      "0-1-1,1-1-1,2-1-1,3-1-1,4-1-1,5-1-1,6-1-1,7-1-1,8-1-1,9-1-1,10-1-1,11-1-1,12-1-1,16-1-1");
}

TEST(MariaDbGtidSetTest, AddReplacesTheDomainPosition) {
  MariaDbGtidSet gtids = MariaDbGtidSet::parse("0-1-100");
  gtids.add("0-1-101");
  EXPECT_EQ(gtids.toString(), "0-1-101");
  gtids.add("1-1-1");
  gtids.add("0-2-5");
  EXPECT_EQ(gtids.toString(), "0-2-5,1-1-1");
  EXPECT_EQ(gtids.toStreamString(), "0-1-101,0-2-5,1-1-1");
  EXPECT_THROW(gtids.add("0-1"), std::invalid_argument);
}

TEST(MariaDbGtidSetTest, DeterminesContainmentPerDomain) {
  const MariaDbGtidSet server = MariaDbGtidSet::parse("0-1-200");
  EXPECT_TRUE(MariaDbGtidSet::parse("0-1-100").isContainedWithin(server));
  EXPECT_TRUE(MariaDbGtidSet::parse("0-1-200").isContainedWithin(server));
  EXPECT_FALSE(MariaDbGtidSet::parse("0-1-300").isContainedWithin(server));
  EXPECT_FALSE(MariaDbGtidSet::parse("1-1-1").isContainedWithin(server));
  // After a failover the domain continues under another server id.
  EXPECT_TRUE(MariaDbGtidSet::parse("0-1-100").isContainedWithin(MariaDbGtidSet::parse("0-2-150")));
  EXPECT_FALSE(
      MariaDbGtidSet::parse("0-1-160").isContainedWithin(MariaDbGtidSet::parse("0-2-150")));
  EXPECT_TRUE(MariaDbGtidSet().isContainedWithin(server));
}

TEST(MariaDbGtidSetTest, RetainsWithsAndSubtractsStreams) {
  // A parsed set lists streams by domain and server; Debezium's results are HashMaps keyed by
  // Objects.hash(domain, server), and their order (checked against the Java classes) is kept.
  const MariaDbGtidSet gtids = MariaDbGtidSet::parse("1-2-7,0-1-100,0-3-4");
  EXPECT_EQ(gtids.toStreamString(), "0-1-100,0-3-4,1-2-7");
  EXPECT_EQ(gtids.retainAll([](const std::string& ds) { return ds != "0-1"; }).toStreamString(),
            "1-2-7,0-3-4");
  const MariaDbGtidSet merged = gtids.with(MariaDbGtidSet::parse("0-1-50,2-2-2"));
  EXPECT_EQ(merged.toStreamString(), "2-2-2,0-1-50,1-2-7,0-3-4");
  // Positions as the binlog client would take them from that text: the last GTID per domain.
  EXPECT_EQ(merged.toString(), "0-3-4,1-2-7,2-2-2");
  EXPECT_EQ(
      MariaDbGtidSet::parse("0-1-9,5-1-1").with(MariaDbGtidSet::parse("5-1-1")).toStreamString(),
      "5-1-1,0-1-9");
  EXPECT_EQ(gtids.with(MariaDbGtidSet()).toString(), gtids.toString());
  // Streams at or behind the other set's stream disappear; others lose the GTIDs the other has.
  EXPECT_EQ(MariaDbGtidSet::parse("0-1-5,0-1-9,1-1-3")
                .subtract(MariaDbGtidSet::parse("0-1-7,1-1-3"))
                .toStreamString(),
            "");
  EXPECT_EQ(MariaDbGtidSet::parse("0-1-9,0-1-12")
                .subtract(MariaDbGtidSet::parse("0-1-7,0-1-9"))
                .toStreamString(),
            "0-1-12");
  EXPECT_EQ(MariaDbGtidSet::parse("0-1-9,5-1-1")
                .subtract(MariaDbGtidSet::parse("5-1-1"))
                .toStreamString(),
            "0-1-9");
}

TEST(MariaDbGtidSetTest, ReproducesDebeziumStartupMergeAndStreamingOffsets) {
  // MariaDbConnection.filterGtidSet with GTID_BINLOG_POS as the available set and no purged set.
  const MariaDbGtidSet offset = MariaDbGtidSet::parse("0-1-100");
  const MariaDbGtidSet available = MariaDbGtidSet::parse("0-1-150,1-3-20");
  ASSERT_TRUE(offset.isContainedWithin(available));
  const MariaDbGtidSet merged =
      available
          .retainAll([&](const std::string& ds) {
            return offset.toStreamString().find(ds + "-") != std::string::npos;
          })
          .with(MariaDbGtidSet())
          .with(offset);
  EXPECT_EQ(merged.toStreamString(), "0-1-100");

  MariaDbGtidSet running = MariaDbGtidSet::parse(merged.toStreamString());
  EXPECT_EQ(running.toSlaveConnectState(), "0-1-100");
  running.add("0-1-101");
  EXPECT_EQ(running.toString(), "0-1-101");
}

TEST(MariaDbGtidSetTest, RejectsMalformedText) {
  for (const char* bad :
       {"0-1", "a-b-c", "0-1-2-3", "0-1-2,,1-1-1", "-1-1-1", "0-1-99999999999999999999999"}) {
    EXPECT_THROW(MariaDbGtidSet::parse(bad), std::invalid_argument) << bad;
  }
}

}  // namespace
