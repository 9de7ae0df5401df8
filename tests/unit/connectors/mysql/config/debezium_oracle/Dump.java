import java.util.*;
import org.apache.kafka.common.config.ConfigDef;
import io.debezium.config.*;

public class Dump {
  public static void main(String[] a) throws Exception {
    String which = a[0];
    ConfigDef def;
    Field.Set all;
    if (which.equals("mysql")) {
      def = new io.debezium.connector.mysql.MySqlConnector().config();
      all = io.debezium.connector.mysql.MySqlConnectorConfig.ALL_FIELDS;
    } else {
      Class<?> c = Class.forName("io.debezium.connector.mariadb.MariaDbConnectorConfig");
      def = ((org.apache.kafka.connect.connector.Connector) Class.forName("io.debezium.connector.mariadb.MariaDbConnector").getDeclaredConstructor().newInstance()).config();
      all = (Field.Set) c.getField("ALL_FIELDS").get(null);
    }
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    ArrayNode keys = root.putArray("configDef");
    for (ConfigDef.ConfigKey k : def.configKeys().values()) {
      ObjectNode o = keys.addObject();
      o.put("name", k.name);
      o.put("type", k.type.toString());
      o.put("hasDefault", k.hasDefault());
      if (k.hasDefault()) o.put("default", k.defaultValue == null ? null : ConfigDef.convertToString(k.defaultValue, k.type));
      o.put("importance", k.importance.toString());
      o.put("doc", k.documentation);
      o.put("group", k.group);
      o.put("order", k.orderInGroup);
      o.put("width", k.width.toString());
      o.put("displayName", k.displayName);
      ArrayNode d = o.putArray("dependents"); for (String s : k.dependents) d.add(s);
      o.put("validator", k.validator == null ? null : k.validator.toString());
      o.put("hasValidator", k.validator != null);
      o.put("recommender", k.recommender != null);
      o.put("internal", k.internalConfig);
    }
    ArrayNode fields = root.putArray("allFields");
    for (Field f : all) {
      ObjectNode o = fields.addObject();
      o.put("name", f.name());
      o.put("type", f.type().toString());
      o.put("default", f.defaultValueAsString());
      o.put("required", f.isRequired());
      o.put("validator", f.validator() != null);
      ArrayNode al = o.putArray("aliases"); for (String s : f.deprecatedAliases()) al.add(s);
      ArrayNode d = o.putArray("dependents"); for (String s : f.dependents()) d.add(s);
      o.put("recommender", f.recommender() == null ? null : f.recommender().getClass().getSimpleName());
      if (f.recommender() != null) { try { ArrayNode rv = o.putArray("recommended"); for (Object v : f.recommender().validValues(f, Configuration.empty())) rv.add(String.valueOf(v)); } catch (Exception e) {} }
      o.put("groupName", f.group() == null ? null : f.group().getGroup().toString());
      o.put("groupPos", f.group() == null ? -1 : f.group().getPositionInGroup());
      o.put("description", f.description());
      o.put("displayName", f.displayName());
      o.put("importance", f.importance().toString());
      o.put("width", f.width().toString());
      o.put("kafkaValidation", f.isKafkaValidationEnabled());
    }
    System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }
}
