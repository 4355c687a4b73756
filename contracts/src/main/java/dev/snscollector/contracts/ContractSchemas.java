package dev.snscollector.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The contracts' JSON Schemas (draft 2020-12), loaded once from the classpath. */
public final class ContractSchemas {
  public static final String JOB = "/schemas/job.v1.schema.json";
  public static final String RESULT = "/schemas/result.v1.schema.json";
  public static final String RECORD = "/schemas/record.v1.schema.json";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b ->
              b.schemaRegistryConfig(
                  SchemaRegistryConfig.builder()
                      .formatAssertionsEnabled(true)
                      .pathType(PathType.JSON_POINTER)
                      .build()));

  private static final Schema JOB_SCHEMA = load(JOB);
  private static final Schema RESULT_SCHEMA = load(RESULT);
  private static final Schema RECORD_SCHEMA = load(RECORD);

  private ContractSchemas() {}

  public static List<Violation> validateJob(JsonNode job) {
    return validate(JOB_SCHEMA, job);
  }

  public static List<Violation> validateResult(JsonNode result) {
    return validate(RESULT_SCHEMA, result);
  }

  public static List<Violation> validateRecord(JsonNode record) {
    return validate(RECORD_SCHEMA, record);
  }

  private static List<Violation> validate(Schema schema, JsonNode node) {
    List<Error> errors = schema.validate(node);
    List<Violation> out = new ArrayList<>(errors.size());
    for (Error e : errors) {
      String field = e.getInstanceLocation().toString();
      if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
        field = field + "/" + e.getProperty();
      }
      out.add(new Violation(field, e.getMessage()));
    }
    return out;
  }

  private static Schema load(String resource) {
    try (InputStream in = open(resource)) {
      return REGISTRY.getSchema(in, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read contract schema " + resource, e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = ContractSchemas.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("contract schema missing from the classpath: " + resource);
    }
    return in;
  }
}
