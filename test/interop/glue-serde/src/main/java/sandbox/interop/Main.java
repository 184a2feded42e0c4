package sandbox.interop;

import com.amazonaws.services.schemaregistry.deserializers.GlueSchemaRegistryKafkaDeserializer;
import com.amazonaws.services.schemaregistry.serializers.GlueSchemaRegistryKafkaSerializer;
import com.amazonaws.services.schemaregistry.serializers.json.JsonDataWithSchema;
import com.amazonaws.services.schemaregistry.utils.AWSSchemaRegistryConstants;
import com.amazonaws.services.schemaregistry.utils.AvroRecordType;
import com.amazonaws.services.schemaregistry.utils.ProtobufMessageType;
import com.amazonaws.services.schemaregistry.utils.apicurio.FileDescriptorUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.services.glue.model.DataFormat;

/**
 * Interop harness for AWS's Glue Schema Registry serde against the sandbox.
 *
 * <pre>
 *   write --bootstrap B --endpoint E --region R --registry REG --schema NAME --format AVRO|PROTOBUF|JSON
 *         --compression NONE|ZLIB --definition FILE [--message-type FULL.NAME] --topic T
 *     reads JSON lines from stdin ({"key": "...", "value": {...}}), writes one record each.
 *   read  --bootstrap B --endpoint E --region R --topic T --count N
 *     reads the first N records of partition 0 and prints {"offset":..,"key":..,"value":..} lines.
 * </pre>
 * JSON conventions match the extension's decoders (src/kafka/schema/codecs): see AvroJson; Protobuf
 * uses the Protobuf JSON mapping (JsonFormat). Credentials come from the environment
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), as for any AWS SDK client.
 */
public final class Main {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final java.io.PrintStream OUT =
      new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) throw new IllegalArgumentException("usage: write|read --option value ...");
    Map<String, String> a = new HashMap<>();
    for (int i = 1; i + 1 < argv.length; i += 2) a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    switch (argv[0]) {
      case "write" -> write(a);
      case "read" -> read(a);
      default -> throw new IllegalArgumentException("unknown mode " + argv[0]);
    }
  }

  private static String need(Map<String, String> a, String k) {
    String v = a.get(k);
    if (v == null) throw new IllegalArgumentException("--" + k + " is required");
    return v;
  }

  private static Properties common(Map<String, String> a) {
    Properties p = new Properties();
    p.put("bootstrap.servers", need(a, "bootstrap"));
    p.put(AWSSchemaRegistryConstants.AWS_ENDPOINT, need(a, "endpoint"));
    p.put(AWSSchemaRegistryConstants.AWS_REGION, need(a, "region"));
    return p;
  }

  private static void write(Map<String, String> a) throws Exception {
    String format = need(a, "format");
    String definition = Files.readString(Path.of(need(a, "definition")), StandardCharsets.UTF_8);
    Properties p = common(a);
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", GlueSchemaRegistryKafkaSerializer.class.getName());
    p.put("acks", "all");
    p.put(AWSSchemaRegistryConstants.REGISTRY_NAME, need(a, "registry"));
    p.put(AWSSchemaRegistryConstants.SCHEMA_NAME, need(a, "schema"));
    p.put(AWSSchemaRegistryConstants.DATA_FORMAT, DataFormat.fromValue(format).toString());
    p.put(AWSSchemaRegistryConstants.SCHEMA_AUTO_REGISTRATION_SETTING, "true");
    p.put(AWSSchemaRegistryConstants.COMPRESSION_TYPE, need(a, "compression"));
    p.put(AWSSchemaRegistryConstants.AVRO_RECORD_TYPE, AvroRecordType.GENERIC_RECORD.getName());
    p.put(AWSSchemaRegistryConstants.PROTOBUF_MESSAGE_TYPE, ProtobufMessageType.DYNAMIC_MESSAGE.getName());

    Schema avroSchema = format.equals("AVRO") ? new Schema.Parser().parse(definition) : null;
    Descriptors.Descriptor protoType = null;
    if (format.equals("PROTOBUF")) {
      // The serde's .proto loader puts the file under its package's folders (wire checks the path).
      java.util.regex.Matcher pkg =
          java.util.regex.Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;").matcher(definition);
      Descriptors.FileDescriptor file = FileDescriptorUtils.protoFileToFileDescriptor(
          definition, "schema.proto", pkg.find() ? Optional.of(pkg.group(1)) : Optional.empty());
      String wanted = a.get("message-type");
      protoType = wanted == null ? file.getMessageTypes().get(0) : find(file, wanted);
    }

    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) if (!line.isBlank()) lines.add(line);
    }
    String topic = need(a, "topic");
    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p)) {
      for (String line : lines) {
        JsonNode rec = MAPPER.readTree(line);
        JsonNode value = rec.get("value");
        Object out;
        if (avroSchema != null) out = AvroJson.fromJson(value, avroSchema);
        else if (protoType != null) {
          DynamicMessage.Builder b = DynamicMessage.newBuilder(protoType);
          JsonFormat.parser().merge(MAPPER.writeValueAsString(value), b);
          out = b.build();
        } else out = JsonDataWithSchema.builder(definition, MAPPER.writeValueAsString(value)).build();
        String key = rec.hasNonNull("key") ? rec.get("key").asText() : null;
        producer.send(new ProducerRecord<>(topic, 0, key, out)).get();
      }
    }
    OUT.println("{\"written\":" + lines.size() + "}");
  }

  private static Descriptors.Descriptor find(Descriptors.FileDescriptor file, String fullName) {
    List<Descriptors.Descriptor> queue = new ArrayList<>(file.getMessageTypes());
    while (!queue.isEmpty()) {
      Descriptors.Descriptor d = queue.remove(0);
      if (d.getFullName().equals(fullName)) return d;
      queue.addAll(d.getNestedTypes());
    }
    throw new IllegalArgumentException("no message " + fullName + " in the definition");
  }

  private static void read(Map<String, String> a) throws Exception {
    Properties p = common(a);
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", GlueSchemaRegistryKafkaDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    p.put("group.id", "interop-reader-unused");
    p.put(AWSSchemaRegistryConstants.AVRO_RECORD_TYPE, AvroRecordType.GENERIC_RECORD.getName());
    p.put(AWSSchemaRegistryConstants.PROTOBUF_MESSAGE_TYPE, ProtobufMessageType.DYNAMIC_MESSAGE.getName());
    int count = Integer.parseInt(need(a, "count"));
    long deadline = System.currentTimeMillis() + 60_000;
    int seen = 0;
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(p)) {
      TopicPartition tp = new TopicPartition(need(a, "topic"), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (seen < count && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(500))) {
          if (seen >= count) break;
          Map<String, Object> line = new HashMap<>();
          line.put("offset", r.offset());
          line.put("key", r.key());
          line.put("value", toJson(r.value()));
          OUT.println(MAPPER.writeValueAsString(line));
          seen++;
        }
      }
    }
    if (seen < count) throw new IllegalStateException("read " + seen + " of " + count + " records in 60 s");
  }

  private static JsonNode toJson(Object v) throws Exception {
    if (v == null) return MAPPER.nullNode();
    if (v instanceof GenericRecord g) return AvroJson.toJson(g, g.getSchema());
    if (v instanceof Message m) return MAPPER.readTree(JsonFormat.printer().print(m));
    if (v instanceof JsonDataWithSchema j) return MAPPER.readTree(j.getPayload());
    throw new IllegalStateException("unexpected deserialized type " + v.getClass());
  }
}
