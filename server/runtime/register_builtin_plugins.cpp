#include "server/runtime/register_builtin_plugins.h"

#include "connectors/file/register_file_connectors.h"
#include "connectors/mysql/register_mysql_connectors.h"
#include "server/converters/register_converters.h"
#include "transforms/register_transforms.h"

namespace connectd::runtime {

void registerBuiltinPlugins(api::PluginRegistry& registry) {
  converters::registerConverters(registry);
  transforms::registerTransforms(registry);
  file::registerFileConnectors(registry);
  mysql::registerMySqlConnectors(registry);
}

}  // namespace connectd::runtime
