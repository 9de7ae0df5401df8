import java.util.*;
// Minimal JSON tree builder (no Jackson on a consistent classpath here).
class ObjectNode { LinkedHashMap<String,Object> m = new LinkedHashMap<>();
  void put(String k, Object v){ m.put(k, v);} ArrayNode putArray(String k){ ArrayNode a=new ArrayNode(); m.put(k,a); return a;} }
class ArrayNode { List<Object> l = new ArrayList<>(); ObjectNode addObject(){ ObjectNode o=new ObjectNode(); l.add(o); return o;} void add(String s){ l.add(s);} }
class ObjectMapper {
  ObjectNode createObjectNode(){ return new ObjectNode(); }
  ObjectMapper writerWithDefaultPrettyPrinter(){ return this; }
  String writeValueAsString(Object o){ StringBuilder sb=new StringBuilder(); w(o,sb); return sb.toString(); }
  static void w(Object o, StringBuilder sb){
    if (o==null) sb.append("null");
    else if (o instanceof ObjectNode n){ sb.append("{"); boolean f=true; for (var e: n.m.entrySet()){ if(!f) sb.append(","); f=false; str(e.getKey(),sb); sb.append(":"); w(e.getValue(),sb);} sb.append("}\n"); }
    else if (o instanceof ArrayNode a){ sb.append("["); boolean f=true; for (var e: a.l){ if(!f) sb.append(","); f=false; w(e,sb);} sb.append("]"); }
    else if (o instanceof Boolean || o instanceof Number) sb.append(o);
    else str(o.toString(), sb);
  }
  static void str(String s, StringBuilder sb){ sb.append('"'); for (char c: s.toCharArray()){ if(c=='"'||c=='\\') sb.append('\\').append(c); else if(c<0x20) sb.append(String.format("\\u%04x",(int)c)); else sb.append(c);} sb.append('"'); }
}
