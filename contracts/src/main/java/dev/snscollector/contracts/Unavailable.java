package dev.snscollector.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Why a record's value is null although the platform has such a number for that kind of record. A
 * record names the reason in its {@code unavailable} map; a value that is null without a reason is
 * either one the platform never has ({@link RecordContract}) or drift.
 *
 * <p>Every reason is read from the document itself (a flag, a status, the page type, the request
 * that produced it), never guessed from a missing key.
 */
public enum Unavailable {
  /** The creator hid it: YouTube's {@code hiddenSubscriberCount}, like counts hidden on a post. */
  HIDDEN_BY_CREATOR("hidden_by_creator"),
  /** The creator turned the feature off: comments disabled on a video or post. */
  TURNED_OFF("turned_off"),
  /** The account or item is private: the page shows that it exists but not its numbers. */
  PRIVATE("private"),
  /** Age-gated, region-blocked or otherwise unplayable: the page withholds the numbers. */
  RESTRICTED("restricted"),
  /** The API call did not ask for it (a Data API {@code part}, a Graph API field). */
  NOT_REQUESTED("not_requested"),
  /** This kind of document never carries it (a listing without likes, a feed without counts). */
  NOT_IN_PAGE_TYPE("not_in_page_type"),
  /** The number does not exist for this item: views of a photo, replies to a reply. */
  NOT_APPLICABLE("not_applicable"),
  /** The creator never set it: a display name left empty, a channel from before handles. */
  NOT_SET("not_set");

  private final String wireName;

  Unavailable(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static Optional<Unavailable> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static Unavailable parse(String name) {
    return fromWireName(name)
        .orElseThrow(
            () -> new IllegalArgumentException("unknown unavailable reason '" + name + "'"));
  }
}
