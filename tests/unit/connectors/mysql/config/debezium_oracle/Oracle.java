import java.util.*;
import java.io.*;
import java.nio.file.*;
import org.apache.kafka.common.config.ConfigValue;
import io.debezium.config.*;
import io.debezium.relational.*;
import io.debezium.schema.*;
import io.debezium.relational.history.*;

// Input: lines "C<TAB>name" start a case, "F<TAB>mysql|mariadb", "P<TAB>key<TAB>value", "T<TAB>db<TAB>table",
// "K<TAB>db<TAB>table<TAB>column", "D<TAB>db". Escapes in fields: \\ \t \n.
// Output: one block per case.
public class Oracle {
  static String unesc(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) { char n = s.charAt(++i); b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n); }
      else b.append(c);
    }
    return b.toString();
  }
  static String esc(String s) { return s == null ? "<null>" : s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"); }

  static class Case { String name; String flavor = "mysql"; Map<String,String> props = new LinkedHashMap<>(); List<String[]> tables = new ArrayList<>(); List<String[]> cols = new ArrayList<>(); List<String> dbs = new ArrayList<>(); }

  public static void main(String[] a) throws Exception {
    List<Case> cases = new ArrayList<>();
    Case cur = null;
    for (String line : Files.readAllLines(Paths.get(a[0]))) {
      if (line.isEmpty()) continue;
      String[] p = line.split("\t", -1);
      for (int i = 0; i < p.length; i++) p[i] = unesc(p[i]);
      switch (p[0]) {
        case "C": cur = new Case(); cur.name = p[1]; cases.add(cur); break;
        case "F": cur.flavor = p[1]; break;
        case "P": cur.props.put(p[1], p[2]); break;
        case "T": cur.tables.add(new String[]{p[1], p[2]}); break;
        case "K": cur.cols.add(new String[]{p[1], p[2], p[3]}); break;
        case "D": cur.dbs.add(p[1]); break;
      }
    }
    PrintStream out = new PrintStream(new FileOutputStream(a[1]), true, "UTF-8");
    for (Case c : cases) {
      out.println("C\t" + esc(c.name));
      boolean mysql = c.flavor.equals("mysql");
      Field.Set all = mysql ? io.debezium.connector.mysql.MySqlConnectorConfig.ALL_FIELDS
          : (Field.Set) Class.forName("io.debezium.connector.mariadb.MariaDbConnectorConfig").getField("ALL_FIELDS").get(null);
      Configuration config = Configuration.from(c.props);
      Map<String, ConfigValue> res = config.validate(all);
      for (var e : new TreeMap<>(res).entrySet()) for (String msg : e.getValue().errorMessages()) out.println("V\t" + esc(e.getKey()) + "\t" + esc(msg));
      // Task start: validateAndRecord(ALL_FIELDS), then topic naming fields, then history.
      List<String> rec = new ArrayList<>();
      config.validateAndRecord(all, rec::add);
      if (rec.isEmpty()) {
        config.validateAndRecord(Field.setOf(CommonConnectorConfig.TOPIC_PREFIX, AbstractTopicNamingStrategy.TOPIC_DELIMITER,
            AbstractTopicNamingStrategy.TOPIC_CACHE_SIZE, AbstractTopicNamingStrategy.TOPIC_TRANSACTION,
            AbstractTopicNamingStrategy.TOPIC_HEARTBEAT_PREFIX, AbstractTopicNamingStrategy.TOPIC_HEARTBEAT_NAME), rec::add);
      }
      if (rec.isEmpty()) {
        String hist = config.getString(HistorizedRelationalDatabaseConnectorConfig.SCHEMA_HISTORY);
        Configuration hc = config.subset(SchemaHistory.CONFIGURATION_FIELD_PREFIX_STRING, false).edit()
            .withDefault(SchemaHistory.NAME, config.getString(CommonConnectorConfig.TOPIC_PREFIX) + "-schemahistory").build();
        if (hist.equals("io.debezium.storage.kafka.history.KafkaSchemaHistory")) hc.validateAndRecord(io.debezium.storage.kafka.history.KafkaSchemaHistory.ALL_FIELDS, rec::add);
        else if (hist.equals("io.debezium.storage.file.history.FileSchemaHistory")) hc.validateAndRecord(io.debezium.storage.file.history.FileSchemaHistory.ALL_FIELDS, rec::add);
      }
      for (String r : rec) out.println("R\t" + esc(r));
      if (!rec.isEmpty()) continue;
      // Derived values from the real config class.
      try {
        RelationalDatabaseConnectorConfig cfg = mysql ? new io.debezium.connector.mysql.MySqlConnectorConfig(config)
            : (RelationalDatabaseConnectorConfig) Class.forName("io.debezium.connector.mariadb.MariaDbConnectorConfig").getConstructor(Configuration.class).newInstance(config);
        RelationalTableFilters f = cfg.getTableFilters();
        for (String db : c.dbs) out.println("D\t" + esc(db) + "\t" + f.databaseFilter().test(db));
        var snap = new io.debezium.relational.RelationalSnapshotChangeEventSourceProbe();
        for (String[] t : c.tables) {
          TableId id = new TableId(t[0], null, t[1]);
          out.println("T\t" + esc(t[0]) + "\t" + esc(t[1]) + "\t" + f.dataCollectionFilter().isIncluded(id) + "\t" + f.eligibleDataCollectionFilter().isIncluded(id)
              + "\t" + f.eligibleForSchemaDataCollectionFilter().isIncluded(id) + "\t" + snap.snapshotIncluded(cfg, id)
              + "\t" + esc(cfg.getTopicNamingStrategy(mysql ? io.debezium.connector.mysql.MySqlConnectorConfig.TOPIC_NAMING_STRATEGY : io.debezium.connector.binlog.BinlogConnectorConfig.TOPIC_NAMING_STRATEGY).dataChangeTopic(id)));
        }
        for (String[] k : c.cols) out.println("K\t" + esc(k[0]) + "\t" + esc(k[1]) + "\t" + esc(k[2]) + "\t" + cfg.getColumnFilter().matches(k[0], null, k[1], k[2]));
        var tns = cfg.getTopicNamingStrategy(io.debezium.connector.binlog.BinlogConnectorConfig.TOPIC_NAMING_STRATEGY);
        out.println("H\t" + esc(tns.heartbeatTopic()) + "\t" + esc(tns.transactionTopic()) + "\t" + esc(tns.schemaChangeTopic()));
        out.println("S\t" + cfg.getSkippedOperations() + "\t" + cfg.getSnapshotMode().getValue() + "\t" + cfg.getSnapshotLockingMode().get().getValue());
      } catch (Throwable t) {
        Throwable r = t; while (r.getCause() != null) r = r.getCause();
        out.println("X\t" + esc(r.getClass().getName() + ": " + r.getMessage()));
      }
    }
  }
}
