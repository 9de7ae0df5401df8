#pragma once

// Small plugins for runtime tests, so they depend on no real connector, SMT or converter.

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/api/connector.h"
#include "server/api/converter.h"
#include "server/api/errors.h"
#include "server/api/plugin_registry.h"
#include "server/api/predicate.h"
#include "server/api/schema.h"
#include "server/api/task.h"
#include "server/api/transformation.h"

namespace connectd::testing {

// Appends `suffix` (required) to string values.
class AppendSuffix : public api::Transformation {
 public:
  static api::ConfigDef configDef() {
    api::ConfigDef def;
    def.define("suffix", api::ConfigDef::Type::String, api::ConfigDef::Importance::High, "Suffix to append");
    return def;
  }
  void configure(const std::map<std::string, std::string>& configs) override {
    api::ParsedConfig parsed(configDef(), configs);
    suffix_ = parsed.getString("suffix");
  }
  bool apply(api::ConnectRecord& record) override {
    if (record.value.kind() != api::Value::Kind::String) throw api::DataException("Only strings are supported");
    record.value = api::Value(record.value.asString() + suffix_);
    return true;
  }
  api::ConfigDef config() const override { return configDef(); }

 private:
  std::string suffix_;
};

class DropAll : public api::Transformation {
 public:
  void configure(const std::map<std::string, std::string>&) override {}
  bool apply(api::ConnectRecord&) override { return false; }
  api::ConfigDef config() const override { return {}; }
};

// True when the record's topic equals `topic`.
class TopicIs : public api::Predicate {
 public:
  static api::ConfigDef configDef() {
    api::ConfigDef def;
    def.define("topic", api::ConfigDef::Type::String, api::ConfigDef::Importance::High, "Topic");
    return def;
  }
  void configure(const std::map<std::string, std::string>& configs) override { topic_ = configs.at("topic"); }
  bool test(const api::ConnectRecord& record) override { return record.topic == topic_; }
  api::ConfigDef config() const override { return configDef(); }

 private:
  std::string topic_;
};

// Strings as UTF-8 bytes; null stays null.
class PlainStringConverter : public api::Converter, public api::HeaderConverter {
 public:
  void configure(const std::map<std::string, std::string>&, bool) override {}
  void configure(const std::map<std::string, std::string>&) override {}
  bool fromConnectData(std::string_view, const api::SchemaPtr&, const api::Value& value, std::string& out) override {
    out.clear();
    if (value.isNull()) return false;
    out = value.kind() == api::Value::Kind::String ? value.asString() : value.toString();
    return true;
  }
  api::SchemaAndValue toConnectData(std::string_view, const char* data, size_t size) override {
    if (data == nullptr) return {api::schemas::optionalString(), api::Value()};
    return {api::schemas::optionalString(), api::Value(std::string(data, size))};
  }
  bool fromConnectHeader(std::string_view topic, std::string_view, const api::SchemaPtr& schema, const api::Value& value,
                         std::string& out) override {
    return fromConnectData(topic, schema, value, out);
  }
  api::SchemaAndValue toConnectHeader(std::string_view topic, std::string_view, const char* data, size_t size) override {
    return toConnectData(topic, data, size);
  }
  api::ConfigDef config() const override { return {}; }
};

inline void registerTestPlugins(api::PluginRegistry& registry) {
  registry.addTransformation("test.AppendSuffix", "1.0", &AppendSuffix::configDef,
                             [] { return std::make_unique<AppendSuffix>(); });
  registry.addTransformation("test.DropAll", "1.0", [] { return api::ConfigDef(); },
                             [] { return std::make_unique<DropAll>(); });
  registry.addPredicate("test.TopicIs", "1.0", &TopicIs::configDef, [] { return std::make_unique<TopicIs>(); });
  registry.addConverter("test.PlainStringConverter", "1.0", [] { return api::ConfigDef(); },
                        [] { return std::make_unique<PlainStringConverter>(); });
  registry.addHeaderConverter("test.PlainStringConverter", "1.0", [] { return api::ConfigDef(); },
                              [] { return std::make_unique<PlainStringConverter>(); });
}

}  // namespace connectd::testing
