#include "server/api/plugin_registry.h"

#include <algorithm>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::api {

std::string_view pluginKindName(PluginKind kind) {
  switch (kind) {
    case PluginKind::Source: return "source";
    case PluginKind::Sink: return "sink";
    case PluginKind::Transformation: return "transformation";
    case PluginKind::Predicate: return "predicate";
    case PluginKind::Converter: return "converter";
    case PluginKind::HeaderConverter: return "header_converter";
    case PluginKind::Task: return "task";
  }
  return "unknown";
}

std::string simpleName(std::string_view class_name) {
  size_t cut = class_name.find_last_of(".$");
  return std::string(cut == std::string_view::npos ? class_name : class_name.substr(cut + 1));
}

std::string prunedName(std::string_view class_name, PluginKind kind) {
  std::string simple = simpleName(class_name);
  std::string_view suffix;
  switch (kind) {
    case PluginKind::Source:
    case PluginKind::Sink: suffix = "Connector"; break;
    case PluginKind::Converter: suffix = "Converter"; break;
    case PluginKind::HeaderConverter: suffix = "HeaderConverter"; break;
    case PluginKind::Transformation: suffix = "Transformation"; break;
    case PluginKind::Predicate: suffix = "Predicate"; break;
    case PluginKind::Task: return simple;
  }
  if (common::endsWith(simple, suffix) && simple.size() > suffix.size())
    return simple.substr(0, simple.size() - suffix.size());
  return simple;
}

void PluginRegistry::add(Entry entry) {
  // A class registered twice under different kinds (a converter that is also a header
  // converter) keeps one entry per kind, like Kafka's per-type plugin sets.
  entries_.push_back(std::make_unique<Entry>(std::move(entry)));
}

void PluginRegistry::addSourceConnector(std::string class_name, std::string version, std::function<ConfigDef()> def,
                                        ConnectorFactory factory) {
  Entry e;
  e.desc = PluginDesc{PluginKind::Source, std::move(class_name), std::move(version), std::move(def)};
  e.connector = std::move(factory);
  add(std::move(e));
}

void PluginRegistry::addSinkConnector(std::string class_name, std::string version, std::function<ConfigDef()> def,
                                      ConnectorFactory factory) {
  Entry e;
  e.desc = PluginDesc{PluginKind::Sink, std::move(class_name), std::move(version), std::move(def)};
  e.connector = std::move(factory);
  add(std::move(e));
}

void PluginRegistry::addTask(std::string class_name, TaskFactory factory) {
  Entry e;
  e.desc = PluginDesc{PluginKind::Task, std::move(class_name), "", nullptr};
  e.task = std::move(factory);
  add(std::move(e));
}

void PluginRegistry::addTransformation(std::string class_name, std::string version, std::function<ConfigDef()> def,
                                       TransformationFactory factory) {
  Entry e;
  e.desc = PluginDesc{PluginKind::Transformation, std::move(class_name), std::move(version), std::move(def)};
  e.transformation = std::move(factory);
  add(std::move(e));
}

void PluginRegistry::addPredicate(std::string class_name, std::string version, std::function<ConfigDef()> def,
                                  PredicateFactory factory) {
  Entry e;
  e.desc = PluginDesc{PluginKind::Predicate, std::move(class_name), std::move(version), std::move(def)};
  e.predicate = std::move(factory);
  add(std::move(e));
}

void PluginRegistry::addConverter(std::string class_name, std::string version, std::function<ConfigDef()> def,
                                  ConverterFactory factory) {
  Entry e;
  e.desc = PluginDesc{PluginKind::Converter, std::move(class_name), std::move(version), std::move(def)};
  e.converter = std::move(factory);
  add(std::move(e));
}

void PluginRegistry::addHeaderConverter(std::string class_name, std::string version,
                                        std::function<ConfigDef()> def, HeaderConverterFactory factory) {
  Entry e;
  e.desc = PluginDesc{PluginKind::HeaderConverter, std::move(class_name), std::move(version), std::move(def)};
  e.header_converter = std::move(factory);
  add(std::move(e));
}

std::vector<std::string> PluginRegistry::aliasesOf(const Entry& e) const {
  // Kafka's PluginUtils.computeAliases: an alias counts only when no other plugin (of any
  // kind) shares it; the same class under two kinds counts once.
  std::vector<std::string> out;
  if (e.desc.kind == PluginKind::Task) return out;
  auto unique = [&](const std::string& alias) {
    std::vector<std::string_view> owners;
    for (const auto& other : entries_) {
      if (other->desc.kind == PluginKind::Task) continue;
      if (simpleName(other->desc.class_name) == alias || prunedName(other->desc.class_name, other->desc.kind) == alias)
        if (std::find(owners.begin(), owners.end(), other->desc.class_name) == owners.end())
          owners.push_back(other->desc.class_name);
    }
    return owners.size() == 1;
  };
  std::string simple = simpleName(e.desc.class_name);
  std::string pruned = prunedName(e.desc.class_name, e.desc.kind);
  if (unique(simple)) out.push_back(simple);
  if (pruned != simple && unique(pruned)) out.push_back(pruned);
  return out;
}

