#pragma once

#include <cctype>
#include <string>

#include "connectors/mysql/mysql_connector_config.h"
#include "server/api/errors.h"

namespace connectd::mysql {

// Debezium 3.6's io.debezium.spi.snapshot.Snapshotter as the binlog connectors resolve it from
// snapshot.mode (SnapshotterServiceProvider): the built-in implementations of
// io.debezium.snapshot.mode.* registered in debezium-connector-common, answered for a historized
// schema (MySQL/MariaDB always keep a schema history). The task asks it what to do at start
// (BaseSourceTask.validateSchemaHistory, RelationalSnapshotChangeEventSource.getSnapshottingTask,
// BinlogSnapshotChangeEventSource.determineSnapshotOffset, ChangeEventSourceCoordinator).
//
//   mode                 data               schema             stream  on schema err  on data err
//   initial              !offset||running   !offset||running   yes     no             no
//   initial_only         !offset||running   !offset||running   no      no             no
//   when_needed          !offset||running   !offset||running   yes     no             yes
//   when_needed_no_data  no                 !offset||running   yes     no             yes  (custom)
//   always               yes                yes                yes     no             no
//   no_data              no                 !offset||running   yes     no             no
//   recovery             no                 yes                yes     yes            no
//   configuration_based  snapshot.mode.configuration.based.*
//
// `recovery` alone keeps streaming from the stored offset after its schema snapshot
// (shouldStreamEventsStartingFromSnapshot() == false). `never`, `schema_only` and
// `schema_only_recovery` no longer exist in 3.6 (the connector's validation rejects them).
class Snapshotter {
 public:
  // SnapshotterServiceProvider: snapshot.mode, or snapshot.mode.custom.name for `custom` when
  // set, looked up by name (case-insensitively) among the built-in snapshotters; connectd cannot
  // load Java implementations, so any other name fails as Debezium fails for an unknown one.
  static Snapshotter forConfig(const MySqlConnectorConfig& config) {
    const std::string mode = config.snapshotMode();
    std::string name = mode;
    if (mode == "custom" && !config.snapshotModeCustomName().empty()) name = config.snapshotModeCustomName();
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Snapshotter s;
    if (lower == "initial") {
      s.kind_ = Kind::Initial;
    } else if (lower == "initial_only") {
      s.kind_ = Kind::InitialOnly;
    } else if (lower == "when_needed") {
      s.kind_ = Kind::WhenNeeded;
    } else if (lower == "when_needed_no_data") {
      s.kind_ = Kind::WhenNeededNoData;
    } else if (lower == "always") {
      s.kind_ = Kind::Always;
    } else if (lower == "no_data") {
      s.kind_ = Kind::NoData;
    } else if (lower == "recovery") {
      s.kind_ = Kind::Recovery;
    } else if (lower == "configuration_based") {
      s.kind_ = Kind::ConfigurationBased;
      s.configured_ = config.configurationBasedSnapshot();
    } else {
      throw api::ConnectException("Unable to find " + name + " snapshotter. Please check your configuration.");
    }
    s.name_ = lower;
    return s;
  }

  const std::string& name() const { return name_; }

  bool shouldSnapshotData(bool offset_exists, bool snapshot_in_progress) const {
    switch (kind_) {
      case Kind::Initial:
      case Kind::InitialOnly:
      case Kind::WhenNeeded:
        return !offset_exists || snapshot_in_progress;
      case Kind::Always:
        return true;
      case Kind::ConfigurationBased:
        return configured_.snapshot_data;
      case Kind::WhenNeededNoData:
      case Kind::NoData:
      case Kind::Recovery:
        return false;
    }
    return false;
  }

  bool shouldSnapshotSchema(bool offset_exists, bool snapshot_in_progress) const {
    switch (kind_) {
      case Kind::Always:
      case Kind::Recovery:
        return true;
      case Kind::ConfigurationBased:
        return configured_.snapshot_schema;
      case Kind::Initial:
      case Kind::InitialOnly:
      case Kind::WhenNeeded:
      case Kind::WhenNeededNoData:
      case Kind::NoData:
        return !offset_exists || snapshot_in_progress;
    }
    return false;
  }

  bool shouldStream() const {
    if (kind_ == Kind::ConfigurationBased) return configured_.start_stream;
    return kind_ != Kind::InitialOnly;
  }

  bool shouldSnapshotOnSchemaError() const {
    if (kind_ == Kind::ConfigurationBased) return configured_.snapshot_on_schema_error;
    return kind_ == Kind::Recovery;
  }

  bool shouldSnapshotOnDataError() const {
    if (kind_ == Kind::ConfigurationBased) return configured_.snapshot_on_data_error;
    return kind_ == Kind::WhenNeeded || kind_ == Kind::WhenNeededNoData;
  }

  bool shouldStreamEventsStartingFromSnapshot() const { return kind_ != Kind::Recovery; }

 private:
  enum class Kind { Initial, InitialOnly, WhenNeeded, WhenNeededNoData, Always, NoData, Recovery, ConfigurationBased };

  Snapshotter() = default;

  Kind kind_ = Kind::Initial;
  std::string name_;
  MySqlConnectorConfig::ConfigurationBasedSnapshot configured_;
};

}  // namespace connectd::mysql
