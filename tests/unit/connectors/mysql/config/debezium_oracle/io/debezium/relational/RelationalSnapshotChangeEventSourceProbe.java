package io.debezium.relational;
import java.util.*;
import java.util.regex.Pattern;
import java.util.stream.*;
import io.debezium.util.Strings;
// Mirrors AbstractSnapshotChangeEventSource.getDataCollectionPattern + determineDataCollectionsToBeSnapshotted.
public class RelationalSnapshotChangeEventSourceProbe {
  public boolean snapshotIncluded(RelationalDatabaseConnectorConfig cfg, TableId id) {
    Set<Pattern> ps = cfg.getDataCollectionsToBeSnapshotted().stream().map(t -> Strings.setOfRegex(t, Pattern.CASE_INSENSITIVE)).flatMap(Collection::stream).collect(Collectors.toSet());
    if (ps.isEmpty()) return true;
    return ps.stream().anyMatch(p -> p.matcher(id.identifier()).matches() || p.matcher(id.toDoubleQuotedString()).matches());
  }
}