const PluginRegistry::Entry* PluginRegistry::findEntry(std::string_view name,
                                                       std::initializer_list<PluginKind> kinds) const {
  auto kind_ok = [&](PluginKind k) { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); };
  for (const auto& e : entries_)
    if (kind_ok(e->desc.kind) && e->desc.class_name == name) return e.get();
  for (const auto& e : entries_) {
    if (!kind_ok(e->desc.kind)) continue;
    for (const auto& alias : aliasesOf(*e))
      if (alias == name) return e.get();
  }
  return nullptr;
}

const PluginDesc* PluginRegistry::find(std::string_view name, std::initializer_list<PluginKind> kinds) const {
  const Entry* e = findEntry(name, kinds);
  return e ? &e->desc : nullptr;
}

std::vector<std::string> PluginRegistry::closest(std::string_view name, std::initializer_list<PluginKind> kinds,
                                                 size_t n) const {
  std::vector<std::pair<size_t, std::string>> scored;
  auto kind_ok = [&](PluginKind k) { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); };
  for (const auto& e : entries_) {
    if (!kind_ok(e->desc.kind)) continue;
    std::vector<std::string> names = aliasesOf(*e);
    names.push_back(e->desc.class_name);
    size_t best = SIZE_MAX;
    for (const auto& cand : names) best = std::min(best, common::editDistance(name, cand));
    scored.emplace_back(best, e->desc.class_name);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [score, cls] : scored) {
    if (out.size() >= n) break;
    if (std::find(out.begin(), out.end(), cls) == out.end()) out.push_back(cls);
  }
  return out;
}

const PluginDesc& PluginRegistry::connector(std::string_view name) const {
  const Entry* e = findEntry(name, {PluginKind::Source, PluginKind::Sink});
  if (e) return e->desc;
  std::string msg = "Failed to find any class that implements Connector and which name matches " + std::string(name) +
                    ", available connectors are: ";
  std::vector<std::string> names;
  for (const auto* d : plugins({PluginKind::Source, PluginKind::Sink})) names.push_back(d->class_name);
  msg += common::join(names, ", ");
  auto hints = closest(name, {PluginKind::Source, PluginKind::Sink});
  if (!hints.empty()) msg += " (did you mean " + hints.front() + "?)";
  throw ConnectException(msg);
}

namespace {
template <typename T>
[[noreturn]] void unknown(std::string_view what, std::string_view name, const std::vector<std::string>& hints) {
  std::string msg = "Class " + std::string(name) + " could not be found";
  if (!hints.empty()) msg += "; did you mean " + common::join(hints, ", ") + "?";
  (void)what;
  throw ConfigException(msg);
}
}  // namespace

std::unique_ptr<Connector> PluginRegistry::newConnector(std::string_view name) const {
  const Entry* e = findEntry(name, {PluginKind::Source, PluginKind::Sink});
  if (!e) connector(name);  // throws with Kafka's message
  return e->connector();
}

std::unique_ptr<Task> PluginRegistry::newTask(std::string_view class_name) const {
  const Entry* e = findEntry(class_name, {PluginKind::Task});
  if (!e) throw ConnectException("Failed to find task class " + std::string(class_name));
  return e->task();
}

std::unique_ptr<Transformation> PluginRegistry::newTransformation(std::string_view name) const {
  const Entry* e = findEntry(name, {PluginKind::Transformation});
  if (!e) unknown<Transformation>("Transformation", name, closest(name, {PluginKind::Transformation}));
  return e->transformation();
}

std::unique_ptr<Predicate> PluginRegistry::newPredicate(std::string_view name) const {
  const Entry* e = findEntry(name, {PluginKind::Predicate});
  if (!e) unknown<Predicate>("Predicate", name, closest(name, {PluginKind::Predicate}));
  return e->predicate();
}

std::unique_ptr<Converter> PluginRegistry::newConverter(std::string_view name) const {
  const Entry* e = findEntry(name, {PluginKind::Converter});
  if (!e) unknown<Converter>("Converter", name, closest(name, {PluginKind::Converter}));
  return e->converter();
}

std::unique_ptr<HeaderConverter> PluginRegistry::newHeaderConverter(std::string_view name) const {
  const Entry* e = findEntry(name, {PluginKind::HeaderConverter});
  if (!e) unknown<HeaderConverter>("HeaderConverter", name, closest(name, {PluginKind::HeaderConverter}));
  return e->header_converter();
}

std::vector<const PluginDesc*> PluginRegistry::plugins(std::initializer_list<PluginKind> kinds) const {
  std::vector<const PluginDesc*> out;
  for (const auto& e : entries_)
    if (std::find(kinds.begin(), kinds.end(), e->desc.kind) != kinds.end()) out.push_back(&e->desc);
  std::sort(out.begin(), out.end(), [](const PluginDesc* a, const PluginDesc* b) {
    return a->class_name != b->class_name ? a->class_name < b->class_name : a->kind < b->kind;
  });
  return out;
}

}  // namespace connectd::api
