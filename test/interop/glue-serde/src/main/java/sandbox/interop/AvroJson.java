package sandbox.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro values ⇄ the JSON the extension shows (src/kafka/schema/codecs/avro.ts): decimal → "12.34",
 * timestamp-millis → ISO-8601 with milliseconds and Z, date → "YYYY-MM-DD", uuid → its text,
 * bytes/fixed → base64, enums → symbol, unions of null and one type → null or the value.
 */
final class AvroJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AvroJson() {}

  static JsonNode toJson(Object v, Schema s) {
    if (v == null) return F.nullNode();
    String logical = s.getLogicalType() == null ? null : s.getLogicalType().getName();
    switch (s.getType()) {
      case RECORD -> {
        ObjectNode o = F.objectNode();
        GenericRecord r = (GenericRecord) v;
        for (Schema.Field f : s.getFields()) o.set(f.name(), toJson(r.get(f.name()), f.schema()));
        return o;
      }
      case UNION -> {
        int i = GenericData.get().resolveUnion(s, v);
        return toJson(v, s.getTypes().get(i));
      }
      case ARRAY -> {
        ArrayNode arr = F.arrayNode();
        for (Object x : (Collection<?>) v) arr.add(toJson(x, s.getElementType()));
        return arr;
      }
      case MAP -> {
        ObjectNode o = F.objectNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) o.set(e.getKey().toString(), toJson(e.getValue(), s.getValueType()));
        return o;
      }
      case BYTES, FIXED -> {
        byte[] b = v instanceof ByteBuffer bb ? toArray(bb) : ((GenericFixed) v).bytes();
        if ("decimal".equals(logical)) {
          int scale = ((LogicalTypes.Decimal) s.getLogicalType()).getScale();
          return F.textNode(new BigDecimal(new BigInteger(b), scale).toPlainString());
        }
        return F.textNode(Base64.getEncoder().encodeToString(b));
      }
      case LONG -> {
        long n = (Long) v;
        if ("timestamp-millis".equals(logical)) return F.textNode(ISO_MILLIS.format(Instant.ofEpochMilli(n)));
        return F.numberNode(n);
      }
      case INT -> {
        int n = (Integer) v;
        if ("date".equals(logical)) return F.textNode(LocalDate.ofEpochDay(n).toString());
        return F.numberNode(n);
      }
      case STRING, ENUM -> {
        return F.textNode(v.toString());
      }
      case BOOLEAN -> {
        return F.booleanNode((Boolean) v);
      }
      case FLOAT -> {
        return F.numberNode((Float) v);
      }
      case DOUBLE -> {
        return F.numberNode((Double) v);
      }
      case NULL -> {
        return F.nullNode();
      }
      default -> throw new IllegalArgumentException("unsupported Avro type " + s.getType());
    }
  }

  private static byte[] toArray(ByteBuffer bb) {
    ByteBuffer d = bb.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  static Object fromJson(JsonNode j, Schema s) {
    String logical = s.getLogicalType() == null ? null : s.getLogicalType().getName();
    switch (s.getType()) {
      case RECORD -> {
        GenericData.Record r = new GenericData.Record(s);
        for (Schema.Field f : s.getFields()) {
          JsonNode x = j.get(f.name());
          if (x == null) r.put(f.name(), GenericData.get().getDefaultValue(f));
          else r.put(f.name(), fromJson(x, f.schema()));
        }
        return r;
      }
      case UNION -> {
        if (j.isNull()) return null;
        for (Schema t : s.getTypes()) if (t.getType() != Schema.Type.NULL) return fromJson(j, t);
        return null;
      }
      case ARRAY -> {
        List<Object> out = new ArrayList<>();
        for (JsonNode x : j) out.add(fromJson(x, s.getElementType()));
        return new GenericData.Array<>(s, out);
      }
      case MAP -> {
        Map<String, Object> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          out.put(e.getKey(), fromJson(e.getValue(), s.getValueType()));
        }
        return out;
      }
      case BYTES -> {
        if ("decimal".equals(logical)) {
          int scale = ((LogicalTypes.Decimal) s.getLogicalType()).getScale();
          return ByteBuffer.wrap(new BigDecimal(j.asText()).setScale(scale).unscaledValue().toByteArray());
        }
        return ByteBuffer.wrap(Base64.getDecoder().decode(j.asText()));
      }
      case FIXED -> {
        return new GenericData.Fixed(s, Base64.getDecoder().decode(j.asText()));
      }
      case LONG -> {
        if ("timestamp-millis".equals(logical)) return Instant.parse(j.asText()).toEpochMilli();
        return j.asLong();
      }
      case INT -> {
        if ("date".equals(logical)) return (int) LocalDate.parse(j.asText()).toEpochDay();
        return j.asInt();
      }
      case STRING -> {
        return j.asText();
      }
      case ENUM -> {
        return new GenericData.EnumSymbol(s, j.asText());
      }
      case BOOLEAN -> {
        return j.asBoolean();
      }
      case FLOAT -> {
        return (float) j.asDouble();
      }
      case DOUBLE -> {
        return j.asDouble();
      }
      case NULL -> {
        return null;
      }
      default -> throw new IllegalArgumentException("unsupported Avro type " + s.getType());
    }
  }
}
