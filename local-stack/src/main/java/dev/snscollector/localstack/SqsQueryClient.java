package dev.snscollector.localstack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The two SQS calls {@link EmbeddedSqs} needs to set itself up (CreateQueue, GetQueueAttributes),
 * spoken in the SQS query protocol over the JDK's HTTP client, so this module does not put the AWS
 * SQS SDK on its consumers' classpath.
 */
final class SqsQueryClient implements AutoCloseable {
  private static final String API_VERSION = "2012-11-05";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final HttpClient http;

  SqsQueryClient(URI endpoint) {
    this.endpoint = endpoint;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** Creates the queue (idempotent for identical attributes) and returns its URL. */
  String createQueue(String name, Map<String, String> attributes) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Action", "CreateQueue");
    params.put("QueueName", name);
    int i = 1;
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      params.put("Attribute." + i + ".Name", attribute.getKey());
      params.put("Attribute." + i + ".Value", attribute.getValue());
      i++;
    }
    return text(call(params), "QueueUrl");
  }

  /** Reads one attribute, e.g. {@code QueueArn}. */
  String queueAttribute(String queueUrl, String attributeName) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Action", "GetQueueAttributes");
    params.put("QueueUrl", queueUrl);
    params.put("AttributeName.1", attributeName);
    NodeList attributes = call(params).getElementsByTagName("Attribute");
    for (int a = 0; a < attributes.getLength(); a++) {
      Element attribute = (Element) attributes.item(a);
      if (attributeName.equals(text(attribute, "Name"))) {
        return text(attribute, "Value");
      }
    }
    throw failure("GetQueueAttributes returned no " + attributeName + " for " + queueUrl, null);
  }

  private Document call(Map<String, String> params) {
    Map<String, String> all = new LinkedHashMap<>(params);
    all.put("Version", API_VERSION);
    String form =
        all.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw failure(params.get("Action") + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(params.get("Action") + " interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw failure(
          params.get("Action")
              + " returned HTTP "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8),
          null);
    }
    return parse(response.body());
  }

  private Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw failure("unreadable SQS response", e);
    }
  }

  private String text(Document document, String tag) {
    return text(document.getDocumentElement(), tag);
  }

  private String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    if (nodes.getLength() == 0) {
      throw failure("SQS response has no <" + tag + ">", null);
    }
    return nodes.item(0).getTextContent().strip();
  }

  private LocalStackException failure(String message, @Nullable Throwable cause) {
    return new LocalStackException("sqs", endpoint.toString(), message, cause);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    http.close();
  }
}
