#include "rest/entities.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"

namespace connectd::rest {
namespace {

using runtime::ConnectorType;

TEST(EntitiesTest, ConnectorInfoRendersCompactWithLowerCaseType) {
  runtime::ConnectorInfo info{"my-conn", {{"connector.class", "FileStreamSource"}, {"name", "my-conn"}},
                              {{"my-conn", 0}, {"my-conn", 1}}, ConnectorType::Source};
  EXPECT_EQ(dump(toJson(info)),
            R"({"name":"my-conn","config":{"connector.class":"FileStreamSource","name":"my-conn"},)"
            R"("tasks":[{"connector":"my-conn","task":0},{"connector":"my-conn","task":1}],"type":"source"})");
  info.type = ConnectorType::Unknown;
  info.tasks.clear();
  EXPECT_EQ(toJson(info)["type"], "unknown");
  EXPECT_TRUE(toJson(info)["tasks"].is_array());
}

TEST(EntitiesTest, StateTraceIsOmittedWhenEmpty) {
  runtime::ConnectorStateInfo st;
  st.name = "c";
  st.connector = {"RUNNING", "10.0.0.5:8083", ""};
  runtime::TaskStateInfo failed;
  failed.id = 0;
  failed.state = "FAILED";
  failed.worker_id = "10.0.0.6:8083";
  failed.trace = "boom";
  st.tasks.push_back(failed);
  st.type = ConnectorType::Sink;
  EXPECT_EQ(dump(toJson(st)),
            R"({"name":"c","connector":{"state":"RUNNING","worker_id":"10.0.0.5:8083"},)"
            R"("tasks":[{"id":0,"state":"FAILED","worker_id":"10.0.0.6:8083","trace":"boom"}],"type":"sink"})");
}

TEST(EntitiesTest, PluginInfoOmitsUndefinedVersion) {
  api::PluginDesc p{api::PluginKind::Transformation, "org.apache.kafka.connect.transforms.InsertField$Value",
                    "undefined", nullptr};
  EXPECT_EQ(dump(pluginInfoJson(p)),
            R"({"class":"org.apache.kafka.connect.transforms.InsertField$Value","type":"transformation"})");
  p.kind = api::PluginKind::HeaderConverter;
  p.version = "3.9.0";
  EXPECT_EQ(pluginInfoJson(p)["version"], "3.9.0");
  EXPECT_EQ(pluginInfoJson(p)["type"], "header_converter");
}

TEST(EntitiesTest, ConfigInfosRenderNullsAndOrder) {
  runtime::ConfigInfos infos;
  infos.name = "FileStreamSink";
  infos.error_count = 1;
  infos.groups = {"Common"};
  runtime::ConfigInfo known;
  known.definition = runtime::ConfigKeyInfo{"topics", "LIST", false, std::string(""), "HIGH", "doc", std::string("Common"),
                                            4, "LONG", "Topics", {}};
  known.value = runtime::ConfigValueInfo{"topics", std::nullopt, {}, {"Must configure one of topics"}, true};
  runtime::ConfigInfo unknown;
  unknown.value = runtime::ConfigValueInfo{"foo", std::string("bar"), {}, {}, true};
  infos.configs = {known, unknown};
  EXPECT_EQ(dump(toJson(infos)),
            R"({"name":"FileStreamSink","error_count":1,"groups":["Common"],"configs":[)"
            R"({"definition":{"name":"topics","type":"LIST","required":false,"default_value":"","importance":"HIGH",)"
            R"("documentation":"doc","group":"Common","width":"LONG","display_name":"Topics","dependents":[],"order":4},)"
            R"("value":{"name":"topics","value":null,"recommended_values":[],"errors":["Must configure one of topics"],)"
            R"("visible":true}},)"
            R"({"definition":null,"value":{"name":"foo","value":"bar","recommended_values":[],"errors":[],"visible":true}}]})");
}

TEST(EntitiesTest, RequiredKeyHasNullDefault) {
  runtime::ConfigKeyInfo k{"file", "STRING", true, std::nullopt, "HIGH", "", std::nullopt, -1, "NONE", "file", {}};
  auto j = toJson(k);
  EXPECT_TRUE(j["default_value"].is_null());
  EXPECT_TRUE(j["group"].is_null());
  EXPECT_EQ(j["order"], -1);
}

TEST(EntitiesTest, OffsetsEmbedPartitionAndOffsetObjects) {
  runtime::ConnectorOffsets offsets;
  offsets.offsets.push_back({R"({"kafka_topic":"test","kafka_partition":0})", std::string(R"({"kafka_offset":5})")});
  offsets.offsets.push_back({R"({"kafka_topic":"test","kafka_partition":1})", std::nullopt});
  EXPECT_EQ(dump(toJson(offsets)),
            R"({"offsets":[{"partition":{"kafka_topic":"test","kafka_partition":0},"offset":{"kafka_offset":5}},)"
            R"({"partition":{"kafka_topic":"test","kafka_partition":1},"offset":null}]})");
}

TEST(EntitiesTest, LoggerLevelAndTasksConfig) {
  EXPECT_EQ(dump(loggerLevelJson({"INFO", std::nullopt})), R"({"level":"INFO","last_modified":null})");
  EXPECT_EQ(dump(loggerLevelJson({"DEBUG", 1700000000000})), R"({"level":"DEBUG","last_modified":1700000000000})");
  std::vector<runtime::TaskInfo> tasks = {{{"c", 0}, {{"task.class", "T"}}}, {{"c", 1}, {{"task.class", "T"}}}};
  EXPECT_EQ(dump(tasksConfigJson(tasks)), R"({"c-0":{"task.class":"T"},"c-1":{"task.class":"T"}})");
}

TEST(EntitiesTest, ConfigValuesAreCoercedToStringsLikeJackson) {
  auto body = parseRequestBody(R"({"a":"x","b":1,"c":1.50,"d":true,"e":null,"f":-3e2})", true);
  auto cfg = nullableConfigFromJson(body);
  ASSERT_EQ(cfg.size(), 6u);
  EXPECT_EQ(cfg[0], (std::pair<std::string, std::optional<std::string>>{"a", "x"}));
  EXPECT_EQ(cfg[1].second, "1");
  EXPECT_EQ(cfg[2].second, "1.50");
  EXPECT_EQ(cfg[3].second, "true");
  EXPECT_EQ(cfg[4].second, std::nullopt);
  EXPECT_EQ(cfg[5].second, "-3e2");
}

TEST(EntitiesTest, ConfigKeepsDocumentOrderAndLastDuplicateWins) {
  auto cfg = nullableConfigFromJson(parseRequestBody(R"({"z":"1","a":"2","z":"3"})", true));
  ASSERT_EQ(cfg.size(), 2u);
  EXPECT_EQ(cfg[0].first, "z");
  EXPECT_EQ(cfg[0].second, "3");
  EXPECT_EQ(cfg[1].first, "a");
}

TEST(EntitiesTest, NestedConfigValueIsAMappingError) {
  auto body = parseRequestBody(R"({"a":{"b":"c"}})", true);
  try {
    nullableConfigFromJson(body);
    FAIL() << "expected a mapping error";
  } catch (const JsonProcessingException& e) {
    EXPECT_NE(std::string(e.what()).find("Cannot deserialize value of type `java.lang.String` from Object value"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(nullableConfigFromJson(parseRequestBody("[1]", true)), JsonProcessingException);
}

TEST(EntitiesTest, EmptyBodyIsNullAndTrailingContentIsIgnored) {
  EXPECT_TRUE(parseRequestBody("", true).is_null());
  EXPECT_TRUE(parseRequestBody(" \r\n", true).is_null());
  EXPECT_EQ(parseRequestBody(R"({"a":"b"} trailing)", true)["a"], "b");
}

TEST(EntitiesTest, SyntaxErrorsGetJacksonShapedMessages) {
  try {
    parseRequestBody("{\n  \"a\": \"b\",\n}", true);
    FAIL();
  } catch (const JsonProcessingException& e) {
    std::string m = e.what();
    EXPECT_EQ(m.rfind("Unexpected character ('}' (code 125)): ", 0), 0u) << m;
    EXPECT_NE(m.find("line: 3, column: 1]"), std::string::npos) << m;
  }
  try {
    parseRequestBody(R"({"a":)", true);
    FAIL();
  } catch (const JsonProcessingException& e) {
    EXPECT_EQ(std::string(e.what()).rfind("Unexpected end-of-input", 0), 0u) << e.what();
  }
}

TEST(EntitiesTest, DeepNestingIsRejected) {
  std::string deep(5000, '[');
  try {
    parseRequestBody(deep, false);
    FAIL();
  } catch (const JsonProcessingException& e) {
    EXPECT_NE(std::string(e.what()).find("nesting depth"), std::string::npos) << e.what();
  }
}

TEST(EntitiesTest, CreateConnectorRequestParsing) {
  auto req = createConnectorRequestFromJson(
      parseRequestBody(R"({"name":" c1 ","config":{"k":"v"},"initial_state":"paused"})", true));
  EXPECT_EQ(req.name, " c1 ");
  ASSERT_TRUE(req.config);
  EXPECT_EQ(req.config->size(), 1u);
  EXPECT_EQ(req.initial_state, runtime::TargetState::Paused);
  EXPECT_EQ(createConnectorRequestFromJson(parseRequestBody(R"({"initial_state":"Running"})", true)).initial_state,
            runtime::TargetState::Started);
  EXPECT_EQ(createConnectorRequestFromJson(parseRequestBody(R"({"initial_state":"STOPPED"})", true)).initial_state,
            runtime::TargetState::Stopped);
  auto empty = createConnectorRequestFromJson(parseRequestBody(R"({"name":null})", true));
  EXPECT_FALSE(empty.name);
  EXPECT_FALSE(empty.config);
  EXPECT_FALSE(empty.initial_state);
  EXPECT_THROW(createConnectorRequestFromJson(parseRequestBody(R"({"initial_state":"STARTED"})", true)),
               api::BadRequestException);
  try {
    createConnectorRequestFromJson(parseRequestBody(R"({"name":"x","connector.class":"y"})", true));
    FAIL();
  } catch (const JsonProcessingException& e) {
    EXPECT_EQ(std::string(e.what()).rfind("Unrecognized field \"connector.class\" (class "
                                          "org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest), "
                                          "not marked as ignorable",
                                          0),
              0u)
        << e.what();
  }
}

TEST(EntitiesTest, ConnectorOffsetsParsing) {
  auto offsets = connectorOffsetsFromJson(parseRequestBody(
      R"({"offsets":[{"partition":{"kafka_topic":"t","kafka_partition":0},"offset":{"kafka_offset":1.5}},)"
      R"({"partition":{"f":"x"},"offset":null}]})",
      false));
  ASSERT_EQ(offsets.offsets.size(), 2u);
  EXPECT_EQ(offsets.offsets[0].partition_json, R"({"kafka_topic":"t","kafka_partition":0})");
  EXPECT_EQ(offsets.offsets[0].offset_json, R"({"kafka_offset":1.5})");
  EXPECT_EQ(offsets.offsets[1].offset_json, std::nullopt);
  EXPECT_TRUE(connectorOffsetsFromJson(parseRequestBody("{}", false)).offsets.empty());
  EXPECT_THROW(connectorOffsetsFromJson(parseRequestBody(R"({"offsets":[{"partition":"x"}]})", false)),
               JsonProcessingException);
  EXPECT_THROW(connectorOffsetsFromJson(parseRequestBody(R"({"offset":[]})", false)), JsonProcessingException);
}

// Expected strings come from java.util.HashMap on OpenJDK 17.
TEST(EntitiesTest, JavaMapToStringFollowsHashMapOrder) {
  EXPECT_EQ(javaStringHash("name"), 3373707);
  EXPECT_EQ(javaStringHash("\xF0\x9F\x98\x80"), 1772899);
  EXPECT_EQ(javaMapToString({{"file", "/tmp/in"}, {"topic", "t1"}, {"tasks.max", "1"}, {"name", "c1"}}),
            "{name=c1, topic=t1, file=/tmp/in, tasks.max=1}");
  EXPECT_EQ(javaMapToString({{"BB", "1"}, {"Aa", "2"}, {"\xC3\xBC", std::nullopt}, {"\xF0\x9F\x98\x80", "x"}}),
            "{BB=1, Aa=2, \xF0\x9F\x98\x80=x, \xC3\xBC=null}");
  NullableConfig many;
  for (int i = 0; i < 20; ++i) many.emplace_back("key" + std::to_string(i) + ".x", "v");
  EXPECT_EQ(javaMapToString(many),
            "{key2.x=v, key1.x=v, key4.x=v, key3.x=v, key18.x=v, key19.x=v, key0.x=v, key14.x=v, key9.x=v, "
            "key15.x=v, key16.x=v, key17.x=v, key6.x=v, key10.x=v, key5.x=v, key11.x=v, key8.x=v, key12.x=v, "
            "key7.x=v, key13.x=v}");
  EXPECT_EQ(javaMapToString({}), "{}");
}

TEST(EntitiesTest, LocationPathEncodesLikeUriBuilder) {
  EXPECT_EQ(connectorLocationPath("my-conn"), "/connectors/my-conn");
  EXPECT_EQ(connectorLocationPath("a/b c"), "/connectors/a/b%20c");
  EXPECT_EQ(connectorLocationPath("\xC3\xBC"), "/connectors/%C3%BC");
  EXPECT_EQ(connectorLocationPath("50%25"), "/connectors/50%25");
  EXPECT_EQ(connectorLocationPath("50%"), "/connectors/50%25");
  EXPECT_EQ(connectorLocationPath("q?x#y"), "/connectors/q%3Fx%23y");
}

}  // namespace
}  // namespace connectd::rest
