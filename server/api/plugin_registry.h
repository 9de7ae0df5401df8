#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api/config_def.h"
#include "server/api/connector.h"
#include "server/api/converter.h"
#include "server/api/predicate.h"
#include "server/api/task.h"
#include "server/api/transformation.h"

namespace connectd::api {

enum class PluginKind { Source, Sink, Transformation, Predicate, Converter, HeaderConverter, Task };

// "source", "sink", "transformation", "predicate", "converter", "header_converter".
std::string_view pluginKindName(PluginKind kind);

struct PluginDesc {
  PluginKind kind;
  std::string class_name;  // canonical Java class name, e.g. org.apache.kafka.connect.file.FileStreamSourceConnector
  std::string version;
  std::function<ConfigDef()> config_def;
};

// Every plugin the worker knows, filled once at start-up (registerXxx(PluginRegistry&)) and
// then only read, from any thread.
//
// Lookup follows Kafka's PluginUtils alias rules: the exact class name; else the simple name
// (after the last '.' and '$'); else the simple name without its type suffix ("Connector",
// "Converter", "Transformation", "Predicate") — an alias only counts when exactly one plugin
// has it. Unknown names throw with the closest registered names.
class PluginRegistry {
 public:
  using ConnectorFactory = std::function<std::unique_ptr<Connector>()>;
  using TaskFactory = std::function<std::unique_ptr<Task>()>;
  using TransformationFactory = std::function<std::unique_ptr<Transformation>()>;
  using PredicateFactory = std::function<std::unique_ptr<Predicate>()>;
  using ConverterFactory = std::function<std::unique_ptr<Converter>()>;
  using HeaderConverterFactory = std::function<std::unique_ptr<HeaderConverter>()>;

  void addSourceConnector(std::string class_name, std::string version, std::function<ConfigDef()> def,
                          ConnectorFactory factory);
  void addSinkConnector(std::string class_name, std::string version, std::function<ConfigDef()> def,
                        ConnectorFactory factory);
  void addTask(std::string class_name, TaskFactory factory);
  void addTransformation(std::string class_name, std::string version, std::function<ConfigDef()> def,
                         TransformationFactory factory);
  void addPredicate(std::string class_name, std::string version, std::function<ConfigDef()> def,
                    PredicateFactory factory);
  // A class that is both a Converter and a HeaderConverter registers both factories.
  void addConverter(std::string class_name, std::string version, std::function<ConfigDef()> def,
                    ConverterFactory factory);
  void addHeaderConverter(std::string class_name, std::string version, std::function<ConfigDef()> def,
                          HeaderConverterFactory factory);

  // Resolves a name or alias among plugins of the given kinds; nullptr when unknown.
  const PluginDesc* find(std::string_view name, std::initializer_list<PluginKind> kinds) const;
  // As find() over connectors, throwing Kafka's ConnectException text with "did you mean" hints.
  const PluginDesc& connector(std::string_view name) const;

  std::unique_ptr<Connector> newConnector(std::string_view name) const;
  std::unique_ptr<Task> newTask(std::string_view class_name) const;
  std::unique_ptr<Transformation> newTransformation(std::string_view name) const;
  std::unique_ptr<Predicate> newPredicate(std::string_view name) const;
  std::unique_ptr<Converter> newConverter(std::string_view name) const;
  std::unique_ptr<HeaderConverter> newHeaderConverter(std::string_view name) const;

  // All plugins of the listed kinds, sorted by class name (GET /connector-plugins).
  std::vector<const PluginDesc*> plugins(std::initializer_list<PluginKind> kinds) const;
  // Up to `n` registered names (class names and aliases) closest to `name`.
  std::vector<std::string> closest(std::string_view name, std::initializer_list<PluginKind> kinds,
                                   size_t n = 3) const;

 private:
  struct Entry {
    PluginDesc desc;
    ConnectorFactory connector;
    TaskFactory task;
    TransformationFactory transformation;
    PredicateFactory predicate;
    ConverterFactory converter;
    HeaderConverterFactory header_converter;
  };
  void add(Entry entry);
  const Entry* findEntry(std::string_view name, std::initializer_list<PluginKind> kinds) const;
  std::vector<std::string> aliasesOf(const Entry& e) const;

  std::vector<std::unique_ptr<Entry>> entries_;
};

std::string simpleName(std::string_view class_name);
std::string prunedName(std::string_view class_name, PluginKind kind);

}  // namespace connectd::api
