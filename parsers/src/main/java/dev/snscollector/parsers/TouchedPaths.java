package dev.snscollector.parsers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON pointers a mapper read while it built records: every property or element it looked up
 * (present or not), every child it iterated over, every container whose size it asked. Recorded by
 * a copy of the structure whose containers note each read ({@link #wrap}); values are shared, not
 * copied. Only a traced parse pays for it ({@link PageParser#parseTraced}); a normal parse reads
 * the plain tree.
 *
 * <p>Not thread-safe; one per traced parse.
 */
public final class TouchedPaths {
  private final Set<String> pointers = new LinkedHashSet<>();

  /** The pointers read, in the order first read. */
  public Set<String> pointers() {
    return Set.copyOf(pointers);
  }

  /** The pointers read, in the order first read. */
  public List<String> inOrder() {
    return List.copyOf(pointers);
  }

  void touch(String pointer) {
    pointers.add(pointer);
  }

  /** A copy of {@code root} whose containers record every read into this set. */
  public JsonNode wrap(JsonNode root) {
    return wrap(root, "");
  }

  private JsonNode wrap(JsonNode node, String at) {
    if (node instanceof ObjectNode o) {
      Map<String, JsonNode> children = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        children.put(e.getKey(), wrap(e.getValue(), at + "/" + escape(e.getKey())));
      }
      return new TrackedObject(this, at, children);
    }
    if (node instanceof ArrayNode a) {
      List<JsonNode> children = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        children.add(wrap(a.get(i), at + "/" + i));
      }
      return new TrackedArray(this, at, children);
    }
    return node;
  }

  /** A property name escaped for a JSON pointer (RFC 6901). */
  public static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  /** An object that records each read of its properties. */
  private static final class TrackedObject extends ObjectNode {
    private static final long serialVersionUID = 1L;
    private final transient TouchedPaths sink;
    private final String at;

    TrackedObject(TouchedPaths sink, String at, Map<String, JsonNode> children) {
      super(JsonNodeFactory.instance, children);
      this.sink = sink;
      this.at = at;
    }

    private String child(String name) {
      String pointer = at + "/" + escape(name);
      sink.touch(pointer);
      return pointer;
    }

    private void all() {
      sink.touch(at);
      for (String name : _children.keySet()) {
        child(name);
      }
    }

    @Override
    public JsonNode get(String name) {
      child(name);
      return super.get(name);
    }

    @Override
    public JsonNode path(String name) {
      child(name);
      return super.path(name);
    }

    @Override
    public JsonNode required(String name) {
      child(name);
      return super.required(name);
    }

    @Override
    public Optional<JsonNode> optional(String name) {
      child(name);
      return super.optional(name);
    }

    @Override
    protected JsonNode _at(JsonPointer ptr) {
      child(ptr.getMatchingProperty());
      return super._at(ptr);
    }

    @Override
    public int size() {
      sink.touch(at);
      return super.size();
    }

    @Override
    public boolean isEmpty() {
      sink.touch(at);
      return super.isEmpty();
    }

    @Override
    public Collection<JsonNode> values() {
      all();
      return super.values();
    }

    @Override
    public Stream<JsonNode> valueStream() {
      all();
      return super.valueStream();
    }

    @Override
    public Collection<String> propertyNames() {
      all();
      return super.propertyNames();
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> properties() {
      all();
      return super.properties();
    }

    @Override
    public Stream<Map.Entry<String, JsonNode>> propertyStream() {
      all();
      return super.propertyStream();
    }

    @Override
    public void forEachEntry(BiConsumer<? super String, ? super JsonNode> action) {
      all();
      super.forEachEntry(action);
    }
  }

  /** An array that records each read of its elements. */
  private static final class TrackedArray extends ArrayNode {
    private static final long serialVersionUID = 1L;
    private final transient TouchedPaths sink;
    private final String at;

    TrackedArray(TouchedPaths sink, String at, List<JsonNode> children) {
      super(JsonNodeFactory.instance, children);
      this.sink = sink;
      this.at = at;
    }

    private void child(int index) {
      sink.touch(at + "/" + index);
    }

    private void all() {
      sink.touch(at);
      for (int i = 0; i < super.size(); i++) {
        child(i);
      }
    }

    @Override
    public JsonNode get(int index) {
      child(index);
      return super.get(index);
    }

    @Override
    public JsonNode path(int index) {
      child(index);
      return super.path(index);
    }

    @Override
    public JsonNode required(int index) {
      child(index);
      return super.required(index);
    }

    @Override
    public Optional<JsonNode> optional(int index) {
      child(index);
      return super.optional(index);
    }

    @Override
    protected JsonNode _at(JsonPointer ptr) {
      child(ptr.getMatchingIndex());
      return super._at(ptr);
    }

    @Override
    public int size() {
      sink.touch(at);
      return super.size();
    }

    @Override
    public boolean isEmpty() {
      sink.touch(at);
      return super.isEmpty();
    }

    @Override
    public Collection<JsonNode> values() {
      all();
      return super.values();
    }

    @Override
    public Collection<JsonNode> elements() {
      all();
      return super.elements();
    }

    @Override
    public Stream<JsonNode> valueStream() {
      all();
      return super.valueStream();
    }
  }
}
